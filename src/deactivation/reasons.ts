/** The reason codes and parameters of the inactivity and demo rules (reason-text.ts words them). */
import type { ReasonCode } from './types';

export type RuleStatus = 'due' | 'upcoming' | 'active';
export type ActivitySource = 'lastLogin' | 'created';

/** The reason of a decision of the inactivity or demo rule. */
export interface SharedReason {
  code: ReasonCode;
  params: Record<string, string | number>;
}

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
    if (shared === undefined || shared.params.inDays !== inDays) {
      shared = {
        code: `${status}After${source === 'created' ? 'Creation' : 'Login'}`,
        params: Object.freeze({ days: inactiveDays, limit, inDays, demo: demo ? 1 : 0 }),
      };
      list[inactiveDays] = shared;
    }
    return shared;
  };
}
