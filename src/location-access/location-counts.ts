/** Users and patients per location, counted by the app or read from LBAC. */
import type { RestClient } from '../common/rest-client';
import type { LocationInfo } from './location-storage-io';
import type { PatientRow } from './patient-rows';
import type { LocationUser } from './user-locations-io';

export interface LocationCounts {
  /** location uuid -> count */
  byLocation: Record<string, number>;
  none: number;
  /** values that are not a known location uuid */
  unknown: number;
  /** the distinct unknown values, with how often each occurs */
  unknownValues: Record<string, number>;
}

function emptyCounts(): LocationCounts {
  return { byLocation: {}, none: 0, unknown: 0, unknownValues: {} };
}

/** Users per location (a user counts once for each location, as LBAC counts), retired users left out. */
export function countUsers(users: LocationUser[], knownLocations: Set<string>): LocationCounts {
  const counts = emptyCounts();
  for (const user of users.filter((u) => !u.retired)) {
    if (!user.locations.length) {
      counts.none++;
    }
    for (const uuid of user.locations) {
      if (knownLocations.has(uuid)) {
        counts.byLocation[uuid] = (counts.byLocation[uuid] ?? 0) + 1;
      } else {
        counts.unknown++;
        counts.unknownValues[uuid] = (counts.unknownValues[uuid] ?? 0) + 1;
      }
    }
  }
  return counts;
}

export function countPatients(rows: PatientRow[]): LocationCounts {
  const counts = emptyCounts();
  for (const row of rows) {
    if (row.location.kind === 'none') {
      counts.none++;
    } else if (row.location.kind === 'unknown') {
      counts.unknown++;
      counts.unknownValues[row.location.raw] = (counts.unknownValues[row.location.raw] ?? 0) + 1;
    } else {
      counts.byLocation[row.location.uuid] = (counts.byLocation[row.location.uuid] ?? 0) + 1;
    }
  }
  return counts;
}

/**
 * LBAC's own counts (GET /lbac/locationwise-{patients|users}-count), keyed by location name, mapped to
 * uuids. Patients without a known uuid are not in them; names matching no location are kept as unknown.
 */
export async function fetchLbacCounts(
  client: RestClient,
  entity: 'patients' | 'users',
  locations: LocationInfo[],
): Promise<LocationCounts> {
  const answer = await client.get<{ results?: Record<string, number> }>(`/lbac/locationwise-${entity}-count`);
  const counts = emptyCounts();
  const byName = new Map<string, string>();
  for (const location of locations) {
    if (!byName.has(location.name)) {
      byName.set(location.name, location.uuid);
    }
  }
  for (const [name, count] of Object.entries(answer?.results ?? {})) {
    const uuid = byName.get(name);
    if (uuid) {
      counts.byLocation[uuid] = (counts.byLocation[uuid] ?? 0) + Number(count || 0);
    } else if (count) {
      counts.unknown += Number(count);
      counts.unknownValues[name] = Number(count);
    }
  }
  return counts;
}
