import { DAY_MS, exemptionEnd } from './dates';
import { createDefaultPolicy, defaultPolicy } from './policy-json';
import { evaluateDeactivations } from './policy';
import { planRun } from './run-plan';
import { englishReasonText as reasonOf } from './reason-text';
import type { CustomRule, Decision, DeactivationPolicy, PolicyUser } from './types';
import { prng } from '../test-support/prng';

const NOW = new Date('2025-06-15T12:00:00.000Z');

let seq = 0;
function user(overrides: Partial<PolicyUser> & { lastLogin?: Date | string | null } = {}): PolicyUser {
  seq++;
  const { lastLogin, ...rest } = overrides;
  const props: Record<string, string> = { ...(overrides.userProperties ?? {}) };
  if (lastLogin instanceof Date) {
    props.lastLoginTimestamp = String(lastLogin.getTime());
  } else if (typeof lastLogin === 'string') {
    props.lastLoginTimestamp = lastLogin;
  }
  return {
    uuid: `u-${seq}`,
    username: `user${seq}`,
    systemId: `${seq}-${seq % 10}`,
    display: `user${seq}`,
    personName: `Person ${seq}`,
    familyName: 'Doe',
    roles: ['Authenticated', 'Organizational: Doctor'],
    retired: false,
    dateCreated: new Date('2020-01-01T00:00:00Z'),
    dateRetired: null,
    retireReason: null,
    ...rest,
    userProperties: props,
  };
}

function policy(overrides: Partial<DeactivationPolicy> = {}): DeactivationPolicy {
  return { ...createDefaultPolicy(), enabled: true, ...overrides };
}

const daysAgo = (n: number, extraMs = 0) => new Date(NOW.getTime() - n * DAY_MS - extraMs);

/** A custom rule's own reason: the parameter of the code 'custom'. */
const ownReason = (text: string) => ({ reasonCode: 'custom' as const, reasonParams: { text } });

function one(u: PolicyUser, p: DeactivationPolicy = policy(), now = NOW, ctx = {}): Decision {
  return evaluateDeactivations([u], p, now, ctx)[0];
}

describe('evaluateDeactivations: inactivity', () => {
  it.each`
    label                               | lastLogin                       | status        | reason
    ${'exactly 90 days'}                | ${daysAgo(90)}                  | ${'due'}      | ${'Inactive for 90 days (limit 90 days)'}
    ${'90 days minus 1 ms'}             | ${daysAgo(90, -1)}              | ${'upcoming'} | ${'Will be deactivated in 1 day: inactive for 89 days (limit 90 days)'}
    ${'97 days'}                        | ${daysAgo(97)}                  | ${'due'}      | ${'Inactive for 97 days (limit 90 days)'}
    ${'85 days'}                        | ${daysAgo(85)}                  | ${'upcoming'} | ${'Will be deactivated in 5 days: inactive for 85 days (limit 90 days)'}
    ${'76 days (warning edge, 14 days)'}| ${daysAgo(76)}                  | ${'upcoming'} | ${'Will be deactivated in 14 days: inactive for 76 days (limit 90 days)'}
    ${'76 days minus 1 ms'}             | ${daysAgo(76, -1)}              | ${'active'}   | ${'Last login 75 days ago (limit 90 days)'}
    ${'3 days'}                         | ${daysAgo(3)}                   | ${'active'}   | ${'Last login 3 days ago (limit 90 days)'}
    ${'1 day'}                          | ${daysAgo(1)}                   | ${'active'}   | ${'Last login 1 day ago (limit 90 days)'}
  `('$label → $status', ({ lastLogin, status, reason }) => {
    const d = one(user({ lastLogin }));
    expect(d.status).toBe(status);
    expect(reasonOf(d)).toBe(reason);
    expect(d.rule).toBe('inactive');
    expect(d.lastActivity).toEqual(lastLogin);
    expect(d.deactivateOn).toEqual(new Date(lastLogin.getTime() + 90 * DAY_MS));
    expect(d.activitySource).toBe('lastLogin');
  });

  it('keeps the input order and one decision per user', () => {
    const users = [user({ lastLogin: daysAgo(100) }), user({ lastLogin: daysAgo(1) }), user({ retired: true })];
    const ds = evaluateDeactivations(users, policy(), NOW);
    expect(ds.map((d) => d.uuid)).toEqual(users.map((u) => u.uuid));
    expect(ds.map((d) => d.status)).toEqual(['due', 'active', 'deactivated']);
  });

  it('treats a last login in the future as activity now, with a normal reason', () => {
    const d = one(user({ lastLogin: new Date(NOW.getTime() + 5 * DAY_MS) }));
    expect(d.status).toBe('active');
    expect(d.lastActivity).toEqual(NOW);
    expect(d.deactivateOn).toEqual(new Date(NOW.getTime() + 90 * DAY_MS));
    expect(reasonOf(d)).toBe('Last login 0 days ago (limit 90 days)');
  });

  it.each(['', '   ', 'abc', '12.5', '-5', '1e12', 'null', '2025-01-01'])(
    'treats a malformed lastLoginTimestamp %p as never logged in',
    (ts) => {
      const never = one(user({ lastLogin: ts }));
      expect(never.status).toBe('active');
      expect(reasonOf(never)).toBe('Never logged in; the policy does not deactivate such accounts');
      expect(never.lastActivity).toBeNull();
      const fromCreation = one(
        user({ lastLogin: ts, dateCreated: daysAgo(100) }),
        policy({ neverLoggedIn: 'countFromCreation' }),
      );
      expect(fromCreation.status).toBe('due');
    },
  );

  it('accepts a lastLoginTimestamp with surrounding spaces', () => {
    expect(one(user({ lastLogin: ` ${daysAgo(91).getTime()} ` })).status).toBe('due');
  });

  it('is independent of the time zone of the dates: an instant is an instant', () => {
    const d = one(user({ lastLogin: String(Date.parse('2025-03-17T14:00:00+02:00')) }));
    expect(d.deactivateOn?.toISOString()).toBe('2025-06-15T12:00:00.000Z');
    expect(d.status).toBe('due');
  });
});

