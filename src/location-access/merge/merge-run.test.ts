import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { httpError, REST, serveRoutes } from '../../test-support/openmrs-fetch';
import { attributeMode, CLINIC, lbacMode, PHARMACY, testLocations, WARD } from '../../test-support/locations';
import { mergeItemKey } from './merge-io';
import { runMerge, type MergeRunOptions } from './merge-run';
import { mergeUnfinished, newMerge, type StoredMerge } from './merge-store';

const NEW = 'new-location-uuid';

/** A server with users (by uuid → properties), patients (uuid → location) and locations, in memory. */
function fakeServer(options: { failPatient?: string; lbacPatientsAtSource?: number; sessionEndsAt?: string } = {}) {
  const users: Record<string, Record<string, string>> = {
    u1: { locationUuid: `${CLINIC},${PHARMACY}`, defaultLocation: CLINIC, defaultLocale: 'fr', 'useraccess.locationEndDates': `${CLINIC}:2031-01-01` },
    u2: { defaultLocation: WARD },
  };
  const patients: Record<string, string> = { p1: CLINIC, p2: WARD };
  const retired: Record<string, string> = {};
  const created: unknown[] = [];
  let failing = options.failPatient ?? null;
  let sessionEndsAt = options.sessionEndsAt ?? null;
  const calls = serveRoutes([
    ['POST', `${REST}/location`, (url, init) => {
      if (url !== `${REST}/location`) {
        throw httpError(405);
      }
      created.push(init.body);
      return { uuid: NEW, display: (init.body as { name: string }).name };
    }],
    ['DELETE', `${REST}/location/`, (url) => {
      const [uuid, query] = url.slice(`${REST}/location/`.length).split('?');
      retired[uuid] = decodeURIComponent(new URLSearchParams(query).get('reason') ?? '');
      return null;
    }],
    ['GET', `${REST}/user?`, () => ({
      results: Object.entries(users).map(([uuid, userProperties]) => ({ uuid, username: uuid, userProperties })),
    })],
    ['GET', `${REST}/user/`, (url) => {
      const uuid = url.slice(`${REST}/user/`.length).split('?')[0];
      return { uuid, userProperties: users[uuid] };
    }],
    ['POST', `${REST}/user/`, (url, init) => {
      users[url.slice(`${REST}/user/`.length)] = (init.body as { userProperties: Record<string, string> }).userProperties;
      return {};
    }],
    ['GET', `${REST}/person/`, (url) => {
      const uuid = url.slice(`${REST}/person/`.length).split('/')[0];
      return { results: [{ uuid: `attr-${uuid}`, value: { uuid: patients[uuid] }, attributeType: { uuid: attributeMode.attributeTypeUuid } }] };
    }],
    ['POST', `${REST}/person/`, (url, init) => {
      const uuid = url.slice(`${REST}/person/`.length).split('/')[0];
      if (uuid === sessionEndsAt) {
        throw httpError(401, 'User is not logged in');
      }
      if (uuid === failing) {
        throw httpError(400, 'Patient is invalid');
      }
      patients[uuid] = (init.body as { value: string }).value;
      return {};
    }],
    ['POST', `${REST}/lbac/patient-migration`, (_url, init) => {
      const body = init.body as { patientList: string[]; locationUuid: string };
      body.patientList.forEach((uuid) => (patients[uuid] = body.locationUuid));
      return { status: { message: 'OK' } };
    }],
    ['GET', `${REST}/lbac/locationwise-patients-count`, () => ({ results: { 'Outpatient Clinic': options.lbacPatientsAtSource ?? 0 } })],
  ]);
  return { users, patients, retired, created, calls, fix: () => (failing = null), logIn: () => (sessionEndsAt = null) };
}

function startingMerge(target: StoredMerge['target'] = { uuid: null, display: 'Main Clinic', tagUuids: ['tag-1'] }) {
  return newMerge(
    [{ uuid: CLINIC, display: 'Outpatient Clinic' }, { uuid: WARD, display: 'Inpatient Ward' }],
    target,
    [
      { kind: 'user', uuid: 'u1', label: 'u1' },
      { kind: 'user', uuid: 'u2', label: 'u2' },
      { kind: 'patient', uuid: 'p1', label: 'Ann' },
      { kind: 'patient', uuid: 'p2', label: 'Bob' },
    ],
    true,
  );
}

const options = (saved: StoredMerge[], mode = attributeMode): MergeRunOptions => ({
  mode,
  locations: testLocations,
  retireReason: (target) => `Merged into ${target}`,
  onChange: (m) => saved.push(m),
  sleep: async () => undefined,
});

