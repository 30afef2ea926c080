import { createDefaultPolicy } from './policy-json';
import { DAY_MS } from './dates';
import { evaluateDeactivations } from './policy';
import { isDemoAccount } from './demo-accounts';
import { englishReasonText } from './reason-text';
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
    expect(together.some((d) => englishReasonText(d).includes('ignored an exemption date'))).toBe(true);
  });
});

// The engine also works out once per evaluation what each role name, each exemption date and each
// demo rule mean: users sharing them must still each get what they get when evaluated alone.
describe('what one evaluation works out once', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  const exemptUntil = ['2099-12-31', '2025-05-01', ' 2025-06-01 ', '2025-06-01T12:00:01+00:00', 'soon', undefined];
  const roles = [
    ['Provider'],
    ['night duty '],
    ['Provider', ' SYSTEM developer'],
    ['Night Duty', 'Keep'],
    ['Keep'],
    [],
  ];
  const usernames = ['user', 'Test-user', ' TEST-user', 'İtest', 'tester'];

  function user(i: number): PolicyUser {
    const userProperties: Record<string, string> = {};
    if (i % 4 !== 0) {
      userProperties.lastLoginTimestamp = String(now.getTime() - (i % 50) * DAY_MS);
    }
    const until = exemptUntil[i % exemptUntil.length];
    if (until !== undefined) {
      userProperties['useraccess.exemptUntil'] = until;
      userProperties['useraccess.exemptReason'] = i % 4 ? `reason ${i % 4}` : '';
    }
    const retired = i % 13 === 0;
    return {
      uuid: `u${i}`,
      username: `${usernames[i % usernames.length]}${i}`,
      systemId: i % 7 === 0 ? `99-${i}` : `${i}-1`,
      display: `user${i}`,
      personName: `Person ${i}`,
      familyName: i % 9 === 0 ? ' test ACCOUNT ' : 'Family',
      roles: roles[Math.floor(i / 6) % roles.length],
      retired,
      dateCreated: new Date(now.getTime() - (i % 45) * DAY_MS),
      dateRetired: retired && i % 2 ? new Date(Date.UTC(2025, 4, i % 28)) : null,
      retireReason: retired ? ' Left ' : null,
      userProperties,
    };
  }

  it('gives every user the decision it gets when evaluated alone', () => {
    const policy: DeactivationPolicy = {
      ...createDefaultPolicy(),
      enabled: true,
      inactiveDays: 30,
      neverLoggedIn: 'countFromCreation',
      exemptRoles: ['Keep', 'Night Duty'],
      demo: { ...createDefaultPolicy().demo, usernamePrefix: 'Test-' },
    };
    const users = Array.from({ length: 400 }, (_, i) => user(i));
    const context = { actingUserUuid: 'u31' };
    const together = evaluateDeactivations(users, policy, now, context);
    const alone = users.map((u) => evaluateDeactivations([u], policy, now, context)[0]);
    expect(together).toEqual(alone);
    const reasons = new Set(together.map((d) => englishReasonText(d).replace(/\d+/g, 'N')));
    const expected = [
      'Has the System Developer role; such accounts are never deactivated',
      'Has the exempt role "Keep"',
      'Has the exempt role "Night Duty"',
      'The administrator running this action is never deactivated',
      'Exempt until N-N-N: reason N',
      'Exempt until N-N-N',
      'Exempt until N-N-NTN:N:N.NZ: reason N',
      'Deactivated on N-N-N: Left',
      'Deactivated: Left',
    ];
    expect(expected.filter((reason) => !reasons.has(reason))).toEqual([]);
    expect(together.filter((d) => d.rule === 'demo').length).toBeGreaterThan(0);
    expect(together.filter((d) => d.invalidExemption === 'soon').length).toBeGreaterThan(0);
  });

  it('matches the username prefix whatever the case, also where lower-casing is not one to one', () => {
    const policy = createDefaultPolicy();
    const demo = (username: string, usernamePrefix: string) =>
      isDemoAccount(
        { ...user(1), familyName: 'Family', systemId: '1-1', username },
        { ...policy, demo: { ...policy.demo, usernamePrefix } },
      );
    expect(demo('TEST-1', 'test-')).toBe(true);
    expect(demo('\tTest-1', 'test-')).toBe(true);
    expect(demo('user1', 'test-')).toBe(false);
    expect(demo('İx', 'i̇')).toBe(true);
    expect(demo('\u212Aey', 'k')).toBe(true);
    expect(demo('key', 'K')).toBe(true);
    expect(demo('\u00C9t', 'ét')).toBe(true);
    expect(demo('', 'test-')).toBe(false);
  });
});