describe('evaluateDeactivations: never logged in', () => {
  it("'never' leaves such accounts active, with a reason saying so", () => {
    const d = one(user({ dateCreated: daysAgo(400) }), policy({ neverLoggedIn: 'never' }));
    expect(d).toMatchObject({ status: 'active', rule: null, reasonCode: 'neverLoggedInKept', lastActivity: null, deactivateOn: null });
    expect(reasonOf(d)).toBe('Never logged in; the policy does not deactivate such accounts');
  });

  it.each`
    created          | status        | reason
    ${daysAgo(90)}   | ${'due'}      | ${'Never logged in, created 90 days ago (limit 90 days)'}
    ${daysAgo(120)}  | ${'due'}      | ${'Never logged in, created 120 days ago (limit 90 days)'}
    ${daysAgo(80)}   | ${'upcoming'} | ${'Will be deactivated in 10 days: never logged in, created 80 days ago (limit 90 days)'}
    ${daysAgo(10)}   | ${'active'}   | ${'Never logged in, created 10 days ago (limit 90 days)'}
  `("'countFromCreation' counts from dateCreated: $reason", ({ created, status, reason }) => {
    const d = one(user({ dateCreated: created }), policy({ neverLoggedIn: 'countFromCreation' }));
    expect(d.status).toBe(status);
    expect(reasonOf(d)).toBe(reason);
    expect(d.lastActivity).toEqual(created);
    expect(d.activitySource).toBe('created');
  });

  it("'countFromCreation' without a creation date cannot evaluate and stays active", () => {
    const d = one(user({ dateCreated: null }), policy({ neverLoggedIn: 'countFromCreation' }));
    expect(d.status).toBe('active');
    expect(reasonOf(d)).toMatch(/creation date is unknown/);
  });

  it('the default policy is the safe one: never', () => {
    expect(defaultPolicy.neverLoggedIn).toBe('never');
    expect(defaultPolicy.enabled).toBe(false);
  });
});

