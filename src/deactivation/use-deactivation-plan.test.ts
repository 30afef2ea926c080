import { act, renderHook } from '@testing-library/react';
import { getDefaultsFromConfigSchema, useConfig, useSession } from '@openmrs/esm-framework';
import { configSchema } from '../config-schema';
import { customRuleStore, registerDeactivationRule } from '../common/deactivation-rule-registry';
import { enabledPolicy, policyUser } from '../test-support/policy-users';
import { useDeactivationPlan } from './use-deactivation-plan';

jest.mock('../common/use-edit-refusal', () => ({ useEditRefusal: () => ({ refusalFor: () => null }) }));

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
