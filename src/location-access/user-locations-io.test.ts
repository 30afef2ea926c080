import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { REST, serveRoutes } from '../test-support/openmrs-fetch';
import { CLINIC, PHARMACY, WARD } from '../test-support/locations';
import { addUserLocation, removeUserLocation, setUserLocations, userLocationsPatch } from './user-locations-io';

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
});
