import React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { getDefaultsFromConfigSchema, useConfig, useSession } from '@openmrs/esm-framework';
import { configSchema } from '../../config-schema';
import type { BulkItemResult } from '../../common/bulk-runner';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { useAllLocations, useFhirListsPatientLocations, useStorageMode } from '../location-access.resource';
import { scanPatients } from '../patient-scan-io';
import { jobStorageKey, loadJob, newJob, type StoredJob } from '../job-store';
import type { StorageMode } from '../location-storage-io';
import { assignPatientsLocation, type JobItem, type PatientWriteResult } from '../patient-writes-io';
import { attributeMode, CLINIC, lbacMode, locationsHook, patient, WARD } from '../../test-support/locations';
import BulkAssign from './bulk-assign.component';
import MovePatients from './move-patients.component';

jest.mock('../location-access.resource', () => ({
  useFhirListsPatientLocations: jest.fn(() => false),
  useStorageMode: jest.fn(),
  useAllLocations: jest.fn(),
}));
jest.mock('../patient-scan-io', () => ({ ...jest.requireActual('../patient-scan-io'), scanPatients: jest.fn() }));
jest.mock('../patient-writes-io', () => ({ ...jest.requireActual('../patient-writes-io'), assignPatientsLocation: jest.fn() }));

const ADMIN = 'admin-uuid';
const patients = Array.from({ length: 12 }, (_, i) => patient({ name: `Patient ${String(i + 1).padStart(2, '0')}` }));

/** A job runner that reports each item through onProgress, failing the uuids in `failing`. */
function runnerFailing(failing: string[] = []) {
  jest.mocked(assignPatientsLocation).mockImplementation(async (_client, _mode, items, _location, options = {}) => {
    const results: Array<BulkItemResult<JobItem, PatientWriteResult>> = items.map((item, index) =>
      failing.includes(item.uuid)
        ? { item, index, status: 'failed', message: '500: boom', httpStatus: 500, attempts: 3 }
        : { item, index, status: 'success', value: 'migrated', attempts: 1 },
    );
    results.forEach((r, i) => options.onProgress?.(i + 1, [r]));
    return {
      results,
      remaining: [],
      stoppedBecause: null,
      succeeded: results.filter((r) => r.status === 'success').length,
      failed: results.filter((r) => r.status === 'failed').length,
    };
  });
}

function setup(mode: StorageMode, Page: React.FC = BulkAssign, path = '/') {
  jest.mocked(useSession).mockReturnValue({ authenticated: true, user: { uuid: ADMIN } } as never);
  jest.mocked(useStorageMode).mockReturnValue({ mode, error: undefined, isLoading: false, mutate: jest.fn() } as never);
  jest.mocked(useAllLocations).mockReturnValue(locationsHook() as never);
  jest.mocked(useConfig).mockReturnValue(getDefaultsFromConfigSchema(configSchema));
  render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Page />
    </MemoryRouter>,
  );
}

beforeEach(() => window.localStorage.clear());

