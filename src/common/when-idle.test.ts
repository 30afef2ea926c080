import { whenIdle } from './when-idle';

describe('whenIdle', () => {
  afterEach(() => {
    delete (window as { requestIdleCallback?: unknown }).requestIdleCallback;
  });

  it('waits for the browser to be idle, at the latest for the time given', async () => {
    let idle: (() => void) | undefined;
    const requestIdleCallback = jest.fn((callback: () => void) => {
      idle = callback;
      return 1;
    });
    Object.assign(window, { requestIdleCallback });
    let resolved = false;
    const waiting = whenIdle(500).then(() => (resolved = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(resolved).toBe(false);
    expect(requestIdleCallback).toHaveBeenCalledWith(expect.any(Function), { timeout: 500 });
    idle!();
    await waiting;
    expect(resolved).toBe(true);
  });

  it('goes on after the current task where the browser cannot say when it is idle', async () => {
    await expect(whenIdle()).resolves.toBeUndefined();
  });
});