describe('evaluateDeactivations: demo accounts', () => {
  it.each`
    label                                  | overrides
    ${'family name'}                       | ${{ familyName: 'Test Account' }}
    ${'family name, case and spaces'}      | ${{ familyName: '  test ACCOUNT ' }}
    ${'username prefix'}                   | ${{ username: 'test-nurse' }}
    ${'username prefix, case'}             | ${{ username: 'TEST-Nurse' }}
    ${'system ID 9-1'}                     | ${{ systemId: '9-1' }}
    ${'system ID 99-2'}                    | ${{ systemId: '99-2' }}
    ${'system ID 999-31'}                  | ${{ systemId: '999-31' }}
  `('recognises a demo account by $label', ({ overrides }) => {
    const d = one(user({ ...overrides, lastLogin: daysAgo(3) }));
    expect(d.rule).toBe('demo');
    expect(d.status).toBe('due');
    expect(reasonOf(d)).toBe('Demo account: Inactive for 3 days (limit 2 days)');
    expect(d.deactivateOn).toEqual(new Date(daysAgo(3).getTime() + 2 * DAY_MS));
  });

  it.each`
    label                        | overrides
    ${'other family name'}       | ${{ familyName: 'Test Accounts' }}
    ${'prefix not at start'}     | ${{ username: 'my-test-user' }}
    ${'system ID 19-1'}          | ${{ systemId: '19-1' }}
    ${'system ID 9-'}            | ${{ systemId: '9-' }}
    ${'system ID 9-1x'}          | ${{ systemId: '9-1x' }}
    ${'system ID 8-1'}           | ${{ systemId: '8-1' }}
  `('does not treat $label as a demo account', ({ overrides }) => {
    const d = one(user({ ...overrides, lastLogin: daysAgo(3) }));
    expect(d.rule).toBe('inactive');
    expect(d.status).toBe('active');
  });

  it('demo upcoming and active reasons', () => {
    expect(reasonOf(one(user({ username: 'test-a', lastLogin: daysAgo(1) })))).toBe(
      'Demo account: Will be deactivated in 1 day: inactive for 1 day (limit 2 days)',
    );
    const quiet = policy({ warningDays: 0 });
    expect(reasonOf(one(user({ username: 'test-a', lastLogin: daysAgo(1) }), quiet))).toBe(
      'Demo account: Last login 1 day ago (limit 2 days)',
    );
  });

  it('uses custom patterns, and anchors the system ID pattern to the whole ID', () => {
    const p = policy({
      demo: { enabled: true, inactiveDays: 5, familyName: 'Demo', usernamePrefix: 'trial_', systemIdPattern: 'D\\d+|X-\\d' },
    });
    expect(reasonOf(one(user({ familyName: 'demo', lastLogin: daysAgo(6) }), p))).toBe(
      'Demo account: Inactive for 6 days (limit 5 days)',
    );
    expect(one(user({ username: 'Trial_1', lastLogin: daysAgo(6) }), p).rule).toBe('demo');
    expect(one(user({ systemId: 'D12', lastLogin: daysAgo(6) }), p).rule).toBe('demo');
    expect(one(user({ systemId: 'X-1', lastLogin: daysAgo(6) }), p).rule).toBe('demo');
    expect(one(user({ systemId: 'AD12', lastLogin: daysAgo(6) }), p).rule).toBe('inactive');
    expect(one(user({ systemId: 'X-12', lastLogin: daysAgo(6) }), p).rule).toBe('inactive');
    expect(one(user({ familyName: 'Test Account', lastLogin: daysAgo(6) }), p).rule).toBe('inactive');
  });

  it('ignores blank criteria (a blank prefix does not match everyone) and disabled demo rules', () => {
    const blank = policy({
      demo: { enabled: true, inactiveDays: 2, familyName: '', usernamePrefix: '', systemIdPattern: '9+-\\d+' },
    });
    expect(one(user({ username: 'anyone', familyName: '', lastLogin: daysAgo(3) }), blank).rule).toBe('inactive');
    const off = policy({ demo: { ...defaultPolicy.demo, enabled: false } });
    expect(one(user({ username: 'test-x', lastLogin: daysAgo(3) }), off).rule).toBe('inactive');
  });

  it('an invalid system ID pattern matches nobody instead of throwing', () => {
    const p = policy({ demo: { ...defaultPolicy.demo, systemIdPattern: '([' } });
    expect(one(user({ systemId: '9-1', lastLogin: daysAgo(3) }), p).rule).toBe('inactive');
  });
});

