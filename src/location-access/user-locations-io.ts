/** The locations a user may work at: LBAC's `locationUuid` user property and core's `defaultLocation`. */
import { DEFAULT_LOCATION_PROPERTY, LOCATION_UUID_PROPERTY, parseLocationUuids } from '../common/openmrs-facts';
import { fetchAllPages, type FetchAllOptions, type RestClient } from '../common/rest-client';
import { mergeUserProperties } from '../common/global-and-user-properties';
import { endDatesOf, endDatesPatch, grantEndDate, withEndDate, type EndDates } from './assignment-end-dates';
import { assertMayGive, type Giver } from './location-giving';

const enc = encodeURIComponent;

export interface UserLocations {
  locations: string[];
  defaultLocation: string | null;
  /** the locations of `locations` whose assignment ends on a date */
  endDates: EndDates;
}

export function userLocationsOf(userProperties: Record<string, unknown> | null | undefined): UserLocations {
  const def = userProperties?.[DEFAULT_LOCATION_PROPERTY];
  return {
    locations: parseLocationUuids(userProperties?.[LOCATION_UUID_PROPERTY]),
    defaultLocation: typeof def === 'string' && def.trim() ? def.trim() : null,
    endDates: endDatesOf(userProperties),
  };
}

/**
 * The user-property patch for a set of locations. The default is always one of them: the one asked
 * for if it is in the list, else the current default if still in the list, else the first. No
 * locations removes both properties.
 */
export function userLocationsPatch(
  locations: string[],
  requestedDefault: string | null,
  currentDefault: string | null = null,
): Record<string, string | null> {
  const list = [...new Set(locations.map((l) => l.trim()).filter(Boolean))];
  if (!list.length) {
    return { [LOCATION_UUID_PROPERTY]: null, [DEFAULT_LOCATION_PROPERTY]: null };
  }
  const defaultLocation =
    requestedDefault && list.includes(requestedDefault)
      ? requestedDefault
      : currentDefault && list.includes(currentDefault)
        ? currentDefault
        : list[0];
  return { [LOCATION_UUID_PROPERTY]: list.join(','), [DEFAULT_LOCATION_PROPERTY]: defaultLocation };
}

export interface LocationChange {
  locations: string[];
  defaultLocation?: string | null;
  /** omitted: the current end dates, kept for the locations still held */
  endDates?: EndDates;
  /** more user properties to write in the same request (a request's outcome) */
  extraProperties?: Record<string, string | null>;
}

export interface WriteOptions {
  /** who writes: locations they may not give are refused before anything is written (see location-giving.ts) */
  giver?: Giver;
}

/**
 * Reads the user fresh, applies `change` to their locations, merges into ALL their properties and
 * writes the whole map (POST replaces it). Returns the locations written.
 */
export async function changeUserLocations(
  client: RestClient,
  userUuid: string,
  change: (current: UserLocations, properties: Record<string, unknown>) => LocationChange,
  options: WriteOptions = {},
): Promise<UserLocations> {
  const fresh = await client.get<{ userProperties?: Record<string, unknown> | null }>(
    `/user/${enc(userUuid)}?v=custom:(uuid,userProperties)`,
  );
  const current = userLocationsOf(fresh?.userProperties);
  const next = change(current, fresh?.userProperties ?? {});
  assertMayGive(options.giver, next.locations.filter((l) => !current.locations.includes(l)));
  const patch = userLocationsPatch(next.locations, next.defaultLocation ?? null, current.defaultLocation);
  const kept = parseLocationUuids(patch[LOCATION_UUID_PROPERTY]);
  const merged = mergeUserProperties(fresh?.userProperties, {
    ...patch,
    ...endDatesPatch(next.endDates ?? current.endDates, kept),
    ...next.extraProperties,
  });
  await client.post(`/user/${enc(userUuid)}`, { userProperties: merged });
  return userLocationsOf(merged);
}

export function setUserLocations(
  client: RestClient,
  userUuid: string,
  locations: string[],
  defaultLocation: string | null,
  options: WriteOptions & { endDates?: EndDates } = {},
) {
  return changeUserLocations(client, userUuid, () => ({ locations, defaultLocation, endDates: options.endDates }), options);
}

/** Adds a location; `endDay` (last day of access) makes it temporary, without shortening access already held. */
export function addUserLocation(
  client: RestClient,
  userUuid: string,
  locationUuid: string,
  options: WriteOptions & { endDay?: string | null } = {},
) {
  return changeUserLocations(
    client,
    userUuid,
    (c) => ({
      locations: [...c.locations, locationUuid],
      endDates: grantEndDate(c.endDates, c.locations.includes(locationUuid), locationUuid, options.endDay ?? null),
    }),
    options,
  );
}

export function removeUserLocation(client: RestClient, userUuid: string, locationUuid: string) {
  return changeUserLocations(client, userUuid, (c) => ({
    locations: c.locations.filter((l) => l !== locationUuid),
    endDates: withEndDate(c.endDates, locationUuid, null),
  }));
}

export interface LocationUser {
  uuid: string;
  username: string;
  name: string;
  retired: boolean;
  locations: string[];
  defaultLocation: string | null;
  /** the locations whose assignment ends on a date */
  endDates: EndDates;
  /** role names, inherited ones included: whether the signed-in administrator may change the user depends on them */
  roles: string[];
}

export const LOCATION_USER_REP = 'custom:(uuid,display,username,systemId,retired,person:(display),userProperties,allRoles:(name))';

interface RestLocationUser {
  uuid: string;
  display?: string;
  username?: string | null;
  systemId?: string;
  retired?: boolean;
  person?: { display?: string } | null;
  userProperties?: Record<string, unknown> | null;
  allRoles?: Array<{ name?: string; display?: string }> | null;
}

export function toLocationUser(user: RestLocationUser): LocationUser {
  return {
    uuid: user.uuid,
    username: user.username || user.systemId || user.display || '',
    name: user.person?.display ?? user.display ?? '',
    retired: Boolean(user.retired),
    ...userLocationsOf(user.userProperties),
    roles: (user.allRoles ?? []).map((role) => role.name ?? role.display ?? '').filter(Boolean),
  };
}

/** Every user (retired ones flagged), 100 per request. */
export async function fetchLocationUsers(client: RestClient, options: FetchAllOptions = {}): Promise<LocationUser[]> {
  return (await fetchAllPages<RestLocationUser>(client, `/user?v=${LOCATION_USER_REP}`, options)).map(toLocationUser);
}
