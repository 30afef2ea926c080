import { createDefaultPolicy, DAY_MS, evaluateDeactivations, parseLastLogin } from './policy';
import type { DeactivationPolicy, PolicyUser } from './types';

// evaluateDeactivations builds each reason text once per evaluation and shares it between users
// with the same status, rule and day counts: evaluating users together must give exactly what
// evaluating each alone gives.
describe('shared reason texts', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  const policy: DeactivationPolicy = {
    ...createDefaultPolicy(),
    enabled: true,
    inactiveDays: 30,
    warningDays: 10,
    neverLoggedIn: 'countFromCreation',
  };

  function user(i: number): PolicyUser {
    const demo = i % 3 === 0;
    const never = i % 5 === 0;
    const userProperties: Record<string, string> = {};
    if (!never) {
      userProperties.lastLoginTimestamp = String(now.getTime() - (i % 60) * DAY_MS - (i % 7) * 3600 * 1000);
    }
    if (i % 11 === 0) {
      userProperties['useraccess.exemptUntil'] = 'not a date';
    }
    return {
      uuid: `u${i}`,
      username: demo ? `test-${i}` : `user${i}`,
      systemId: `${i}-1`,
      display: `user${i}`,
      personName: `Person ${i}`,
      familyName: 'Family',
      roles: ['Provider'],
      retired: false,
      dateCreated: new Date(now.getTime() - (i % 45) * DAY_MS),
      dateRetired: null,
      retireReason: null,
      userProperties,
    };
  }

  it('gives every user the reason it gets when evaluated alone', () => {
    const users = Array.from({ length: 600 }, (_, i) => user(i));
    const together = evaluateDeactivations(users, policy, now);
    const alone = users.map((u) => evaluateDeactivations([u], policy, now)[0]);
    expect(together).toEqual(alone);
    expect(new Set(together.map((d) => d.status))).toEqual(new Set(['due', 'upcoming', 'active']));
    expect(together.some((d) => d.reason.includes('ignored an exemption date'))).toBe(true);
  });

  it('reads lastLoginTimestamp as 1 to 15 digits only', () => {
    expect(parseLastLogin(' 1700000000000 ')?.getTime()).toBe(1700000000000);
    expect(parseLastLogin('')).toBeNull();
    expect(parseLastLogin('17e11')).toBeNull();
    expect(parseLastLogin('-1')).toBeNull();
    expect(parseLastLogin('1234567890123456')).toBeNull();
  });
});
