/**
 * Runs a stored merge: creates the target when it is new, moves every pending item with the bulk
 * runner (retries, a 401 stops it for resuming, per-item results), then, only when every item has
 * moved, retires the merged locations that hold nothing any more (read again first). Each step
 * hands the updated merge to `onChange`, which saves it.
 */
import { runBulk, type BulkOutcome } from '../../common/bulk-runner';
import { errorMessage } from '../../common/error-message';
import { statusOf, type RestClient } from '../../common/rest-client';
import type { LocationInfo, StorageMode } from '../location-storage-io';
import { createLocation, mergeItemKey, moveMergeItem, readSourceHoldings, retireLocation, type MergeItem } from './merge-io';
import { pendingMergeItems, pendingRetires, type StoredMerge } from './merge-store';

export interface MergeRunOptions {
  mode: StorageMode;
  /** every location (for LBAC's counts, which name locations) */
  locations: LocationInfo[];
  concurrency?: number;
  signal?: AbortSignal;
  retireReason(targetName: string): string;
  /** called with each new state of the merge; the caller saves it */
  onChange(merge: StoredMerge): void;
  /** for tests */
  sleep?: (ms: number) => Promise<void>;
}

export interface MergeRunResult {
  merge: StoredMerge;
  outcome: BulkOutcome<MergeItem, string> | null;
  /** creating the target or reading what the sources still hold failed: nothing after it ran */
  error: unknown;
}

export async function runMerge(client: RestClient, start: StoredMerge, options: MergeRunOptions): Promise<MergeRunResult> {
  let merge = start;
  const update = (next: StoredMerge) => {
    merge = next;
    options.onChange(next);
  };
  try {
    if (!merge.target.uuid) {
      const created = await createLocation(client, merge.target.display, merge.target.tagUuids);
      update({ ...merge, target: { ...merge.target, uuid: created.uuid, display: created.display } });
    }
  } catch (error) {
    return { merge, outcome: null, error };
  }
  const target = merge.target.uuid as string;
  const sources = merge.sources.map((s) => s.uuid);
  const items = pendingMergeItems(merge);
  let outcome: BulkOutcome<MergeItem, string> | null = null;
  if (items.length) {
    outcome = await runBulk(items, moveMergeItem(client, options.mode, sources, target), {
      concurrency: options.concurrency,
      signal: options.signal,
      sleep: options.sleep,
      onProgress: ({ last }) => {
        const result = last.status === 'success' ? { status: 'success' as const } : { status: 'failed' as const, message: last.message };
        update({ ...merge, results: { ...merge.results, [mergeItemKey(last.item)]: result } });
      },
    });
    if (outcome.stoppedBecause) {
      return { merge, outcome, error: null };
    }
  }
  const toRetire = pendingRetires(merge);
  if (!toRetire.length || pendingMergeItems(merge).length) {
    return { merge, outcome, error: null };
  }
  try {
    const sourceInfo = toRetire.map((s) => options.locations.find((l) => l.uuid === s.uuid) ?? { uuid: s.uuid, name: s.display, display: s.display, retired: false, isLoginLocation: false });
    const holdings = await readSourceHoldings(client, options.mode, sourceInfo, options.locations);
    for (const source of toRetire) {
      const users = holdings.users[source.uuid] ?? 0;
      const patients = holdings.patients[source.uuid] ?? 0;
      let result: StoredMerge['retired'][string];
      if (users || patients) {
        result = { status: 'skipped', users, patients };
      } else {
        try {
          await retireLocation(client, source.uuid, options.retireReason(merge.target.display));
          result = { status: 'success' };
        } catch (error) {
          if (statusOf(error) === 401) {
            throw error;
          }
          result = { status: 'failed', message: errorMessage(error) };
        }
      }
      update({ ...merge, retired: { ...merge.retired, [source.uuid]: result } });
    }
  } catch (error) {
    return { merge, outcome, error };
  }
  return { merge, outcome, error: null };
}
