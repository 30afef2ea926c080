import { createGlobalStore, getGlobalStore } from '@openmrs/esm-framework';

/** Name of the global store other apps read: `getGlobalStore('useraccess-location-scope')`. */
export const LOCATION_SCOPE_STORE = 'useraccess-location-scope';

export interface LocationScopeState {
  /** `all`: "All accessible locations"; `location`: only the session location. */
  scope: 'all' | 'location';
  /**
   * The locations in scope: with `all`, every accessible location (for an unrestricted user, every
   * location with the configured tag, known once loaded); with `location`, the session location.
   */
  locationUuids: string[];
  /** The server's session location (OpenMRS always keeps one concrete location). */
  sessionLocationUuid: string | null;
  /** true for System Developers and unassigned users allowed everything: not limited by locationUuid. */
  unrestricted: boolean;
  /** false until the switcher has worked the scope out for the logged-in user. */
  ready: boolean;
}

export const initialLocationScope: LocationScopeState = {
  scope: 'all',
  locationUuids: [],
  sessionLocationUuid: null,
  unrestricted: false,
  ready: false,
};

/**
 * The store, created on first use. Another app that asked for it first with getGlobalStore got a
 * placeholder; createGlobalStore then takes that same store over, so its subscriptions keep working.
 */
let store: ReturnType<typeof createGlobalStore<LocationScopeState>> | null = null;

export function getLocationScopeStore() {
  if (!store) {
    store = createGlobalStore<LocationScopeState>(LOCATION_SCOPE_STORE, initialLocationScope);
  }
  return store;
}

/** For other code that only reads (never creates) the store. */
export function readLocationScope(): LocationScopeState {
  return getGlobalStore<LocationScopeState>(LOCATION_SCOPE_STORE, initialLocationScope).getState();
}

function sameList(a: string[], b: string[]) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Sets the state, without notifying subscribers when nothing changed. */
export function publishLocationScope(next: LocationScopeState) {
  const s = getLocationScopeStore();
  const prev = s.getState();
  if (
    prev.scope === next.scope &&
    prev.sessionLocationUuid === next.sessionLocationUuid &&
    prev.unrestricted === next.unrestricted &&
    prev.ready === next.ready &&
    sameList(prev.locationUuids, next.locationUuids)
  ) {
    return;
  }
  s.setState(next, true);
}
