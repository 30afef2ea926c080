/**
 * The pure part of the session-location switcher: which locations a user may choose from, and which
 * scope ("All accessible locations" or one location) is in force. No React, no fetch, no framework
 * runtime imports, so it can be tested on its own and stays small in the extension's chunk.
 */
import { hasSystemDeveloperRoleDirectly, LAST_LOGIN_PROPERTY, LOCATION_UUID_PROPERTY, parseLocationUuids } from '../common/openmrs-facts';

/** This app's user property: `all` or a location uuid. */
export const LOCATION_SCOPE_PROPERTY = 'useraccess.locationScope';
/** The lastLoginTimestamp of the login during which LOCATION_SCOPE_PROPERTY was chosen. */
export const LOCATION_SCOPE_LOGIN_PROPERTY = 'useraccess.locationScopeLogin';
export const ALL_LOCATIONS = 'all';

/** What the switcher offers a user. */
export type LocationAccess =
  /** the locations in the user's `locationUuid` */
  | { kind: 'assigned'; uuids: string[] }
  /** every location with the configured tag (System Developer, or unassigned users when allowed) */
  | { kind: 'tagged' }
  /** nothing to choose from: the session location is shown as a plain label */
  | { kind: 'none' };

/** `all`, or the uuid of one location. */
export type ScopeChoice = string;

interface UserLike {
  uuid?: string;
  roles?: Array<{ name?: string; display?: string }> | null;
  userProperties?: Record<string, string | undefined> | null;
}

export function resolveLocationAccess(
  user: UserLike | null | undefined,
  allLocationsWhenUnassigned: boolean,
): LocationAccess {
  if (!user) {
    return { kind: 'none' };
  }
  if (hasSystemDeveloperRoleDirectly(user)) {
    return { kind: 'tagged' };
  }
  const uuids = parseLocationUuids(user.userProperties?.[LOCATION_UUID_PROPERTY]);
  if (uuids.length) {
    return { kind: 'assigned', uuids };
  }
  return allLocationsWhenUnassigned ? { kind: 'tagged' } : { kind: 'none' };
}

/** The sessionStorage key for a choice made in this tab during this login. */
export function tabChoiceKey(user: UserLike | null | undefined): string {
  return `useraccess.locationScope.${user?.uuid ?? ''}.${user?.userProperties?.[LAST_LOGIN_PROPERTY] ?? ''}`;
}

export interface ScopeInputs {
  user: UserLike | null | undefined;
  /** a choice this tab made during this login (sessionStorage), if any */
  tabChoice?: string | null;
  restoreAfterLogin: boolean;
}

/**
 * The scope in force, and whether it comes from an earlier login.
 * - A choice made in this tab during this login wins (it is also what the server was told).
 * - Then the saved user property, when it was chosen during this login (same lastLoginTimestamp).
 * - Then, only with `restoreAfterLogin`, the saved property from an earlier login.
 * - Otherwise "All accessible locations": the default after each login.
 * Without lastLoginTimestamp (core before 2.7) a login cannot be told from the next, so only the
 * tab's own choice survives a reload, unless restoreAfterLogin.
 */
export function resolveScope({ user, tabChoice, restoreAfterLogin }: ScopeInputs): {
  choice: ScopeChoice;
  fromEarlierLogin: boolean;
} {
  if (tabChoice) {
    return { choice: tabChoice, fromEarlierLogin: false };
  }
  const props = user?.userProperties ?? {};
  const saved = props[LOCATION_SCOPE_PROPERTY]?.trim();
  if (saved) {
    const lastLogin = props[LAST_LOGIN_PROPERTY];
    const savedLogin = props[LOCATION_SCOPE_LOGIN_PROPERTY];
    if (lastLogin && savedLogin && lastLogin === savedLogin) {
      return { choice: saved, fromEarlierLogin: false };
    }
    if (restoreAfterLogin) {
      return { choice: saved, fromEarlierLogin: true };
    }
  }
  return { choice: ALL_LOCATIONS, fromEarlierLogin: false };
}

/**
 * The concrete location the server keeps while the scope is "All accessible locations": the user's
 * default location when it is accessible, else the current session location when it is, else the
 * first accessible one. `accessible` null means "not known yet, assume yes".
 */
export function sessionLocationForAll(
  defaultLocation: string | null | undefined,
  sessionLocation: string | null | undefined,
  accessible: string[] | null,
): string | null {
  const ok = (uuid: string | null | undefined): uuid is string => !!uuid && (!accessible || accessible.includes(uuid));
  if (ok(defaultLocation)) {
    return defaultLocation;
  }
  if (ok(sessionLocation)) {
    return sessionLocation;
  }
  return accessible?.[0] ?? sessionLocation ?? null;
}
