/** The English reasons of the engine's decisions (what the server records as the retire reason). */
import type { Decision, DecisionStatus, ReasonCode } from './types';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function withNote(reason: string, note: string | null): string {
  return note ? `${reason} (${note})` : reason;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The reason of a due, upcoming or active decision of the inactivity or demo rule. */
function reasonText(
  status: DecisionStatus,
  demo: boolean,
  source: Decision['activitySource'],
  inactiveDays: number,
  limit: number,
  inDays: number,
): string {
  const subject = demo ? 'Demo account' : null;
  const inactivity =
    source === 'created'
      ? `never logged in, created ${plural(inactiveDays, 'day')} ago (limit ${limit})`
      : `inactive for ${plural(inactiveDays, 'day')} (limit ${limit})`;
  if (status === 'due') {
    return subject ? `${subject} ${inactivity}` : sentence(inactivity);
  }
  if (status === 'upcoming') {
    return `Will be deactivated in ${plural(inDays, 'day')}: ${subject ? `demo account ${inactivity}` : inactivity}`;
  }
  return source === 'created'
    ? `${subject ? `${subject} never` : 'Never'} logged in, created ${plural(inactiveDays, 'day')} ago (limit ${limit})`
    : `${subject ? `${subject}, last` : 'Last'} login ${plural(inactiveDays, 'day')} ago (limit ${limit})`;
}

/** The reason of a decision of the inactivity or demo rule, as text and as data. */
export interface SharedReason {
  reason: string;
  code: ReasonCode;
  params: Record<string, string | number>;
  inDays: number;
}

export type RuleStatus = 'due' | 'upcoming' | 'active';
export type ActivitySource = 'lastLogin' | 'created';

/**
 * The reasons of the inactivity and demo rules for one evaluation. Many users share a reason (same
 * status, rule and day counts): it is built once and shared (its params frozen), so 100,000 users do
 * not allocate and keep 100,000 copies of a few hundred reasons.
 *
 * Kept in 12 lists, one per status, rule and source (3 × 2 × 2), each indexed by inactiveDays: in
 * one evaluation the rule decides the limit, and the limit and inactiveDays decide inDays (checked
 * all the same).
 */
export function sharedReasons(): (
  status: RuleStatus,
  demo: boolean,
  source: ActivitySource,
  inactiveDays: number,
  limit: number,
  inDays: number,
) => SharedReason {
  const lists: SharedReason[][] = Array.from({ length: 12 }, () => []);
  return (status, demo, source, inactiveDays, limit, inDays) => {
    const statusIndex = status === 'due' ? 0 : status === 'upcoming' ? 1 : 2;
    const list = lists[statusIndex * 4 + (demo ? 2 : 0) + (source === 'created' ? 1 : 0)];
    let shared = list[inactiveDays];
    if (shared === undefined || shared.inDays !== inDays) {
      shared = {
        reason: reasonText(status, demo, source, inactiveDays, limit, inDays),
        code: `${status}After${source === 'created' ? 'Creation' : 'Login'}`,
        params: Object.freeze({ days: inactiveDays, limit, inDays, demo: demo ? 1 : 0 }),
        inDays,
      };
      list[inactiveDays] = shared;
    }
    return shared;
  };
}
