import { enabledPolicy, policyUser } from '../test-support/policy-users';
import { coreTaskWouldRetire, predictCoreTask } from './core-task-prediction';
import { DAY_MS } from './dates';
import { evaluateDeactivations } from './policy';
import type { PolicyUser } from './types';

const NOW = new Date('2025-06-15T12:00:00.000Z');
const daysAgo = (n: number, extraMs = 0) => NOW.getTime() - n * DAY_MS - extraMs;

/** A user whose lastLoginTimestamp is `lastLogin` (epoch ms, or any text). */
function lastLoginAt(lastLogin: number | string, overrides: Partial<PolicyUser> = {}): PolicyUser {
  return policyUser({
    ...overrides,
    lastLoginDaysAgo: null,
    userProperties: { ...overrides.userProperties, lastLoginTimestamp: String(lastLogin) },
  });
}

describe('coreTaskWouldRetire (core AutoRetireUsersTask, 2.7.0+, TRUNK-6235)', () => {
  it('retires on >= threshold from the last login, else from dateCreated; skips System Developer and retired', () => {
    const users = [
      lastLoginAt(daysAgo(90)), // 0: exactly → yes
      lastLoginAt(daysAgo(90, -1)), // 1: 1 ms short → no
      policyUser({ lastLoginDaysAgo: null, dateCreated: new Date(daysAgo(91)) }), // 2: never logged in, old → yes (core counts from creation)
      policyUser({ lastLoginDaysAgo: null, dateCreated: null }), // 3: nothing to go on → no
      lastLoginAt(daysAgo(200), { roles: ['Authenticated', 'SYSTEM DEVELOPER'] }), // 4: superuser → no
      lastLoginAt(daysAgo(200), { retired: true }), // 5: retired → no
      lastLoginAt(daysAgo(200), { roles: ['Keep'], userProperties: { 'useraccess.exemptUntil': '2030-01-01' } }), // 6: yes
      lastLoginAt(daysAgo(3), { username: 'test-1' }), // 7: demo, core knows nothing of demo → no
      lastLoginAt(NOW.getTime() + DAY_MS), // 8: future login → no
    ];
    const retired = coreTaskWouldRetire(users, 90, NOW).map((u) => users.indexOf(u));
    expect(retired).toEqual([0, 2, 6]);
  });

  it('reports users whose malformed timestamp makes core fail (Long.parseLong)', () => {
    const bad = lastLoginAt(' 123 ');
    const prediction = predictCoreTask([bad, lastLoginAt(daysAgo(100))], 90, NOW);
    expect(prediction.wouldFailOn).toEqual([bad]);
    expect(prediction.wouldRetire).toHaveLength(1);
  });

  it('lists what the app protects but core would retire', () => {
    const p = enabledPolicy({ exemptRoles: ['Keep'] });
    const users = [lastLoginAt(daysAgo(200), { roles: ['Keep'] }), lastLoginAt(daysAgo(200))];
    const decisions = evaluateDeactivations(users, p, NOW);
    const protectedByApp = coreTaskWouldRetire(users, p.inactiveDays, NOW).filter(
      (u) => decisions[users.indexOf(u)].status !== 'due',
    );
    expect(protectedByApp).toEqual([users[0]]);
  });
});
