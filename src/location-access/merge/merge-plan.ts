/**
 * Merging locations: what moves, decided without I/O. Everything the merged ("source") locations hold
 * moves to the target: each user's `locationUuid` entries and `defaultLocation`, the assignments that
 * end on a date (kept with the longer access), and each patient's location. Clinical records (visits,
 * encounters, obs) keep their location: the merge never touches them.
 */
import { DEFAULT_LOCATION_PROPERTY, LOCATION_UUID_PROPERTY, parseLocationUuids } from '../../common/openmrs-facts';
import { endDatesOf, endDatesPatch, mergeEndDates } from '../assignment-end-dates';
import type { PatientRow } from '../patient-rows';

/**
 * The user-property patch that moves `sources` to `target` for one user's properties, or null when the
 * user holds none of them. Only the keys that change are in the patch, so every other property stays:
 * a `defaultLocation` at a source moves to the target even when `locationUuid` is empty (core sets it
 * without LBAC), and `locationUuid` keeps its order with the target where the first source was.
 */
export function mergedUserPatch(
  userProperties: Record<string, unknown> | null | undefined,
  sources: string[],
  target: string,
): Record<string, string | null> | null {
  const isSource = new Set(sources);
  const locations = parseLocationUuids(userProperties?.[LOCATION_UUID_PROPERTY]);
  const rawDefault = userProperties?.[DEFAULT_LOCATION_PROPERTY];
  const defaultLocation = typeof rawDefault === 'string' ? rawDefault.trim() : '';
  const endDates = endDatesOf(userProperties);
  const heldSources = locations.filter((uuid) => isSource.has(uuid));
  const datedSources = Object.keys(endDates).filter((uuid) => isSource.has(uuid));
  if (!heldSources.length && !datedSources.length && !isSource.has(defaultLocation)) {
    return null;
  }
  const patch: Record<string, string | null> = {};
  let next = locations;
  if (heldSources.length) {
    next = [...new Set(locations.map((uuid) => (isSource.has(uuid) ? target : uuid)))];
    patch[LOCATION_UUID_PROPERTY] = next.join(',');
  }
  if (isSource.has(defaultLocation)) {
    patch[DEFAULT_LOCATION_PROPERTY] = target;
  }
  if (Object.keys(endDates).length && (datedSources.length || heldSources.length)) {
    let dates = endDates;
    let heldTarget = locations.includes(target);
    for (const source of heldSources) {
      dates = mergeEndDates(dates, source, target, heldTarget);
      heldTarget = true;
    }
    Object.assign(patch, endDatesPatch(dates, next));
  }
  return patch;
}

export interface MergeCounts {
  /** users holding a source in `locationUuid` */
  assignments: number;
  /** users whose `defaultLocation` is a source */
  defaults: number;
  /** users with an assignment that ends on a date at a source */
  datedAssignments: number;
  /** patients whose location is a source */
  patients: number;
  /** per source location: users holding it and patients at it */
  perSource: Record<string, { users: number; patients: number }>;
}

export interface MergeUserInput {
  uuid: string;
  locations: string[];
  defaultLocation: string | null;
  endDates: Record<string, string>;
}

/** The sources a user holds in any way: in `locationUuid`, as `defaultLocation` or with an end date. */
export function heldSources(user: MergeUserInput, sources: string[]): string[] {
  return sources.filter((s) => user.locations.includes(s) || user.defaultLocation === s || s in user.endDates);
}

/** The users whose properties the merge changes. */
export function usersHolding<U extends MergeUserInput>(users: U[], sources: string[]): U[] {
  return users.filter((user) => heldSources(user, sources).length > 0);
}

/** The preview's counts; what the run will change. */
export function mergeCounts(users: MergeUserInput[], patients: PatientRow[], sources: string[]): MergeCounts {
  const perSource: MergeCounts['perSource'] = Object.fromEntries(sources.map((s) => [s, { users: 0, patients: 0 }]));
  let assignments = 0;
  let defaults = 0;
  let datedAssignments = 0;
  for (const user of users) {
    heldSources(user, sources).forEach((s) => perSource[s].users++);
    assignments += user.locations.some((s) => sources.includes(s)) ? 1 : 0;
    defaults += user.defaultLocation && sources.includes(user.defaultLocation) ? 1 : 0;
    datedAssignments += Object.keys(user.endDates).some((s) => sources.includes(s)) ? 1 : 0;
  }
  const moved = patientsAt(patients, sources);
  moved.forEach((p) => p.location.kind === 'location' && perSource[p.location.uuid].patients++);
  return { assignments, defaults, datedAssignments, patients: moved.length, perSource };
}

/** The patients whose location is one of the sources. */
export function patientsAt(patients: PatientRow[], sources: string[]): PatientRow[] {
  return patients.filter((p) => p.location.kind === 'location' && sources.includes(p.location.uuid));
}
