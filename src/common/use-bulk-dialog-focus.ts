import { useEffect, useRef } from 'react';

/**
 * A bulk dialog's confirm button disappears when its job starts: keep the keyboard focus inside the
 * dialog, on the progress while the job runs, then on Done, or Tab would leave for the page behind it.
 * Put `progressRef` on an element with tabIndex={-1} around the progress, `doneRef` on the Done button.
 */
export function useBulkDialogFocus(running: boolean, finished: boolean) {
  const progressRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (running) {
      progressRef.current?.focus();
    } else if (finished) {
      doneRef.current?.focus();
    }
  }, [running, finished]);
  return { progressRef, doneRef };
}
