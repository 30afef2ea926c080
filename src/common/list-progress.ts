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

/** every item a loading list has received, and the copy pages see (renewed at each publication) */
const itemsByList = new Map<string, unknown[]>();
const shownItems = new Map<string, unknown[]>();
const pendingItems = new Set<string>();
let publishTimer: ReturnType<typeof setTimeout> | null = null;
/**
 * How often a loading list's new items reach the page. Each publication re-renders the page, and while
 * it renders no response is handled and no further page requested; once a second is enough to watch
 * the list grow (the count of each list's progress is reported at every page).
 */
export const ITEMS_PUBLISH_MS = 1000;

function publishItems() {
  publishTimer = null;
  pendingItems.forEach((list) => shownItems.set(list, [...(itemsByList.get(list) ?? [])]));
  pendingItems.clear();
  listeners.forEach((listener) => listener());
}

/**
 * Adds the items of a page that just arrived to what `list` has received so far. The first page is
 * shown at once, later ones at most every ITEMS_PUBLISH_MS, so rendering does not hold up the pages due.
 */
export function reportListItems(list: string, items: unknown[]): void {
  const received = itemsByList.get(list) ?? [];
  received.push(...items);
  itemsByList.set(list, received);
  pendingItems.add(list);
  if (!shownItems.has(list)) {
    publishItems();
  } else if (!publishTimer) {
    publishTimer = setTimeout(publishItems, ITEMS_PUBLISH_MS);
  }
}

/**
 * The items the newest load of a list has received, in the order its pages arrived, or null before its
 * first page. Kept after the load ends (a page switching to the finished list must not flash empty);
 * the next load starts afresh.
 */
export function useListItemsSoFar<T>(list: string): T[] | null {
  return useSyncExternalStore(
    subscribe,
    () => (shownItems.get(list) as T[] | undefined) ?? null,
    () => null,
  );
}

function forgetItems(list: string) {
  itemsByList.delete(list);
  pendingItems.delete(list);
  if (shownItems.delete(list)) {
    listeners.forEach((listener) => listener());
  }
}

/** `fetchAllPages` options that report to `list` while loading, and clear it when done. */
export async function withListProgress<T>(
  list: string,
  load: (onProgress: (progress: ListProgress) => void) => Promise<T>,
): Promise<T> {
  forgetItems(list);
  try {
    return await load((progress) => reportListProgress(list, progress));
  } finally {
    reportListProgress(list, null);
  }
}
