import React from 'react';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { getDefaultsFromConfigSchema, useConfig, useSession } from '@openmrs/esm-framework';
import { configSchema } from '../config-schema';
import {
  createMissingPrivilege,
  createPatientLocationAttributeType,
  findPatients,
  loadPatient,
  restoreLbacGp,
  savePatientLocation,
  useLbacCounts,
  useLbacSwitches,
  useAllLocations,
  useLocationUsers,
  useMissingPrivileges,
  useStorageMode,
} from './location-access.resource';
import type { LocationCounts } from './location-counts';
import type { StorageMode } from './location-storage-io';
import { APP_TYPE, attributeMode, CLINIC, lbacMode, locationsHook, patient, PHARMACY, user, WARD } from '../test-support/locations';
import SetupCheck from './setup/setup-check.component';
import PatientLocation from './patients/patient-location.component';
import LocationReport from './report/location-report.component';
import LocationAccessSection from './location-access-section.component';

jest.mock('./location-access.resource', () => ({
  useStorageMode: jest.fn(),
  useAllLocations: jest.fn(),
  useLocationUsers: jest.fn(),
  useMissingPrivileges: jest.fn(),
  useLbacSwitches: jest.fn(),
  useLbacCounts: jest.fn(),
  findPatients: jest.fn(),
  loadPatient: jest.fn(),
  savePatientLocation: jest.fn(() => Promise.resolve('created')),
  createMissingPrivilege: jest.fn(() => Promise.resolve()),
  createPatientLocationAttributeType: jest.fn(() => Promise.resolve()),
  restoreLbacGp: jest.fn(() => Promise.resolve()),
}));

const Where: React.FC = () => {
  const location = useLocation();
  return <output aria-label="current address">{`${location.pathname}${location.search}`}</output>;
};

function setup(
  mode: StorageMode,
  element: React.ReactElement,
  {
    missing = [] as string[],
    path = '/locations/x',
    sessionLocation = undefined as { uuid: string; display: string } | undefined,
    privilegeCheck = undefined as { missing: string[] | null; error?: Error; mutate: () => Promise<unknown> } | undefined,
    /** the storage mode and the locations were loaded, and re-fetching them failed */
    refetchFailed = false,
  } = {},
) {
  const refetchError = refetchFailed ? new Error('Service Unavailable') : undefined;
  jest.mocked(useSession).mockReturnValue({
    authenticated: true,
    user: { uuid: 'admin', privileges: [], roles: [{ display: 'System Developer' }] },
    sessionLocation,
  } as never);
  jest.mocked(useStorageMode).mockReturnValue({ mode, error: refetchError, isLoading: false, mutate: jest.fn() } as never);
  jest.mocked(useAllLocations).mockReturnValue({ ...locationsHook(), error: refetchError } as never);
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
  jest.mocked(useMissingPrivileges).mockReturnValue({ missing, error: undefined, isLoading: false, mutate: jest.fn(), ...privilegeCheck } as never);
  jest.mocked(useLbacSwitches).mockReturnValue({
    switches: [
      { property: 'locationbasedaccess.access.patient', value: 'true', on: true },
      { property: 'locationbasedaccess.access.user', value: 'false', on: false },
    ],
    error: undefined,
    isLoading: false,
  });
  jest.mocked(useLocationUsers).mockReturnValue({
    users: [
      user({ name: 'Nancy Nurse', locations: [CLINIC, WARD], defaultLocation: CLINIC }),
      user({ name: 'Carl Clerk', locations: [CLINIC] }),
      user({ name: 'Nora New' }),
      user({ name: 'Odd Value', locations: ['12'] }),
    ],
    error: undefined,
    isLoading: false,
    mutate: jest.fn(),
  } as never);
  render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Routes>
        <Route path="/locations/*" element={element} />
      </Routes>
      <Where />
    </MemoryRouter>,
  );
}

/** The list item that mentions `text`. */
const itemWith = (text: string) => screen.getAllByRole('listitem').find((li) => li.textContent?.includes(text));