describe('evaluateDeactivations: protections', () => {
  const old = daysAgo(500);

  it.each`
    label                                 | roles
    ${'direct'}                           | ${['System Developer']}
    ${'inherited (in the all-roles list)'}| ${['Authenticated', 'Organizational: Superuser', 'System Developer']}
    ${'other case'}                       | ${['system developer']}
    ${'spaces'}                           | ${[' SYSTEM DEVELOPER ']}
  `('never deactivates a System Developer ($label)', ({ roles }) => {
    const d = one(user({ roles, lastLogin: old, username: 'test-dev' }));
    expect(d.status).toBe('exempt');
    expect(reasonOf(d)).toMatch(/System Developer/);
    expect(d.deactivateOn).toBeNull();
  });

  it('never deactivates a configured exempt role, case-insensitively', () => {
    const d = one(user({ roles: ['Authenticated', 'Data Manager'], lastLogin: old }), policy({ exemptRoles: ['data manager'] }));
    expect(d).toMatchObject({ status: 'exempt', reasonCode: 'exemptRole', reasonParams: { role: 'data manager' } });
    expect(reasonOf(d)).toBe('Has the exempt role "data manager"');
  });

  it('never deactivates the acting administrator', () => {
    const u = user({ lastLogin: old });
    const d = one(u, policy(), NOW, { actingUserUuid: u.uuid });
    expect(d.status).toBe('exempt');
    expect(reasonOf(d)).toBe('The administrator running this action is never deactivated');
    expect(one(u, policy(), NOW, { actingUserUuid: 'someone-else' }).status).toBe('due');
  });

  it.each`
    until                          | now                                      | status
    ${'2025-06-15'}                | ${'2025-06-15T23:30:00Z'}                | ${'exempt'}
    ${'2025-06-15'}                | ${'2025-06-15T23:59:59.999Z'}            | ${'exempt'}
    ${'2025-06-15'}                | ${'2025-06-16T00:00:00Z'}                | ${'due'}
    ${'2025-06-15'}                | ${'2025-06-16T00:30:00Z'}                | ${'due'}
    ${'2025-06-16'}                | ${'2025-06-16T00:30:00Z'}                | ${'exempt'}
    ${'2025-06-14'}                | ${'2025-06-15T00:30:00Z'}                | ${'due'}
    ${'2025-06-15T12:00:00Z'}      | ${'2025-06-15T11:59:59Z'}                | ${'exempt'}
    ${'2025-06-15T12:00:00Z'}      | ${'2025-06-15T12:00:00Z'}                | ${'due'}
    ${'2025-06-15T14:00:00+02:00'} | ${'2025-06-15T11:59:00Z'}                | ${'exempt'}
    ${'2025-06-15T14:00:00+02:00'} | ${'2025-06-15T12:01:00Z'}                | ${'due'}
    ${'2025-06-15T12:00:00.000+0000'} | ${'2025-06-15T11:00:00Z'}             | ${'exempt'}
  `('exemptUntil $until evaluated at $now → $status', ({ until, now, status }) => {
    const u = user({ lastLogin: old, userProperties: { 'useraccess.exemptUntil': until } });
    expect(one(u, policy(), new Date(now)).status).toBe(status);
  });

  it('names the exemption date and reason', () => {
    const u = user({
      lastLogin: old,
      userProperties: { 'useraccess.exemptUntil': '2025-09-01', 'useraccess.exemptReason': 'Transfer to district office' },
    });
    expect(reasonOf(one(u))).toBe('Exempt until 2025-09-01: Transfer to district office');
    const noReason = user({ lastLogin: old, userProperties: { 'useraccess.exemptUntil': '2025-09-01' } });
    expect(reasonOf(one(noReason))).toBe('Exempt until 2025-09-01');
  });

  it('a passed exemption no longer protects; a malformed one protects nobody and is mentioned', () => {
    const passed = user({ lastLogin: old, userProperties: { 'useraccess.exemptUntil': '2025-01-01' } });
    expect(one(passed).status).toBe('due');
    const bad = user({ lastLogin: old, userProperties: { 'useraccess.exemptUntil': 'next year' } });
    const d = one(bad);
    expect(d.status).toBe('due');
    expect(reasonOf(d)).toBe('Inactive for 500 days (limit 90 days) (ignored an exemption date that is not a date: "next year")');
    const impossible = user({ lastLogin: old, userProperties: { 'useraccess.exemptUntil': '2025-02-30' } });
    expect(one(impossible).status).toBe('due');
  });

  it('retired users are deactivated, with the retire reason and date', () => {
    const u = user({
      retired: true,
      roles: ['System Developer'],
      dateRetired: new Date('2025-05-01T08:00:00Z'),
      retireReason: 'Inactive for 97 days (limit 90)',
    });
    const d = one(u);
    expect(d).toMatchObject({ status: 'deactivated', rule: null, deactivateOn: new Date('2025-05-01T08:00:00Z') });
    expect(reasonOf(d)).toBe('Deactivated on 2025-05-01: Inactive for 97 days (limit 90)');
    expect(reasonOf(one(user({ retired: true })))).toBe('Deactivated');
  });
});

