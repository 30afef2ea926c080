import React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { getDefaultsFromConfigSchema, showModal, useConfig, useSession } from '@openmrs/esm-framework';
import { configSchema } from '../../config-schema';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { useAllLocations, useLocationUsers } from '../location-access.resource';
import { addUserLocation, removeUserLocation, setUserLocations } from '../user-locations-io';
import { CLINIC, locationsHook, OLD_ANNEX, PHARMACY, testLocations, user, WARD } from '../../test-support/locations';
import { renderShownModals } from '../../test-support/shown-modals';
import UserLocations from './user-locations.component';
import EditUserLocationsModal from './edit-user-locations.modal';
import BulkUserLocationsModal from './bulk-user-locations.modal';
import { useEditRefusal } from '../../common/use-edit-refusal';
import { downloadCsv } from '../../common/csv';

jest.mock('../location-access.resource', () => ({
  useLocationUsers: jest.fn(),
  useAllLocations: jest.fn(),
}));
jest.mock('../user-locations-io', () => ({
  ...jest.requireActual('../user-locations-io'),
  setUserLocations: jest.fn(() => Promise.resolve()),
  addUserLocation: jest.fn(() => Promise.resolve()),
  removeUserLocation: jest.fn(() => Promise.resolve()),
}));

jest.mock('../../common/csv', () => ({ ...jest.requireActual('../../common/csv'), downloadCsv: jest.fn() }));
jest.mock('../../common/use-edit-refusal', () => ({ useEditRefusal: jest.fn(() => ({ refusalFor: () => null })) }));

const mutate = jest.fn();
const nurse = user({ name: 'Nancy Nurse', locations: [CLINIC, WARD], defaultLocation: WARD });
const clerk = user({ name: 'Carl Clerk', locations: [PHARMACY], defaultLocation: PHARMACY });
const newcomer = user({ name: 'Nora New' });
const legacy = user({ name: 'Lee Legacy', locations: [OLD_ANNEX, 'not-a-location'], defaultLocation: OLD_ANNEX });
const retired = user({ name: 'Rita Retired', retired: true, locations: [CLINIC] });

