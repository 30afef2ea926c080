import React from 'react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { useLbacCounts } from '../location-access.resource';
import { scanPatients } from '../patient-scan-io';
import type { LocationCounts } from '../location-counts';
import { attributeMode, CLINIC, lbacMode, patient, WARD } from '../../test-support/locations';
import { renderLocationPage } from '../../test-support/location-pages';
import LocationReport from './location-report.component';

jest.mock('../location-access.resource', () => ({
  useFhirListsPatientLocations: jest.fn(() => false),
  useStorageMode: jest.fn(),
  useAllLocations: jest.fn(),
  useLocationUsers: jest.fn(),
  useMissingPrivileges: jest.fn(),
  useLbacSwitches: jest.fn(),
  useLbacCounts: jest.fn(),
}));
jest.mock('../patient-scan-io', () => ({ ...jest.requireActual('../patient-scan-io'), scanPatients: jest.fn() }));

const counts = (partial: Partial<LocationCounts>): LocationCounts => ({ byLocation: {}, none: 0, unknown: 0, unknownValues: {}, ...partial });

describe('LocationReport', () => {
  it('with LBAC: shows users and the module\'s patient counts per location, with no-location and unknown rows', () => {
    jest.mocked(useLbacCounts).mockImplementation((_enabled, entity) => ({
      counts: entity === 'patients' ? counts({ byLocation: { [CLINIC]: 40, [WARD]: 7 } }) : counts({ byLocation: { [CLINIC]: 2, [WARD]: 1 } }),
      error: undefined,
      isLoading: false,
    }));
    renderLocationPage(lbacMode, <LocationReport />);
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
    renderLocationPage(lbacMode, <LocationReport />, { sessionLocation: { uuid: CLINIC, display: 'Outpatient Clinic' } });
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
    jest.mocked(scanPatients).mockResolvedValue([
      patient({ name: 'A', location: { kind: 'location', uuid: CLINIC } }),
      patient({ name: 'B', location: { kind: 'none' } }),
      patient({ name: 'C', location: { kind: 'unknown', raw: '12' } }),
      patient({ name: 'D', location: { kind: 'unknown', raw: '12' } }),
    ]);
    renderLocationPage(attributeMode, <LocationReport />, { path: '/locations/report' });
    const table = screen.getByRole('table', { name: 'Counts per location' });
    expect(within(table).getByRole('row', { name: /Outpatient Clinic/ })).toHaveTextContent('Not counted');

    await u.click(screen.getByRole('button', { name: 'Count every patient' }));
    expect(scanPatients).toHaveBeenCalledWith(openmrsRestClient, attributeMode.attributeTypeUuid, expect.any(Set), { includeDead: true }, expect.anything());
    expect(await within(table).findByRole('button', { name: /Show the patients of Unknown value/ })).toHaveTextContent('2');
    expect(screen.getByText('Unknown values found: 12 × 2')).toBeInTheDocument();

    await u.click(within(table).getByRole('button', { name: /Show the patients of No location/ }));
    expect(screen.getByRole('status', { name: 'current address' })).toHaveTextContent('/locations/bulk?currentLocation=none');
  });

  it('drills from a location\'s user count to the users of that location', async () => {
    const u = userEvent.setup();
    jest.mocked(useLbacCounts).mockReturnValue({ counts: null, error: undefined, isLoading: false });
    renderLocationPage(attributeMode, <LocationReport />, { path: '/locations/report' });
    await u.click(screen.getByRole('button', { name: /Show the users of Outpatient Clinic/ }));
    expect(screen.getByRole('status', { name: 'current address' })).toHaveTextContent(`/locations?location=${CLINIC}`);
  });
});
