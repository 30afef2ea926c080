import { openmrsFetch } from '@openmrs/esm-framework';
import { fhirGet } from './location-access.resource';
import { scanPatients } from './patient-scan-io';
import { assignPatientsLocation, setPatientLocation } from './patient-writes-io';
import { countPatients, countUsers, fetchLbacCounts } from './location-counts';
import { createAppAttributeType, detectLbac, resolveStorageMode, restoreLbacAttributeGp } from './location-storage-io';
import { readLocationValue } from './patient-rows';
import { addUserLocation, removeUserLocation, setUserLocations, userLocationsPatch } from './user-locations-io';
import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID } from './constants';
import { APP_TYPE, attributeMode, CLINIC, lbacMode, PHARMACY, WARD } from '../test-support/locations';

const REST = '/ws/rest/v1';
const known = new Set([CLINIC, WARD, PHARMACY]);

type Handler = (url: string, init: { method?: string; body?: unknown }) => unknown;

function httpError(status: number, message = `HTTP ${status}`) {
  return Object.assign(new Error(message), { response: { status }, responseBody: { error: { message } } });
}

/** Routes openmrsFetch calls to handlers by method and path prefix; records every call. */
function serve(routes: Array<[string, string | RegExp, Handler]>) {
  const calls: Array<{ method: string; url: string; body: unknown }> = [];
  jest.mocked(openmrsFetch).mockImplementation((async (url: string, init: { method?: string; body?: unknown } = {}) => {
    const method = init.method ?? 'GET';
    calls.push({ method, url, body: init.body });
    const route = routes.find(
      ([m, pattern]) => m === method && (typeof pattern === 'string' ? url.startsWith(pattern) : pattern.test(url)),
    );
    if (!route) {
      throw httpError(404, `no route for ${method} ${url}`);
    }
    const data = await route[2](url, init);
    return { ok: true, status: 200, data } as never;
  }) as never);
  return calls;
}

