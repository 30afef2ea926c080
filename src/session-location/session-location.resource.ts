/**
 * The switcher's reads: the names of the locations a user may choose from, and whether LBAC limits an
 * unassigned user to the session location. Kept small, as every O3 page loads it: the full FHIR pager
 * loads only for a search of more than one page, and the writes of a choice are in apply-location-choice.ts.
 */
import { fhirBaseUrl, openmrsFetch, restBaseUrl } from '@openmrs/esm-framework';
import type { FhirBundle } from '../common/fhir-search';
import type { LocationAccess } from './location-scope';

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

/** Every location the search finds: its first page, and the pager (common/fhir-search) only when there are more. */
async function searchLocations(url: string): Promise<Array<FhirLocation & { id: string }>> {
  const get = async (path: string) => (await openmrsFetch<FhirBundle<FhirLocation>>(path))?.data ?? {};
  const firstPage = `${url}&_getpagesoffset=0`; // as fetchFhirSearch asks for it
  const first = await get(firstPage);
  const entries = first.entry ?? [];
  const more =
    typeof first.total === 'number' ? first.total > entries.length : !!first.link?.some((l) => l.relation === 'next');
  if (more) {
    const { fetchFhirSearch } = await import('../common/fhir-search');
    return fetchFhirSearch((path) => (path === firstPage ? Promise.resolve(first) : get(path)), url);
  }
  const byId = new Map(entries.flatMap(({ resource }) => (resource?.id ? [[resource.id, resource]] : [])));
  return [...byId.values()] as Array<FhirLocation & { id: string }>;
}

/** Active locations, in the order given for `assigned` (then the ones not found are left out), else by name. */
export async function fetchNamedLocations(url: string, order?: string[]): Promise<NamedLocation[]> {
  const unique = (await searchLocations(url))
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

/** REST's most per page (RestConstants.MAX_RESULTS_ABSOLUTE). */
const REST_PAGE_SIZE = 100;

interface RestLocation {
  uuid: string;
  display?: string;
  tags?: Array<{ display?: string }>;
}

/**
 * For a user offered every tagged location without being a System Developer, one request that both
 * names them and tells whether LBAC limits the user to the session location: GET /location without a
 * search is LocationService.getAllLocations (LocationResource1_8.doGetAll), which LBAC's
 * LocationServiceInterceptorAdvice filters to LocationUtils.getUserAccessibleLocationUuids, the
 * session location alone for a user without `locationUuid`. (The tag search, getLocationsHavingAllTags,
 * and FHIR's Location search are not filtered.) Null when the server has more locations than a page,
 * or refuses the list.
 */
export async function fetchVisibleTaggedLocations(
  tag: string,
  sessionLocationUuid: string | null,
): Promise<UsableLocations | null> {
  const url = `${restBaseUrl}/location?v=custom:(uuid,display,tags:(display))&limit=${REST_PAGE_SIZE}`;
  let data: { results?: RestLocation[]; links?: Array<{ rel?: string }> } | undefined;
  try {
    data = (await openmrsFetch<typeof data>(url)).data;
  } catch {
    // e.g. LBAC's NullPointerException for a user with neither locationUuid nor a session location
    return null;
  }
  if (data?.links?.some((link) => link.rel === 'next')) {
    return null;
  }
  const visible = (data?.results ?? []).map((l) => ({ uuid: l.uuid, name: l.display || l.uuid, tags: l.tags ?? [] }));
  if (!visible.some((l) => l.uuid !== sessionLocationUuid)) {
    // the session location stays in scope even when it lacks the tag
    const session = visible.find((l) => l.uuid === sessionLocationUuid);
    const locations = sessionLocationUuid ? [{ uuid: sessionLocationUuid, name: session?.name ?? sessionLocationUuid }] : [];
    return { locations, limitedToSession: true };
  }
  const tagged = tag.trim() ? visible.filter((l) => l.tags.some((t) => t.display === tag.trim())) : visible;
  return {
    locations: tagged.map(({ uuid, name }) => ({ uuid, name })).sort((a, b) => a.name.localeCompare(b.name)),
    limitedToSession: false,
  };
}

/**
 * The locations a user may choose from: the FHIR search, or for `checkAgainstSession` (users offered
 * every tagged location without being a System Developer) the REST list LBAC filters, and on servers
 * with more locations than a page, the search and one lookup that finds out whether LBAC limits them
 * to the session location.
 */
export async function fetchUsableLocations(
  url: string,
  order: string[] | undefined,
  checkAgainstSession: { sessionLocationUuid: string | null } | null,
  tag = '',
): Promise<UsableLocations> {
  if (checkAgainstSession) {
    const visible = await fetchVisibleTaggedLocations(tag, checkAgainstSession.sessionLocationUuid);
    if (visible) {
      return visible;
    }
  }
  const found = await fetchNamedLocations(url, order);
  return checkAgainstSession
    ? usableLocations(found, checkAgainstSession.sessionLocationUuid)
    : { locations: found, limitedToSession: false };
}
