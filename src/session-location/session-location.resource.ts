import useSWR from 'swr';
import { fhirBaseUrl, openmrsFetch, refetchCurrentUser, restBaseUrl, setSessionLocation } from '@openmrs/esm-framework';
import { fetchFhirSearch, type FhirBundle } from '../common/fhir-search';
import { LOCATION_SCOPE_LOGIN_PROPERTY, LOCATION_SCOPE_PROPERTY, type LocationAccess } from './location-scope';

export interface NamedLocation {
  uuid: string;
  name: string;
}

/** fhir2's default maximum page size (GP fhir2.paging.maximum). */
export const FHIR_PAGE_SIZE = 100;

/**
 * The FHIR search that names the user's locations: their `locationUuid` by `_id` (a comma list is an
 * OR), or every location with `tag` (all locations when the tag is blank). One request unless more
 * than 100 match.
 */
export function locationSearchUrl(access: LocationAccess, tag: string): string | null {
  if (access.kind === 'assigned') {
    const count = Math.min(Math.max(access.uuids.length, 1), FHIR_PAGE_SIZE);
    return `${fhirBaseUrl}/Location?_id=${access.uuids.map(encodeURIComponent).join(',')}&_count=${count}&_summary=data`;
  }
  if (access.kind === 'tagged') {
    const byTag = tag.trim() ? `_tag=${encodeURIComponent(tag.trim())}&` : '';
    return `${fhirBaseUrl}/Location?${byTag}_count=${FHIR_PAGE_SIZE}&_summary=data`;
  }
  return null;
}

type FhirLocation = { id?: string; name?: string; status?: string };

