import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { REST, serveRoutes } from '../test-support/openmrs-fetch';
import { CLINIC, PHARMACY, WARD } from '../test-support/locations';
import { addUserLocation, removeUserLocation, setUserLocations, userLocationsPatch } from './user-locations-io';
import { LocationNotGivableError } from './location-giving';

describe('user locations', () => {
  it('keeps every other user property and writes LBAC\'s comma-separated format', async () => {
    const calls = serveRoutes([
      ['GET', `${REST}/user/u1`, () => ({
        uuid: 'u1',
        userProperties: { lastLoginTimestamp: '1719400000000', loginAttempts: '0', defaultLocation: WARD, 'useraccess.exemptUntil': '2999-01-01' },
      })],
      ['POST', `${REST}/user/u1`, () => ({})],
    ]);
    await setUserLocations(openmrsRestClient, 'u1', [CLINIC, WARD], null);
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({
      userProperties: {
        lastLoginTimestamp: '1719400000000',
        loginAttempts: '0',
        'useraccess.exemptUntil': '2999-01-01',
        locationUuid: `${CLINIC},${WARD}`,
        defaultLocation: WARD,
      },
    });
  });

  it('always keeps the default location among the user\'s locations', async () => {
    expect(userLocationsPatch([CLINIC, WARD], PHARMACY, null)).toEqual({ locationUuid: `${CLINIC},${WARD}`, defaultLocation: CLINIC });
    expect(userLocationsPatch([CLINIC, WARD], null, WARD)).toEqual({ locationUuid: `${CLINIC},${WARD}`, defaultLocation: WARD });
    expect(userLocationsPatch([CLINIC, WARD], WARD, CLINIC)).toEqual({ locationUuid: `${CLINIC},${WARD}`, defaultLocation: WARD });
    expect(userLocationsPatch([], CLINIC, CLINIC)).toEqual({ locationUuid: null, defaultLocation: null });
  });

  it('adds and removes one location from the fresh value, moving the default when its location goes', async () => {
    let stored: Record<string, string> = { locationUuid: `${CLINIC},${WARD}`, defaultLocation: WARD, defaultLocale: 'fr' };
    serveRoutes([
      ['GET', `${REST}/user/u2`, () => ({ uuid: 'u2', userProperties: stored })],
      ['POST', `${REST}/user/u2`, (_u, init) => {
        stored = (init.body as { userProperties: Record<string, string> }).userProperties;
        return {};
      }],
    ]);
    await addUserLocation(openmrsRestClient, 'u2', PHARMACY);
    expect(stored).toEqual({ locationUuid: `${CLINIC},${WARD},${PHARMACY}`, defaultLocation: WARD, defaultLocale: 'fr' });
    await removeUserLocation(openmrsRestClient, 'u2', WARD);
    expect(stored).toEqual({ locationUuid: `${CLINIC},${PHARMACY}`, defaultLocation: CLINIC, defaultLocale: 'fr' });
    await addUserLocation(openmrsRestClient, 'u2', CLINIC);
    expect(stored.locationUuid).toBe(`${CLINIC},${PHARMACY}`);
  });

  it('keeps end dates beside the locations, in the same write, and drops them with the location', async () => {
    let stored: Record<string, string> = { locationUuid: CLINIC, other: 'kept' };
    serveRoutes([
      ['GET', `${REST}/user/u3`, () => ({ uuid: 'u3', userProperties: stored })],
      ['POST', `${REST}/user/u3`, (_u, init) => {
        stored = (init.body as { userProperties: Record<string, string> }).userProperties;
        return {};
      }],
    ]);
    await addUserLocation(openmrsRestClient, 'u3', WARD, { endDay: '2027-01-31' });
    expect(stored).toEqual({
      locationUuid: `${CLINIC},${WARD}`,
      defaultLocation: CLINIC,
      other: 'kept',
      'useraccess.locationEndDates': `${WARD}:2027-01-31`,
    });
    await setUserLocations(openmrsRestClient, 'u3', [CLINIC, WARD, PHARMACY], CLINIC);
    expect(stored['useraccess.locationEndDates']).toBe(`${WARD}:2027-01-31`);
    await removeUserLocation(openmrsRestClient, 'u3', WARD);
    expect(stored).toEqual({ locationUuid: `${CLINIC},${PHARMACY}`, defaultLocation: CLINIC, other: 'kept' });
  });

  it('refuses, before writing, a location the writer may not give', async () => {
    const calls = serveRoutes([
      ['GET', `${REST}/user/u4`, () => ({ uuid: 'u4', userProperties: { locationUuid: WARD } })],
      ['POST', `${REST}/user/u4`, () => ({})],
    ]);
    const giver = { anyLocation: false, held: [CLINIC, WARD] };
    await expect(setUserLocations(openmrsRestClient, 'u4', [WARD, PHARMACY], WARD, { giver })).rejects.toBeInstanceOf(LocationNotGivableError);
    await expect(addUserLocation(openmrsRestClient, 'u4', PHARMACY, { giver })).rejects.toBeInstanceOf(LocationNotGivableError);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await addUserLocation(openmrsRestClient, 'u4', CLINIC, { giver });
    await setUserLocations(openmrsRestClient, 'u4', [WARD, PHARMACY], WARD, { giver: { anyLocation: true, held: [] } });
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2);
  });
});
