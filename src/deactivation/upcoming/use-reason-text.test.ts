import { renderHook } from '@testing-library/react';
import { evaluateDeactivations } from '../policy';
import { enabledPolicy, policyUser } from '../../test-support/policy-users';
import { useReasonText } from './use-reason-text';

function reasonsFor(users = [policyUser()], context = {}) {
  const { result } = renderHook(() => useReasonText());
  return evaluateDeactivations(users, enabledPolicy({ exemptRoles: ['Night Duty'] }), new Date(), context).map(result.current);
}

describe('useReasonText', () => {
  it('words every built-in reason from its code, with singular and plural days', () => {
    const [due, upcomingSoon, demo, role, admin, exempt] = reasonsFor(
      [
        policyUser({ lastLoginDaysAgo: 97 }),
        policyUser({ lastLoginDaysAgo: 89.5 }),
        policyUser({ lastLoginDaysAgo: 3, familyName: 'Test Account' }),
        policyUser({ roles: ['Night Duty'] }),
        policyUser({ uuid: 'me' }),
        policyUser({ userProperties: { 'useraccess.exemptUntil': '2999-01-01', 'useraccess.exemptReason': 'Transfer' } }),
      ],
      { actingUserUuid: 'me' },
    );
    expect(due).toBe('Inactive for 97 days (limit 90 days)');
    expect(upcomingSoon).toBe('Will be deactivated in 1 day: inactive for 89 days (limit 90 days)');
    expect(demo).toBe('Demo account: Inactive for 3 days (limit 2 days)');
    expect(role).toBe('Has the exempt role "Night Duty"');
    expect(admin).toBe('The administrator running this action is never deactivated');
    expect(exempt).toBe('Exempt until 2999-01-01: Transfer');
  });

  it('shows a custom rule\'s own text as written', () => {
    const { result } = renderHook(() => useReasonText());
    const [decision] = evaluateDeactivations([policyUser({ lastLoginDaysAgo: 40 })], enabledPolicy(), new Date(), {
      customRules: [(user, current) => ({ ...current, status: 'due', reasonCode: 'custom', reasonParams: { text: 'Contract ended' } })],
    });
    expect(result.current(decision)).toBe('Contract ended');
  });
});
