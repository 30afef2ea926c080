import React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { setUserLocations } from '../user-locations-io';
import { CLINIC, locationsHook, PHARMACY, user, WARD } from '../../test-support/locations';
import EditUserLocationsModal from './edit-user-locations.modal';

jest.mock('../user-locations-io', () => ({
  ...jest.requireActual('../user-locations-io'),
  setUserLocations: jest.fn(() => Promise.resolve()),
}));

const nurse = user({ name: 'Nancy Nurse', locations: [CLINIC, WARD], defaultLocation: WARD });

/** in the frame the app shell's showModal gives it */
function renderModal() {
  const closeModal = jest.fn();
  const onChange = jest.fn();
  const { locations, byUuid } = locationsHook();
  render(
    <div role="dialog">
      <EditUserLocationsModal user={nurse} locations={locations} byUuid={byUuid} closeModal={closeModal} onChange={onChange} />
    </div>,
  );
  return { closeModal, onChange, dialog: screen.getByRole('dialog') };
}

describe('EditUserLocationsModal', () => {
  it('sets a user\'s locations with checkboxes and keeps the default among them', async () => {
    const u = userEvent.setup();
    const { closeModal, onChange, dialog } = renderModal();
    expect(within(dialog).getByRole('heading', { name: 'Locations of Nancy Nurse' })).toBeInTheDocument();
    // the default is one of the chosen locations
    expect(within(dialog).getByLabelText(/Default location/)).toHaveValue(WARD);
    const choices = within(dialog).getByRole('group', { name: 'Locations this user can access' });
    await u.click(within(choices).getByRole('checkbox', { name: /Inpatient Ward/ }));
    await u.click(within(choices).getByRole('checkbox', { name: /Pharmacy/ }));
    // Ward, the old default, is gone: the default moves to a remaining location
    expect(within(dialog).getByLabelText(/Default location/)).toHaveValue(CLINIC);
    await u.selectOptions(within(dialog).getByLabelText(/Default location/), PHARMACY);
    await u.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(setUserLocations).toHaveBeenCalledWith(openmrsRestClient, nurse.uuid, [CLINIC, PHARMACY], PHARMACY, {
      giver: undefined,
      endDates: {},
    });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(closeModal).toHaveBeenCalledTimes(1);
  });

  it('stays open with the server\'s reason when saving fails, and reports no change', async () => {
    const u = userEvent.setup();
    jest.mocked(setUserLocations).mockRejectedValueOnce(Object.assign(new Error('Forbidden'), { response: { status: 403 } }));
    const { closeModal, onChange, dialog } = renderModal();
    await u.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Could not save')).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
    expect(closeModal).not.toHaveBeenCalled();
    await u.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(closeModal).toHaveBeenCalledTimes(1);
  });

  it('opens with the focus inside it, on its close button', () => {
    renderModal();
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();
  });
});
