import { evaluateDeactivations } from '../policy';
import { predictCoreTask } from '../core-task-prediction';
import type { DeactivationPolicy, PolicyUser } from '../types';

/**
 * The accounts core's AutoRetireUsersTask would retire with `users.numberOfDaysToRetire = thresholdDays`
 * that the app's policy does not consider due: exempt roles, exemptions, demo rules, the never-logged-in
 * setting, System Developers and the acting administrator protect them from the app, not from core.
 * The same engine and data as the page's preview.
 */
export function accountsCoreWouldRetireThatAppProtects(
  users: PolicyUser[],
  policy: DeactivationPolicy,
  thresholdDays: number | null,
  now: Date,
  actingUserUuid?: string,
): PolicyUser[] {
  if (thresholdDays === null) {
    return [];
  }
  const decisions = evaluateDeactivations(users, policy, now, { actingUserUuid });
  const statusByUuid = new Map(decisions.map((d) => [d.uuid, d.status]));
  return predictCoreTask(users, thresholdDays, now).wouldRetire.filter((user) => statusByUuid.get(user.uuid) !== 'due');
}

/** users.numberOfDaysToRetire as core's Long.parseLong reads it; null when blank (the task retires nobody) or unreadable. */
export function coreThresholdDays(value: string | null | undefined): number | null {
  const text = (value ?? '').trim();
  return /^\d+$/.test(text) ? Number(text) : null;
}
