import React from 'react';
import { Button, ModalFooter } from '@carbon/react';
import { useTranslation } from './use-translation';

interface BulkModalFooterProps {
  /** useBulkDialogFocus's doneRef: focus lands on Done once the run ends */
  doneRef: React.Ref<HTMLButtonElement>;
  running: boolean;
  /** a run has ended (its outcome is shown); with `running`, Cancel becomes Done and the confirm button goes */
  ended: boolean;
  onClose(): void;
  /** the button that starts the run, shown until it starts */
  confirm: React.ReactNode;
  /** items left after a run ended (failed or not reached); "Retry the rest" is offered when there are any */
  remaining: number;
  onRetry(): void;
}

/** The footer of a dialog that runs a bulk change: Cancel or Done, the confirm button, "Retry the rest". */
const BulkModalFooter: React.FC<BulkModalFooterProps> = ({ doneRef, running, ended, onClose, confirm, remaining, onRetry }) => {
  const { t } = useTranslation();
  const started = running || ended;
  return (
    <ModalFooter>
      <Button ref={doneRef} kind="secondary" onClick={onClose} disabled={running}>
        {started ? t('done', 'Done') : t('cancel', 'Cancel')}
      </Button>
      {!started && confirm}
      {ended && remaining > 0 && (
        <Button kind="primary" onClick={onRetry} disabled={running}>
          {t('retryRemaining', 'Retry the rest ({{count}})', { count: remaining })}
        </Button>
      )}
    </ModalFooter>
  );
};

export default BulkModalFooter;
