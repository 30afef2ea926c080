import React from 'react';
import { render, screen } from '@testing-library/react';
import { showSnackbar, translateFrom, userHasAccess, type Session } from '@openmrs/esm-framework';
import { enabledPolicy, policyUser } from '../../test-support/policy-users';
import { loadPolicy } from '../policy-io';
import { fetchAllPolicyUsersShared } from '../users.resource';
import { alertIfDeactivationsUpcoming } from './deactivation-alert';

jest.mock('../policy-io', () => ({ loadPolicy: jest.fn() }));
jest.mock('../users.resource', () => ({ fetchAllPolicyUsersShared: jest.fn() }));

const session = {
  authenticated: true,
  user: { uuid: 'admin', userProperties: { lastLoginTimestamp: '1700000000000' }, privileges: [], roles: [] },
} as unknown as Session;
const alertOn = { showDeactivationAlert: true };

describe('alertIfDeactivationsUpcoming', () => {
  beforeEach(() => {
    window.sessionStorage.clear();
    jest
      .mocked(translateFrom)
      .mockImplementation((_module, _key, fallback = '', options) =>
        fallback.replace(/{{(\w+)}}/g, (_, name) => String((options as Record<string, unknown>)?.[name])),
      );
    jest.mocked(userHasAccess).mockReturnValue(true);
    jest.mocked(loadPolicy).mockResolvedValue({ policy: enabledPolicy(), errors: [], isSet: true, raw: null });
    jest.mocked(fetchAllPolicyUsersShared).mockResolvedValue([
      policyUser({ lastLoginDaysAgo: 100 }),
      policyUser({ lastLoginDaysAgo: 80 }),
      policyUser({ lastLoginDaysAgo: 5 }),
    ]);
  });

  it('tells an administrator how many accounts will be deactivated, once per login', async () => {
    expect(await alertIfDeactivationsUpcoming(session, alertOn)).toBe(2);
    expect(showSnackbar).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'Accounts to be deactivated within 14 days: 2', kind: 'warning' }),
    );
    expect(await alertIfDeactivationsUpcoming(session, alertOn)).toBeNull();
    expect(showSnackbar).toHaveBeenCalledTimes(1);
  });

  it('links to the upcoming deactivations and leaves the keyboard alone: no action button, not an alertdialog', async () => {
    await alertIfDeactivationsUpcoming(session, alertOn);
    const snackbar = jest.mocked(showSnackbar).mock.calls[0][0];
    expect(snackbar.actionButtonLabel).toBeUndefined();
    expect(snackbar).toHaveProperty('role', 'status');
    render(<>{snackbar.subtitle}</>);
    expect(screen.getByRole('link', { name: 'Review the upcoming deactivations' })).toHaveAttribute(
      'href',
      expect.stringMatching(/\/user-access\/deactivation$/),
    );
  });

  it('alerts again after the next login', async () => {
    await alertIfDeactivationsUpcoming(session, alertOn);
    const nextLogin = { ...session, user: { ...session.user, userProperties: { lastLoginTimestamp: '1700000999000' } } } as Session;
    expect(await alertIfDeactivationsUpcoming(nextLogin, alertOn)).toBe(2);
  });

  it('says nothing to users without the privilege, and fetches nothing', async () => {
    jest.mocked(userHasAccess).mockReturnValue(false);
    expect(await alertIfDeactivationsUpcoming(session, alertOn)).toBeNull();
    expect(fetchAllPolicyUsersShared).not.toHaveBeenCalled();
    expect(showSnackbar).not.toHaveBeenCalled();
  });

  it('says nothing while the policy is off', async () => {
    jest.mocked(loadPolicy).mockResolvedValue({ policy: enabledPolicy({ enabled: false }), errors: [], isSet: true, raw: null });
    expect(await alertIfDeactivationsUpcoming(session, alertOn)).toBeNull();
    expect(showSnackbar).not.toHaveBeenCalled();
    // nor fetches the users: that is ceil(N/100) requests on the first page of every admin's login
    expect(fetchAllPolicyUsersShared).not.toHaveBeenCalled();
  });

  it('says nothing, and reads nothing from the server, when showDeactivationAlert is off', async () => {
    expect(await alertIfDeactivationsUpcoming(session, { showDeactivationAlert: false })).toBeNull();
    expect(loadPolicy).not.toHaveBeenCalled();
    expect(showSnackbar).not.toHaveBeenCalled();
  });
});
