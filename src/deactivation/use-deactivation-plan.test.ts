import { act, renderHook } from '@testing-library/react';
import { getDefaultsFromConfigSchema, useConfig, useSession } from '@openmrs/esm-framework';
import { configSchema } from '../config-schema';
import { customRuleStore, registerDeactivationRule } from '../common/deactivation-rule-registry';
import { enabledPolicy, policyUser } from '../test-support/policy-users';
import { evaluateDeactivations } from './policy';
import { useDeactivationPlan } from './use-deactivation-plan';

// one refusalFor for every render, as useEditRefusal's useCallback gives
const mockNoRefusal = () => null;
jest.mock('../common/use-edit-refusal', () => ({ useEditRefusal: () => ({ refusalFor: mockNoRefusal }) }));
jest.mock('./policy', () => ({ evaluateDeactivations: jest.fn(jest.requireActual('./policy').evaluateDeactivations) }));

const student = policyUser({ username: 'student', roles: ['Student'], lastLoginDaysAgo: 40 });
const contractor = policyUser({ username: 'contractor', lastLoginDaysAgo: 2, userProperties: { contractEnded: 'true' } });
const regular = policyUser({ username: 'regular', lastLoginDaysAgo: 2 });
const users = [student, contractor, regular];
const policy = enabledPolicy();

function dueNames(result: { current: ReturnType<typeof useDeactivationPlan> }) {
  return result.current!.plan.toDeactivate.map((d) => users.find((u) => u.uuid === d.uuid)!.username);
}

describe('useDeactivationPlan: the plan of the upcoming page and the settings preview', () => {
  beforeEach(() => {
    jest.mocked(useSession).mockReturnValue({ authenticated: true, user: { uuid: 'admin' } } as never);
    customRuleStore().setState({ rules: {} });
  });

  it('applies the configured role limits and the registered rules, and follows a rule registered later', () => {
    jest.mocked(useConfig).mockReturnValue({
      ...(getDefaultsFromConfigSchema(configSchema) as object),
      deactivationRoleLimits: [{ name: 'Students', role: 'Student', inactiveDays: 30 }],
    });
    const { result } = renderHook(() => useDeactivationPlan(users, policy));
    expect(dueNames(result)).toEqual(['student']);
    expect(result.current!.decisions.find((d) => d.uuid === student.uuid)).toMatchObject({ rule: 'Students', reasonCode: 'custom' });

    act(() =>
      registerDeactivationRule('contract', (user, current) =>
        user.userProperties.contractEnded ? { ...current, status: 'due', rule: 'contract', reasonCode: 'custom', reasonParams: { text: 'Contract ended' } } : null,
      ),
    );
    expect(dueNames(result)).toEqual(['student', 'contractor']);
  });

  it('without custom rules, decides by the policy alone', () => {
    jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
    const { result } = renderHook(() => useDeactivationPlan(users, policy));
    expect(dueNames(result)).toEqual([]);
  });
});

describe('useDeactivationPlan as the upcoming page\'s list grows page by page', () => {
  beforeEach(() => {
    jest.mocked(useSession).mockReturnValue({ authenticated: true, user: { uuid: 'admin' } } as never);
    jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
    customRuleStore().setState({ rules: {} });
    jest.mocked(evaluateDeactivations).mockClear();
  });

  const page1 = [policyUser({ username: 'a', lastLoginDaysAgo: 97 }), policyUser({ username: 'b', lastLoginDaysAgo: 3 })];
  const page2 = [policyUser({ username: 'c', lastLoginDaysAgo: 120 })];

  it('evaluates each user once, at the first page\'s moment, and plans the whole list as one evaluation would', () => {
    const { result, rerender } = renderHook(({ list }) => useDeactivationPlan(list, policy), { initialProps: { list: page1 } });
    const first = result.current!;
    rerender({ list: [...page1, ...page2] });
    // the complete list comes in page order, not in the order the pages arrived
    rerender({ list: [...page2, ...page1] });
    const complete = result.current!;
    expect(jest.mocked(evaluateDeactivations).mock.calls.map(([evaluated]) => evaluated.length)).toEqual([2, 1]);
    expect(complete.now).toBe(first.now);
    const atOnce = jest.requireActual('./policy').evaluateDeactivations([...page2, ...page1], policy, complete.now, { actingUserUuid: 'admin', customRules: [] });
    expect(complete.decisions).toEqual(atOnce);
    expect(complete.plan.due.map((d) => d.uuid).sort()).toEqual([page1[0].uuid, page2[0].uuid].sort());
  });

  it('starts afresh, at a new moment, for a list fetched again or another policy', () => {
    const { result, rerender } = renderHook(({ list, p }) => useDeactivationPlan(list, p), { initialProps: { list: page1, p: policy } });
    const first = result.current!;
    rerender({ list: page1.map((u) => ({ ...u })), p: policy });
    expect(result.current!.now).not.toBe(first.now);
    rerender({ list: page1.map((u) => ({ ...u })), p: { ...policy, inactiveDays: 30 } });
    expect(jest.mocked(evaluateDeactivations).mock.calls.map(([evaluated]) => evaluated.length)).toEqual([2, 2, 2]);
  });
});
