/**
 * Resolves when the browser is next idle, at the latest after `timeoutMs`: for work nobody is waiting
 * for, so that it does not hold up a page that is still loading. Without requestIdleCallback (Safari,
 * Jest's jsdom), after the current task.
 */
export function whenIdle(timeoutMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    } else {
      setTimeout(resolve, 0);
    }
  });
}
