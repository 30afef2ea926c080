import React from 'react';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { createAppAttributeType, restoreLbacAttributeGp } from '../location-storage-io';
import { createPrivilege } from '../setup-check-io';
import { APP_TYPE, attributeMode, lbacMode } from '../../test-support/locations';
import { renderLocationPage } from '../../test-support/location-pages';
import SetupCheck from './setup-check.component';

jest.mock('../location-access.resource', () => ({
  useStorageMode: jest.fn(),
  useAllLocations: jest.fn(),
  useLocationUsers: jest.fn(),
  useMissingPrivileges: jest.fn(),
  useLbacSwitches: jest.fn(),
}));
jest.mock('../setup-check-io', () => ({ ...jest.requireActual('../setup-check-io'), createPrivilege: jest.fn(() => Promise.resolve()) }));
jest.mock('../location-storage-io', () => ({
  ...jest.requireActual('../location-storage-io'),
  createAppAttributeType: jest.fn(() => Promise.resolve()),
  restoreLbacAttributeGp: jest.fn(() => Promise.resolve()),
}));

/** The list item that mentions `text`. */
const itemWith = (text: string) => screen.getAllByRole('listitem').find((li) => li.textContent?.includes(text));

describe('SetupCheck', () => {
  it('without LBAC: says plainly that the server does not filter, and creates the missing privileges and attribute type', async () => {
    const u = userEvent.setup();
    renderLocationPage({ ...attributeMode, attributeType: null, attributeTypeUuid: null }, <SetupCheck />, {
      missing: ['Manage Location Access', 'Bulk Change Patient Locations'],
    });
    expect(screen.getByText('No server-side enforcement')).toBeInTheDocument();
    expect(screen.getByText(/Assignments are recorded, but searches are not filtered by the server/)).toBeInTheDocument();
    const privilegeItem = (name: string) => itemWith(name);
    expect(privilegeItem('Manage Location Access')).toHaveTextContent('Missing');
    expect(privilegeItem('Assign Patient Locations')).toHaveTextContent('Present');
    expect(screen.getByText('The attribute type "Patient location (User Access app)" does not exist yet.')).toBeInTheDocument();

    await u.click(screen.getByRole('button', { name: 'Create what is missing' }));
    expect(createPrivilege).toHaveBeenCalledWith(openmrsRestClient, 'Manage Location Access');
    expect(createPrivilege).toHaveBeenCalledWith(openmrsRestClient, 'Bulk Change Patient Locations');
    expect(createAppAttributeType).toHaveBeenCalledWith(openmrsRestClient, APP_TYPE);
    expect(restoreLbacAttributeGp).not.toHaveBeenCalled();
  });

  it('with LBAC: shows the module switches in words and never creates an attribute type', async () => {
    const u = userEvent.setup();
    renderLocationPage(lbacMode, <SetupCheck />, { missing: ['Manage Location Access'] });
    expect(screen.getByText(/Present: the locationbasedaccess module filters/)).toBeInTheDocument();
    expect(itemWith('locationbasedaccess.access.patient')).toHaveTextContent('On');
    expect(itemWith('locationbasedaccess.access.user')).toHaveTextContent('Off (false)');
    expect(screen.getByText(/LocationAttribute/)).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Create what is missing' }));
    expect(createAppAttributeType).not.toHaveBeenCalled();
    expect(restoreLbacAttributeGp).not.toHaveBeenCalled();
  });

  it('with LBAC and its global property blank: offers to restore it to the module\'s own type', async () => {
    const u = userEvent.setup();
    renderLocationPage({ ...lbacMode, attributeTypeUuid: null, attributeType: null }, <SetupCheck />);
    expect(screen.getByText(/is blank, so the module cannot store patient locations/)).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Create what is missing' }));
    expect(restoreLbacAttributeGp).toHaveBeenCalled();
  });

  it('has nothing to do when everything exists', () => {
    renderLocationPage(attributeMode, <SetupCheck />);
    expect(screen.getByRole('button', { name: 'Nothing is missing' })).toBeDisabled();
  });

  it('keeps showing the last check when a re-check fails, and reports a failed creation only once the re-check is done', async () => {
    const u = userEvent.setup();
    let finishRecheck: () => void = () => {};
    const recheck = jest.fn(() => new Promise<void>((resolve) => (finishRecheck = resolve)));
    renderLocationPage(attributeMode, <SetupCheck />, {
      privilegeCheck: { missing: ['Manage Location Access'], error: new Error('Service Unavailable'), mutate: recheck },
    });
    jest.mocked(createPrivilege).mockRejectedValueOnce(new Error('Internal Server Error'));

    await u.click(screen.getByRole('button', { name: 'Create what is missing' }));
    expect(screen.getByText('Creating…')).toBeInTheDocument();
    expect(screen.queryByText('Could not create everything')).not.toBeInTheDocument();
    expect(screen.queryByText('The setup check could not run')).not.toBeInTheDocument();

    await act(async () => finishRecheck());
    expect(screen.getByText('Could not create everything')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create what is missing' })).toBeEnabled();
    expect(itemWith('Manage Location Access')).toHaveTextContent('Missing');
  });

  it('says when the check cannot run and can try again', async () => {
    const u = userEvent.setup();
    const recheck = jest.fn(() => Promise.resolve());
    renderLocationPage(attributeMode, <SetupCheck />, { privilegeCheck: { missing: null, error: new Error('Service Unavailable'), mutate: recheck } });
    expect(screen.getByText('The setup check could not run')).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Try again' }));
    expect(recheck).toHaveBeenCalled();
  });
});