describe('evaluateDeactivations: custom rules', () => {
  const dueNow: CustomRule = (u, current) =>
    u.username.startsWith('contractor') ? { ...current, status: 'due', rule: 'contractor', ...ownReason('Contract ended') } : null;

  it('can make an active or upcoming decision stricter', () => {
    const ds = evaluateDeactivations(
      [user({ username: 'contractor1', lastLogin: daysAgo(1) }), user({ username: 'contractor2', lastLogin: daysAgo(80) })],
      policy(),
      NOW,
      { customRules: [dueNow] },
    );
    expect(ds.map((d) => [d.status, d.rule, reasonOf(d)])).toEqual([
      ['due', 'contractor', 'Contract ended'],
      ['due', 'contractor', 'Contract ended'],
    ]);
  });

  it('never overrides exempt, deactivated, System Developer or the acting admin', () => {
    const calls: string[] = [];
    const spy: CustomRule = (u, current) => {
      calls.push(u.uuid);
      return dueNow(u, current, defaultPolicy, NOW);
    };
    const users = [
      user({ username: 'contractor-dev', roles: ['System Developer'] }),
      user({ username: 'contractor-r', retired: true }),
      user({ username: 'contractor-x', userProperties: { 'useraccess.exemptUntil': '2030-01-01' } }),
      user({ username: 'contractor-me' }),
      user({ username: 'contractor-role', roles: ['Keep'] }),
    ];
    const ds = evaluateDeactivations(users, policy({ exemptRoles: ['Keep'] }), NOW, {
      customRules: [spy],
      actingUserUuid: users[3].uuid,
    });
    expect(ds.map((d) => d.status)).toEqual(['exempt', 'deactivated', 'exempt', 'exempt', 'exempt']);
    expect(calls).toEqual([]);
  });

  it('cannot relax a decision or return exempt/deactivated, keeps the uuid, and survives a throwing rule', () => {
    const relax: CustomRule = (_u, c) => ({ ...c, status: 'active', ...ownReason('relaxed') });
    const exempt: CustomRule = (_u, c) => ({ ...c, status: 'exempt', ...ownReason('nope') });
    const other: CustomRule = (_u, c) => ({ ...c, uuid: 'hijack', status: 'due', rule: 'x', ...ownReason('x') });
    const boom: CustomRule = () => {
      throw new Error('boom');
    };
    const u = user({ lastLogin: daysAgo(85) });
    expect(one(u, policy(), NOW, { customRules: [relax, exempt] }).status).toBe('upcoming');
    expect(one(u, policy(), NOW, { customRules: [other] })).toMatchObject({ uuid: u.uuid, status: 'due' });
    const failed = one(u, policy(), NOW, { customRules: [boom] });
    expect(failed.status).toBe('upcoming');
    expect(reasonOf(failed)).toBe('Will be deactivated in 5 days: inactive for 85 days (limit 90 days) (a custom rule failed: boom)');
  });

  it('a rule sees the decision of the rule before it', () => {
    const first: CustomRule = (_u, c) => ({ ...c, status: 'upcoming', rule: 'first', ...ownReason('first') });
    const second: CustomRule = (_u, c) => (c.rule === 'first' ? { ...c, status: 'due', rule: 'second' } : null);
    expect(one(user({ lastLogin: daysAgo(1) }), policy(), NOW, { customRules: [first, second] }).rule).toBe('second');
  });
});

describe('the policy being disabled', () => {
  it('does not change the evaluation (the preview needs it)', () => {
    const u = user({ lastLogin: daysAgo(100) });
    expect(one(u, policy({ enabled: false })).status).toBe('due');
  });
});

