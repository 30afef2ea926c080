import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { REST, serveRoutes } from '../test-support/openmrs-fetch';
import { CLINIC, PHARMACY, WARD } from '../test-support/locations';
import { countUsers, fetchLbacCounts } from './location-counts';

const known = new Set([CLINIC, WARD, PHARMACY]);

describe('counts', () => {
  it('counts users per location, with none and unknown values, leaving retired users out', () => {
    const counts = countUsers(
      [
        { uuid: 'a', username: 'a', name: 'A', retired: false, locations: [CLINIC, WARD], defaultLocation: CLINIC, endDates: {}, roles: [] },
        { uuid: 'b', username: 'b', name: 'B', retired: false, locations: [CLINIC, '17'], defaultLocation: CLINIC, endDates: {}, roles: [] },
        { uuid: 'c', username: 'c', name: 'C', retired: false, locations: [], defaultLocation: null, endDates: {}, roles: [] },
        { uuid: 'd', username: 'd', name: 'D', retired: true, locations: [CLINIC], defaultLocation: null, endDates: {}, roles: [] },
      ],
      known,
    );
    expect(counts).toEqual({ byLocation: { [CLINIC]: 2, [WARD]: 1 }, none: 1, unknown: 1, unknownValues: { '17': 1 } });
  });

  it('maps LBAC\'s counts (keyed by location name) to locations', async () => {
    serveRoutes([['GET', `${REST}/lbac/locationwise-patients-count`, () => ({ results: { 'Outpatient Clinic': 5, Ward: 0, Gone: 2 } })]]);
    const counts = await fetchLbacCounts(openmrsRestClient, 'patients', [
      { uuid: CLINIC, name: 'Outpatient Clinic', display: 'Outpatient Clinic', retired: false, isLoginLocation: true },
      { uuid: WARD, name: 'Ward', display: 'Ward', retired: false, isLoginLocation: true },
    ]);
    expect(counts).toEqual({ byLocation: { [CLINIC]: 5, [WARD]: 0 }, none: 0, unknown: 2, unknownValues: { Gone: 2 } });
  });
});
