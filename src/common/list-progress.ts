/**
 * Loading progress of the app's long lists (every user), kept outside React so that the fetch, which
 * SWR and the deactivation alert share, can report it and any page waiting on the list can show it.
 */
import { useSyncExternalStore } from 'react';
import type { ListProgress } from './rest-client';

export const USERS_LIST = 'users';
export const LOCATION_USERS_LIST = 'location-users';

const progressByList = new Map<string, ListProgress>();
const listeners = new Set<() => void>();

/** Sets (or, with null, clears) the progress of a list. */
export function reportListProgress(list: string, progress: ListProgress | null): void {
  if (progress) {
    progressByList.set(list, progress);
  } else {
    progressByList.delete(list);
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The progress of a list while it loads; null before its first page and after it has loaded. */
export function useListProgress(list: string): ListProgress | null {
  return useSyncExternalStore(
    subscribe,
    () => progressByList.get(list) ?? null,
    () => null,
  );
}

/** `fetchAllPages` options that report to `list` while loading, and clear it when done. */
export async function withListProgress<T>(
  list: string,
  load: (onProgress: (progress: ListProgress) => void) => Promise<T>,
): Promise<T> {
  try {
    return await load((progress) => reportListProgress(list, progress));
  } finally {
    reportListProgress(list, null);
  }
}
