import React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { getDefaultsFromConfigSchema, useConfig, userHasAccess, useSession } from '@openmrs/esm-framework';
import { configSchema } from '../../config-schema';
import { useAllLocations, useStorageMode } from '../location-access.resource';
import { scanPatients } from '../patient-scan-io';
import { attributeMode, CLINIC, locationsHook, patient, PHARMACY, WARD } from '../../test-support/locations';
import { httpError, REST, serveRoutes } from '../../test-support/openmrs-fetch';
import { mergeStorageKey, newMerge } from './merge-store';
import MergeLocations from './merge-locations.component';

jest.mock('../location-access.resource', () => ({
  useFhirListsPatientLocations: jest.fn(() => false),
  useStorageMode: jest.fn(),
  useAllLocations: jest.fn(),
}));
jest.mock('../patient-scan-io', () => ({ ...jest.requireActual('../patient-scan-io'), scanPatients: jest.fn() }));

const ADMIN = 'admin-uuid';

/** Users at the clinic and the ward, two patients at the clinic; the write of `failing` answers 500 until fixed. */
function server(failing: string | null = null) {
  const state = { failing, users: {} as Record<string, Record<string, string>>, retired: [] as string[] };
  state.users = {
    nurse: { locationUuid: `${CLINIC},${WARD}`, defaultLocation: CLINIC, defaultLocale: 'fr' },
    clerk: { locationUuid: PHARMACY, defaultLocation: PHARMACY },
  };
  serveRoutes([
    ['GET', `${REST}/locationtag`, () => ({ results: [{ uuid: 'tag-login', display: 'Login Location' }] })],
    ['GET', `${REST}/user?`, () => ({
      results: Object.entries(state.users).map(([uuid, userProperties]) => ({ uuid, username: uuid, person: { display: `${uuid} name` }, userProperties })),
    })],
    ['GET', `${REST}/user/`, (url) => {
      const uuid = url.slice(`${REST}/user/`.length).split('?')[0];
      return { uuid, userProperties: state.users[uuid] };
    }],
    ['POST', `${REST}/user/`, (url, init) => {
      state.users[url.slice(`${REST}/user/`.length)] = (init.body as { userProperties: Record<string, string> }).userProperties;
      return {};
    }],
    ['GET', `${REST}/person/`, () => ({ results: [] })],
    ['POST', `${REST}/person/`, (url) => {
      if (state.failing && url.includes(state.failing)) {
        throw httpError(400, 'The patient could not be saved');
      }
      return {};
    }],
    ['DELETE', `${REST}/location/`, (url) => {
      state.retired.push(url.slice(`${REST}/location/`.length).split('?')[0]);
      return null;
    }],
  ]);
  return state;
}

function setup({ canManageLocations = true } = {}) {
  jest.mocked(useSession).mockReturnValue({ authenticated: true, user: { uuid: ADMIN } } as never);
  jest.mocked(userHasAccess).mockImplementation((privilege) => privilege !== 'Manage Locations' || canManageLocations);
  jest.mocked(useStorageMode).mockReturnValue({ mode: attributeMode, error: undefined, isLoading: false, mutate: jest.fn() } as never);
  jest.mocked(useAllLocations).mockReturnValue(locationsHook() as never);
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
  jest.mocked(scanPatients).mockResolvedValue([
    patient({ name: 'Ann Clinic', location: { kind: 'location', uuid: CLINIC } }),
    patient({ name: 'Bob Clinic', location: { kind: 'location', uuid: CLINIC } }),
    patient({ name: 'Cid Pharmacy', location: { kind: 'location', uuid: PHARMACY } }),
  ]);
  render(
    <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <MergeLocations />
    </MemoryRouter>,
  );
}

beforeEach(() => window.localStorage.clear());

