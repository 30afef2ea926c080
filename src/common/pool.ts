/**
 * The one concurrency pool of the app: paging (rest-client.ts, fhir-search.ts), patient scans and
 * bulk jobs (bulk-runner.ts) all run their requests through it. No imports.
 */

export interface PoolControl {
  /** Starts no index from `end` on; the tasks under way finish. */
  stopAt(end: number): void;
}

/**
 * Calls `task` for the indexes `from`, `from + 1`, … below `until` (which may be Infinity, then a task
 * must call stopAt), in that order, with at most `concurrency` calls in flight. A task that throws
 * stops the pool: no further index starts, and the error is thrown.
 */
export async function runPool(
  { from = 0, until, concurrency }: { from?: number; until: number; concurrency: number },
  task: (index: number, control: PoolControl) => Promise<void>,
): Promise<void> {
  let next = from;
  let end = until;
  const control: PoolControl = {
    stopAt: (index) => {
      end = Math.min(end, index);
    },
  };
  const lane = async () => {
    while (next < end) {
      const index = next++;
      try {
        await task(index, control);
      } catch (error) {
        end = Number.NEGATIVE_INFINITY;
        throw error;
      }
    }
  };
  const lanes = Math.max(1, Math.min(Math.floor(concurrency) || 1, until - from));
  await Promise.all(Array.from({ length: lanes }, lane));
}

/** An AbortSignal's error, the way fetch rejects on abort. */
export function abortError(): Error {
  return Object.assign(new Error('Stopped.'), { name: 'AbortError' });
}

/**
 * `fn` for every item, at most `concurrency` at a time, results in input order. An aborted `signal`
 * stops it before the next item with an AbortError.
 */
export async function mapPool<T, R>(
  items: T[],
  concurrency: number,
  fn: (item: T) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  await runPool({ until: items.length, concurrency }, async (index) => {
    if (signal?.aborted) {
      throw abortError();
    }
    out[index] = await fn(items[index]);
  });
  return out;
}
