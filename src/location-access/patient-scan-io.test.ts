import type { RestPatient } from './patient-rows';
import { scanPatients, type FhirGet } from './patient-scan-io';
import type { RestClient } from '../common/rest-client';
import { openmrsFetch } from '@openmrs/esm-framework';
import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { REST, serveRoutes } from '../test-support/openmrs-fetch';
import { APP_TYPE, attributeMode, CLINIC, lbacMode, PHARMACY, WARD } from '../test-support/locations';
import { LBAC_DEFAULT_ATTRIBUTE_TYPE_UUID } from './constants';
import { countPatients } from './location-counts';
import { fhirGet } from './location-access.resource';

/**
 * scanPatients against a small fhir2 stand-in: HAPI cuts `_count` to fhir2.paging.maximum, honours
 * `_getpagesoffset` on the search, and fhir2's handleGender maps other/unknown to "no gender recorded"
 * while an unknown code such as O is a case-insensitive match on the OpenMRS value.
 */

interface FakePatient {
  uuid: string;
  gender: string | null;
}

function makePatients(n: number): FakePatient[] {
  const genders = ['F', 'M', 'O', 'U', null];
  return Array.from({ length: n }, (_, i) => ({ uuid: `p${i}`, gender: genders[i % genders.length] }));
}

function genderMatches(gender: string | null, code: string) {
  if (code === 'male' || code === 'female') {
    return gender === code[0].toUpperCase();
  }
  if (code === 'other' || code === 'unknown') {
    return gender === null;
  }
  return gender !== null && gender.toLowerCase() === code.toLowerCase();
}

function fakeFhir(patients: FakePatient[], { maximum, withTotal = true }: { maximum: number; withTotal?: boolean }) {
  const requests: string[] = [];
  const fhir: FhirGet = async <T,>(path: string) => {
    requests.push(path);
    const params = new URLSearchParams(path.slice(path.indexOf('?') + 1));
    const gender = params.get('gender');
    const matches = patients.filter((p) => !gender || genderMatches(p.gender, gender));
    const count = Math.min(Number(params.get('_count') ?? 10), maximum);
    const offset = Math.min(Number(params.get('_getpagesoffset') ?? 0), Math.max(0, matches.length - 1));
    const page = matches.slice(offset, offset + count);
    const link = [{ relation: 'self', url: path }];
    if (offset + count < matches.length) {
      link.push({ relation: 'next', url: `?_getpages=x&_getpagesoffset=${offset + count}&_count=${count}` });
    }
    return {
      ...(withTotal ? { total: matches.length } : {}),
      link,
      entry: page.map((p) => ({ resource: { id: p.uuid } })),
    } as T;
  };
  return { fhir, requests };
}

function restClient(patients: FakePatient[], hidden: Set<string> = new Set()): RestClient {
  return {
    async get<T>(path: string) {
      const uuid = /^\/patient\/([^?]+)/.exec(path)?.[1] ?? '';
      const p = patients.find((x) => x.uuid === uuid);
      if (!p || hidden.has(uuid)) {
        throw Object.assign(new Error('Object with given uuid doesn\'t exist'), { status: 404 });
      }
      const patient: RestPatient = { uuid, identifiers: [{ identifier: `ID-${uuid}` }], person: { display: uuid, gender: p.gender } };
      return patient as T;
    },
    post: () => Promise.reject(new Error('no writes')),
    delete: () => Promise.reject(new Error('no writes')),
  };
}

const scan = (patients: FakePatient[], fhir: FhirGet, filters = {}, hidden?: Set<string>, onUnreadable?: (u: string[]) => void) =>
  scanPatients(restClient(patients, hidden), null, new Set(), { currentLocation: 'any', ...filters }, { fhir, concurrency: 3, onUnreadable });

describe('listing every patient through FHIR', () => {
  it.each([100, 30, 7])('finds every patient when the server caps pages at %i', async (maximum) => {
    const patients = makePatients(250);
    const { fhir, requests } = fakeFhir(patients, { maximum });
    const rows = await scan(patients, fhir);
    expect(rows.map((r) => r.uuid).sort()).toEqual(patients.map((p) => p.uuid).sort());
    expect(requests).toHaveLength(Math.ceil(250 / maximum));
  });

  it('finds every patient without a total, reading on from where each page ended', async () => {
    const patients = makePatients(95);
    const { fhir, requests } = fakeFhir(patients, { maximum: 20, withTotal: false });
    const rows = await scan(patients, fhir);
    expect(rows).toHaveLength(95);
    expect(requests.map((r) => /_getpagesoffset=(\d+)/.exec(r)?.[1])).toEqual(['0', '20', '40', '60', '80']);
  });

  it('Other and Unknown find the patients recorded as O and U, not those with no gender', async () => {
    const patients = makePatients(50);
    const { fhir, requests } = fakeFhir(patients, { maximum: 100 });
    const other = await scan(patients, fhir, { gender: 'O' });
    expect(other.map((r) => r.gender)).toEqual(Array(10).fill('O'));
    const unknown = await scan(patients, fhir, { gender: 'U' });
    expect(unknown.map((r) => r.gender)).toEqual(Array(10).fill('U'));
    expect(requests.some((r) => /gender=(other|unknown)/.test(r))).toBe(false);
  });

  it('reports the listed patients whose record the server would not show', async () => {
    const patients = makePatients(12);
    const { fhir } = fakeFhir(patients, { maximum: 100 });
    const unreadable = jest.fn();
    const rows = await scan(patients, fhir, {}, new Set(['p3', 'p7']), unreadable);
    expect(rows).toHaveLength(10);
    expect(unreadable).toHaveBeenCalledWith(expect.arrayContaining(['p3', 'p7']));
  });
});

