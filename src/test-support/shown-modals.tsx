import React from 'react';
import { render } from '@testing-library/react';
import { showModal } from '@openmrs/esm-framework';

/**
 * Renders what a page asks `showModal` to show, as the app shell does: in a frame with role="dialog",
 * removed when the modal's closeModal runs, and then the `onClose` given to showModal.
 */
export function renderShownModals(modals: Record<string, (props: never) => React.ReactNode>) {
  jest.mocked(showModal).mockImplementation((name, props = {}, onClose = () => {}) => {
    const Modal = modals[name] as React.ComponentType<Record<string, unknown>>;
    let open = true;
    const close = () => {
      if (open) {
        open = false;
        view.unmount();
        onClose();
      }
    };
    const view = render(
      <div role="dialog" aria-modal="true">
        <Modal {...props} />
      </div>,
    );
    return close;
  });
}
