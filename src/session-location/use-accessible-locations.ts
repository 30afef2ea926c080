import { useEffect, useReducer } from 'react';
import type { LocationAccess } from './location-scope';
import { fetchUsableLocations, locationSearchUrl, type UsableLocations } from './session-location.resource';

interface Entry {
  data?: UsableLocations;
  error?: unknown;
  /** fetched during this page's life (not only read from sessionStorage) */
  fresh: boolean;
  loading?: boolean;
}

/** Shared by every mount on the page. */
const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();

const storageKey = (key: string) => `useraccess.locations.${key}`;

function entryFor(key: string): Entry {
  let entry = entries.get(key);
  if (!entry) {
    let data: UsableLocations | undefined;
    try {
      data = JSON.parse(window.sessionStorage.getItem(storageKey(key)) ?? 'null') ?? undefined;
    } catch {
      data = undefined;
    }
    entry = { data, fresh: false };
    entries.set(key, entry);
  }
  return entry;
}

function load(key: string, fetch: () => Promise<UsableLocations>) {
  const entry = entryFor(key);
  if (entry.fresh || entry.loading) {
    return;
  }
  entries.set(key, { ...entry, loading: true });
  fetch()
    .then(
      (data) => {
        entries.set(key, { data, fresh: true });
        try {
          window.sessionStorage.setItem(storageKey(key), JSON.stringify(data));
        } catch {
          // storage full or refused: the next page fetches again
        }
      },
      // a failure is tried again by the next mount or the next time the menu is wanted
      (error) => entries.set(key, { data: entry.data, error, fresh: false }),
    )
    .finally(() => listeners.forEach((listener) => listener()));
}

/** Empties the page's cache (tests; sessionStorage is theirs to clear). */
export function forgetAccessibleLocations() {
  entries.clear();
}

export interface AccessibleLocationsInput {
  access: LocationAccess;
  tag: string;
  /** the names decide what the first paint shows (menu or label, a single location's name) */
  needed: boolean;
  /** the menu is about to be used: its names are fetched once in this page's life */
  wanted: boolean;
  checkAgainstSession: { sessionLocationUuid: string | null } | null;
  /** the user and login the answer belongs to (LBAC and the assigned locations are per user) */
  login: string;
}

/**
 * The names of the locations the user may choose from, cached for the page's life and, per login,
 * in sessionStorage, so the next page of the same login paints without a request. Fetched when
 * `needed` and not stored yet, and once a page when the menu is first `wanted`.
 */
export function useAccessibleLocations({ access, tag, needed, wanted, checkAgainstSession, login }: AccessibleLocationsInput) {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const url = locationSearchUrl(access, tag);
  const session = checkAgainstSession ? (checkAgainstSession.sessionLocationUuid ?? '') : '-';
  const key = url ? `${login}.${session}.${url}` : null;
  const order = access.kind === 'assigned' ? access.uuids : undefined;

  useEffect(() => {
    listeners.add(rerender);
    return () => {
      listeners.delete(rerender);
    };
  }, []);

  useEffect(() => {
    if (key && (wanted || (needed && !entryFor(key).data))) {
      load(key, () => fetchUsableLocations(url as string, order, checkAgainstSession, tag));
    }
    // `order`, `tag` and `checkAgainstSession` are part of `key`
  }, [key, needed, wanted]);

  const entry = key ? entryFor(key) : undefined;
  return {
    locations: entry?.data?.locations ?? null,
    limitedToSession: entry?.data?.limitedToSession ?? false,
    error: entry?.data ? undefined : entry?.error,
  };
}