describe('SetupCheck', () => {
  it('without LBAC: says plainly that the server does not filter, and creates the missing privileges and attribute type', async () => {
    const u = userEvent.setup();
    setup({ ...attributeMode, attributeType: null, attributeTypeUuid: null }, <SetupCheck />, {
      missing: ['Manage Location Access', 'Bulk Change Patient Locations'],
    });
    expect(screen.getByText('No server-side enforcement')).toBeInTheDocument();
    expect(screen.getByText(/Assignments are recorded, but searches are not filtered by the server/)).toBeInTheDocument();
    const privilegeItem = (name: string) => itemWith(name);
    expect(privilegeItem('Manage Location Access')).toHaveTextContent('Missing');
    expect(privilegeItem('Assign Patient Locations')).toHaveTextContent('Present');
    expect(screen.getByText('The attribute type "Patient location (User Access app)" does not exist yet.')).toBeInTheDocument();

    await u.click(screen.getByRole('button', { name: 'Create what is missing' }));
    expect(createMissingPrivilege).toHaveBeenCalledWith('Manage Location Access');
    expect(createMissingPrivilege).toHaveBeenCalledWith('Bulk Change Patient Locations');
    expect(createPatientLocationAttributeType).toHaveBeenCalledWith(APP_TYPE);
    expect(restoreLbacGp).not.toHaveBeenCalled();
  });

  it('with LBAC: shows the module switches in words and never creates an attribute type', async () => {
    const u = userEvent.setup();
    setup(lbacMode, <SetupCheck />, { missing: ['Manage Location Access'] });
    expect(screen.getByText(/Present: the locationbasedaccess module filters/)).toBeInTheDocument();
    expect(itemWith('locationbasedaccess.access.patient')).toHaveTextContent('On');
    expect(itemWith('locationbasedaccess.access.user')).toHaveTextContent('Off (false)');
    expect(screen.getByText(/LocationAttribute/)).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Create what is missing' }));
    expect(createPatientLocationAttributeType).not.toHaveBeenCalled();
    expect(restoreLbacGp).not.toHaveBeenCalled();
  });

  it('with LBAC and its global property blank: offers to restore it to the module\'s own type', async () => {
    const u = userEvent.setup();
    setup({ ...lbacMode, attributeTypeUuid: null, attributeType: null }, <SetupCheck />);
    expect(screen.getByText(/is blank, so the module cannot store patient locations/)).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Create what is missing' }));
    expect(restoreLbacGp).toHaveBeenCalled();
  });

  it('has nothing to do when everything exists', () => {
    setup(attributeMode, <SetupCheck />);
    expect(screen.getByRole('button', { name: 'Nothing is missing' })).toBeDisabled();
  });

  it('keeps showing the last check when a re-check fails, and reports a failed creation only once the re-check is done', async () => {
    const u = userEvent.setup();
    let finishRecheck: () => void = () => {};
    const recheck = jest.fn(() => new Promise<void>((resolve) => (finishRecheck = resolve)));
    setup(attributeMode, <SetupCheck />, {
      privilegeCheck: { missing: ['Manage Location Access'], error: new Error('Service Unavailable'), mutate: recheck },
    });
    jest.mocked(createMissingPrivilege).mockRejectedValueOnce(new Error('Internal Server Error'));

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
    setup(attributeMode, <SetupCheck />, { privilegeCheck: { missing: null, error: new Error('Service Unavailable'), mutate: recheck } });
    expect(screen.getByText('The setup check could not run')).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Try again' }));
    expect(recheck).toHaveBeenCalled();
  });
});

