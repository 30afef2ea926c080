import { enabledPolicy, policyUser } from '../test-support/policy-users';
import { evaluateDeactivations } from './policy';
import { planRun } from './run-plan';

describe('planRun', () => {
  const due = (n: number) => Array.from({ length: n }, () => policyUser({ lastLoginDaysAgo: 100 }));
  const plan = (users: ReturnType<typeof due>, policy = enabledPolicy(), refusalOf?: Parameters<typeof planRun>[2]) =>
    planRun(evaluateDeactivations(users, policy, new Date()), policy, refusalOf);

  it('deactivates exactly the due accounts', () => {
    const users = [
      ...due(3),
      policyUser({ lastLoginDaysAgo: 1 }),
      policyUser({ retired: true }),
      policyUser({ lastLoginDaysAgo: 100, roles: ['System Developer'] }),
    ];
    const result = plan(users);
    expect(result.blocked).toBeNull();
    expect(result.toDeactivate.map((d) => d.uuid)).toEqual(users.slice(0, 3).map((u) => u.uuid));
  });

  it('allows exactly maxPerRun and trips the circuit breaker above it, writing nothing', () => {
    const p = enabledPolicy({ maxPerRun: 3 });
    expect(plan(due(3), p).blocked).toBeNull();
    const result = plan(due(4), p);
    expect(result.toDeactivate).toEqual([]);
    expect(result.due).toHaveLength(4);
    expect(result.blocked?.reason).toBe(
      '4 accounts are due, more than the limit of 3 per run; nothing was deactivated. Check the server clock and the last-login data, or raise the limit.',
    );
  });

  it('sets apart the accounts the editor may not change: never written, not counted toward maxPerRun', () => {
    const users = due(4);
    const refused = new Set([users[0].uuid, users[2].uuid]);
    const refusal = { kind: 'privileges' as const, missing: ['Edit Orders'] };
    const result = plan(users, enabledPolicy({ maxPerRun: 2 }), (uuid) => (refused.has(uuid) ? refusal : null));
    expect(result.blocked).toBeNull();
    expect(result.toDeactivate.map((d) => d.uuid)).toEqual([users[1].uuid, users[3].uuid]);
    expect(result.notPermitted.map((n) => [n.decision.uuid, n.refusal])).toEqual([
      [users[0].uuid, refusal],
      [users[2].uuid, refusal],
    ]);
  });

  it('refuses a disabled policy', () => {
    const result = plan(due(2), enabledPolicy({ enabled: false }));
    expect(result.toDeactivate).toEqual([]);
    expect(result.blocked?.reason).toMatch(/disabled/);
  });

  it('with nothing due, a plan is empty and not blocked', () => {
    expect(planRun([], enabledPolicy())).toEqual({ toDeactivate: [], due: [], notPermitted: [], blocked: null });
  });
});
