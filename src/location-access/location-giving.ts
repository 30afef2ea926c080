/**
 * Who may give which location. Without the privilege "Assign Any Location" a user may give (add to a
 * user, or grant through a request) only locations they hold themselves. Only the app applies this
 * rule: the server does not enforce it (core's saveUser checks Edit Users and the target's roles, not
 * which locations a user property names).
 */
import { privileges } from '../common/privileges';
import { hasSystemDeveloperRoleDirectly, parseLocationUuids, LOCATION_UUID_PROPERTY } from '../common/openmrs-facts';

export interface Giver {
  /** holds Assign Any Location (or is a System Developer, who holds every privilege) */
  anyLocation: boolean;
  /** the giver's own locations (their `locationUuid`) */
  held: string[];
}

interface SessionUserLike {
  privileges?: ReadonlyArray<{ name?: string | null; display?: string | null }> | null;
  roles?: ReadonlyArray<{ name?: string | null; display?: string | null }> | null;
  userProperties?: Record<string, unknown> | null;
}

export function giverOf(user: SessionUserLike | null | undefined): Giver {
  const names = new Set((user?.privileges ?? []).map((p) => (p.name ?? p.display ?? '').toLowerCase()));
  return {
    anyLocation: hasSystemDeveloperRoleDirectly(user) || names.has(privileges.assignAnyLocation.toLowerCase()),
    held: parseLocationUuids(user?.userProperties?.[LOCATION_UUID_PROPERTY]),
  };
}

export function mayGive(giver: Giver | undefined, locationUuid: string): boolean {
  return !giver || giver.anyLocation || giver.held.includes(locationUuid);
}

/** The locations the giver may offer, in the order given. */
export function givable<T extends { uuid: string }>(giver: Giver | undefined, locations: T[]): T[] {
  return locations.filter((location) => mayGive(giver, location.uuid));
}

export class LocationNotGivableError extends Error {
  constructor(readonly locationUuids: string[]) {
    super(`You may give only locations you hold yourself (Assign Any Location is needed for: ${locationUuids.join(', ')})`);
    this.name = 'LocationNotGivableError';
  }
}

/** Throws when `added` holds a location the giver may not give. */
export function assertMayGive(giver: Giver | undefined, added: string[]): void {
  const refused = added.filter((uuid) => !mayGive(giver, uuid));
  if (refused.length) {
    throw new LocationNotGivableError(refused);
  }
}