function setup(initialPath = '/', { users = [nurse, clerk, newcomer, legacy, retired] as typeof nurse[] | null, usersError = undefined as Error | undefined, locationsLoaded = true, sessionUser = { uuid: 'admin', roles: [{ name: 'System Developer' }] } as object } = {}) {
  jest.mocked(useLocationUsers).mockReturnValue({ users, error: usersError, isLoading: false, mutate } as never);
  jest.mocked(useAllLocations).mockReturnValue({ ...locationsHook(), loaded: locationsLoaded } as never);
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
  jest.mocked(useSession).mockReturnValue({ authenticated: true, user: sessionUser } as never);
  renderShownModals({ 'user-locations-edit-modal': EditUserLocationsModal, 'user-locations-bulk-modal': BulkUserLocationsModal });
  render(
    <MemoryRouter initialEntries={[initialPath]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <UserLocations />
    </MemoryRouter>,
  );
}

describe('UserLocations', () => {
  it('keeps the table when a re-fetch fails', () => {
    setup('/', { usersError: new Error('Service Unavailable') });
    expect(screen.getByRole('row', { name: /Nancy Nurse/ })).toBeInTheDocument();
    expect(screen.queryByText('Could not load users and locations')).not.toBeInTheDocument();
  });

  it('says so when the users could not be loaded at all', () => {
    setup('/', { users: null, usersError: new Error('Service Unavailable') });
    expect(screen.getByText('Could not load users and locations')).toBeInTheDocument();
  });

  it('shows each active user with their locations, the default marked, and unmapped values shown as such', () => {
    setup();
    expect(screen.getByRole('row', { name: /Nancy Nurse/ })).toHaveTextContent('Outpatient Clinic, Inpatient Ward (default)');
    expect(screen.getByRole('row', { name: /Nora New/ })).toHaveTextContent('No location');
    expect(screen.getByRole('row', { name: /Lee Legacy/ })).toHaveTextContent('Old Annex (retired) (default), Unknown value: not-a-location');
    expect(screen.queryByText('Rita Retired')).not.toBeInTheDocument();
  });

  it('exports the users the table shows as CSV, locations by name', async () => {
    setup(`/?location=${PHARMACY}`);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(downloadCsv).toHaveBeenCalledWith(
      'user-locations.csv',
      'Username,Name,Locations,Default location,Status\r\ncarl,Carl Clerk,Pharmacy,Pharmacy,Active\r\n',
    );
  });

  it('filters by location and by "no location", and searches by name', async () => {
    const u = userEvent.setup();
    setup();
    await u.selectOptions(screen.getByLabelText('Filter by location'), 'none');
    expect(screen.getAllByRole('row')).toHaveLength(2);
    expect(screen.getByText('Nora New')).toBeInTheDocument();

    await u.selectOptions(screen.getByLabelText('Filter by location'), CLINIC);
    expect(screen.getByText('Nancy Nurse')).toBeInTheDocument();
    expect(screen.queryByText('Carl Clerk')).not.toBeInTheDocument();

    await u.selectOptions(screen.getByLabelText('Filter by location'), '');
    await u.type(screen.getByRole('searchbox'), 'carl');
    expect(screen.getByText('Carl Clerk')).toBeInTheDocument();
    expect(screen.queryByText('Nancy Nurse')).not.toBeInTheDocument();
  });

  it('opens pre-filtered when the report drills down to a location', () => {
    setup(`/?location=${PHARMACY}`);
    expect(screen.getByText('Carl Clerk')).toBeInTheDocument();
    expect(screen.queryByText('Nancy Nurse')).not.toBeInTheDocument();
  });

  it('opens the edit modal registered in routes.json for the row\'s user, and reloads once it saved and closed', async () => {
    const u = userEvent.setup();
    setup();
    await u.click(screen.getByRole('button', { name: 'Edit the locations of Nancy Nurse' }));
    expect(showModal).toHaveBeenCalledWith(
      'user-locations-edit-modal',
      expect.objectContaining({ user: nurse, locations: testLocations }),
      expect.any(Function),
    );
    const dialog = screen.getByRole('dialog');
    await u.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(setUserLocations).toHaveBeenCalledWith(openmrsRestClient, nurse.uuid, [CLINIC, WARD], WARD, {
      giver: { anyLocation: true, held: [] },
      endDates: {},
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(mutate).toHaveBeenCalled();
  });

  it('opens the bulk modal with the selected users for "Assign location" and "Remove location"; cancelled, nothing reloads', async () => {
    const u = userEvent.setup();
    setup();
    await u.click(screen.getByRole('checkbox', { name: 'Select Nora New' }));
    await u.click(screen.getByRole('checkbox', { name: 'Select Carl Clerk' }));
    await u.click(screen.getByRole('button', { name: 'Assign location' }));
    expect(showModal).toHaveBeenLastCalledWith(
      'user-locations-bulk-modal',
      expect.objectContaining({ action: 'add', users: expect.arrayContaining([newcomer, clerk]), locations: testLocations }),
      expect.any(Function),
    );
    await u.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(mutate).not.toHaveBeenCalled();
    await u.click(screen.getByRole('button', { name: 'Remove location' }));
    expect(showModal).toHaveBeenLastCalledWith(
      'user-locations-bulk-modal',
      expect.objectContaining({ action: 'remove', users: expect.arrayContaining([newcomer, clerk]) }),
      expect.any(Function),
    );
    const dialog = screen.getByRole('dialog');
    await u.selectOptions(within(dialog).getByLabelText('Location'), CLINIC);
    await u.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(await within(dialog).findByText('2 succeeded, 0 failed')).toBeInTheDocument();
    expect(removeUserLocation).toHaveBeenCalledWith(openmrsRestClient, clerk.uuid, CLINIC);
    await u.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(mutate).toHaveBeenCalled();
  });

  it('flags the users this administrator may not change (UserServiceImpl.checkPrivileges): no selection, no edit, the missing privileges named', async () => {
    const u = userEvent.setup();
    const doctor = user({ name: 'Dora Doctor', roles: ['Doctor'], locations: [CLINIC], defaultLocation: CLINIC });
    jest.mocked(useEditRefusal).mockReturnValue({
      refusalFor: (roles: string[]) => (roles.includes('Doctor') ? { kind: 'privileges', missing: ['Edit Orders'] } : null),
    } as never);
    try {
      setup('/', { users: [nurse, doctor] });
      const row = screen.getByRole('row', { name: /Dora Doctor/ });
      expect(row).toHaveTextContent('You may not change this account: it needs privileges you do not have: Edit Orders.');
      expect(within(row).getByRole('checkbox')).toBeDisabled();
      expect(within(row).getByRole('button', { name: 'Edit the locations of Dora Doctor' })).toBeDisabled();
      expect(screen.getByRole('row', { name: /Nancy Nurse/ })).not.toHaveTextContent('You may not change');

      // a refusal the page could not foresee: in words, and not tried again
      jest.mocked(addUserLocation).mockClear();
      jest.mocked(addUserLocation).mockRejectedValueOnce(
        Object.assign(new Error('Server responded with 500'), {
          response: { status: 500 },
          responseBody: { error: { message: "[You must have the role 'System Developer' in order to assign it.]" } },
        }),
      );
      await u.click(screen.getByRole('checkbox', { name: 'Select Nancy Nurse' }));
      await u.click(screen.getByRole('button', { name: 'Assign location' }));
      const dialog = screen.getByRole('dialog');
      await u.selectOptions(within(dialog).getByLabelText('Location'), PHARMACY);
      await u.click(within(dialog).getByRole('button', { name: 'Assign' }));
      expect(await within(dialog).findByText('0 succeeded, 1 failed')).toBeInTheDocument();
      expect(within(dialog).getByText(/You may not change a System Developer account/)).toBeInTheDocument();
      expect(within(dialog).queryByRole('button', { name: /Retry the rest/ })).not.toBeInTheDocument();
      expect(addUserLocation).toHaveBeenCalledTimes(1);
    } finally {
      jest.mocked(useEditRefusal).mockReturnValue({ refusalFor: () => null } as never);
    }
  });

  it('shows assignments that end on a date as expiring, and offers an administrator without Assign Any Location only what they hold', async () => {
    const u = userEvent.setup();
    const temporary = user({ name: 'Tina Temp', locations: [CLINIC, WARD], defaultLocation: CLINIC, endDates: { [WARD]: '2999-01-31', [CLINIC]: '2000-01-01' } });
    setup('/', {
      users: [temporary],
      sessionUser: { uuid: 'manager', roles: [{ name: 'Manager' }], privileges: [], userProperties: { locationUuid: CLINIC } },
    });
    const row = screen.getByRole('row', { name: /Tina Temp/ });
    expect(row).toHaveTextContent(/Inpatient Ward \(until .*1\/31\/2999|Inpatient Ward \(until .*2999/);
    expect(row).toHaveTextContent(/Outpatient Clinic \(expired .*2000\) \(default\)/);
    await u.click(within(row).getByRole('checkbox'));
    await u.click(screen.getByRole('button', { name: 'Assign location' }));
    const dialog = screen.getByRole('dialog');
    const options = within(within(dialog).getByLabelText('Location')).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['Choose a location', 'Outpatient Clinic (login location)']);
    await u.selectOptions(within(dialog).getByLabelText('Location'), CLINIC);
    await u.type(within(dialog).getByLabelText('Last day of access (optional)'), '2999-03-01');
    await u.click(within(dialog).getByRole('button', { name: 'Assign' }));
    expect(addUserLocation).toHaveBeenCalledWith(openmrsRestClient, temporary.uuid, CLINIC, {
      giver: { anyLocation: false, held: [CLINIC] },
      endDay: '2999-03-01',
    });
  });
});