describe.each([
  ['with LBAC', lbacMode],
  ['without LBAC', attributeMode],
])('BulkAssign %s', (_label, mode) => {
  it('previews the count and a sample, then assigns every matching patient and reports per-patient results', async () => {
    const u = userEvent.setup();
    jest.mocked(scanPatients).mockResolvedValue(patients);
    runnerFailing([patients[3].uuid]);
    setup(mode);

    await u.type(screen.getByLabelText('Name or identifier'), 'patient');
    await u.selectOptions(screen.getByLabelText('Gender'), 'F');
    await u.type(screen.getByLabelText('Age from (years)'), '18');
    await u.selectOptions(screen.getByLabelText('Current patient location'), 'none');
    await u.click(screen.getByRole('button', { name: 'Preview matching patients' }));

    expect(scanPatients).toHaveBeenCalledWith(
      openmrsRestClient,
      mode.attributeTypeUuid,
      expect.any(Set),
      expect.objectContaining({ query: 'patient', gender: 'F', minAge: 18, currentLocation: 'none' }),
      expect.anything(),
    );
    expect(await screen.findByText('12 patients match')).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Sample of matching patients' })).getAllByRole('row')).toHaveLength(11);

    await u.selectOptions(screen.getByLabelText('New patient location'), CLINIC);
    await u.click(screen.getByRole('button', { name: 'Assign 12 patients to Outpatient Clinic' }));

    expect(await screen.findByText('11 succeeded, 1 failed')).toBeInTheDocument();
    expect(assignPatientsLocation).toHaveBeenCalledWith(
      openmrsRestClient,
      mode,
      expect.arrayContaining([{ uuid: patients[0].uuid, label: 'Patient 01 (ID-PAT)' }]),
      CLINIC,
      expect.objectContaining({ concurrency: 6, lbacPatientsPerRequest: 1 }),
    );
    expect(screen.getByRole('list', { name: 'Failed items' })).toHaveTextContent('Patient 04 (ID-PAT): 500: boom');

    // retry only what failed
    runnerFailing();
    await u.click(screen.getByRole('button', { name: 'Retry the failed (1)' }));
    expect(await screen.findByText('1 succeeded, 0 failed')).toBeInTheDocument();
    expect(jest.mocked(assignPatientsLocation).mock.calls.at(-1)?.[2]).toEqual([{ uuid: patients[3].uuid, label: 'Patient 04 (ID-PAT)' }]);
  });

  it('offers to resume a job interrupted by a reload, running only what was not done', async () => {
    const u = userEvent.setup();
    const items = patients.slice(0, 4).map((p) => ({ uuid: p.uuid, label: p.name }));
    const job: StoredJob = {
      ...newJob('assign', { uuid: WARD, display: 'Inpatient Ward' }, items),
      running: true,
      results: { [items[0].uuid]: { status: 'success' }, [items[1].uuid]: { status: 'failed', message: '503: busy' } },
    };
    window.localStorage.setItem(jobStorageKey(ADMIN), JSON.stringify(job));
    runnerFailing();
    setup(mode);

    expect(screen.getByText('An unfinished patient location job was found')).toBeInTheDocument();
    expect(screen.getByText('Inpatient Ward: 1 of 4 done, 1 failed, 2 not started.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Name or identifier')).not.toBeInTheDocument();

    await u.click(screen.getByRole('button', { name: 'Resume' }));
    expect(await screen.findByText('3 succeeded, 0 failed')).toBeInTheDocument();
    expect(jest.mocked(assignPatientsLocation).mock.calls[0][2]).toEqual(items.slice(1));
    expect(jest.mocked(assignPatientsLocation).mock.calls[0][3]).toBe(WARD);
    const stored = loadJob(ADMIN);
    expect(stored?.running).toBe(false);
    expect(Object.values(stored?.results ?? {}).every((r) => r.status === 'success')).toBe(true);

    await u.click(screen.getByText('Result for each patient'));
    expect(within(screen.getByRole('list', { name: 'Result for each patient' })).getAllByText(/: done$/)).toHaveLength(4);

    await u.click(screen.getByRole('button', { name: 'Close' }));
    expect(loadJob(ADMIN)).toBeNull();
    expect(screen.getByLabelText('Name or identifier')).toBeInTheDocument();
  });

  it('saves each result as it arrives, so a reload mid-job can resume', async () => {
    const u = userEvent.setup();
    jest.mocked(scanPatients).mockResolvedValue(patients.slice(0, 3));
    let snapshot: StoredJob | null = null;
    jest.mocked(assignPatientsLocation).mockImplementation(async (_client, _m, items, _l, options = {}) => {
      options.onProgress?.(1, [{ item: items[0], index: 0, status: 'success', value: 'created', attempts: 1 }]);
      snapshot = loadJob(ADMIN);
      return { results: [], remaining: items.slice(1), stoppedBecause: 'unauthenticated', succeeded: 1, failed: 0 };
    });
    setup(mode);
    await u.type(screen.getByLabelText('Name or identifier'), 'x');
    await u.click(screen.getByRole('button', { name: 'Preview matching patients' }));
    await u.selectOptions(await screen.findByLabelText('New patient location'), WARD);
    await u.click(screen.getByRole('button', { name: 'Assign 3 patients to Inpatient Ward' }));
    expect(await screen.findByText(/Your session expired/)).toBeInTheDocument();
    expect(snapshot).toMatchObject({ running: true, target: { uuid: WARD }, results: { [patients[0].uuid]: { status: 'success' } } });
    expect(screen.getByRole('button', { name: 'Resume the 2 remaining' })).toBeInTheDocument();
  });
});

