/**
 * A bulk patient-location job kept in localStorage, per user, so that reloading the page (or a session
 * that ended) mid-job offers to resume it. The job holds its items, its target and each item's result;
 * it is saved after every result.
 */
import type { JobItem } from './patient-writes-io';

export interface StoredJobResult {
  status: 'success' | 'failed';
  message?: string;
}

export interface StoredJob {
  version: 1;
  kind: 'assign' | 'move';
  /** target location; null removes the location */
  target: { uuid: string | null; display: string };
  /** for a move: where the patients came from */
  source?: { uuid: string; display: string } | null;
  items: JobItem[];
  results: Record<string, StoredJobResult>;
  createdAt: string;
  /** true while a tab runs it; a reload leaves it true, which is how an interrupted job is recognised */
  running: boolean;
}

export function jobStorageKey(userUuid: string): string {
  return `useraccess.locationJob.${userUuid}`;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** A stored JSON value, or null when absent, unreadable or not `valid` (e.g. an older format). */
export function readStored<T>(key: string, valid: (value: T) => boolean): T | null {
  const raw = storage()?.getItem(key);
  if (!raw) {
    return null;
  }
  try {
    const value = JSON.parse(raw) as T;
    return value && valid(value) ? value : null;
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the job still runs, it just cannot be resumed after a reload
  }
}

export function removeStored(key: string): void {
  storage()?.removeItem(key);
}

export function loadJob(userUuid: string): StoredJob | null {
  return readStored<StoredJob>(
    jobStorageKey(userUuid),
    (job) => job.version === 1 && Array.isArray(job.items) && !!job.target && typeof job.results === 'object',
  );
}

export function saveJob(userUuid: string, job: StoredJob): void {
  writeStored(jobStorageKey(userUuid), job);
}

export function clearJob(userUuid: string): void {
  removeStored(jobStorageKey(userUuid));
}

export function newJob(
  kind: StoredJob['kind'],
  target: StoredJob['target'],
  items: JobItem[],
  source: StoredJob['source'] = null,
): StoredJob {
  return { version: 1, kind, target, source, items, results: {}, createdAt: new Date().toISOString(), running: false };
}

/** Items not yet done: never run, or failed. */
export function pendingItems(job: StoredJob): JobItem[] {
  return job.items.filter((item) => job.results[item.uuid]?.status !== 'success');
}

export function jobCounts(job: StoredJob) {
  const values = Object.values(job.results);
  const succeeded = values.filter((r) => r.status === 'success').length;
  const failed = values.filter((r) => r.status === 'failed').length;
  return { total: job.items.length, succeeded, failed, notStarted: job.items.length - succeeded - failed };
}
