import type { RestPatient } from './patient-rows';
import { scanPatients, type FhirGet } from './patient-scan-io';
import type { RestClient } from '../common/rest-client';

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