/** Active locations, in the order given for `assigned` (then the ones not found are left out), else by name. */
export async function fetchNamedLocations(url: string, order?: string[]): Promise<NamedLocation[]> {
  const get = async (path: string) => (await openmrsFetch<FhirBundle<FhirLocation>>(path))?.data ?? {};
  const unique = (await fetchFhirSearch(get, url))
    .filter((location) => location.status !== 'inactive')
    .map((location): NamedLocation => ({ uuid: location.id, name: location.name || location.id }));
  if (order) {
    return order.map((uuid) => unique.find((l) => l.uuid === uuid)).filter((l): l is NamedLocation => !!l);
  }
  return unique.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Whether the server would accept `uuid` as the session location. POST /session looks it up with
 * LocationService.getLocationByUuid, as GET /location/{uuid} does; LBAC's LocationServiceInterceptorAdvice
 * turns that lookup into null for a location the user may not see (then POST /session answers 500, and
 * GET 404, or 400/500 before REST 2.50). Any failure counts as "no": offer only what works.
 */
export async function serverAcceptsLocation(uuid: string): Promise<boolean> {
  try {
    await openmrsFetch(`${restBaseUrl}/location/${encodeURIComponent(uuid)}?v=custom:(uuid)`);
    return true;
  } catch {
    return false;
  }
}

export interface UsableLocations {
  locations: NamedLocation[];
  /** LBAC limits the user to the session location (LocationUtils.getUserAccessibleLocationUuids) */
  limitedToSession: boolean;
}

/**
 * For a user without `locationUuid` who is not known to be a System Developer: with LBAC's location
 * switch on, LocationUtils.getUserAccessibleLocationUuids gives them the session location alone. One
 * lookup of another location tells: refused, and only the session location is left.
 */
export async function usableLocations(
  found: NamedLocation[],
  sessionLocationUuid: string | null,
  accepts: (uuid: string) => Promise<boolean> = serverAcceptsLocation,
): Promise<UsableLocations> {
  const other = found.find((l) => l.uuid !== sessionLocationUuid);
  if (!other || (await accepts(other.uuid))) {
    return { locations: found, limitedToSession: false };
  }
  // the session location stays in scope even when it lacks the tag (its name comes from the session)
  const session = sessionLocationUuid
    ? [found.find((l) => l.uuid === sessionLocationUuid) ?? { uuid: sessionLocationUuid, name: sessionLocationUuid }]
    : [];
  return { locations: session, limitedToSession: true };
}

/**
 * The names of the locations the user may choose from. `enabled` false makes no request (SWR null
 * key); the result is cached for the page's life and shared by every mount (locations rarely change).
 * `checkAgainstSession` (users offered every tagged location without being a System Developer) adds
 * one lookup that finds out whether LBAC limits them to the session location.
 */
export function useAccessibleLocations(
  access: LocationAccess,
  tag: string,
  enabled: boolean,
  checkAgainstSession: { sessionLocationUuid: string | null } | null = null,
) {
  const url = enabled ? locationSearchUrl(access, tag) : null;
  const order = access.kind === 'assigned' ? access.uuids : undefined;
  const session = checkAgainstSession ? (checkAgainstSession.sessionLocationUuid ?? '') : null;
  const { data, error, isLoading } = useSWR<UsableLocations>(
    url ? ['useraccess/session-locations', url, session] : null,
    async () => {
      const found = await fetchNamedLocations(url as string, order);
      return session === null ? { locations: found, limitedToSession: false } : usableLocations(found, session || null);
    },
    { revalidateOnFocus: false, revalidateOnReconnect: false, revalidateIfStale: false, shouldRetryOnError: false },
  );
  return { locations: data?.locations ?? null, limitedToSession: data?.limitedToSession ?? false, error, isLoading };
}

/**
 * Records the scope in the user's properties: read, merge, write (POST replaces the whole map).
 * The write path is loaded only when someone chooses, to keep the switcher's chunk small. A user
 * without Get Users / Edit Users (most clinicians) cannot write their own properties: that is not
 * an error here, the choice then lasts for this login in this tab (sessionStorage).
 */
export async function recordScope(
  userUuid: string,
  choice: string,
  lastLogin: string | null | undefined,
): Promise<boolean> {
  const [{ updateUserProperties }, { statusOf }] = await Promise.all([
    import('../common/openmrs-rest.resource'),
    import('../common/rest-client'),
  ]);
  try {
    await updateUserProperties(userUuid, {
      [LOCATION_SCOPE_PROPERTY]: choice,
      [LOCATION_SCOPE_LOGIN_PROPERTY]: lastLogin ?? null,
    });
    return true;
  } catch (error) {
    if (statusOf(error) === 403) {
      return false;
    }
    throw error;
  }
}

export interface ApplyChoiceInput {
  userUuid: string;
  /** `all` or a location uuid */
  choice: string;
  /** the location the server's session must hold afterwards */
  sessionLocationUuid: string | null;
  currentSessionLocationUuid: string | null | undefined;
  lastLogin: string | null | undefined;
  /** called once the server's session location is right (before the scope is recorded) */
  onSessionSet?: () => void;
}

export class SessionLocationError extends Error {
  constructor(readonly cause: unknown) {
    super('The session location was not changed.');
    this.name = 'SessionLocationError';
  }
}

/**
 * Applies a choice: POST /session when the server's session location must change, then records the
 * scope (user property), then refreshes the session (GET /session) so every app sees both.
 * Returns whether the scope was written to the user's properties.
 */
export async function applyChoice({
  userUuid,
  choice,
  sessionLocationUuid,
  currentSessionLocationUuid,
  lastLogin,
  onSessionSet,
}: ApplyChoiceInput): Promise<{ recorded: boolean; recordError: unknown }> {
  if (sessionLocationUuid && sessionLocationUuid !== currentSessionLocationUuid) {
    try {
      await setSessionLocation(sessionLocationUuid, new AbortController());
    } catch (error) {
      // setSessionLocation empties the session store when it fails; put the session back.
      await Promise.resolve(refetchCurrentUser()).catch(() => undefined);
      throw new SessionLocationError(error);
    }
  }
  onSessionSet?.();
  let recorded = false;
  let recordError: unknown = null;
  try {
    recorded = await recordScope(userUuid, choice, lastLogin);
  } catch (error) {
    recordError = error;
  }
  await refetchCurrentUser();
  return { recorded, recordError };
}
