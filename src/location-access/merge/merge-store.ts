/**
 * A location merge kept in localStorage, per user, as bulk patient jobs are (job-store.ts): saved after
 * every result, so a reload or a new login offers to resume it. It holds the target (its uuid once
 * created), each item and its result, and each merged location's retire result.
 */
import { readStored, removeStored, writeStored, type StoredJobResult } from '../job-store';
import { mergeItemKey, type MergeItem } from './merge-io';

export interface StoredMerge {
  version: 1;
  sources: Array<{ uuid: string; display: string }>;
  /** an existing location, or a new one: `uuid` is null until it is created */
  target: { uuid: string | null; display: string; tagUuids: string[] };
  retireSources: boolean;
  items: MergeItem[];
  /** by mergeItemKey */
  results: Record<string, StoredJobResult>;
  /** by source uuid; 'skipped' when it still held something */
  retired: Record<string, StoredJobResult | { status: 'skipped'; users: number; patients: number }>;
  createdAt: string;
}

export function mergeStorageKey(userUuid: string): string {
  return `useraccess.mergeJob.${userUuid}`;
}

export function loadMerge(userUuid: string): StoredMerge | null {
  return readStored<StoredMerge>(
    mergeStorageKey(userUuid),
    (m) => m.version === 1 && Array.isArray(m.items) && Array.isArray(m.sources) && !!m.target && typeof m.results === 'object',
  );
}

export function saveMerge(userUuid: string, merge: StoredMerge): void {
  writeStored(mergeStorageKey(userUuid), merge);
}

export function clearMerge(userUuid: string): void {
  removeStored(mergeStorageKey(userUuid));
}

export function newMerge(
  sources: StoredMerge['sources'],
  target: StoredMerge['target'],
  items: MergeItem[],
  retireSources: boolean,
): StoredMerge {
  return { version: 1, sources, target, retireSources, items, results: {}, retired: {}, createdAt: new Date().toISOString() };
}

/** Items not yet done: never run, or failed. */
export function pendingMergeItems(merge: StoredMerge): MergeItem[] {
  return merge.items.filter((item) => merge.results[mergeItemKey(item)]?.status !== 'success');
}

/** Sources asked to be retired that are not retired yet. */
export function pendingRetires(merge: StoredMerge): StoredMerge['sources'] {
  return merge.retireSources ? merge.sources.filter((s) => merge.retired[s.uuid]?.status !== 'success') : [];
}

/** Whether anything is left to do: the target, an item, or a retire. */
export function mergeUnfinished(merge: StoredMerge): boolean {
  return !merge.target.uuid || pendingMergeItems(merge).length > 0 || pendingRetires(merge).length > 0;
}

export function mergeCountsOf(merge: StoredMerge) {
  const values = merge.items.map((item) => merge.results[mergeItemKey(item)]?.status);
  const succeeded = values.filter((v) => v === 'success').length;
  const failed = values.filter((v) => v === 'failed').length;
  return { total: merge.items.length, succeeded, failed, notStarted: merge.items.length - succeeded - failed };
}
