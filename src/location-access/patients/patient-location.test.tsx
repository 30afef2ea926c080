import React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useSession } from '@openmrs/esm-framework';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { useAllLocations, useStorageMode } from '../location-access.resource';
import { fetchPatientRow, scanPatients } from '../patient-scan-io';
import { setPatientLocation } from '../patient-writes-io';
import type { StorageMode } from '../location-storage-io';
import { attributeMode, CLINIC, lbacMode, locationsHook, patient, PHARMACY } from '../../test-support/locations';
import { renderLocationPage } from '../../test-support/location-pages';
import PatientLocation from './patient-location.component';

jest.mock('../location-access.resource', () => ({
  useStorageMode: jest.fn(),
  useAllLocations: jest.fn(),
  useLocationUsers: jest.fn(),
  useMissingPrivileges: jest.fn(),
  useLbacSwitches: jest.fn(),
}));
jest.mock('../patient-scan-io', () => ({ ...jest.requireActual('../patient-scan-io'), scanPatients: jest.fn(), fetchPatientRow: jest.fn() }));
jest.mock('../patient-writes-io', () => ({ ...jest.requireActual('../patient-writes-io'), setPatientLocation: jest.fn() }));

const NOT_FOUND = Object.assign(new Error('Patient not found'), {
  response: { status: 404 },
  responseBody: { error: { message: 'Patient not found [Cannot invoke "org.openmrs.Patient.addAttribute(org.openmrs.PersonAttribute)" because "patient" is null]' } },
});

function setup(mode: StorageMode, roles: string[] = ['Organizational: System Administrator']) {
  jest.mocked(useSession).mockReturnValue({
    authenticated: true,
    user: { uuid: 'admin-uuid', roles: roles.map((r) => ({ uuid: r, name: r, display: r })) },
  } as never);
  jest.mocked(useStorageMode).mockReturnValue({ mode, error: undefined, isLoading: false, mutate: jest.fn() } as never);
  jest.mocked(useAllLocations).mockReturnValue(locationsHook() as never);
  render(<PatientLocation />);
}

async function search(text: string) {
  const u = userEvent.setup();
  await u.type(screen.getByRole('searchbox', { name: 'Find a patient by name or identifier' }), text);
  await u.click(screen.getByRole('button', { name: 'Search' }));
  return u;
}

const LBAC_WHY = /invisible to everyone but a System Developer/;

describe('one patient with LBAC, as an administrator who is not a System Developer', () => {
  it('says why a patient without a location cannot be found', async () => {
    jest.mocked(scanPatients).mockResolvedValue([]);
    setup(lbacMode);
    await search('Otieno');
    expect(await screen.findByText(/No patient found for "Otieno"/)).toBeInTheDocument();
    expect(screen.getByText(LBAC_WHY)).toBeInTheDocument();
  });

  it('explains a 404 "Patient not found" on saving instead of showing the raw error', async () => {
    const row = patient({ name: 'Mary Otieno' });
    jest.mocked(scanPatients).mockResolvedValue([row]);
    jest.mocked(setPatientLocation).mockRejectedValue(NOT_FOUND);
    setup(lbacMode);
    const u = await search('Mary');
    await u.click(await screen.findByRole('button', { name: 'Mary Otieno' }));
    await u.selectOptions(screen.getByLabelText('New patient location'), CLINIC);
    await u.click(screen.getByRole('button', { name: 'Save location' }));
    expect(await screen.findByText(/could not be assigned: the server does not show/)).toBeInTheDocument();
    expect(screen.getByText(LBAC_WHY)).toBeInTheDocument();
    expect(fetchPatientRow).not.toHaveBeenCalled();
  });
});

describe('one patient without LBAC restrictions', () => {
  it.each([
    ['without LBAC', attributeMode, []],
    ['as a System Developer', lbacMode, ['System Developer']],
  ])('%s, an empty search says nothing about LBAC', async (_label, mode, roles) => {
    jest.mocked(scanPatients).mockResolvedValue([]);
    setup(mode, roles);
    await search('Nobody');
    expect(await screen.findByText(/No patient found for "Nobody"/)).toBeInTheDocument();
    expect(screen.queryByText(LBAC_WHY)).not.toBeInTheDocument();
  });
});

describe.each([
  ['with LBAC', lbacMode],
  ['without LBAC', attributeMode],
])('PatientLocation %s', (_label, mode) => {
  beforeEach(() => jest.mocked(setPatientLocation).mockResolvedValue('created'));

  it('finds a patient by name or identifier, shows the location and changes it', async () => {
    const u = userEvent.setup();
    const amina = patient({ name: 'Amina Odhiambo', identifiers: ['100007X'], location: { kind: 'location', uuid: CLINIC } });
    const odd = patient({ name: 'Amina Other', location: { kind: 'unknown', raw: '7' } });
    jest.mocked(scanPatients).mockResolvedValue([amina, odd]);
    jest.mocked(fetchPatientRow).mockResolvedValue({ ...amina, location: { kind: 'location', uuid: PHARMACY } });
    renderLocationPage(mode, <PatientLocation />);

    await u.type(screen.getByRole('searchbox', { name: 'Find a patient by name or identifier' }), 'amina');
    await u.click(screen.getByRole('button', { name: 'Search' }));
    expect(scanPatients).toHaveBeenCalledWith(openmrsRestClient, mode.attributeTypeUuid, expect.any(Set), { query: 'amina', includeDead: true }, expect.anything());
    const results = await screen.findByRole('list', { name: 'Search results' });
    expect(within(results).getByText(/Unknown value: 7/)).toBeInTheDocument();

    await u.click(within(results).getByRole('button', { name: 'Amina Odhiambo' }));
    expect(screen.getByText('Outpatient Clinic', { selector: 'strong' })).toBeInTheDocument();
    await u.selectOptions(screen.getByLabelText('New patient location'), PHARMACY);
    await u.click(screen.getByRole('button', { name: 'Save location' }));
    expect(setPatientLocation).toHaveBeenCalledWith(openmrsRestClient, mode, amina.uuid, PHARMACY);
    expect(await screen.findByText('Pharmacy', { selector: 'strong' })).toBeInTheDocument();

    await u.click(screen.getByRole('button', { name: 'Remove location' }));
    expect(setPatientLocation).toHaveBeenLastCalledWith(openmrsRestClient, mode, amina.uuid, null);
  });

  it('stays on screen when a re-fetch of the setup fails, as a job may be running in it', () => {
    renderLocationPage(mode, <PatientLocation />, { refetchFailed: true });
    expect(screen.getByRole('searchbox', { name: 'Find a patient by name or identifier' })).toBeInTheDocument();
    expect(screen.queryByText('Could not load the locations and the patient location setup')).not.toBeInTheDocument();
  });

  it('says plainly when nobody is found', async () => {
    const u = userEvent.setup();
    jest.mocked(scanPatients).mockResolvedValue([]);
    renderLocationPage(mode, <PatientLocation />);
    await u.type(screen.getByRole('searchbox', { name: 'Find a patient by name or identifier' }), 'zzz{Enter}');
    expect(await screen.findByText('No patient found for "zzz". Check the spelling, or search by identifier.')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Search results' })).not.toBeInTheDocument();
  });
});