describe('runMerge', () => {
  it('creates the new target with its tags, moves every user and patient, then retires the merged locations', async () => {
    const server = fakeServer();
    const saved: StoredMerge[] = [];
    const { merge, error } = await runMerge(openmrsRestClient, startingMerge(), options(saved));
    expect(error).toBeNull();
    expect(server.created).toEqual([{ name: 'Main Clinic', tags: ['tag-1'] }]);
    expect(server.users.u1).toEqual({
      locationUuid: `${NEW},${PHARMACY}`,
      defaultLocation: NEW,
      defaultLocale: 'fr',
      'useraccess.locationEndDates': `${NEW}:2031-01-01`,
    });
    expect(server.users.u2).toEqual({ defaultLocation: NEW });
    expect(server.patients).toEqual({ p1: NEW, p2: NEW });
    expect(server.retired).toEqual({ [CLINIC]: 'Merged into Main Clinic', [WARD]: 'Merged into Main Clinic' });
    expect(mergeUnfinished(merge)).toBe(false);
    // the target's uuid is saved before any item runs, so a resume never creates it twice
    expect(saved[0].target.uuid).toBe(NEW);
  });

  it('says which item failed, retires nothing, and a retry finishes the merge', async () => {
    const server = fakeServer({ failPatient: 'p2' });
    const first = await runMerge(openmrsRestClient, startingMerge({ uuid: PHARMACY, display: 'Pharmacy', tagUuids: [] }), options([]));
    expect(first.outcome?.failed).toBe(1);
    expect(first.merge.results[mergeItemKey({ kind: 'patient', uuid: 'p2' })]).toEqual({ status: 'failed', message: expect.stringContaining('Patient is invalid') });
    expect(server.retired).toEqual({});
    expect(server.created).toEqual([]);
    expect(mergeUnfinished(first.merge)).toBe(true);

    server.fix();
    const calls = server.calls.length;
    const second = await runMerge(openmrsRestClient, first.merge, options([]));
    // only the failed patient is written again
    expect(server.calls.slice(calls).filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([`${REST}/person/p2/attribute/attr-p2`]);
    expect(server.patients.p2).toBe(PHARMACY);
    expect(Object.keys(server.retired).sort()).toEqual([CLINIC, WARD].sort());
    expect(mergeUnfinished(second.merge)).toBe(false);
  });

  it('does not retire a location LBAC still counts patients at', async () => {
    fakeServer({ lbacPatientsAtSource: 3 });
    const lbacStart = { ...startingMerge({ uuid: PHARMACY, display: 'Pharmacy', tagUuids: [] }), items: [] };
    const { merge } = await runMerge(openmrsRestClient, lbacStart, options([], lbacMode));
    expect(merge.retired[CLINIC]).toEqual({ status: 'skipped', users: 1, patients: 3 });
    expect(merge.retired[WARD]).toEqual({ status: 'skipped', users: 1, patients: 0 });
  });

  it('stops when the session ends, keeps what is left, and finishes after a new login without creating the target again', async () => {
    const server = fakeServer({ sessionEndsAt: 'p1' });
    const saved: StoredMerge[] = [];
    const first = await runMerge(openmrsRestClient, startingMerge(), { ...options(saved), concurrency: 1 });
    expect(first.outcome?.stoppedBecause).toBe('unauthenticated');
    expect(first.merge.results[mergeItemKey({ kind: 'patient', uuid: 'p1' })]).toBeUndefined();
    expect(server.retired).toEqual({});
    // what a reload finds in storage
    const stored = saved.at(-1) as StoredMerge;
    expect(stored.target.uuid).toBe(NEW);

    server.logIn();
    const second = await runMerge(openmrsRestClient, stored, options([]));
    expect(server.created).toHaveLength(1);
    expect(server.patients).toEqual({ p1: NEW, p2: NEW });
    expect(mergeUnfinished(second.merge)).toBe(false);
  });

  it('with LBAC, moves patients through /lbac/patient-migration, never through the person attribute', async () => {
    const server = fakeServer();
    const { merge } = await runMerge(openmrsRestClient, startingMerge({ uuid: PHARMACY, display: 'Pharmacy', tagUuids: [] }), options([], lbacMode));
    expect(server.patients).toEqual({ p1: PHARMACY, p2: PHARMACY });
    expect(server.calls.filter((c) => c.url.startsWith(`${REST}/person/`))).toEqual([]);
    expect(server.calls.filter((c) => c.url === `${REST}/lbac/patient-migration`).map((c) => c.body)).toEqual([
      { patientList: ['p1'], locationUuid: PHARMACY },
      { patientList: ['p2'], locationUuid: PHARMACY },
    ]);
    expect(mergeUnfinished(merge)).toBe(false);
  });
});
