/**
 * Runs one request per item with bounded concurrency, retries, per-item results and resumability.
 * Used by bulk deactivation (page and CLI) and by bulk location changes.
 *
 * - Network errors (no HTTP status), 429 and 5xx are retried with exponential backoff; other 4xx
 *   fail the item at once (retrying a 400 or 404 cannot help), and so do permanent errors: core's
 *   refusal to let this editor change that user (a 500, see edit-privileges.ts) and errors marked
 *   `permanent` by the worker, e.g. a user found already retired.
 * - A 401 (session ended) stops the job: no new item is started, the item that got the 401 and every
 *   item not yet started are returned in `remaining`, so the job can be resumed after logging in.
 *   Items already running finish and are reported.
 * - An aborted signal stops the job the same way.
 */
import { errorMessage } from './error-message';
import { isTransientError, statusOf } from './rest-client';
import { isUserServiceRefusal } from './edit-privileges';
import { runPool } from './pool';

/** An error a worker throws for an item that must not be tried again. */
export class PermanentError extends Error {
  readonly permanent = true;
}

function isPermanent(error: unknown): boolean {
  return error instanceof PermanentError || isUserServiceRefusal(error);
}

export type BulkItemResult<T, R = unknown> =
  | { item: T; index: number; status: 'success'; value: R; attempts: number }
  | {
      item: T;
      index: number;
      status: 'failed';
      message: string;
      httpStatus: number | null;
      attempts: number;
      /** trying this item again cannot help (see isPermanent): leave it out of a "retry the rest" */
      permanent?: boolean;
    };

export interface BulkProgress<T, R = unknown> {
  done: number;
  total: number;
  succeeded: number;
  failed: number;
  /** the result that just arrived */
  last: BulkItemResult<T, R>;
}

export interface BulkOptions<T, R = unknown> {
  /** parallel requests; default 4 */
  concurrency?: number;
  /** extra attempts after the first, for retryable errors; default 2 */
  retries?: number;
  /** first backoff delay in ms, doubled on each retry; default 500 */
  backoffMs?: number;
  onProgress?: (progress: BulkProgress<T, R>) => void;
  signal?: AbortSignal;
  /** for tests */
  sleep?: (ms: number) => Promise<void>;
}

export interface BulkOutcome<T, R = unknown> {
  /** results of the items that finished, in input order */
  results: Array<BulkItemResult<T, R>>;
  /** items not done (not started, or stopped by a 401), in input order; run them again to resume */
  remaining: T[];
  stoppedBecause: null | 'unauthenticated' | 'aborted';
  succeeded: number;
  failed: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class StopSignal {
  constructor(readonly reason: 'unauthenticated' | 'aborted') {}
}

export async function runBulk<T, R = unknown>(
  items: T[],
  worker: (item: T, index: number) => Promise<R>,
  options: BulkOptions<T, R> = {},
): Promise<BulkOutcome<T, R>> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const retries = Math.max(0, Math.floor(options.retries ?? 2));
  const backoffMs = Math.max(0, options.backoffMs ?? 500);
  const sleep = options.sleep ?? defaultSleep;
  const { signal, onProgress } = options;

  const results: Array<BulkItemResult<T, R> | undefined> = new Array(items.length);
  let stoppedBecause: BulkOutcome<T, R>['stoppedBecause'] = null;
  let succeeded = 0;
  let failed = 0;
  let done = 0;

  const record = (result: BulkItemResult<T, R>) => {
    results[result.index] = result;
    done++;
    if (result.status === 'success') {
      succeeded++;
    } else {
      failed++;
    }
    onProgress?.({ done, total: items.length, succeeded, failed, last: result });
  };

  const runOne = async (index: number): Promise<BulkItemResult<T, R> | StopSignal> => {
    const item = items[index];
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) {
        return new StopSignal('aborted');
      }
      try {
        const value = await worker(item, index);
        return { item, index, status: 'success', value, attempts: attempt };
      } catch (error) {
        const status = statusOf(error) ?? null;
        if (status === 401) {
          return new StopSignal('unauthenticated');
        }
        const permanent = isPermanent(error);
        if (!isTransientError(error) || permanent || attempt > retries) {
          return {
            item,
            index,
            status: 'failed',
            message: errorMessage(error),
            httpStatus: status,
            attempts: attempt,
            ...(permanent ? { permanent } : {}),
          };
        }
        await sleep(backoffMs * 2 ** (attempt - 1));
      }
    }
  };

  await runPool({ until: items.length, concurrency }, async (index, pool) => {
    const outcome = signal?.aborted ? new StopSignal('aborted') : await runOne(index);
    if (outcome instanceof StopSignal) {
      stoppedBecause = stoppedBecause ?? outcome.reason;
      pool.stopAt(0);
      return;
    }
    record(outcome);
  });

  const finished = results.filter((r): r is BulkItemResult<T, R> => r !== undefined);
  const remaining = items.filter((_, i) => results[i] === undefined);
  return { results: finished, remaining, stoppedBecause, succeeded, failed };
}
