/** What core's own AutoRetireUsersTask (core 2.7+) would retire, shown beside the app's policy. */
import { isSystemDeveloper, LAST_LOGIN_PROPERTY } from '../common/openmrs-facts';
import { DAY_MS } from './dates';
import type { PolicyUser } from './types';

/** The global property core's AutoRetireUsersTask reads. */
export const CORE_DAYS_TO_RETIRE_GLOBAL_PROPERTY = 'users.numberOfDaysToRetire';
export const CORE_AUTO_RETIRE_TASK_CLASS = 'org.openmrs.scheduler.tasks.AutoRetireUsersTask';

export interface CoreTaskPrediction {
  /** users core's task would retire */
  wouldRetire: PolicyUser[];
  /**
   * users whose lastLoginTimestamp core cannot parse (Long.parseLong): core's run then throws,
   * logs "Error occurred while auto-retiring users" and retires nobody at all
   */
  wouldFailOn: PolicyUser[];
}

function coreCandidate(user: PolicyUser, thresholdMs: number, nowMs: number): boolean | 'fails' {
  if (isSystemDeveloper(user.roles) || user.retired) {
    return false;
  }
  const ts = user.userProperties?.[LAST_LOGIN_PROPERTY];
  if (typeof ts === 'string' && ts.trim() !== '') {
    // Long.parseLong: optional sign, decimal digits, no surrounding spaces.
    if (!/^[+-]?\d{1,18}$/.test(ts)) {
      return 'fails';
    }
    return nowMs - Number(ts) >= thresholdMs;
  }
  if (user.dateCreated) {
    return nowMs - user.dateCreated.getTime() >= thresholdMs;
  }
  return false;
}

/**
 * What core's AutoRetireUsersTask.getUsersToRetire (core 2.7+) would retire with
 * `users.numberOfDaysToRetire = thresholdDays`: not User.isSuperUser (System Developer, inherited,
 * case-insensitive), not retired, and now - (lastLoginTimestamp, else dateCreated) >= threshold. It knows nothing of
 * demo rules, exempt roles or exemptions.
 */
export function coreTaskWouldRetire(users: PolicyUser[], thresholdDays: number, now: Date): PolicyUser[] {
  return predictCoreTask(users, thresholdDays, now).wouldRetire;
}

/** coreTaskWouldRetire plus the users whose malformed lastLoginTimestamp would make core's run fail. */
export function predictCoreTask(users: PolicyUser[], thresholdDays: number, now: Date): CoreTaskPrediction {
  if (!Number.isFinite(thresholdDays)) {
    return { wouldRetire: [], wouldFailOn: [] };
  }
  const thresholdMs = Math.trunc(thresholdDays) * DAY_MS;
  const nowMs = now.getTime();
  const wouldRetire: PolicyUser[] = [];
  const wouldFailOn: PolicyUser[] = [];
  for (const user of users) {
    const result = coreCandidate(user, thresholdMs, nowMs);
    if (result === 'fails') {
      wouldFailOn.push(user);
    } else if (result) {
      wouldRetire.push(user);
    }
  }
  return { wouldRetire, wouldFailOn };
}
