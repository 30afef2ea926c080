import { showModal } from '@openmrs/esm-framework';

type ModalSize = NonNullable<Parameters<typeof showModal>[1]>['size'];

/** What each modal this app opens receives besides its own props. */
export interface ChangingModalProps {
  /** closes the modal, as its Cancel, Done and close buttons do */
  closeModal(): void;
  /** the modal changed something on the server: the page reloads once the modal closes */
  onChange(): void;
}

/**
 * Opens a modal registered in routes.json. Once it closes, by its own buttons or by Escape (which the
 * app shell handles without telling the modal), `reload` runs if the modal reported a change.
 */
export function showChangingModal<Props extends Record<string, unknown>>(
  name: string,
  props: Props & { size?: ModalSize },
  reload: () => void,
): () => void {
  let changed = false;
  const modalProps = {
    ...props,
    closeModal: () => dispose(),
    onChange: () => {
      changed = true;
    },
  };
  const dispose = showModal(name, modalProps, () => {
    if (changed) {
      reload();
    }
  });
  return dispose;
}