const known = new Set([CLINIC, WARD, PHARMACY]);

describe('finding patients through openmrsFetch', () => {
  const restPatient = (uuid: string, extra: Record<string, unknown>, attributes: unknown[] = []) => ({
    uuid,
    display: uuid,
    identifiers: [{ identifier: `ID-${uuid}`, location: { uuid: CLINIC } }],
    person: { display: `Name ${uuid}`, gender: 'F', age: 30, dead: false, attributes, ...extra },
  });

  it('with a query pages through the REST patient search, 100 at a time, and filters in the browser', async () => {
    const calls = serveRoutes([
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
    const calls = serveRoutes([
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

describe('finding patients from the FHIR list pages alone (fhir2 2.6.0 and later, FM2-126)', () => {
  const attribute = (typeName: string, value: Record<string, unknown>) => ({
    url: 'http://fhir.openmrs.org/ext/person-attribute',
    extension: [
      { url: 'http://fhir.openmrs.org/ext/person-attribute-type', valueString: typeName },
      { url: 'http://fhir.openmrs.org/ext/person-attribute-value', ...value },
    ],
  });
  const fhirPatient = (id: string, extension: unknown[] = [], extra: Record<string, unknown> = {}) => ({
    id,
    extension,
    identifier: [
      {
        value: `ID-${id}`,
        extension: [{ url: 'http://fhir.openmrs.org/ext/patient/identifier#location', valueReference: { reference: `Location/${CLINIC}`, type: 'Location' } }],
      },
    ],
    name: [{ text: `Name ${id}`, family: id, given: ['Name'] }],
    gender: 'female',
    birthDate: '1990-05-01',
    deceasedBoolean: false,
    ...extra,
  });
  const lbacName = lbacMode.attributeType!.name;
  const appName = attributeMode.attributeType!.name;
  const patients = [
    fhirPatient('p1', [attribute(lbacName, { valueString: CLINIC }), attribute(appName, { valueReference: { reference: `Location/${WARD}`, type: 'Location', display: 'Inpatient Ward' } })]),
    fhirPatient('p2', [attribute('Telephone Number', { valueString: '555' })]),
    fhirPatient('p3', [attribute(lbacName, { valueString: 'Somewhere else' })], { gender: 'male', deceasedDateTime: '2001-05-01T00:00:00+00:00' }),
    fhirPatient('p4'),
  ];

  function serve(fhir2Version: string) {
    const fhirCalls: string[] = [];
    const calls = serveRoutes([
      ['GET', `${REST}/module/fhir2`, () => ({ uuid: 'fhir2', version: fhir2Version })],
      ['GET', /\/ws\/fhir2\/R4\/Patient/, (url) => {
        fhirCalls.push(url);
        const offset = Number(/_getpagesoffset=(\d+)/.exec(url)?.[1] ?? 0);
        return { total: patients.length, entry: patients.slice(offset, offset + 2).map((resource) => ({ resource })) };
      }],
      ['GET', /\/ws\/rest\/v1\/patient\/p\d/, (url) => {
        const uuid = /patient\/(p\d)/.exec(url)![1];
        return { uuid, identifiers: [], person: { display: `REST ${uuid}`, attributes: [{ uuid: 'a', value: WARD, attributeType: { uuid: lbacMode.attributeTypeUuid } }] } };
      }],
    ]);
    // a client of its own: the fhir2 version is remembered per client
    return { fhirCalls, calls, client: { ...openmrsRestClient } };
  }

  it.each(['2.6.0', '4.2.0'])('fhir2 %s: LBAC\'s String uuid and the app\'s Location reference, in one request per page', async (version) => {
    const { fhirCalls, calls, client } = serve(version);
    const lbacRows = await scanPatients(client, lbacMode.attributeTypeUuid, known, { currentLocation: 'any', includeDead: true }, { fhir: fhirGet, attributeTypeName: lbacName });
    expect(lbacRows.map((r) => [r.uuid, r.location])).toEqual([
      ['p1', { kind: 'location', uuid: CLINIC }],
      ['p2', { kind: 'none' }],
      ['p3', { kind: 'unknown', raw: 'Somewhere else' }],
      ['p4', { kind: 'none' }],
    ]);
    expect(lbacRows[0]).toMatchObject({ name: 'Name p1', identifiers: ['ID-p1'], identifierLocations: [CLINIC], gender: 'F', dead: false });
    expect(lbacRows[2]).toMatchObject({ gender: 'M', dead: true, age: 11 });

    const wardRows = await scanPatients(client, attributeMode.attributeTypeUuid, known, { currentLocation: WARD }, { fhir: fhirGet, attributeTypeName: appName });
    expect(wardRows.map((r) => r.uuid)).toEqual(['p1']);
    expect(fhirCalls).toHaveLength(4);
    expect(calls.filter((c) => c.url.includes('/ws/rest/v1/patient/'))).toHaveLength(0);
    expect(calls.filter((c) => c.url.includes('/module/fhir2'))).toHaveLength(1);
  });

  it('fhir2 2.5.0: reads each patient through REST, even when a Patient carries extensions', async () => {
    const { calls, client } = serve('2.5.0');
    const rows = await scanPatients(client, lbacMode.attributeTypeUuid, known, { currentLocation: 'any' }, { fhir: fhirGet, attributeTypeName: lbacName });
    expect(rows.map((r) => [r.name, r.location])).toEqual(['p1', 'p2', 'p3', 'p4'].map((uuid) => [`REST ${uuid}`, { kind: 'location', uuid: WARD }]));
    expect(calls.filter((c) => c.url.includes('/ws/rest/v1/patient/'))).toHaveLength(4);
  });
});