describe('user locations', () => {
  it('keeps every other user property and writes LBAC\'s comma-separated format', async () => {
    const calls = serve([
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
    serve([
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

  it('counts users per location, with none and unknown values, leaving retired users out', () => {
    const counts = countUsers(
      [
        { uuid: 'a', username: 'a', name: 'A', retired: false, locations: [CLINIC, WARD], defaultLocation: CLINIC, roles: [] },
        { uuid: 'b', username: 'b', name: 'B', retired: false, locations: [CLINIC, '17'], defaultLocation: CLINIC, roles: [] },
        { uuid: 'c', username: 'c', name: 'C', retired: false, locations: [], defaultLocation: null, roles: [] },
        { uuid: 'd', username: 'd', name: 'D', retired: true, locations: [CLINIC], defaultLocation: null, roles: [] },
      ],
      known,
    );
    expect(counts).toEqual({ byLocation: { [CLINIC]: 2, [WARD]: 1 }, none: 1, unknown: 1, unknownValues: { '17': 1 } });
  });
});

describe('storage mode', () => {
  it('detects LBAC from the module resource, and falls back to /lbac/module-dependency without Manage Modules', async () => {
    serve([['GET', `${REST}/module/locationbasedaccess`, () => ({ uuid: 'locationbasedaccess', started: true })]]);
    expect(await detectLbac(openmrsRestClient)).toEqual({ installed: true, via: 'module' });

    serve([
      ['GET', `${REST}/module/`, () => {
        throw httpError(403);
      }],
      ['GET', `${REST}/lbac/module-dependency`, () => ({})],
    ]);
    expect(await detectLbac(openmrsRestClient)).toEqual({ installed: true, via: 'lbac-endpoint' });

    serve([]);
    expect(await detectLbac(openmrsRestClient)).toEqual({ installed: false, via: 'module' });
  });

  it('with LBAC uses the type its global property names', async () => {
    serve([
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
    serve([
      ['GET', `${REST}/personattributetype?q=`, () => ({
        results: [{ uuid: 'made-by-server', name: 'Patient location (User Access app)', format: 'org.openmrs.Location' }],
      })],
    ]);
    const mode = await resolveStorageMode(openmrsRestClient, APP_TYPE);
    expect(mode).toMatchObject({ kind: 'attribute', attributeTypeUuid: 'made-by-server', configuredUuid: APP_TYPE });
  });

  it('creates the app\'s Location attribute type with the configured uuid, retrying without it on a 400', async () => {
    const calls = serve([
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
    const calls = serve([['GET', `${REST}/systemsetting/`, () => ({ value: 'some-other-type' })]]);
    await expect(restoreLbacAttributeGp(openmrsRestClient)).rejects.toThrow(/never changes it/);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    const calls2 = serve([
      ['GET', `${REST}/systemsetting/`, () => ({ value: '' })],
      ['POST', `${REST}/systemsetting/`, () => ({})],
    ]);
    await restoreLbacAttributeGp(openmrsRestClient);
    expect(calls2.find((c) => c.method === 'POST')?.body).toEqual({ value: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID });

    // no such global property at all: created with the module's own type
    const calls3 = serve([['POST', `${REST}/systemsetting`, () => ({})]]);
    await restoreLbacAttributeGp(openmrsRestClient);
    expect(calls3.find((c) => c.method === 'POST')).toMatchObject({
      url: `${REST}/systemsetting`,
      body: { property: 'locationbasedaccess.locationAttributeUuid', value: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID },
    });
  });
});

describe('patient location writes with LBAC', () => {
  it('writes through /lbac/patient-migration one patient per request, run concurrently', async () => {
    let inFlight = 0;
    let peak = 0;
    const calls = serve([
      ['POST', `${REST}/lbac/patient-migration`, async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        return { status: { message: 'OK' } };
      }],
    ]);
    const items = ['p1', 'p2', 'p3', 'p4'].map((uuid) => ({ uuid, label: uuid }));
    const outcome = await assignPatientsLocation(openmrsRestClient, lbacMode, items, CLINIC, { concurrency: 3 });
    expect(outcome.succeeded).toBe(4);
    expect(calls.map((c) => c.body)).toEqual(items.map((i) => ({ patientList: [i.uuid], locationUuid: CLINIC })));
    expect(peak).toBeGreaterThan(1);
    expect(calls.some((c) => c.url.includes('/person/'))).toBe(false);
  });

  it('treats a 200 whose status.message is not OK as a failure, without retrying it', async () => {
    const calls = serve([
      ['POST', `${REST}/lbac/patient-migration`, (_u, init) =>
        (init.body as { patientList: string[] }).patientList[0] === 'bad'
          ? { status: { message: 'Location Uuid x is Not valid' } }
          : { status: { message: 'OK' } }],
    ]);
    const outcome = await assignPatientsLocation(openmrsRestClient, lbacMode, [{ uuid: 'good', label: 'Good' }, { uuid: 'bad', label: 'Bad' }], CLINIC, {
      sleep: async () => {},
    });
    expect(outcome.succeeded).toBe(1);
    expect(outcome.results[1]).toMatchObject({ status: 'failed', message: expect.stringContaining('Location Uuid x is Not valid') });
    expect(calls).toHaveLength(2);
    await expect(setPatientLocation(openmrsRestClient, lbacMode, 'bad', CLINIC)).rejects.toThrow(/Not valid/);
  });

  it('sends larger batches only when configured, failing every patient of a failed batch', async () => {
    const calls = serve([
      ['POST', `${REST}/lbac/patient-migration`, (_u, init) =>
        (init.body as { patientList: string[] }).patientList.includes('p3') ? {} : { status: { message: 'OK' } }],
    ]);
    const items = ['p1', 'p2', 'p3', 'p4', 'p5'].map((uuid) => ({ uuid, label: uuid }));
    const outcome = await assignPatientsLocation(openmrsRestClient, lbacMode, items, WARD, { lbacPatientsPerRequest: 2 });
    expect(calls.map((c) => (c.body as { patientList: string[] }).patientList)).toEqual([['p1', 'p2'], ['p3', 'p4'], ['p5']]);
    expect(outcome.results.map((r) => [r.item.uuid, r.status])).toEqual([
      ['p1', 'success'],
      ['p2', 'success'],
      ['p3', 'failed'],
      ['p4', 'failed'],
      ['p5', 'success'],
    ]);
  });

  it('never writes a uuid into the LBAC type through /person/{uuid}/attribute, even when the patient has the attribute', async () => {
    const calls = serve([
      ['GET', `${REST}/person/p1/attribute`, () => ({
        results: [{ uuid: 'a1', value: WARD, attributeType: { uuid: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID } }],
      })],
      ['POST', `${REST}/person/`, () => ({})],
      ['POST', `${REST}/lbac/patient-migration`, () => ({ status: { message: 'OK' } })],
    ]);
    expect(await setPatientLocation(openmrsRestClient, lbacMode, 'p1', CLINIC)).toBe('migrated');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([`POST ${REST}/lbac/patient-migration`]);
  });

  it('removes a location by voiding the attribute', async () => {
    const calls = serve([
      ['GET', `${REST}/person/p1/attribute`, () => ({
        results: [{ uuid: 'a1', value: CLINIC, attributeType: { uuid: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID } }],
      })],
      ['DELETE', `${REST}/person/p1/attribute/a1`, () => null],
    ]);
    expect(await setPatientLocation(openmrsRestClient, lbacMode, 'p1', null)).toBe('removed');
    expect(calls.map((c) => c.method)).toEqual(['GET', 'DELETE']);
  });

  it('reads the value as a uuid string, and counts values it cannot map (e.g. an id) as unknown', () => {
    const attr = (value: unknown) => ({ uuid: 'a', value, attributeType: { uuid: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID } });
    expect(readLocationValue(attr(CLINIC), known)).toEqual({ kind: 'location', uuid: CLINIC });
    expect(readLocationValue(attr('7'), known)).toEqual({ kind: 'unknown', raw: '7' });
    expect(readLocationValue(null, known)).toEqual({ kind: 'none' });
  });

  it('maps LBAC\'s counts (keyed by location name) to locations', async () => {
    serve([['GET', `${REST}/lbac/locationwise-patients-count`, () => ({ results: { 'Outpatient Clinic': 5, Ward: 0, Gone: 2 } })]]);
    const counts = await fetchLbacCounts(openmrsRestClient, 'patients', [
      { uuid: CLINIC, name: 'Outpatient Clinic', display: 'Outpatient Clinic', retired: false, isLoginLocation: true },
      { uuid: WARD, name: 'Ward', display: 'Ward', retired: false, isLoginLocation: true },
    ]);
    expect(counts).toEqual({ byLocation: { [CLINIC]: 5, [WARD]: 0 }, none: 0, unknown: 2, unknownValues: { Gone: 2 } });
  });
});

describe('patient location writes without LBAC', () => {
  it('creates the attribute through /person/{uuid}/attribute when the patient has none', async () => {
    const calls = serve([
      ['GET', `${REST}/person/p1/attribute`, () => ({ results: [{ uuid: 'phone', value: '0712', attributeType: { uuid: 'tel' } }] })],
      ['POST', `${REST}/person/p1/attribute`, () => ({ uuid: 'new' })],
    ]);
    expect(await setPatientLocation(openmrsRestClient, attributeMode, 'p1', CLINIC)).toBe('created');
    expect(calls[1]).toMatchObject({ method: 'POST', url: `${REST}/person/p1/attribute`, body: { attributeType: APP_TYPE, value: CLINIC } });
    expect(calls.some((c) => c.url.includes('/lbac/'))).toBe(false);
  });

  it('updates the existing attribute instead of adding a second one', async () => {
    const calls = serve([
      ['GET', `${REST}/person/p1/attribute`, () => ({
        results: [{ uuid: 'a1', value: { uuid: WARD, display: 'Ward' }, attributeType: { uuid: APP_TYPE } }],
      })],
      ['POST', `${REST}/person/p1/attribute/a1`, () => ({})],
    ]);
    expect(await setPatientLocation(openmrsRestClient, attributeMode, 'p1', CLINIC)).toBe('updated');
    expect(calls[1]).toMatchObject({ method: 'POST', url: `${REST}/person/p1/attribute/a1`, body: { value: CLINIC } });
  });

  it('writes nothing when the patient already has that location', async () => {
    const calls = serve([
      ['GET', `${REST}/person/p1/attribute`, () => ({
        results: [{ uuid: 'a1', value: { uuid: CLINIC, display: 'Clinic' }, attributeType: { uuid: APP_TYPE } }],
      })],
    ]);
    expect(await setPatientLocation(openmrsRestClient, attributeMode, 'p1', CLINIC)).toBe('unchanged');
    expect(calls).toHaveLength(1);
  });

  it('reads the value as a Location reference; one it cannot hydrate is unknown', () => {
    const attr = (value: unknown) => ({ uuid: 'a', value, attributeType: { uuid: APP_TYPE } });
    expect(readLocationValue(attr({ uuid: WARD, display: 'Ward' }), known)).toEqual({ kind: 'location', uuid: WARD });
    expect(readLocationValue(attr(null), known)).toEqual({ kind: 'unknown', raw: '' });
    expect(readLocationValue(attr({ uuid: 'deleted', display: 'Old place' }), known)).toEqual({ kind: 'unknown', raw: 'Old place' });
  });
});

describe('finding patients', () => {
  const restPatient = (uuid: string, extra: Record<string, unknown>, attributes: unknown[] = []) => ({
    uuid,
    display: uuid,
    identifiers: [{ identifier: `ID-${uuid}`, location: { uuid: CLINIC } }],
    person: { display: `Name ${uuid}`, gender: 'F', age: 30, dead: false, attributes, ...extra },
  });

  it('with a query pages through the REST patient search, 100 at a time, and filters in the browser', async () => {
    const calls = serve([
      ['GET', `${REST}/patient?q=smith`, () => ({
        results: [
          restPatient('p1', {}, [{ uuid: 'a', value: { uuid: WARD }, attributeType: { uuid: APP_TYPE } }]),
          restPatient('p2', { gender: 'M' }),
          restPatient('p3', {}),
          restPatient('p4', { age: 80 }),
          restPatient('p5', {}, [{ uuid: 'a', value: '12', attributeType: { uuid: APP_TYPE } }]),
        ],
        totalCount: 5,
      })],
    ]);
    const rows = await scanPatients(openmrsRestClient, attributeMode.attributeTypeUuid, known, { query: 'smith', gender: 'F', maxAge: 60, currentLocation: 'any' }, { fhir: fhirGet });
    expect(rows.map((r) => r.uuid)).toEqual(['p1', 'p3', 'p5']);
    expect(calls.find((c) => c.url.startsWith(`${REST}/patient?`))?.url).toContain('limit=100');
    expect(countPatients(rows)).toEqual({ byLocation: { [WARD]: 1 }, none: 1, unknown: 1, unknownValues: { '12': 1 } });

    const none = await scanPatients(openmrsRestClient, attributeMode.attributeTypeUuid, known, { query: 'smith', currentLocation: 'none' }, { fhir: fhirGet });
    expect(none.map((r) => r.uuid)).toEqual(['p2', 'p3', 'p4']);
  });

  it('without a query lists patients through FHIR, then reads each patient\'s record', async () => {
    const fhirCalls: string[] = [];
    const calls = serve([
      ['GET', /\/ws\/fhir2\/R4\/Patient/, (url) => {
        fhirCalls.push(url);
        return url.includes('_getpagesoffset=0')
          ? { total: 2, entry: [{ resource: { id: 'p1' } }, { resource: { id: 'p2' } }] }
          : { total: 2, entry: [] };
      }],
      ['GET', `${REST}/patient/p1`, () => restPatient('p1', {}, [{ uuid: 'a', value: CLINIC, attributeType: { uuid: LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID } }])],
      ['GET', `${REST}/patient/p2`, () => restPatient('p2', {})],
    ]);
    const rows = await scanPatients(openmrsRestClient, lbacMode.attributeTypeUuid, known, { gender: 'F', currentLocation: CLINIC }, { fhir: fhirGet });
    expect(rows.map((r) => r.uuid)).toEqual(['p1']);
    expect(fhirCalls[0]).toContain('gender=female');
    expect(calls.filter((c) => c.url.startsWith(`${REST}/patient/`))).toHaveLength(2);
  });
});
