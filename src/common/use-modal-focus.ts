import { useEffect, useRef } from 'react';

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';

function tabbables(frame: HTMLElement): HTMLElement[] {
  return Array.from(frame.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (element) => element.tabIndex >= 0 && !element.matches(':disabled') && !element.closest('[hidden], [aria-hidden="true"]'),
  );
}

/** The element Tab (or Shift+Tab) reaches from `from`, wrapping round at either end of the list. */
function nextTabbable(list: HTMLElement[], from: Element | null, backwards: boolean): HTMLElement | undefined {
  if (!list.length) {
    return undefined;
  }
  const index = from ? list.indexOf(from as HTMLElement) : -1;
  if (index >= 0) {
    return list[(index + (backwards ? list.length - 1 : 1)) % list.length];
  }
  // the focus is on something Tab skips (the progress while a bulk job runs, or the frame itself)
  const follows = (element: HTMLElement) => Boolean(from && from.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING);
  return backwards ? ([...list].reverse().find((element) => !follows(element)) ?? list[list.length - 1]) : (list.find(follows) ?? list[0]);
}

/**
 * The app shell's modal frame (`showModal`) neither moves the focus into the modal nor keeps it there,
 * as Carbon's ComposedModal does: on open, focus the first control (the header's close button, where
 * ComposedModal puts it), and wrap Tab and Shift+Tab inside the frame, so the keyboard never reaches
 * the page behind it. Put the returned ref on the modal's ModalHeader.
 */
export function useModalFocus() {
  const headerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const frame = headerRef.current?.closest<HTMLElement>('[role="dialog"]');
    if (!frame) {
      return undefined;
    }
    // the shell attaches the frame to the page once the modal has mounted
    let frameRequest = 0;
    const focusFirst = () => {
      if (frame.isConnected) {
        tabbables(frame)[0]?.focus();
      } else {
        frameRequest = requestAnimationFrame(focusFirst);
      }
    };
    focusFirst();
    const wrapTab = (event: KeyboardEvent) => {
      if (event.key !== 'Tab' || event.defaultPrevented) {
        return;
      }
      const list = tabbables(frame);
      const index = list.indexOf(document.activeElement as HTMLElement);
      // inside the list the browser's own Tab is right (it also walks the day, month and year of a date field)
      if (index >= 0 && index !== (event.shiftKey ? 0 : list.length - 1)) {
        return;
      }
      const target = nextTabbable(list, document.activeElement, event.shiftKey);
      if (target) {
        event.preventDefault();
        target.focus();
      }
    };
    frame.addEventListener('keydown', wrapTab);
    return () => {
      cancelAnimationFrame(frameRequest);
      frame.removeEventListener('keydown', wrapTab);
    };
  }, []);
  return headerRef;
}
