import { createDefaultPolicy } from '../deactivation/policy-json';
import { DAY_MS } from '../deactivation/dates';
import type { DeactivationPolicy, PolicyUser } from '../deactivation/types';

let counter = 0;

/** A user as the policy engine sees it; lastLoginDaysAgo null = never logged in. */
export function policyUser(overrides: Partial<PolicyUser> & { lastLoginDaysAgo?: number | null } = {}): PolicyUser {
  counter++;
  const { lastLoginDaysAgo = 10, ...rest } = overrides;
  const userProperties: Record<string, string> = { defaultLocation: 'loc-1', ...(rest.userProperties ?? {}) };
  if (lastLoginDaysAgo !== null) {
    userProperties.lastLoginTimestamp = String(Date.now() - lastLoginDaysAgo * DAY_MS);
  }
  return {
    uuid: `user-${counter}`,
    username: `user${counter}`,
    // never all nines before the dash: 9-1, 99-1 are demo accounts under the default pattern
    systemId: `1${counter}-1`,
    display: `user${counter}`,
    personName: `Person ${counter}`,
    familyName: `Family${counter}`,
    roles: ['Provider'],
    retired: false,
    dateCreated: new Date(Date.now() - 500 * DAY_MS),
    dateRetired: null,
    retireReason: null,
    ...rest,
    userProperties,
  };
}

export function enabledPolicy(overrides: Partial<DeactivationPolicy> = {}): DeactivationPolicy {
  return { ...createDefaultPolicy(), enabled: true, ...overrides };
}
