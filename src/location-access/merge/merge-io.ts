/**
 * Merging locations through REST: the target location (created when new), each user's and each
 * patient's move, and the retiring of the merged locations. Like the section's other *-io.ts files it
 * takes a RestClient and is free of React.
 *
 * Core's rules, followed here: POST /location (LocationResource1_8, privilege Manage Locations) needs a
 * name no other non-retired location has (LocationValidator, `location.duplicate.name`); DELETE
 * /location/{uuid}?reason= retires (MetadataDelegatingCrudResource.delete then
 * LocationServiceImpl.saveLocation), never purges, and is idempotent for a retired location.
 */
import { fetchAllPages, type FetchAllOptions, type RestClient } from '../../common/rest-client';
import { mergeUserProperties } from '../../common/global-and-user-properties';
import { PermanentError } from '../../common/bulk-runner';
import { endDatesOf } from '../assignment-end-dates';
import { fetchLbacCounts } from '../location-counts';
import type { LocationInfo, StorageMode } from '../location-storage-io';
import { setPatientLocation } from '../patient-writes-io';
import { LOCATION_USER_REP, toLocationUser, type LocationUser } from '../user-locations-io';
import { heldSources, mergedUserPatch, type MergeUserInput } from './merge-plan';

const enc = encodeURIComponent;

export type MergeUser = LocationUser & MergeUserInput;

/** Every user (retired ones too: their properties still hold locations) with their dated assignments; 100 per request. */
export async function fetchMergeUsers(client: RestClient, options: FetchAllOptions = {}): Promise<MergeUser[]> {
  const raw = await fetchAllPages<{ uuid: string; userProperties?: Record<string, unknown> | null }>(
    client,
    `/user?v=${LOCATION_USER_REP}`,
    options,
  );
  return raw.map((user) => ({ ...toLocationUser(user), endDates: endDatesOf(user.userProperties) }));
}

export interface LocationTagInfo {
  uuid: string;
  display: string;
}

export async function fetchLocationTags(client: RestClient): Promise<LocationTagInfo[]> {
  const tags = await fetchAllPages<LocationTagInfo & { retired?: boolean }>(client, '/locationtag?v=custom:(uuid,display,retired)');
  return tags.filter((tag) => !tag.retired).map(({ uuid, display }) => ({ uuid, display }));
}

/** POST /location with a name and tags (by uuid, as LocationTagResource1_8.getByUniqueId resolves them). */
export async function createLocation(client: RestClient, name: string, tagUuids: string[]): Promise<{ uuid: string; display: string }> {
  const created = await client.post<{ uuid: string; display?: string }>('/location', { name: name.trim(), tags: tagUuids });
  return { uuid: created.uuid, display: created.display ?? name.trim() };
}

/** DELETE /location/{uuid}?reason=: retires (with this reason), never purges. */
export async function retireLocation(client: RestClient, locationUuid: string, reason: string): Promise<void> {
  await client.delete(`/location/${enc(locationUuid)}?reason=${enc(reason)}`);
}

export type UserMoveResult = 'moved' | 'unchanged';

/** Reads the user fresh and moves what they hold at the sources to the target, keeping every other property. */
export async function moveUserToTarget(client: RestClient, userUuid: string, sources: string[], target: string): Promise<UserMoveResult> {
  const fresh = await client.get<{ userProperties?: Record<string, unknown> | null }>(`/user/${enc(userUuid)}?v=custom:(uuid,userProperties)`);
  const patch = mergedUserPatch(fresh?.userProperties, sources, target);
  if (!patch) {
    return 'unchanged';
  }
  await client.post(`/user/${enc(userUuid)}`, { userProperties: mergeUserProperties(fresh?.userProperties, patch) });
  return 'moved';
}

export interface MergeItem {
  kind: 'user' | 'patient';
  uuid: string;
  label: string;
}

export function mergeItemKey(item: Pick<MergeItem, 'kind' | 'uuid'>): string {
  return `${item.kind}:${item.uuid}`;
}

/** The bulk runner's worker for one merge item. */
export function moveMergeItem(client: RestClient, mode: StorageMode, sources: string[], target: string) {
  return async (item: MergeItem): Promise<string> => {
    if (!target) {
      throw new PermanentError('The target location is missing.');
    }
    return item.kind === 'user'
      ? moveUserToTarget(client, item.uuid, sources, target)
      : setPatientLocation(client, mode, item.uuid, target);
  };
}

export interface SourceHoldings {
  /** users still holding each source (any of locationUuid, defaultLocation, an end date) */
  users: Record<string, number>;
  /** patients still at each source; LBAC only (its own count, which sees patients the scan cannot) */
  patients: Record<string, number>;
}

/**
 * What the sources still hold, read again just before retiring them: every user (100 per request)
 * and, with LBAC, GET /lbac/locationwise-patients-count. Without LBAC the run's patient results are
 * the evidence (nothing hides patients from the scan there).
 */
export async function readSourceHoldings(
  client: RestClient,
  mode: StorageMode,
  sources: LocationInfo[],
  locations: LocationInfo[],
): Promise<SourceHoldings> {
  const users = await fetchMergeUsers(client);
  const holdings: SourceHoldings = { users: {}, patients: {} };
  for (const source of sources) {
    holdings.users[source.uuid] = users.filter((u) => heldSources(u, [source.uuid]).length > 0).length;
  }
  if (mode.kind === 'lbac') {
    const counts = await fetchLbacCounts(client, 'patients', locations);
    for (const source of sources) {
      holdings.patients[source.uuid] = counts.byLocation[source.uuid] ?? 0;
    }
  }
  return holdings;
}