describe('MergeLocations', () => {
  it('previews the counts per merged location, then moves everything and retires the merged locations', async () => {
    const u = userEvent.setup();
    const state = server();
    setup();
    await u.click(screen.getByLabelText('Outpatient Clinic'));
    await u.click(screen.getByLabelText('Inpatient Ward'));
    await u.selectOptions(screen.getByLabelText('Target location'), PHARMACY);
    await u.click(screen.getByLabelText('Retire the merged locations afterwards (never deleted)'));
    await u.click(screen.getByRole('button', { name: 'Preview the merge' }));

    const table = await screen.findByRole('table', { name: 'Users and patients per merged location' });
    const rows = within(table).getAllByRole('row').slice(1).map((row) => row.textContent);
    expect(rows).toEqual(['Outpatient Clinic12', 'Inpatient Ward10']);
    expect(screen.getByText('Patients at a merged location: 2')).toBeInTheDocument();
    expect(screen.getByText(/Visits, encounters and other clinical records keep their location/)).toBeInTheDocument();

    await u.click(screen.getByRole('button', { name: 'Merge into Pharmacy' }));
    expect(await screen.findByText('Everything has moved to Pharmacy.')).toBeInTheDocument();
    expect(state.users.nurse).toEqual({ locationUuid: PHARMACY, defaultLocation: PHARMACY, defaultLocale: 'fr' });
    expect(state.retired.sort()).toEqual([CLINIC, WARD].sort());
    expect(screen.getByRole('button', { name: 'Export results (CSV)' })).toBeInTheDocument();
  });

  it('says which item failed, retires nothing, and retries the failure', async () => {
    const u = userEvent.setup();
    const state = server('patient-bob-clinic');
    setup();
    await u.click(screen.getByLabelText('Outpatient Clinic'));
    await u.selectOptions(screen.getByLabelText('Target location'), PHARMACY);
    await u.click(screen.getByLabelText('Retire the merged locations afterwards (never deleted)'));
    await u.click(screen.getByRole('button', { name: 'Preview the merge' }));
    await u.click(await screen.findByRole('button', { name: 'Merge into Pharmacy' }));

    expect(await screen.findByText('The merge is not complete: 1 items failed')).toBeInTheDocument();
    expect(screen.getByText('The merged locations are not retired while anything failed.')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Failed items' })).getByText(/Bob Clinic/)).toBeInTheDocument();
    expect(state.retired).toEqual([]);

    state.failing = null;
    await u.click(screen.getByRole('button', { name: 'Retry the failed (1)' }));
    expect(await screen.findByText('Everything has moved to Pharmacy.')).toBeInTheDocument();
    expect(state.retired).toEqual([CLINIC]);
  });

  it('offers to resume a merge left unfinished by a reload', async () => {
    const u = userEvent.setup();
    const state = server();
    const stored = newMerge([{ uuid: CLINIC, display: 'Outpatient Clinic' }], { uuid: PHARMACY, display: 'Pharmacy', tagUuids: [] }, [
      { kind: 'user', uuid: 'nurse', label: 'nurse' },
    ], false);
    window.localStorage.setItem(mergeStorageKey(ADMIN), JSON.stringify(stored));
    setup();
    expect(screen.getByText('An unfinished location merge was found')).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Resume' }));
    expect(await screen.findByText('Everything has moved to Pharmacy.')).toBeInTheDocument();
    expect(state.users.nurse.locationUuid).toBe(`${PHARMACY},${WARD}`);
  });

  it('without Manage Locations, offers neither a new location nor retiring', async () => {
    server();
    setup({ canManageLocations: false });
    expect(screen.getByLabelText('A new location')).toBeDisabled();
    expect(screen.getByLabelText('Retire the merged locations afterwards (never deleted)')).toBeDisabled();
    expect(screen.getByText('Creating a location and retiring the merged ones need the privilege "Manage Locations".')).toBeInTheDocument();
  });

  it('refuses a new location named like an active one', async () => {
    const u = userEvent.setup();
    server();
    setup();
    await u.click(screen.getByLabelText('Outpatient Clinic'));
    await u.click(screen.getByLabelText('A new location'));
    await u.type(screen.getByLabelText('Name of the new location'), 'pharmacy ');
    expect(screen.getAllByText('A location named "pharmacy" already exists.').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Preview the merge' })).toBeDisabled();
  });
});