describe('BulkAssign', () => {
  it('leaves alone the patients who already have the chosen location', async () => {
    const u = userEvent.setup();
    jest.mocked(scanPatients).mockResolvedValue([
      patient({ name: 'Already There', location: { kind: 'location', uuid: WARD } }),
      patient({ name: 'Elsewhere', location: { kind: 'location', uuid: CLINIC } }),
      patient({ name: 'Nowhere' }),
    ]);
    runnerFailing();
    setup(attributeMode);
    await u.type(screen.getByLabelText('Name or identifier'), 'x');
    await u.click(screen.getByRole('button', { name: 'Preview matching patients' }));
    await u.selectOptions(await screen.findByLabelText('New patient location'), WARD);
    expect(screen.getByText('1 of them already have this location and are left alone.')).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Assign 2 patients to Inpatient Ward' }));
    expect(await screen.findByText('2 succeeded, 0 failed')).toBeInTheDocument();
    expect(jest.mocked(assignPatientsLocation).mock.calls[0][2].map((i) => i.label)).toEqual(['Elsewhere (ID-ELS)', 'Nowhere (ID-NOW)']);
  });

  it('says that LBAC writes go through the module, one patient per request', () => {
    setup(lbacMode);
    expect(screen.getByText(/saved with its own request to \/lbac\/patient-migration/)).toBeInTheDocument();
  });

  it('warns that a search without a name or identifier reads every patient record', () => {
    setup(attributeMode);
    expect(screen.getByText(/reads each patient's record \(one request each\)/)).toBeInTheDocument();
  });

  it('on fhir2 2.6.0 and later, says the FHIR list alone gives each patient\'s location', () => {
    jest.mocked(useFhirListsPatientLocations).mockReturnValue(true);
    setup(attributeMode);
    expect(screen.getByText(/lists every patient through FHIR, each with their location/)).toBeInTheDocument();
    expect(screen.queryByText(/one request each/)).not.toBeInTheDocument();
    jest.mocked(useFhirListsPatientLocations).mockReturnValue(false);
  });

  it('opens with the current-location filter of a report drill-down', () => {
    setup(attributeMode, BulkAssign, '/?currentLocation=unknown');
    expect(screen.getByLabelText('Current patient location')).toHaveValue('unknown');
  });

  it('sends the patients to the setup check when the attribute type is missing', () => {
    setup({ ...attributeMode, attributeType: null, attributeTypeUuid: null });
    expect(screen.getByText('Patient locations are not set up on this server')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open the setup check' })).toBeInTheDocument();
  });
});

describe.each([
  ['with LBAC', lbacMode],
  ['without LBAC', attributeMode],
])('MovePatients %s', (_label, mode) => {
  it('finds every patient of location A, deceased too, and moves them to B', async () => {
    const u = userEvent.setup();
    const atClinic = patients.slice(0, 3).map((p) => ({ ...p, location: { kind: 'location' as const, uuid: CLINIC } }));
    jest.mocked(scanPatients).mockResolvedValue(atClinic);
    runnerFailing();
    setup(mode, MovePatients);

    await u.selectOptions(screen.getByLabelText('Move all patients of'), CLINIC);
    await u.selectOptions(screen.getByLabelText('To'), WARD);
    await u.click(screen.getByRole('button', { name: 'Find the patients to move' }));
    expect(scanPatients).toHaveBeenCalledWith(
      openmrsRestClient,
      mode.attributeTypeUuid,
      expect.any(Set),
      { currentLocation: CLINIC, includeDead: true },
      // the type's name finds the location among the person-attribute extensions of fhir2 2.6.0+
      expect.objectContaining({ attributeTypeName: mode.attributeType!.name }),
    );
    expect(await screen.findByText('3 patients match')).toBeInTheDocument();
    await u.click(screen.getByRole('button', { name: 'Move 3 patients from Outpatient Clinic to Inpatient Ward' }));
    expect(await screen.findByText('3 succeeded, 0 failed')).toBeInTheDocument();
    expect(assignPatientsLocation).toHaveBeenCalledWith(openmrsRestClient, mode, expect.any(Array), WARD, expect.anything());
    expect(loadJob(ADMIN)).toMatchObject({ kind: 'move', source: { uuid: CLINIC }, target: { uuid: WARD } });
  });
});

describe('BulkAssign with LBAC, as an administrator who is not a System Developer', () => {
  it('says why listed patients were left out and why patients could not be assigned', async () => {
    const u = userEvent.setup();
    jest.mocked(scanPatients).mockImplementation(async (_client, _attributeTypeUuid, _known, _filters, options = {}) => {
      options.onUnreadable?.(['hidden-1', 'hidden-2']);
      return patients.slice(0, 3);
    });
    jest.mocked(assignPatientsLocation).mockImplementation(async (_client, _mode, items, _location, options = {}) => {
      const results: Array<BulkItemResult<JobItem, PatientWriteResult>> = items.map((item, index) => ({
        item,
        index,
        status: 'failed',
        message: '404: Patient not found [Cannot invoke "org.openmrs.Patient.addAttribute(org.openmrs.PersonAttribute)" because "patient" is null]',
        httpStatus: 404,
        attempts: 1,
      }));
      results.forEach((r, i) => options.onProgress?.(i + 1, [r]));
      return { results, remaining: [], stoppedBecause: null, succeeded: 0, failed: results.length };
    });
    setup(lbacMode);

    await u.click(screen.getByRole('button', { name: 'Preview matching patients' }));
    expect(await screen.findByText('2 patients listed by FHIR were left out: the server does not show you their records')).toBeInTheDocument();

    await u.selectOptions(screen.getByLabelText('New patient location'), CLINIC);
    await u.click(screen.getByRole('button', { name: 'Assign 3 patients to Outpatient Clinic' }));
    expect(await screen.findByText('0 succeeded, 3 failed')).toBeInTheDocument();
    expect(screen.getByText('3 patients could not be assigned: the server does not show them to you')).toBeInTheDocument();
    expect(screen.getByText(/Trying again will not help; ask a System Developer to assign them/)).toBeInTheDocument();
  });
});
