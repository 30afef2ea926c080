import React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getDefaultsFromConfigSchema, useConfig } from '@openmrs/esm-framework';
import { configSchema } from '../../config-schema';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { addUserLocation, removeUserLocation } from '../user-locations-io';
import { CLINIC, PHARMACY, testLocations, user, WARD } from '../../test-support/locations';
import BulkUserLocationsModal, { type BulkUserLocationsModalProps } from './bulk-user-locations.modal';

jest.mock('../user-locations-io', () => ({
  ...jest.requireActual('../user-locations-io'),
  addUserLocation: jest.fn(() => Promise.resolve()),
  removeUserLocation: jest.fn(() => Promise.resolve()),
}));

const nurse = user({ name: 'Nancy Nurse', locations: [CLINIC, WARD], defaultLocation: WARD });
const clerk = user({ name: 'Carl Clerk', locations: [PHARMACY], defaultLocation: PHARMACY });
const newcomer = user({ name: 'Nora New' });

/** in the frame the app shell's showModal gives it */
function renderModal(action: BulkUserLocationsModalProps['action'], users = [newcomer, clerk]) {
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
  const closeModal = jest.fn();
  const onChange = jest.fn();
  render(
    <div role="dialog">
      <BulkUserLocationsModal action={action} users={users} locations={testLocations} closeModal={closeModal} onChange={onChange} />
    </div>,
  );
  return { closeModal, onChange, dialog: screen.getByRole('dialog') };
}

describe('BulkUserLocationsModal', () => {
  it('assigns a location to each selected user, one write each, with results, and retries the rest', async () => {
    const u = userEvent.setup();
    jest.mocked(addUserLocation).mockRejectedValueOnce(Object.assign(new Error('Forbidden'), { response: { status: 403 } }));
    const { closeModal, onChange, dialog } = renderModal('add');
    expect(within(dialog).getByRole('heading', { name: 'Assign a location to 2 users' })).toBeInTheDocument();
    await u.selectOptions(within(dialog).getByLabelText('Location'), CLINIC);
    await u.click(within(dialog).getByRole('button', { name: 'Assign' }));
    expect(await within(dialog).findByText('1 succeeded, 1 failed')).toBeInTheDocument();
    // the Assign button is gone: the focus stays in the dialog, on Done
    expect(within(dialog).getByRole('button', { name: 'Done' })).toHaveFocus();
    expect(addUserLocation).toHaveBeenCalledTimes(2);
    expect(addUserLocation).toHaveBeenCalledWith(openmrsRestClient, clerk.uuid, CLINIC, { endDay: null, giver: undefined });
    expect(addUserLocation).toHaveBeenCalledWith(openmrsRestClient, newcomer.uuid, CLINIC, { endDay: null, giver: undefined });
    expect(onChange).toHaveBeenCalled();
    await u.click(within(dialog).getByRole('button', { name: 'Retry the rest (1)' }));
    expect(await within(dialog).findByText('1 succeeded, 0 failed')).toBeInTheDocument();
    await u.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(closeModal).toHaveBeenCalledTimes(1);
  });

  it('removes a location from each selected user', async () => {
    const u = userEvent.setup();
    const { dialog } = renderModal('remove', [nurse]);
    expect(within(dialog).getByRole('heading', { name: /^Remove a location from 1 user/ })).toBeInTheDocument();
    await u.selectOptions(within(dialog).getByLabelText('Location'), WARD);
    await u.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect(await within(dialog).findByText('1 succeeded, 0 failed')).toBeInTheDocument();
    expect(removeUserLocation).toHaveBeenCalledWith(openmrsRestClient, nurse.uuid, WARD);
  });
});
