import { mapPool, runPool } from './pool';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('runPool', () => {
  it('starts the indexes in order with at most `concurrency` in flight', async () => {
    const started: number[] = [];
    let inFlight = 0;
    let most = 0;
    await runPool({ from: 2, until: 9, concurrency: 3 }, async (index) => {
      started.push(index);
      most = Math.max(most, ++inFlight);
      await tick();
      inFlight--;
    });
    expect(started).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(most).toBe(3);
  });

  it('starts nothing from stopAt on, and nothing more once a task throws', async () => {
    const started: number[] = [];
    await runPool({ until: Number.POSITIVE_INFINITY, concurrency: 2 }, async (index, pool) => {
      started.push(index);
      await tick();
      if (index === 4) {
        pool.stopAt(5);
      }
    });
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);

    started.length = 0;
    const failing = runPool({ until: 100, concurrency: 2 }, async (index) => {
      started.push(index);
      await tick();
      if (index === 3) {
        throw new Error('page 3 failed');
      }
    });
    await expect(failing).rejects.toThrow('page 3 failed');
    for (let i = 0; i < 5; i++) {
      await tick();
    }
    expect(Math.max(...started)).toBe(4);
  });
});

describe('mapPool', () => {
  it('keeps the input order and stops with an AbortError once the signal is aborted', async () => {
    await expect(mapPool([3, 1, 2], 2, async (n) => n * 10)).resolves.toEqual([30, 10, 20]);
    const controller = new AbortController();
    const seen: number[] = [];
    const run = mapPool([1, 2, 3, 4, 5], 1, async (n) => {
      seen.push(n);
      if (n === 2) {
        controller.abort();
      }
      return n;
    }, controller.signal);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([1, 2]);
  });
});
