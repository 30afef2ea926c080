/**
 * Assignments that end on a date. They live beside the assignments themselves, in the same user's
 * properties, so writing them needs exactly what writing `locationUuid` needs (Edit Users, through
 * `UserServiceImpl.saveUser`), and they are written in the same request:
 *
 *   user property `useraccess.locationEndDates` = `<location uuid>:<YYYY-MM-DD>,<location uuid>:<YYYY-MM-DD>`
 *
 * A location of `locationUuid` without an entry has no end. The date is the last day of access (UTC
 * calendar day, as the app's other dates): the assignment has expired once that day is over. Entries
 * for locations the user does not hold are dropped whenever the property is written.
 *
 * Pure: no I/O. The browser, the headless sweep and a location merge all use these helpers.
 */
import { isoDay } from '../common/dates';

export const LOCATION_END_DATES_PROPERTY = 'useraccess.locationEndDates';

/** location uuid → last day of access, `YYYY-MM-DD` */
export type EndDates = Record<string, string>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(value: unknown): value is string {
  return typeof value === 'string' && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** The property's value as a map; malformed entries are ignored, a later entry for the same location wins. */
export function parseEndDates(value: unknown): EndDates {
  const dates: EndDates = {};
  if (typeof value !== 'string') {
    return dates;
  }
  for (const part of value.split(',')) {
    const [uuid, day] = part.split(':').map((s) => s.trim());
    if (uuid && isDay(day)) {
      dates[uuid] = day;
    }
  }
  return dates;
}

/** The end dates of a user, from their user properties. */
export function endDatesOf(userProperties: Record<string, unknown> | null | undefined): EndDates {
  return parseEndDates(userProperties?.[LOCATION_END_DATES_PROPERTY]);
}

/**
 * The user-property patch for end dates, kept only for `heldLocations` (in their order). No end date
 * left removes the property (null in a patch deletes the key).
 */
export function endDatesPatch(endDates: EndDates, heldLocations: string[]): Record<string, string | null> {
  const parts = [...new Set(heldLocations)].filter((uuid) => isDay(endDates[uuid])).map((uuid) => `${uuid}:${endDates[uuid]}`);
  return { [LOCATION_END_DATES_PROPERTY]: parts.length ? parts.join(',') : null };
}

/** Sets (a day) or clears (null) the end of one location's assignment. */
export function withEndDate(endDates: EndDates, locationUuid: string, day: string | null): EndDates {
  const next = { ...endDates };
  if (day && isDay(day)) {
    next[locationUuid] = day;
  } else {
    delete next[locationUuid];
  }
  return next;
}

/**
 * Giving a location again: a permanent grant (day null) removes the end; a dated grant never shortens
 * access the user already holds (without an end, or ending later).
 */
export function grantEndDate(endDates: EndDates, alreadyHeld: boolean, locationUuid: string, day: string | null): EndDates {
  if (!day) {
    return withEndDate(endDates, locationUuid, null);
  }
  if (alreadyHeld && !endDates[locationUuid]) {
    return endDates;
  }
  return withEndDate(endDates, locationUuid, laterDay(endDates[locationUuid], day));
}

/**
 * A location merged into another, for one user who held `from` (and perhaps `into`). The user keeps
 * the longer access: no end if either assignment had none, else the later day.
 */
export function mergeEndDates(endDates: EndDates, from: string, into: string, heldInto: boolean): EndDates {
  const next = withEndDate(endDates, from, null);
  const fromDay = endDates[from] ?? null;
  const intoDay = heldInto ? (endDates[into] ?? null) : undefined;
  if (fromDay === null || intoDay === null) {
    return withEndDate(next, into, null);
  }
  return withEndDate(next, into, laterDay(intoDay, fromDay));
}

function laterDay(a: string | undefined, b: string): string {
  return a && a > b ? a : b;
}

/** Today as end dates are compared: the UTC calendar day. */
export function today(now: Date = new Date()): string {
  return isoDay(now);
}

/** Locations (of `heldLocations`) whose last day is before `day`. */
export function expiredLocations(endDates: EndDates, heldLocations: string[], day: string = today()): string[] {
  return heldLocations.filter((uuid) => endDates[uuid] !== undefined && endDates[uuid] < day);
}