describe('property: random populations', () => {

  it.each([1, 2, 3, 42, 1337, 2025, 31337, 99991])('seed %i', (seed) => {
    const rnd = prng(seed);
    const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const now = new Date(Date.UTC(2025, 0, 1) + Math.floor(rnd() * 365 * DAY_MS));
    const p: DeactivationPolicy = {
      ...createDefaultPolicy(),
      enabled: true,
      inactiveDays: 1 + Math.floor(rnd() * 200),
      warningDays: Math.floor(rnd() * 30),
      neverLoggedIn: pick(['never', 'countFromCreation'] as const),
      exemptRoles: ['Keep'],
      maxPerRun: 10000,
      demo: { ...defaultPolicy.demo, enabled: rnd() < 0.8, inactiveDays: 1 + Math.floor(rnd() * 5) },
    };
    const users: PolicyUser[] = Array.from({ length: 300 }, (_, i) => {
      const props: Record<string, string> = {};
      const r = rnd();
      if (r < 0.7) {
        props.lastLoginTimestamp = String(now.getTime() - Math.floor(rnd() * 400 * DAY_MS) + (rnd() < 0.05 ? 10 * DAY_MS : 0));
      } else if (r < 0.8) {
        props.lastLoginTimestamp = pick(['', 'garbage', ' ', '-1']);
      }
      if (rnd() < 0.15) {
        props['useraccess.exemptUntil'] = new Date(now.getTime() + (rnd() - 0.5) * 60 * DAY_MS).toISOString().slice(0, 10);
      }
      const roles = ['Authenticated'];
      if (rnd() < 0.05) roles.push(pick(['System Developer', 'system developer', 'SYSTEM DEVELOPER']));
      if (rnd() < 0.05) roles.push(pick(['Keep', 'keep']));
      return {
        uuid: `r${i}`,
        username: rnd() < 0.1 ? `test-${i}` : `user${i}`,
        systemId: rnd() < 0.1 ? `${'9'.repeat(1 + Math.floor(rnd() * 3))}-${i}` : `${i}-1`,
        display: `u${i}`,
        personName: `P ${i}`,
        familyName: rnd() < 0.05 ? 'Test Account' : 'Doe',
        roles,
        retired: rnd() < 0.1,
        dateCreated: rnd() < 0.9 ? new Date(now.getTime() - Math.floor(rnd() * 800 * DAY_MS)) : null,
        dateRetired: null,
        retireReason: null,
        userProperties: props,
      };
    });
    const acting = users[Math.floor(rnd() * users.length)];
    const decisions = evaluateDeactivations(users, p, now, { actingUserUuid: acting.uuid });
    const plan = planRun(decisions, p);

    expect(decisions).toHaveLength(users.length);
    expect(plan.blocked).toBeNull();
    const planned = new Set(plan.toDeactivate.map((d) => d.uuid));
    expect(planned).toEqual(new Set(decisions.filter((d) => d.status === 'due').map((d) => d.uuid)));

    for (const u of users) {
      const d = decisions[users.indexOf(u)];
      expect(d.uuid).toBe(u.uuid);
      const until = exemptionEnd(u.userProperties['useraccess.exemptUntil']);
      const isProtected =
        u.roles.some((r) => r.toLowerCase() === 'system developer') ||
        u.roles.some((r) => r.toLowerCase() === 'keep') ||
        u.uuid === acting.uuid ||
        (until instanceof Date && now < until);
      if (isProtected || u.retired) {
        expect(planned.has(u.uuid)).toBe(false);
        expect(d.status).toBe(u.retired ? 'deactivated' : 'exempt');
      }
      if (d.status === 'due') {
        expect(d.deactivateOn!.getTime()).toBeLessThanOrEqual(now.getTime());
      }
      if (d.status === 'upcoming') {
        expect(d.deactivateOn!.getTime() - now.getTime()).toBeGreaterThan(0);
        expect(d.deactivateOn!.getTime() - now.getTime()).toBeLessThanOrEqual(p.warningDays * DAY_MS);
      }
    }

    const tight = { ...p, maxPerRun: Math.max(1, planned.size - 1) };
    if (planned.size > 1) {
      expect(planRun(decisions, tight).toDeactivate).toEqual([]);
    }
  });
});

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
    expect(together.some((d) => reasonOf(d).includes('ignored an exemption date'))).toBe(true);
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
    const reasons = new Set(together.map((d) => reasonOf(d).replace(/\d+/g, 'N')));
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
});
