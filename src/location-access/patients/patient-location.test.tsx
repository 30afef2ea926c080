import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useSession } from '@openmrs/esm-framework';
import { findPatients, loadPatient, savePatientLocation, useAllLocations, useStorageMode } from '../location-access.resource';
import type { StorageMode } from '../location-storage-io';
import { attributeMode, CLINIC, lbacMode, locationsHook, patient } from '../../test-support/locations';
import PatientLocation from './patient-location.component';

jest.mock('../location-access.resource', () => ({
  useStorageMode: jest.fn(),
  useAllLocations: jest.fn(),
  findPatients: jest.fn(),
  loadPatient: jest.fn(),
  savePatientLocation: jest.fn(),
}));

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
    jest.mocked(findPatients).mockResolvedValue([]);
    setup(lbacMode);
    await search('Otieno');
    expect(await screen.findByText(/No patient found for "Otieno"/)).toBeInTheDocument();
    expect(screen.getByText(LBAC_WHY)).toBeInTheDocument();
  });

  it('explains a 404 "Patient not found" on saving instead of showing the raw error', async () => {
    const row = patient({ name: 'Mary Otieno' });
    jest.mocked(findPatients).mockResolvedValue([row]);
    jest.mocked(savePatientLocation).mockRejectedValue(NOT_FOUND);
    setup(lbacMode);
    const u = await search('Mary');
    await u.click(await screen.findByRole('button', { name: 'Mary Otieno' }));
    await u.selectOptions(screen.getByLabelText('New patient location'), CLINIC);
    await u.click(screen.getByRole('button', { name: 'Save location' }));
    expect(await screen.findByText(/could not be assigned: the server does not show/)).toBeInTheDocument();
    expect(screen.getByText(LBAC_WHY)).toBeInTheDocument();
    expect(loadPatient).not.toHaveBeenCalled();
  });
});

describe('one patient without LBAC restrictions', () => {
  it.each([
    ['without LBAC', attributeMode, []],
    ['as a System Developer', lbacMode, ['System Developer']],
  ])('%s, an empty search says nothing about LBAC', async (_label, mode, roles) => {
    jest.mocked(findPatients).mockResolvedValue([]);
    setup(mode, roles);
    await search('Nobody');
    expect(await screen.findByText(/No patient found for "Nobody"/)).toBeInTheDocument();
    expect(screen.queryByText(LBAC_WHY)).not.toBeInTheDocument();
  });
});