describe.each([
  ['with LBAC', lbacMode],
  ['without LBAC', attributeMode],
])('PatientLocation %s', (_label, mode) => {
  it('finds a patient by name or identifier, shows the location and changes it', async () => {
    const u = userEvent.setup();
    const amina = patient({ name: 'Amina Odhiambo', identifiers: ['100007X'], location: { kind: 'location', uuid: CLINIC } });
    const odd = patient({ name: 'Amina Other', location: { kind: 'unknown', raw: '7' } });
    jest.mocked(findPatients).mockResolvedValue([amina, odd]);
    jest.mocked(loadPatient).mockResolvedValue({ ...amina, location: { kind: 'location', uuid: PHARMACY } });
    setup(mode, <PatientLocation />);

    await u.type(screen.getByRole('searchbox', { name: 'Find a patient by name or identifier' }), 'amina');
    await u.click(screen.getByRole('button', { name: 'Search' }));
    expect(findPatients).toHaveBeenCalledWith(mode, expect.any(Set), { query: 'amina', includeDead: true });
    const results = await screen.findByRole('list', { name: 'Search results' });
    expect(within(results).getByText(/Unknown value: 7/)).toBeInTheDocument();

    await u.click(within(results).getByRole('button', { name: 'Amina Odhiambo' }));
    expect(screen.getByText('Outpatient Clinic', { selector: 'strong' })).toBeInTheDocument();
    await u.selectOptions(screen.getByLabelText('New patient location'), PHARMACY);
    await u.click(screen.getByRole('button', { name: 'Save location' }));
    expect(savePatientLocation).toHaveBeenCalledWith(mode, amina.uuid, PHARMACY);
    expect(await screen.findByText('Pharmacy', { selector: 'strong' })).toBeInTheDocument();

    await u.click(screen.getByRole('button', { name: 'Remove location' }));
    expect(savePatientLocation).toHaveBeenLastCalledWith(mode, amina.uuid, null);
  });

  it('stays on screen when a re-fetch of the setup fails, as a job may be running in it', () => {
    setup(mode, <PatientLocation />, { refetchFailed: true });
    expect(screen.getByRole('searchbox', { name: 'Find a patient by name or identifier' })).toBeInTheDocument();
    expect(screen.queryByText('Could not load the locations and the patient location setup')).not.toBeInTheDocument();
  });

  it('says plainly when nobody is found', async () => {
    const u = userEvent.setup();
    jest.mocked(findPatients).mockResolvedValue([]);
    setup(mode, <PatientLocation />);
    await u.type(screen.getByRole('searchbox', { name: 'Find a patient by name or identifier' }), 'zzz{Enter}');
    expect(await screen.findByText('No patient found for "zzz". Check the spelling, or search by identifier.')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Search results' })).not.toBeInTheDocument();
  });
});

const counts = (partial: Partial<LocationCounts>): LocationCounts => ({ byLocation: {}, none: 0, unknown: 0, unknownValues: {}, ...partial });

describe('LocationReport', () => {
  it('with LBAC: shows users and the module\'s patient counts per location, with no-location and unknown rows', () => {
    jest.mocked(useLbacCounts).mockImplementation((_enabled, entity) => ({
      counts: entity === 'patients' ? counts({ byLocation: { [CLINIC]: 40, [WARD]: 7 } }) : counts({ byLocation: { [CLINIC]: 2, [WARD]: 1 } }),
      error: undefined,
      isLoading: false,
    }));
    setup(lbacMode, <LocationReport />);
    expect(useLbacCounts).toHaveBeenCalledWith(true, 'users', expect.any(Array));
    const table = screen.getByRole('table', { name: 'Counts per location' });
    // each count is a button named "<count> (Show the ... of <location>)"
    const countsOf = (name: RegExp) =>
      within(within(table).getByRole('row', { name }))
        .getAllByRole('cell')
        .map((cell) => cell.textContent?.replace(/ \(Show the .*\)$/, ''));
    expect(countsOf(/Outpatient Clinic/)).toEqual(['Outpatient Clinic', '2', '40']);
    expect(countsOf(/Inpatient Ward/)).toEqual(['Inpatient Ward', '1', '7']);
    expect(countsOf(/No location/)).toEqual(['No location', '1', '0']);
    expect(countsOf(/Unknown value/)).toEqual(['Unknown value', '1', '0']);
  });

  it('with LBAC: users without locations, which the module counts at the session location, are only under "No location"', () => {
    jest.mocked(useLbacCounts).mockImplementation((_enabled, entity) => ({
      // the module's user count at Outpatient Clinic includes the unassigned user (the caller's session location)
      counts: entity === 'patients' ? counts({}) : counts({ byLocation: { [CLINIC]: 3, [WARD]: 1 } }),
      error: undefined,
      isLoading: false,
    }));
    setup(lbacMode, <LocationReport />, { sessionLocation: { uuid: CLINIC, display: 'Outpatient Clinic' } });
    const table = screen.getByRole('table', { name: 'Counts per location' });
    const usersAt = (name: RegExp) =>
      within(within(table).getByRole('row', { name })).getAllByRole('cell')[1].textContent?.replace(/ \(Show the .*\)$/, '');
    expect(usersAt(/Outpatient Clinic/)).toBe('2');
    expect(usersAt(/No location/)).toBe('1');
    expect(screen.getByText(/leaves out patients with no location or a value it cannot match/)).toBeInTheDocument();
  });

  it('without LBAC: counts patients by reading them all, unknown values counted and listed, rows drillable', async () => {
    const u = userEvent.setup();
    jest.mocked(useLbacCounts).mockReturnValue({ counts: null, error: undefined, isLoading: false });
    jest.mocked(findPatients).mockResolvedValue([
      patient({ name: 'A', location: { kind: 'location', uuid: CLINIC } }),
      patient({ name: 'B', location: { kind: 'none' } }),
      patient({ name: 'C', location: { kind: 'unknown', raw: '12' } }),
      patient({ name: 'D', location: { kind: 'unknown', raw: '12' } }),
    ]);
    setup(attributeMode, <LocationReport />, { path: '/locations/report' });
    const table = screen.getByRole('table', { name: 'Counts per location' });
    expect(within(table).getByRole('row', { name: /Outpatient Clinic/ })).toHaveTextContent('Not counted');

    await u.click(screen.getByRole('button', { name: 'Count every patient' }));
    expect(findPatients).toHaveBeenCalledWith(attributeMode, expect.any(Set), { includeDead: true }, expect.anything());
    expect(await within(table).findByRole('button', { name: /Show the patients of Unknown value/ })).toHaveTextContent('2');
    expect(screen.getByText('Unknown values found: 12 × 2')).toBeInTheDocument();

    await u.click(within(table).getByRole('button', { name: /Show the patients of No location/ }));
    expect(screen.getByRole('status', { name: 'current address' })).toHaveTextContent('/locations/bulk?currentLocation=none');
  });

  it('drills from a location\'s user count to the users of that location', async () => {
    const u = userEvent.setup();
    jest.mocked(useLbacCounts).mockReturnValue({ counts: null, error: undefined, isLoading: false });
    setup(attributeMode, <LocationReport />, { path: '/locations/report' });
    await u.click(screen.getByRole('button', { name: /Show the users of Outpatient Clinic/ }));
    expect(screen.getByRole('status', { name: 'current address' })).toHaveTextContent(`/locations?location=${CLINIC}`);
  });
});

describe('LocationAccessSection', () => {
  it('hides a page from users without its privilege', () => {
    jest.mocked(useSession).mockReturnValue({
      authenticated: true,
      user: { uuid: 'clerk', privileges: [{ display: 'Assign Patient Locations' }], roles: [] },
    } as never);
    jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
    render(
      <MemoryRouter initialEntries={['/locations/bulk']} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
        <Routes>
          <Route path="/locations/*" element={<LocationAccessSection />} />
        </Routes>
      </MemoryRouter>,
    );
    expect(screen.getByText('You do not have permission to see this page')).toBeInTheDocument();
    expect(screen.getByText('It requires the privilege "Bulk Change Patient Locations".')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Location access pages' })).toBeInTheDocument();
  });
});
