import React from 'react';
import { render, screen } from '@testing-library/react';
import { getConfig, getDefaultsFromConfigSchema, showSnackbar, translateFrom, type Session } from '@openmrs/esm-framework';
import { configSchema } from '../../config-schema';
import { customRuleStore, registerDeactivationRule } from '../../common/deactivation-rule-registry';
import { enabledPolicy, policyUser } from '../../test-support/policy-users';
import { serializePolicy } from '../policy-json';
import { fetchAllPolicyUsersShared } from '../users.resource';
import { alertIfDeactivationsUpcoming } from './deactivation-alert';

jest.mock('../users.resource', () => ({ fetchAllPolicyUsersShared: jest.fn() }));

const session = {
  authenticated: true,
  user: { uuid: 'admin', userProperties: { lastLoginTimestamp: '1700000000000' }, privileges: [], roles: [] },
} as unknown as Session;
const policyOn = serializePolicy(enabledPolicy());

describe('alertIfDeactivationsUpcoming', () => {
  beforeEach(() => {
    jest
      .mocked(translateFrom)
      .mockImplementation((_module, _key, fallback = '', options) =>
        fallback.replace(/{{(\w+)}}/g, (_, name) => String((options as Record<string, unknown>)?.[name])),
      );
    jest.mocked(fetchAllPolicyUsersShared).mockResolvedValue([
      policyUser({ lastLoginDaysAgo: 100 }),
      policyUser({ lastLoginDaysAgo: 80 }),
      policyUser({ lastLoginDaysAgo: 5 }),
    ]);
  });

  it('tells an administrator how many accounts will be deactivated within the warning window', async () => {
    expect(await alertIfDeactivationsUpcoming(session, policyOn)).toBe(2);
    expect(showSnackbar).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'Accounts to be deactivated within 14 days: 2', kind: 'warning' }),
    );
  });

  it('links to the upcoming deactivations and leaves the keyboard alone: no action button, not an alertdialog', async () => {
    await alertIfDeactivationsUpcoming(session, policyOn);
    const snackbar = jest.mocked(showSnackbar).mock.calls[0][0];
    expect(snackbar.actionButtonLabel).toBeUndefined();
    expect(snackbar).toHaveProperty('role', 'status');
    render(<>{snackbar.subtitle}</>);
    expect(screen.getByRole('link', { name: 'Review the upcoming deactivations' })).toHaveAttribute(
      'href',
      expect.stringMatching(/\/user-access\/deactivation$/),
    );
  });

  it('says nothing when no account is due', async () => {
    jest.mocked(fetchAllPolicyUsersShared).mockResolvedValue([policyUser({ lastLoginDaysAgo: 5 })]);
    expect(await alertIfDeactivationsUpcoming(session, policyOn)).toBe(0);
    expect(showSnackbar).not.toHaveBeenCalled();
  });

  it.each([
    ['off', serializePolicy(enabledPolicy({ enabled: false }))],
    ['invalid (parsePolicy falls back to the default, off)', '{"version": 2, "enabled": true}'],
    ['not set', null],
  ])('says nothing, and fetches no users, while the policy is %s', async (_, raw) => {
    expect(await alertIfDeactivationsUpcoming(session, raw)).toBeNull();
    expect(showSnackbar).not.toHaveBeenCalled();
    expect(fetchAllPolicyUsersShared).not.toHaveBeenCalled();
  });

  describe('with custom rules, as the upcoming page applies them', () => {
    afterEach(() => customRuleStore().setState({ rules: {} }));

    it('counts the accounts a configured role limit makes due', async () => {
      jest.mocked(fetchAllPolicyUsersShared).mockResolvedValue([
        policyUser({ roles: ['Student'], lastLoginDaysAgo: 40 }),
        policyUser({ roles: ['Provider'], lastLoginDaysAgo: 40 }),
      ]);
      jest.mocked(getConfig).mockResolvedValueOnce({
        ...(getDefaultsFromConfigSchema(configSchema) as object),
        deactivationRoleLimits: [{ name: 'Students', role: 'Student', inactiveDays: 30 }],
      });
      expect(await alertIfDeactivationsUpcoming(session, policyOn)).toBe(1);
    });

    it('counts the accounts a registered rule makes due', async () => {
      const contractor = policyUser({ lastLoginDaysAgo: 1, userProperties: { contractEnded: 'true' } });
      jest.mocked(fetchAllPolicyUsersShared).mockResolvedValue([contractor, policyUser({ lastLoginDaysAgo: 1 })]);
      registerDeactivationRule('contract', (user, current) =>
        user.userProperties.contractEnded ? { ...current, status: 'due', rule: 'contract', reasonCode: 'custom', reasonParams: { text: 'Contract ended' } } : null,
      );
      expect(await alertIfDeactivationsUpcoming(session, policyOn)).toBe(1);
    });
  });
});
