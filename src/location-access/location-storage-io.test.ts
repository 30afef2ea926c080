import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { httpError, REST, serveRoutes } from '../test-support/openmrs-fetch';
import { APP_TYPE } from '../test-support/locations';
import { LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID } from './constants';
import { createAppAttributeType, detectLbac, resolveStorageMode, restoreLbacAttributeGp, toLocationInfo } from './location-storage-io';

describe('toLocationInfo', () => {
  const location = (...tags: string[]) => ({ uuid: 'u', display: 'Ward', name: 'Ward', tags: tags.map((display) => ({ display })) });

  it('marks a location carrying the configured tag as a login location, and no other', () => {
    expect(toLocationInfo(location('Login Location'), 'Login Location').isLoginLocation).toBe(true);
    expect(toLocationInfo(location('Clinic Login'), 'Clinic Login').isLoginLocation).toBe(true);
    expect(toLocationInfo(location('Login Location'), 'Clinic Login').isLoginLocation).toBe(false);
    expect(toLocationInfo(location('Login Location'), ' Login Location ').isLoginLocation).toBe(true);
  });

  it('marks no location when the tag is configured blank (the switcher then offers every location)', () => {
    expect(toLocationInfo(location('Login Location'), '').isLoginLocation).toBe(false);
    expect(toLocationInfo(location('Login Location'), '  ').isLoginLocation).toBe(false);
  });
});

describe('storage mode', () => {
  it('detects LBAC from the module resource, and falls back to /lbac/module-dependency without Manage Modules', async () => {
    serveRoutes([['GET', `${REST}/module/locationbasedaccess`, () => ({ uuid: 'locationbasedaccess', started: true })]]);
    expect(await detectLbac(openmrsRestClient)).toEqual({ installed: true, via: 'module' });

    serveRoutes([
      ['GET', `${REST}/module/`, () => {
        throw httpError(403);
      }],
      ['GET', `${REST}/lbac/module-dependency`, () => ({})],
    ]);
    expect(await detectLbac(openmrsRestClient)).toEqual({ installed: true, via: 'lbac-endpoint' });

    serveRoutes([]);
    expect(await detectLbac(openmrsRestClient)).toEqual({ installed: false, via: 'module' });
  });

  it('with LBAC uses the type its global property names', async () => {
    serveRoutes([
      ['GET', `${REST}/module/locationbasedaccess`, () => ({ started: true })],
      ['GET', `${REST}/systemsetting/locationbasedaccess.locationAttributeUuid`, () => ({ value: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID })],
      ['GET', `${REST}/personattributetype/${LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID}`, () => ({
        uuid: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID,
        name: 'LocationAttribute',
        format: 'java.lang.String',
      })],
    ]);
    const mode = await resolveStorageMode(openmrsRestClient, APP_TYPE);
    expect(mode).toMatchObject({ kind: 'lbac', attributeTypeUuid: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID });
  });

  it('without LBAC uses the configured type, else finds the app\'s type by name', async () => {
    serveRoutes([
      ['GET', `${REST}/personattributetype?q=`, () => ({
        results: [{ uuid: 'made-by-server', name: 'Patient location (User Access app)', format: 'org.openmrs.Location' }],
      })],
    ]);
    const mode = await resolveStorageMode(openmrsRestClient, APP_TYPE);
    expect(mode).toMatchObject({ kind: 'attribute', attributeTypeUuid: 'made-by-server', configuredUuid: APP_TYPE });
  });

  it('creates the app\'s Location attribute type with the configured uuid, retrying without it on a 400', async () => {
    const calls = serveRoutes([
      ['POST', `${REST}/personattributetype`, (_u, init) => {
        if ((init.body as { uuid?: string }).uuid) {
          throw httpError(400, 'Some properties are not allowed to be set: uuid');
        }
        return { uuid: 'new' };
      }],
    ]);
    await createAppAttributeType(openmrsRestClient, APP_TYPE);
    expect(calls.map((c) => c.body)).toEqual([
      expect.objectContaining({ uuid: APP_TYPE, format: 'org.openmrs.Location', name: 'Patient location (User Access app)' }),
      expect.not.objectContaining({ uuid: expect.anything() }),
    ]);
  });

  it('never repoints the LBAC global property once it has a value', async () => {
    const calls = serveRoutes([['GET', `${REST}/systemsetting/`, () => ({ value: 'some-other-type' })]]);
    await expect(restoreLbacAttributeGp(openmrsRestClient)).rejects.toThrow(/never changes it/);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    const calls2 = serveRoutes([
      ['GET', `${REST}/systemsetting/`, () => ({ value: '' })],
      ['POST', `${REST}/systemsetting/`, () => ({})],
    ]);
    await restoreLbacAttributeGp(openmrsRestClient);
    expect(calls2.find((c) => c.method === 'POST')?.body).toEqual({ value: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID });

    // no such global property at all: created with the module's own type
    const calls3 = serveRoutes([['POST', `${REST}/systemsetting`, () => ({})]]);
    await restoreLbacAttributeGp(openmrsRestClient);
    expect(calls3.find((c) => c.method === 'POST')).toMatchObject({
      url: `${REST}/systemsetting`,
      body: { property: 'locationbasedaccess.locationAttributeUuid', value: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID },
    });
  });
});
