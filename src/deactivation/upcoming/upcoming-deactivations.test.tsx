import React from 'react';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDefaultsFromConfigSchema, showModal, useConfig, userHasAccess, useSession } from '@openmrs/esm-framework';
import { configSchema } from '../../config-schema';
import { enabledPolicy, policyUser } from '../../test-support/policy-users';
import { useAllPolicyUsers } from '../users.resource';
import {
  deactivateWithHistory as retireUser,
  exemptWithHistory,
  reactivateWithHistory,
  removeExemptionWithHistory,
} from '../history/account-history-io';
import { recordPageRun } from '../history/record-page-run';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { useDeactivationPolicy } from '../policy-settings.resource';
import type { DeactivationPolicy, PolicyUser } from '../types';
import UpcomingDeactivations from './upcoming-deactivations.component';
import UserActionModal from './user-action.modal';
import { renderShownModals } from '../../test-support/shown-modals';
import { useEditRefusal } from '../../common/use-edit-refusal';
import { reportListItems, reportListProgress, USERS_LIST, withListProgress } from '../../common/list-progress';

jest.mock('../users.resource', () => ({ useAllPolicyUsers: jest.fn() }));
jest.mock('../history/account-history-io', () => ({
  deactivateWithHistory: jest.fn(() => Promise.resolve()),
  reactivateWithHistory: jest.fn(() => Promise.resolve()),
  exemptWithHistory: jest.fn(() => Promise.resolve()),
  removeExemptionWithHistory: jest.fn(() => Promise.resolve()),
}));
const recordRun = jest.fn(() => Promise.resolve());
jest.mock('../history/record-page-run', () => ({ recordPageRun: jest.fn(() => recordRun) }));
const byAdmin = { actor: 'admin', via: 'page' };
jest.mock('../policy-settings.resource', () => ({ useDeactivationPolicy: jest.fn() }));
jest.mock('../../common/use-edit-refusal', () => ({ useEditRefusal: jest.fn(() => ({ refusalFor: () => null })) }));

const mutate = jest.fn();
const admin = policyUser({ uuid: 'admin-uuid', username: 'admin', personName: 'Super User', roles: ['Nurse'], lastLoginDaysAgo: 200 });
const dueUser = policyUser({ username: 'jdoe', personName: 'John Doe', lastLoginDaysAgo: 97 });
const upcomingUser = policyUser({ username: 'asmith', personName: 'Alice Smith', lastLoginDaysAgo: 85 });
const activeUser = policyUser({ username: 'bactive', personName: 'Bob Active', lastLoginDaysAgo: 3 });
const developer = policyUser({ username: 'dev', personName: 'Dev Eloper', roles: ['System Developer'], lastLoginDaysAgo: 300 });
const exemptUser = policyUser({
  username: 'transfer',
  personName: 'Tina Transfer',
  lastLoginDaysAgo: 120,
  userProperties: { 'useraccess.exemptUntil': '2999-01-01', 'useraccess.exemptReason': 'Temporary transfer' },
});
const retiredUser = policyUser({
  username: 'gone',
  personName: 'Gone Away',
  retired: true,
  dateRetired: new Date(Date.now() - 2 * 24 * 3600 * 1000),
  retireReason: 'Inactive for 95 days (limit 90)',
});

let canEditUsers = true;
let canWriteGlobalProperties = true;

/** The page's hooks answering with these users and this policy. */
function mockPage(users: PolicyUser[], policy: DeactivationPolicy = enabledPolicy(), isLoading = false) {
  jest.mocked(useAllPolicyUsers).mockReturnValue({ users, error: undefined, isLoading, mutate } as never);
  jest.mocked(useDeactivationPolicy).mockReturnValue({ policy, errors: [], isSet: true, error: undefined, isLoading: false, mutate: jest.fn() } as never);
  jest.mocked(useSession).mockReturnValue({ authenticated: true, user: { uuid: 'admin-uuid', username: 'admin' } } as never);
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
  jest.mocked(userHasAccess).mockImplementation(
    (privilege) => (privilege === 'Edit Users' && canEditUsers) || (privilege === 'Manage Global Properties' && canWriteGlobalProperties),
  );
  renderShownModals({ 'deactivation-user-action-modal': UserActionModal });
}

