import { PermanentError, runBulk } from './bulk-runner';

function httpError(status: number, message = `HTTP ${status}`) {
  return Object.assign(new Error(message), {
    response: { status },
    responseBody: { error: { message: `server says ${status}` } },
  });
}

const noSleep = jest.fn<Promise<void>, [number]>(async () => {});

describe('runBulk', () => {
  beforeEach(() => noSleep.mockClear());

  it('runs every item and reports results in input order with progress', async () => {
    const progress: number[] = [];
    const outcome = await runBulk([3, 1, 2], async (n) => {
      await new Promise((r) => setTimeout(r, n));
      return n * 10;
    }, { concurrency: 3, onProgress: (p) => progress.push(p.done) });
    expect(outcome.results.map((r) => r.status === 'success' && r.value)).toEqual([30, 10, 20]);
    expect(outcome.remaining).toEqual([]);
    expect(outcome.stoppedBecause).toBeNull();
    expect(outcome.succeeded).toBe(3);
    expect(progress).toEqual([1, 2, 3]);
  });

  it('never runs more than `concurrency` at once', async () => {
    let running = 0;
    let peak = 0;
    await runBulk(Array.from({ length: 20 }, (_, i) => i), async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
    }, { concurrency: 3 });
    expect(peak).toBe(3);
  });

  it('retries network errors and 5xx with exponential backoff, then succeeds', async () => {
    const attempts: Record<string, number> = {};
    const outcome = await runBulk(
      ['net', '500', '503'],
      async (item) => {
        attempts[item] = (attempts[item] ?? 0) + 1;
        if (attempts[item] < 3) {
          throw item === 'net' ? new TypeError('fetch failed') : httpError(Number(item));
        }
        return 'ok';
      },
      { concurrency: 1, retries: 2, backoffMs: 100, sleep: noSleep },
    );
    expect(outcome.results.map((r) => [r.status, r.attempts])).toEqual([
      ['success', 3],
      ['success', 3],
      ['success', 3],
    ]);
    expect(noSleep.mock.calls.map((c) => c[0])).toEqual([100, 200, 100, 200, 100, 200]);
  });

  it('fails an item after the retries run out, with the server message, and carries on', async () => {
    const outcome = await runBulk(
      ['a', 'b'],
      async (item) => {
        if (item === 'a') throw httpError(500);
        return item;
      },
      { retries: 1, sleep: noSleep },
    );
    expect(outcome.results[0]).toMatchObject({ status: 'failed', message: '500: server says 500', httpStatus: 500, attempts: 2 });
    expect(outcome.results[1]).toMatchObject({ status: 'success', value: 'b' });
    expect(outcome).toMatchObject({ succeeded: 1, failed: 1, remaining: [] });
  });

  it.each([400, 403, 404, 409])('does not retry a %i', async (status) => {
    const worker = jest.fn(async () => {
      throw httpError(status);
    });
    const outcome = await runBulk(['x'], worker, { retries: 3, sleep: noSleep });
    expect(worker).toHaveBeenCalledTimes(1);
    expect(outcome.results[0]).toMatchObject({ status: 'failed', httpStatus: status });
  });

  it('stops on a 401 without failing the rest, and returns what remains for a resume', async () => {
    const seen: number[] = [];
    const outcome = await runBulk(
      [0, 1, 2, 3, 4, 5],
      async (n) => {
        seen.push(n);
        if (n === 2) throw httpError(401);
        return n;
      },
      { concurrency: 1, sleep: noSleep },
    );
    expect(seen).toEqual([0, 1, 2]);
    expect(outcome.stoppedBecause).toBe('unauthenticated');
    expect(outcome.results.map((r) => r.item)).toEqual([0, 1]);
    expect(outcome.failed).toBe(0);
    expect(outcome.remaining).toEqual([2, 3, 4, 5]);

    const resumed = await runBulk(outcome.remaining, async (n) => n, { sleep: noSleep });
    expect(resumed.results.map((r) => r.item)).toEqual([2, 3, 4, 5]);
    expect(resumed.remaining).toEqual([]);
  });

  it('lets items already running finish when another gets a 401', async () => {
    const outcome = await runBulk(
      ['slow', 'unauth', 'never'],
      async (item) => {
        if (item === 'unauth') throw httpError(401);
        await new Promise((r) => setTimeout(r, 5));
        return item;
      },
      { concurrency: 2 },
    );
    expect(outcome.results.map((r) => r.item)).toEqual(['slow']);
    expect(outcome.remaining).toEqual(['unauth', 'never']);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const outcome = await runBulk(
      [1, 2, 3],
      async (n) => {
        if (n === 1) controller.abort();
        return n;
      },
      { concurrency: 1, signal: controller.signal },
    );
    expect(outcome.stoppedBecause).toBe('aborted');
    expect(outcome.results.map((r) => r.item)).toEqual([1]);
    expect(outcome.remaining).toEqual([2, 3]);
  });

  it('handles an empty list', async () => {
    expect(await runBulk([], async () => 1)).toEqual({ results: [], remaining: [], stoppedBecause: null, succeeded: 0, failed: 0 });
  });

  it("never retries core's refusal to let this editor change a user (UserServiceImpl.checkPrivileges), nor a PermanentError", async () => {
    const refusal = Object.assign(new Error('Server responded with 500'), {
      response: { status: 500 },
      responseBody: {
        error: {
          message: '[You must have the following privileges in order to assign them: Add Orders, Edit Orders]',
          code: 'org.openmrs.api.impl.UserServiceImpl:405',
        },
      },
    });
    // the same refusal from a server in another language: known by the class that threw it
    const translated = Object.assign(new Error('Server responded with 500'), {
      response: { status: 500 },
      responseBody: { error: { message: '[Vous devez avoir ...]', code: 'org.openmrs.api.impl.UserServiceImpl:405' } },
    });
    const calls: Record<string, number> = {};
    const outcome = await runBulk(
      ['refused', 'translated', 'already retired'],
      async (item) => {
        calls[item] = (calls[item] ?? 0) + 1;
        throw item === 'refused' ? refusal : item === 'translated' ? translated : new PermanentError('Already deactivated');
      },
      { concurrency: 1, retries: 2, backoffMs: 100, sleep: noSleep },
    );
    expect(calls).toEqual({ refused: 1, translated: 1, 'already retired': 1 });
    expect(outcome.results.every((r) => r.status === 'failed' && r.permanent)).toBe(true);
    expect(noSleep).not.toHaveBeenCalled();
    expect(outcome.results.map((r) => r.status === 'failed' && r.message)).toEqual([
      '500: [You must have the following privileges in order to assign them: Add Orders, Edit Orders]',
      '500: [Vous devez avoir ...]',
      'Already deactivated',
    ]);
  });
});
