/**
 * The sweep's second duty: remove location assignments whose last day has passed (user property
 * useraccess.locationEndDates, see src/location-access/assignment-end-dates.ts), and report what it
 * removed. Dry run unless --apply, like the deactivations. Each user is read again before the write,
 * so an end date changed since the list was read is honoured; users this administrator may not change
 * (UserServiceImpl.checkPrivileges) are reported, not attempted.
 */
import { describeEditRefusal, type EditRefusal } from '../src/common/edit-privileges';
import { runBulk } from '../src/common/bulk-runner';
import type { RestClient } from '../src/common/rest-client';
import { expiredLocations, today } from '../src/location-access/assignment-end-dates';
import { fetchLocations } from '../src/location-access/location-storage-io';
import { changeUserLocations, fetchLocationUsers } from '../src/location-access/user-locations-io';

export interface ExpiredAssignment {
  uuid: string;
  username: string;
  locations: Array<{ uuid: string; name: string; lastDay: string }>;
  status: 'due' | 'removed' | 'failed' | 'notPermitted';
  message?: string;
}

export interface ExpiredSweepOptions {
  apply: boolean;
  now: Date;
  concurrency: number;
  refusals: Map<string, EditRefusal>;
}

/** Finds (and with apply removes) expired assignments; adds `expiredAssignments` to `out` and lines to `text`. */
export async function sweepExpiredLocations(
  client: RestClient,
  options: ExpiredSweepOptions,
  out: Record<string, unknown>,
  text: string[],
): Promise<{ failed: number }> {
  const day = today(options.now);
  const [users, locations] = await Promise.all([fetchLocationUsers(client), fetchLocations(client, '')]);
  const names = new Map(locations.map((l) => [l.uuid, l.name]));
  const found: ExpiredAssignment[] = users
    .map((user) => ({ user, expired: expiredLocations(user.endDates, user.locations, day) }))
    .filter(({ expired }) => expired.length > 0)
    .map(({ user, expired }) => ({
      uuid: user.uuid,
      username: user.username,
      locations: expired.map((uuid) => ({ uuid, name: names.get(uuid) ?? uuid, lastDay: user.endDates[uuid] })),
      status: options.refusals.has(user.uuid) ? 'notPermitted' : 'due',
      ...(options.refusals.has(user.uuid) ? { message: describeEditRefusal(options.refusals.get(user.uuid)!) } : {}),
    }));

  let failed = 0;
  if (options.apply) {
    const due = found.filter((f) => f.status === 'due');
    const outcome = await runBulk(
      due,
      (item) =>
        changeUserLocations(client, item.uuid, (current) => {
          const expiredNow = expiredLocations(current.endDates, current.locations, day);
          return { locations: current.locations.filter((l) => !expiredNow.includes(l)), endDates: current.endDates };
        }),
      { concurrency: options.concurrency },
    );
    for (const result of outcome.results) {
      result.item.status = result.status === 'success' ? 'removed' : 'failed';
      if (result.status === 'failed') {
        result.item.message = result.message;
      }
    }
    failed = outcome.failed + outcome.remaining.length;
    for (const item of outcome.remaining) {
      item.status = 'failed';
      item.message = outcome.stoppedBecause === 'unauthenticated' ? 'not attempted: the session ended' : 'not attempted';
    }
  }

  out.expiredAssignments = found;
  if (!found.length) {
    text.push('No location assignment has expired.', '');
    return { failed };
  }
  const verb = options.apply ? 'Expired location assignments' : 'Expired location assignments (dry run; --apply removes them)';
  text.push(`${verb}, ${found.length} ${found.length === 1 ? 'user' : 'users'}:`);
  for (const f of found) {
    const what = f.locations.map((l) => `${l.name} (last day ${l.lastDay})`).join(', ');
    const status = { due: 'to remove', removed: 'removed', failed: `FAILED: ${f.message ?? ''}`, notPermitted: `not done: ${f.message ?? ''}` }[f.status];
    text.push(`  ${f.username}: ${what}: ${status}`);
  }
  text.push('');
  return { failed };
}