function setup(users: PolicyUser[], policy: DeactivationPolicy = enabledPolicy()) {
  mockPage(users, policy);
  render(<UpcomingDeactivations />);
}

const allUsers = [admin, dueUser, upcomingUser, activeUser, developer, exemptUser, retiredUser];

describe('UpcomingDeactivations', () => {
  it('lists due accounts with their reason and never the acting admin or a System Developer', () => {
    setup(allUsers);
    expect(screen.getByRole('tab', { name: 'Due now (1)' })).toBeInTheDocument();
    const table = screen.getByRole('table');
    expect(within(table).getByText('John Doe')).toBeInTheDocument();
    expect(within(table).getByText(/Inactive for 97 days \(limit 90 days\)/)).toBeInTheDocument();
    expect(within(table).queryByText('Super User')).not.toBeInTheDocument();
    expect(within(table).queryByText('Dev Eloper')).not.toBeInTheDocument();
  });

  it('shows upcoming, exempt and recently deactivated accounts in their tabs', async () => {
    const user = userEvent.setup();
    setup(allUsers);
    await user.click(screen.getByRole('tab', { name: /Within 14 days/ }));
    expect(within(screen.getByRole('table')).getByText('Alice Smith')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: /Exempt/ }));
    expect(within(screen.getByRole('table')).getByText('Tina Transfer')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: /Recently deactivated/ }));
    expect(within(screen.getByRole('table')).getByText('Gone Away')).toBeInTheDocument();
  });

  it('shows "Never" for an account that never logged in', async () => {
    const user = userEvent.setup();
    const neverUser = policyUser({ personName: 'Nora Never', lastLoginDaysAgo: null, dateCreated: new Date(Date.now() - 80 * 864e5) });
    setup([neverUser], enabledPolicy({ neverLoggedIn: 'countFromCreation' }));
    await user.click(screen.getByRole('tab', { name: /Within 14 days/ }));
    const row = screen.getByRole('row', { name: /Nora Never/ });
    expect(within(row).getByText('Never')).toBeInTheDocument();
  });

  it('opens the action modal registered in routes.json with the selected rows', async () => {
    const user = userEvent.setup();
    setup(allUsers);
    await user.click(screen.getByRole('checkbox', { name: 'Select John Doe' }));
    await user.click(screen.getByRole('button', { name: 'Deactivate now' }));
    expect(showModal).toHaveBeenCalledWith(
      'deactivation-user-action-modal',
      expect.objectContaining({ kind: 'deactivate', askReason: true, rows: [expect.objectContaining({ user: dueUser })] }),
      expect.any(Function),
    );
  });

  it('reloads after the modal closes only when it changed something, also when Escape closed it', async () => {
    const user = userEvent.setup();
    setup(allUsers);
    await user.click(screen.getByRole('checkbox', { name: 'Select John Doe' }));
    await user.click(screen.getByRole('button', { name: 'Deactivate now' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(mutate).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Deactivate all due accounts (1)' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Deactivate' }));
    expect(await screen.findByText('1 succeeded, 0 failed')).toBeInTheDocument();
    expect(mutate).not.toHaveBeenCalled();
    // the app shell closes the top modal on Escape without the modal's closeModal
    const dispose = jest.mocked(showModal).mock.results.at(-1)?.value as () => void;
    act(() => dispose());
    expect(mutate).toHaveBeenCalledTimes(1);
  });

  it('deactivates all due accounts with the reason their rule gives, then reloads', async () => {
    const user = userEvent.setup();
    setup(allUsers);
    await user.click(screen.getByRole('button', { name: 'Deactivate all due accounts (1)' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    expect(await within(dialog).findByText('1 succeeded, 0 failed')).toBeInTheDocument();
    expect(retireUser).toHaveBeenCalledTimes(1);
    expect(retireUser).toHaveBeenCalledWith(openmrsRestClient, dueUser.uuid, 'Inactive for 97 days (limit 90 days)', byAdmin);
    expect(recordPageRun).toHaveBeenLastCalledWith(openmrsRestClient, { actor: 'admin', due: 1, notPermitted: [] }, expect.any(Function));
    expect(recordRun).toHaveBeenCalledWith([{ username: 'jdoe', outcome: 'deactivated' }], expect.any(Date));
    expect(within(dialog).queryByRole('button', { name: 'Download the results (CSV)' })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(mutate).toHaveBeenCalled();
  });

  it('says before the run that an administrator without Manage Global Properties cannot keep it, and offers its results as CSV', async () => {
    const user = userEvent.setup();
    const createObjectURL = jest.fn((blob: Blob) => {
      void blob;
      return 'blob:x';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    canWriteGlobalProperties = false;
    recordRun.mockClear();
    try {
      setup(allUsers);
      await user.click(screen.getByRole('button', { name: 'Deactivate all due accounts (1)' }));
      const dialog = screen.getByRole('dialog');
      expect(within(dialog).getByText('This run will not be kept in the run history.')).toBeInTheDocument();
      await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
      expect(await within(dialog).findByText('1 succeeded, 0 failed')).toBeInTheDocument();
      expect(recordRun).not.toHaveBeenCalled();
      await user.click(within(dialog).getByRole('button', { name: 'Download the results (CSV)' }));
      // jsdom's Blob has no text()
      const csv = await new Promise<string>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as string);
        reader.readAsText(createObjectURL.mock.calls[0][0]);
      });
      expect(csv).toBe('Username,Outcome,Message\r\njdoe,deactivated,\r\n');
    } finally {
      canWriteGlobalProperties = true;
    }
  });

  it('says so when the run could not be kept, and then offers its results as CSV', async () => {
    const user = userEvent.setup();
    recordRun.mockRejectedValueOnce(new Error('Server responded with 500'));
    setup(allUsers);
    await user.click(screen.getByRole('button', { name: 'Deactivate all due accounts (1)' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    expect(await within(dialog).findByText('The run was not kept in the run history.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Download the results (CSV)' })).toBeEnabled();
  });

  it('stops before writing anything when more accounts are due than the maximum per run', () => {
    const due = Array.from({ length: 3 }, (_, i) => policyUser({ personName: `Due ${i}`, lastLoginDaysAgo: 100 + i }));
    setup(due, enabledPolicy({ maxPerRun: 2 }));
    expect(screen.getByText('A run would stop')).toBeInTheDocument();
    expect(screen.getByText(/Accounts due: 3, more than the limit of 2 per run/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Deactivate all due accounts (3)' })).toBeDisabled();
  });

  it('requires a date and a reason to exempt a selected account', async () => {
    const user = userEvent.setup();
    setup(allUsers);
    await user.click(screen.getByRole('checkbox', { name: 'Select John Doe' }));
    await user.click(screen.getByRole('button', { name: 'Exempt until…' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Exempt' }));
    expect(within(dialog).getByText('Choose the last day of the exemption.')).toBeInTheDocument();
    expect(within(dialog).getByText('Give a reason for the audit log.')).toBeInTheDocument();
    expect(exemptWithHistory).not.toHaveBeenCalled();

    await user.type(within(dialog).getByLabelText(/Exempt through/), '2999-12-31');
    await user.type(within(dialog).getByLabelText(/Reason for the exemption/), 'Temporary transfer to district hospital');
    await user.click(within(dialog).getByRole('button', { name: 'Exempt' }));
    expect(await within(dialog).findByText('1 succeeded, 0 failed')).toBeInTheDocument();
    expect(exemptWithHistory).toHaveBeenCalledWith(openmrsRestClient, dueUser.uuid, '2999-12-31', 'Temporary transfer to district hospital', byAdmin);
  });

  it('refuses an exemption date in the past, which would protect nobody', async () => {
    const user = userEvent.setup();
    setup(allUsers);
    await user.click(screen.getByRole('checkbox', { name: 'Select John Doe' }));
    await user.click(screen.getByRole('button', { name: 'Exempt until…' }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Exempt through/), '2000-01-31');
    await user.type(within(dialog).getByLabelText(/Reason for the exemption/), 'Back last year');
    await user.click(within(dialog).getByRole('button', { name: 'Exempt' }));
    expect(within(dialog).getByText('Choose today or a later day.')).toBeInTheDocument();
    expect(exemptWithHistory).not.toHaveBeenCalled();
  });

  it('removes an exemption and reactivates a deactivated account', async () => {
    const user = userEvent.setup();
    setup(allUsers);
    await user.click(screen.getByRole('tab', { name: /Exempt/ }));
    expect(screen.getByRole('checkbox', { name: 'Select Super User' })).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Select Tina Transfer' }));
    await user.click(screen.getByRole('button', { name: 'Remove exemption' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove exemption' }));
    expect(within(screen.getByRole('dialog')).getByText('Give a reason for the audit log.')).toBeInTheDocument();
    expect(removeExemptionWithHistory).not.toHaveBeenCalled();
    await user.type(within(screen.getByRole('dialog')).getByLabelText(/Reason for removing the exemption/), 'Transfer ended early');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove exemption' }));
    expect(await screen.findByText('1 succeeded, 0 failed')).toBeInTheDocument();
    expect(removeExemptionWithHistory).toHaveBeenCalledWith(openmrsRestClient, exemptUser.uuid, 'Transfer ended early', byAdmin);
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Done' }));

    await user.click(screen.getByRole('tab', { name: /Recently deactivated/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Gone Away' }));
    await user.click(screen.getByRole('button', { name: 'Reactivate' }));
    await user.type(within(screen.getByRole('dialog')).getByLabelText(/Reason for the reactivation/), 'Back from study leave');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Reactivate' }));
    expect(await screen.findByText('1 succeeded, 0 failed')).toBeInTheDocument();
    expect(reactivateWithHistory).toHaveBeenCalledWith(
      openmrsRestClient,
      retiredUser.uuid,
      'Back from study leave',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      byAdmin,
    );
  });

  it('reports each failure and offers to retry what failed', async () => {
    const user = userEvent.setup();
    jest.mocked(retireUser).mockRejectedValueOnce(Object.assign(new Error('Not allowed'), { response: { status: 403 } }));
    setup(allUsers);
    await user.click(screen.getByRole('checkbox', { name: 'Select John Doe' }));
    await user.click(screen.getByRole('button', { name: 'Deactivate now' }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Reason, recorded/), 'Left the hospital');
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    expect(await within(dialog).findByText('0 succeeded, 1 failed')).toBeInTheDocument();
    expect(within(dialog).getByText(/Not allowed/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Retry the rest (1)' }));
    expect(await within(dialog).findByText('1 succeeded, 0 failed')).toBeInTheDocument();
    expect(retireUser).toHaveBeenLastCalledWith(openmrsRestClient, dueUser.uuid, 'Left the hospital (Inactive for 97 days (limit 90 days))', byAdmin);
  });

  it('shows the rows of the pages loaded so far with a count, and offers no action until every user is in', () => {
    void withListProgress(USERS_LIST, () => new Promise(() => undefined));
    act(() => {
      reportListItems(USERS_LIST, [dueUser, activeUser]);
      reportListProgress(USERS_LIST, { loaded: 2, total: 7 });
    });
    mockPage([], enabledPolicy(), true);
    const { rerender } = render(<UpcomingDeactivations />);
    expect(screen.getByRole('tab', { name: 'Due now (1)' })).toBeInTheDocument();
    expect(within(screen.getByRole('table')).getByText('John Doe')).toBeInTheDocument();
    expect(screen.getByText(/Loading users: 2 of 7\. Actions are offered once every user is loaded and evaluated\./)).toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Deactivate all due accounts/ })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();

    act(() => reportListProgress(USERS_LIST, null));
    jest.mocked(useAllPolicyUsers).mockReturnValue({ users: allUsers, error: undefined, isLoading: false, mutate } as never);
    rerender(<UpcomingDeactivations />);
    expect(screen.queryByText(/Loading users/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Deactivate all due accounts (1)' })).toBeEnabled();
    expect(screen.getByRole('checkbox', { name: 'Select John Doe' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
  });

  it('offers no action to a user without Edit Users: no run button, no row selection, no batch action', () => {
    canEditUsers = false;
    try {
      setup(allUsers);
      expect(screen.getByRole('table')).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: /Deactivate all due accounts/ })).not.toBeInTheDocument();
      expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Deactivate now' })).not.toBeInTheDocument();
    } finally {
      canEditUsers = true;
    }
  });

  it('filters by search', async () => {
    const user = userEvent.setup();
    const many = [policyUser({ personName: 'Zed Alpha', lastLoginDaysAgo: 95 }), policyUser({ personName: 'Yan Beta', lastLoginDaysAgo: 96 })];
    setup(many);
    await user.type(screen.getByRole('searchbox'), 'beta');
    expect(screen.getByText('Yan Beta')).toBeInTheDocument();
    expect(screen.queryByText('Zed Alpha')).not.toBeInTheDocument();
  });

  describe('as an administrator who may not change every account (UserServiceImpl.checkPrivileges)', () => {
    const doctor = policyUser({ username: 'doc', personName: 'Doctor Who', roles: ['Doctor'], lastLoginDaysAgo: 100 });
    beforeEach(() => {
      jest.mocked(useEditRefusal).mockReturnValue({
        refusalFor: (roles: string[]) => (roles.includes('Doctor') ? { kind: 'privileges', missing: ['Add Orders', 'Edit Orders'] } : null),
      } as never);
    });
    afterEach(() => jest.mocked(useEditRefusal).mockReturnValue({ refusalFor: () => null } as never));

    it('flags the rows it may not change with the missing privileges, and leaves them out of "Deactivate all due" and the limit', async () => {
      const user = userEvent.setup();
      setup([dueUser, doctor], enabledPolicy({ maxPerRun: 1 }));
      const row = screen.getByRole('row', { name: /Doctor Who/ });
      expect(within(row).getByText('You may not change this account: it needs privileges you do not have: Add Orders, Edit Orders.')).toBeInTheDocument();
      expect(within(row).getByRole('checkbox')).toBeDisabled();
      expect(screen.getByText('Due accounts you may not change: 1')).toBeInTheDocument();
      expect(screen.queryByText('A run would stop')).not.toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Deactivate all due accounts (1)' }));
      const dialog = screen.getByRole('dialog');
      expect(within(dialog).getByText(/Not included: 1 due accounts you may not change/)).toBeInTheDocument();
      await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
      expect(await within(dialog).findByText('1 succeeded, 0 failed')).toBeInTheDocument();
      expect(retireUser).toHaveBeenCalledTimes(1);
      expect(retireUser).toHaveBeenCalledWith(openmrsRestClient, dueUser.uuid, 'Inactive for 97 days (limit 90 days)', byAdmin);
    });

    it('a refusal it could not foresee is shown with the missing privileges and not tried again', async () => {
      const user = userEvent.setup();
      jest.mocked(retireUser).mockClear();
      jest.mocked(retireUser).mockRejectedValue(
        Object.assign(new Error('Server responded with 500'), {
          response: { status: 500 },
          responseBody: { error: { message: "[You must have privilege 'Get Encounters' in order to assign it.]" } },
        }),
      );
      try {
        setup([dueUser]);
        await user.click(screen.getByRole('button', { name: 'Deactivate all due accounts (1)' }));
        const dialog = screen.getByRole('dialog');
        await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
        expect(await within(dialog).findByText('0 succeeded, 1 failed')).toBeInTheDocument();
        expect(within(dialog).getByText(/it needs privileges you do not have: Get Encounters/)).toBeInTheDocument();
        expect(within(dialog).queryByRole('button', { name: /Retry the rest/ })).not.toBeInTheDocument();
        expect(retireUser).toHaveBeenCalledTimes(1);
      } finally {
        jest.mocked(retireUser).mockReset();
        jest.mocked(retireUser).mockImplementation(() => Promise.resolve());
      }
    });
  });
});
