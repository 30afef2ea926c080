import { GP_LOCATION_ATTRIBUTE, LBAC_ATTRIBUTE_TYPE_UUID, LBAC_USERS, lbacSeededPatients } from '../src/lbac';
import type { Person } from '../src/model';
import { INPATIENT_WARD_UUID, OUTPATIENT_CLINIC_UUID, SEED_PASSWORD } from '../src/seed';
import { call, CLERK, cookieFrom, start, type TestServer } from './helpers';

const as = (username: string) => ({ username, password: SEED_PASSWORD });
const NURSE = as(LBAC_USERS.nurse.username); // Outpatient Clinic
const WARD_CLERK = as(LBAC_USERS.clerk.username); // Inpatient Ward, Pharmacy
const SITE_ADMIN = as(LBAC_USERS.admin.username); // Outpatient Clinic, Inpatient Ward; has Get Users
const SESSION_ONLY = as(LBAC_USERS.session.username); // no locationUuid; numeric defaultLocation = Laboratory
const NO_LOCATION = as(LBAC_USERS.stuck.username); // no locationUuid; uuid defaultLocation
const DEVOPS = as('devops'); // super user (inherited), no defaultLocation

let t: TestServer;
beforeAll(async () => {
  t = await start({ lbac: true });
});
afterAll(() => t.stop());

const store = () => t.server.store;
const lbacValue = (p: Person) => p.attributes.find((a) => !a.voided && a.attributeType === LBAC_ATTRIBUTE_TYPE_UUID)?.value;
const patientsWithout = () => store().db.persons.filter((p) => p.patient && !p.voided && !p.dead && lbacValue(p) === undefined);
const locationId = (uuid: string) => String(store().locationByUuid(uuid)!.id);
const uuids = (res: { body: { results: Array<{ uuid: string }> } }) => res.body.results.map((r) => r.uuid);

describe('without --lbac', () => {
  it('every /lbac/* is an unknown resource (404)', async () => {
    const plain = await start();
    try {
      for (const [method, path] of [
        ['GET', '/lbac/module-dependency'],
        ['GET', '/lbac/locationwise-patients-count'],
        ['POST', '/lbac/on-off'],
        ['POST', '/lbac/patient-migration'],
      ]) {
        const res = await call(plain.rest, path, { method, body: method === 'POST' ? {} : undefined });
        expect(res.status).toBe(404);
        expect(res.body.error.message).toBe(
          'Resource does not exist. Please check documentation for implemented resources and their paths [Unknown resource: v1/lbac]',
        );
      }
      expect(plain.server.store.db.personAttributeTypes.some((x) => x.uuid === LBAC_ATTRIBUTE_TYPE_UUID)).toBe(false);
    } finally {
      await plain.stop();
    }
  });
});

describe('activator and seed', () => {
  it('creates the LocationAttribute type and seeds the GPs', async () => {
    const type = await call(t.rest, `/personattributetype/${LBAC_ATTRIBUTE_TYPE_UUID}`);
    expect(type.body).toMatchObject({ name: 'LocationAttribute', format: 'java.lang.String' });
    const gps = await call(t.rest, '/systemsetting?q=locationbasedaccess&v=custom:(property,value)&limit=100');
    expect(Object.fromEntries(gps.body.results.map((g: any) => [g.property, g.value]))).toEqual({
      'locationbasedaccess.locationAttributeUuid': LBAC_ATTRIBUTE_TYPE_UUID,
      'locationbasedaccess.access.patient': 'true',
      'locationbasedaccess.access.person': 'true',
      'locationbasedaccess.access.user': 'true',
      'locationbasedaccess.access.location': 'true',
      'locationbasedaccess.access.encounter': 'true',
    });
    expect((await call(t.rest, '/systemsetting/referenceapplication.locationUserPropertyName')).body.value).toBe('locationUuid');
    const modules = await call(t.rest, '/module?v=custom:(uuid,version)');
    expect(modules.body.results).toContainEqual(expect.objectContaining({ uuid: 'locationbasedaccess', version: '0.2.0' }));
  });

  it('leaves most patients without the attribute; five carry a uuid, two a location id', () => {
    const seeded = lbacSeededPatients(store());
    expect(seeded).toHaveLength(7);
    expect(seeded.map(lbacValue).sort()).toEqual(
      [
        OUTPATIENT_CLINIC_UUID, OUTPATIENT_CLINIC_UUID, OUTPATIENT_CLINIC_UUID, INPATIENT_WARD_UUID, INPATIENT_WARD_UUID,
        locationId(OUTPATIENT_CLINIC_UUID), locationId(INPATIENT_WARD_UUID),
      ].sort(),
    );
    expect(patientsWithout().length).toBeGreaterThan(1900);
  });

  it('gives clerk and sysadmin a locationUuid, so they keep a session location', async () => {
    const registrationDesk = store().db.locations.find((l) => l.name === 'Registration Desk')!.uuid;
    const clerk = await call(t.rest, '/session', { as: CLERK });
    expect(clerk.body.user.userProperties.locationUuid).toBe(registrationDesk);
    expect(clerk.body.sessionLocation.uuid).toBe(registrationDesk);
    expect(uuids(await call(t.rest, '/location', { as: CLERK }))).toEqual([registrationDesk]);
    const sysadmin = await call(t.rest, '/session', { as: as('sysadmin') });
    expect(sysadmin.body.user.userProperties.locationUuid).toBe(`${OUTPATIENT_CLINIC_UUID},${INPATIENT_WARD_UUID}`);
  });

  it('restarting does not seed twice', async () => {
    store().flush();
    const again = await start({ lbac: true, dataDir: t.dataDir });
    // same data: the type exists, so the activator adds nothing
    expect(lbacSeededPatients(again.server.store)).toHaveLength(7);
    expect(again.server.store.db.users.filter((u) => u.username.startsWith('lbac.'))).toHaveLength(5);
    await again.server.close();
  });
});

describe('GET /lbac/module-dependency', () => {
  it('lists the required modules by name, also for anonymous callers', async () => {
    const res = await call(t.rest, '/lbac/module-dependency', { as: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      'OpenMRS UI Framework': { requiredVerison: '3.9', status: 'Installed' },
      'App UI Module': { requiredVerison: '1.9.0-SNAPSHOT', status: 'Installed' },
    });
  });

  it('other methods and paths under /lbac are unknown resources', async () => {
    expect((await call(t.rest, '/lbac/on-off')).status).toBe(404);
    expect((await call(t.rest, '/lbac')).status).toBe(404);
    expect((await call(t.rest, '/lbac/locationwise-users-count', { body: {} })).status).toBe(404);
  });
});

describe('POST /lbac/on-off', () => {
  const GP = 'locationbasedaccess.access.location';
  it('needs Manage Global Properties for a switch it sets', async () => {
    expect((await call(t.rest, '/lbac/on-off', { as: null, body: { [GP]: 'false' } })).status).toBe(401);
    expect((await call(t.rest, '/lbac/on-off', { as: CLERK, body: { [GP]: 'false' } })).status).toBe(403);
    // nothing to set: no service call, so 200 even anonymously
    expect((await call(t.rest, '/lbac/on-off', { as: null, body: { other: 'x' } })).status).toBe(200);
  });

  it('sets the five switches it knows, skips blank values, answers 200 with no body', async () => {
    const res = await call(t.rest, '/lbac/on-off', {
      body: { [GP]: false, 'locationbasedaccess.access.user': '', 'some.other.gp': 'x' },
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect(store().gp(GP)).toBe('false');
    expect(store().gp('locationbasedaccess.access.user')).toBe('true');
    expect(store().gp('some.other.gp')).toBeNull();
    // switched off, the nurse sees every location
    const all = await call(t.rest, '/location?v=custom:(uuid)&limit=100', { as: NURSE });
    expect(all.body.results.length).toBeGreaterThan(5);
    await call(t.rest, '/lbac/on-off', { body: { [GP]: 'true' } });
    expect(uuids(await call(t.rest, '/location', { as: NURSE }))).toEqual([OUTPATIENT_CLINIC_UUID]);
  });

  it('an object value is unreadable JSON for Map<String,String> (400)', async () => {
    expect((await call(t.rest, '/lbac/on-off', { body: { [GP]: { a: 1 } } })).status).toBe(400);
  });
});

describe('patient and person filtering', () => {
  const seeded = () => lbacSeededPatients(store());
  const at = (value: string) => seeded().find((p) => lbacValue(p) === value)!;

  it('GET /patient/{uuid}: a patient of another or no location, or with an id value, is 404', async () => {
    expect((await call(t.rest, `/patient/${at(OUTPATIENT_CLINIC_UUID).uuid}`, { as: NURSE })).status).toBe(200);
    expect((await call(t.rest, `/patient/${at(INPATIENT_WARD_UUID).uuid}`, { as: NURSE })).status).toBe(404);
    expect((await call(t.rest, `/patient/${at(locationId(OUTPATIENT_CLINIC_UUID)).uuid}`, { as: NURSE })).status).toBe(404);
    expect((await call(t.rest, `/patient/${patientsWithout()[0].uuid}`, { as: NURSE })).status).toBe(404);
    // super users are exempt
    expect((await call(t.rest, `/patient/${patientsWithout()[0].uuid}`)).status).toBe(200);
  });

  it('patient searches keep only the caller\'s patients', async () => {
    const mine = at(OUTPATIENT_CLINIC_UUID);
    const other = at(INPATIENT_WARD_UUID);
    const id = (p: Person) => p.patient!.identifiers[0].identifier;
    expect((await call(t.rest, `/patient?identifier=${id(mine)}`, { as: NURSE })).body.results.map((r: any) => r.uuid)).toEqual([mine.uuid]);
    expect((await call(t.rest, `/patient?identifier=${id(other)}`, { as: NURSE })).body.results).toEqual([]);
    expect((await call(t.rest, `/patient?q=${id(other)}`, { as: NURSE })).body).toEqual({ results: [] });
    expect((await call(t.rest, `/patient?q=${id(other)}`, { as: WARD_CLERK })).body.results.map((r: any) => r.uuid)).toEqual([other.uuid]);
    const name = mine.names[0];
    const byName = await call(t.rest, `/patient?q=${encodeURIComponent(name.familyName)}&limit=100`, { as: NURSE });
    expect(byName.body.results.map((r: any) => r.uuid)).toEqual([mine.uuid]);
  });

  it('GET /person/{uuid}: attribute, a user sharing a location, or the caller\'s own person', async () => {
    const nurse = store().userByUuid(LBAC_USERS.nurse.uuid)!;
    const siteAdmin = store().userByUuid(LBAC_USERS.admin.uuid)!;
    const wardClerk = store().userByUuid(LBAC_USERS.clerk.uuid)!;
    expect((await call(t.rest, `/person/${nurse.person}`, { as: NURSE })).status).toBe(200);
    expect((await call(t.rest, `/person/${siteAdmin.person}`, { as: NURSE })).status).toBe(200);
    expect((await call(t.rest, `/person/${wardClerk.person}`, { as: NURSE })).status).toBe(404);
    expect((await call(t.rest, `/person/${at(OUTPATIENT_CLINIC_UUID).uuid}`, { as: NURSE })).status).toBe(200);
    expect((await call(t.rest, `/person/${at(INPATIENT_WARD_UUID).uuid}`, { as: NURSE })).status).toBe(404);
    expect((await call(t.rest, `/person/${at(INPATIENT_WARD_UUID).uuid}/attribute`, { as: NURSE })).status).toBe(404);
  });

  it('a location uuid written through /person/{uuid}/attribute is stored as an id (RESTWS-955), so LBAC loses the patient', async () => {
    const p = patientsWithout()[5];
    const res = await call(t.rest, `/person/${p.uuid}/attribute`, {
      body: { attributeType: LBAC_ATTRIBUTE_TYPE_UUID, value: OUTPATIENT_CLINIC_UUID },
    });
    expect(res.status).toBe(201);
    expect(res.body.value).toBe(locationId(OUTPATIENT_CLINIC_UUID));
    expect((await call(t.rest, `/patient/${p.uuid}`, { as: NURSE })).status).toBe(404);
  });
});

describe('user filtering', () => {
  it('lists only users sharing a location with the caller, or the caller', async () => {
    const res = await call(t.rest, '/user?limit=100&totalCount=true', { as: SITE_ADMIN });
    expect(res.status).toBe(200);
    const mine = [OUTPATIENT_CLINIC_UUID, INPATIENT_WARD_UUID];
    const visible = store().db.users.filter((u) => {
      // blank locationUuid: the caller's session location (Outpatient Clinic, from defaultLocation)
      const locs = (u.userProperties.locationUuid || OUTPATIENT_CLINIC_UUID).split(',');
      return locs.some((l) => mine.includes(l)) || u.uuid === LBAC_USERS.admin.uuid;
    });
    expect(res.body.totalCount).toBe(visible.length);
    expect(res.body.totalCount).toBeLessThan(store().db.users.length);
    const outsider = store().db.users.find(
      (u) => u.userProperties.locationUuid && !u.userProperties.locationUuid.split(',').some((l) => mine.includes(l)),
    )!;
    expect((await call(t.rest, `/user/${outsider.uuid}`, { as: SITE_ADMIN })).status).toBe(404);
    expect((await call(t.rest, `/user/${outsider.uuid}`, { as: SITE_ADMIN, body: { email: 'x@example.org' } })).status).toBe(404);
    expect((await call(t.rest, `/user/${LBAC_USERS.clerk.uuid}`, { as: SITE_ADMIN })).status).toBe(200);
    expect((await call(t.rest, `/user/${outsider.uuid}`)).status).toBe(200);
    const search = await call(t.rest, `/user?q=${outsider.username}`, { as: SITE_ADMIN });
    expect(search.body.results.map((r: any) => r.uuid)).not.toContain(outsider.uuid);
    expect((await call(t.rest, `/user?q=${outsider.username}`)).body.results.map((r: any) => r.uuid)).toContain(outsider.uuid);
  });
});

describe('location filtering', () => {
  it('REST list, q and uuid are filtered; tag=, lookup by name and FHIR are not', async () => {
    expect(uuids(await call(t.rest, '/location', { as: NURSE }))).toEqual([OUTPATIENT_CLINIC_UUID]);
    expect((await call(t.rest, '/location?q=Inpatient', { as: NURSE })).body.results).toEqual([]);
    expect((await call(t.rest, `/location/${INPATIENT_WARD_UUID}`, { as: NURSE })).status).toBe(404);
    expect((await call(t.rest, '/location/Inpatient%20Ward', { as: NURSE })).body.uuid).toBe(INPATIENT_WARD_UUID);
    const byTag = await call(t.rest, '/location?tag=Login%20Location', { as: NURSE });
    expect(byTag.body.results.length).toBeGreaterThan(5);
    const fhir = await call(t.fhir, `/Location?_id=${INPATIENT_WARD_UUID}`, { as: NURSE });
    expect(fhir.body.total).toBe(1);
  });

  it('POST /session refuses a location outside the user\'s (500, "not the UUID of any location")', async () => {
    const login = await call(t.rest, '/session', { as: NURSE });
    expect(login.body.sessionLocation.uuid).toBe(OUTPATIENT_CLINIC_UUID);
    const cookie = cookieFrom(login);
    const res = await call(t.rest, '/session', { as: null, cookie, body: { sessionLocation: INPATIENT_WARD_UUID } });
    expect(res.status).toBe(500);
    expect(res.body.error.message).toBe(`[ '${INPATIENT_WARD_UUID}' is not the UUID of any location.]`);
  });

  it('no locationUuid: the session location stands in (numeric defaultLocation works at login)', async () => {
    const lab = store().db.locations.find((l) => l.name === 'Laboratory')!;
    const session = await call(t.rest, '/session', { as: SESSION_ONLY });
    expect(session.body.sessionLocation.uuid).toBe(lab.uuid);
    expect(uuids(await call(t.rest, '/location', { as: SESSION_ONLY }))).toEqual([lab.uuid]);
  });

  it('no locationUuid: only the session location can be switched to (LocationServiceInterceptorAdvice on getLocationByUuid)', async () => {
    const lab = store().db.locations.find((l) => l.name === 'Laboratory')!;
    const login = await call(t.rest, '/session', { as: SESSION_ONLY });
    const cookie = cookieFrom(login);
    // LocationUtils.getUserAccessibleLocationUuids: blank locationUuid, so the session location alone
    expect((await call(t.rest, `/location/${OUTPATIENT_CLINIC_UUID}`, { as: null, cookie })).status).toBe(404);
    expect((await call(t.rest, `/location/${lab.uuid}`, { as: null, cookie })).status).toBe(200);
    const other = await call(t.rest, '/session', { as: null, cookie, body: { sessionLocation: OUTPATIENT_CLINIC_UUID } });
    expect(other.status).toBe(500);
    expect(other.body.error.message).toBe(`[ '${OUTPATIENT_CLINIC_UUID}' is not the UUID of any location.]`);
    const same = await call(t.rest, '/session', { as: null, cookie, body: { sessionLocation: lab.uuid } });
    expect(same.status).toBe(200);
    expect(same.body.sessionLocation.uuid).toBe(lab.uuid);
  });

  it('no locationUuid and no session location: logged in without a location, then every filtered lookup is an NPE (500)', async () => {
    const login = await call(t.rest, '/session', { as: NO_LOCATION });
    expect(login.body).toMatchObject({ authenticated: true, sessionLocation: null });
    const res = await call(t.rest, '/location', { as: NO_LOCATION });
    expect(res.status).toBe(500);
    expect(res.body.error.message).toBe('[Cannot invoke "String.split(String)" because "accessibleLocationUuid" is null]');
    const cookie = cookieFrom(login);
    expect((await call(t.rest, '/session', { as: null, cookie, body: { sessionLocation: OUTPATIENT_CLINIC_UUID } })).status).toBe(500);
  });
});

describe('POST /lbac/patient-migration', () => {
  const migrate = (body: unknown, who?: { username: string; password: string } | null) =>
    call(t.rest, '/lbac/patient-migration', { body, as: who });

  it('stores the location uuid as the value and answers {"status":{"message":"OK"}}', async () => {
    const p = patientsWithout()[10];
    const res = await migrate({ patientList: [p.uuid], locationUuid: INPATIENT_WARD_UUID });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: { message: 'OK' } });
    expect(lbacValue(p)).toBe(INPATIENT_WARD_UUID);
    const attrs = await call(t.rest, `/person/${p.uuid}/attribute?v=default`);
    expect(attrs.body.results.map((a: any) => [a.value, a.attributeType.uuid])).toContainEqual([INPATIENT_WARD_UUID, LBAC_ATTRIBUTE_TYPE_UUID]);
    // moving it voids the old value
    expect((await migrate({ patientList: [p.uuid], locationUuid: OUTPATIENT_CLINIC_UUID })).body.status.message).toBe('OK');
    const ofType = p.attributes.filter((a) => a.attributeType === LBAC_ATTRIBUTE_TYPE_UUID);
    expect(ofType.map((a) => [a.value, a.voided])).toEqual([
      [INPATIENT_WARD_UUID, true],
      [OUTPATIENT_CLINIC_UUID, false],
    ]);
    expect(ofType[0].voidReason).toBe(`New value: ${OUTPATIENT_CLINIC_UUID}`);
    expect((await call(t.rest, `/patient/${p.uuid}`, { as: NURSE })).status).toBe(200);
  });

  it('answers 200 with the problem in status.message for an unknown location or a blank GP', async () => {
    const p = patientsWithout()[11];
    expect((await migrate({ patientList: [p.uuid], locationUuid: 'nope' })).body).toEqual({
      status: { message: 'Location Uuid nope is Not valid' },
    });
    await call(t.rest, `/systemsetting/${GP_LOCATION_ATTRIBUTE}`, { body: { value: '' } });
    try {
      const res = await migrate({ patientList: [p.uuid], locationUuid: INPATIENT_WARD_UUID });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: { message: 'Global Property locationbasedaccess.locationAttributeUuidnot Found' } });
    } finally {
      await call(t.rest, `/systemsetting/${GP_LOCATION_ATTRIBUTE}`, { body: { value: LBAC_ATTRIBUTE_TYPE_UUID } });
    }
    expect(lbacValue(p)).toBeUndefined();
  });

  it('an unknown patient is 404 "Patient not found" after the earlier ones were saved', async () => {
    const p = patientsWithout()[12];
    const res = await migrate({ patientList: [p.uuid, 'no-such-patient'], locationUuid: INPATIENT_WARD_UUID });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'Patient not found [Cannot invoke "org.openmrs.Patient.addAttribute(org.openmrs.PersonAttribute)" because "patient" is null]',
    );
    expect(lbacValue(p)).toBe(INPATIENT_WARD_UUID);
  });

  it('patientList that is not a list is 404 "Patient List has to be List"', async () => {
    const res = await migrate({ patientList: 'abc', locationUuid: INPATIENT_WARD_UUID });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/^Patient List has to be List \[class java.lang.String cannot be cast to class java.util.List/);
  });

  it('one attribute object is shared by the request: only the last patient keeps it', async () => {
    const [a, b] = [patientsWithout()[20], patientsWithout()[21]];
    const res = await migrate({ patientList: [a.uuid, b.uuid], locationUuid: INPATIENT_WARD_UUID });
    expect(res.body.status.message).toBe('OK');
    expect(lbacValue(a)).toBeUndefined();
    expect(lbacValue(b)).toBe(INPATIENT_WARD_UUID);
  });

  it('runs as the caller: LBAC hides their out-of-scope locations and patients; anonymous is 401', async () => {
    expect((await migrate({ patientList: [], locationUuid: INPATIENT_WARD_UUID }, null)).status).toBe(401);
    const unassigned = patientsWithout()[30];
    expect((await migrate({ patientList: [unassigned.uuid], locationUuid: OUTPATIENT_CLINIC_UUID }, WARD_CLERK)).body).toEqual({
      status: { message: `Location Uuid ${OUTPATIENT_CLINIC_UUID} is Not valid` },
    });
    expect((await migrate({ patientList: [unassigned.uuid], locationUuid: INPATIENT_WARD_UUID }, WARD_CLERK)).status).toBe(404);
    // an administrator who is not a System Developer cannot see a patient without a location either
    const byAdmin = await migrate({ patientList: [unassigned.uuid], locationUuid: OUTPATIENT_CLINIC_UUID }, SITE_ADMIN);
    expect(byAdmin.status).toBe(404);
    expect(byAdmin.body.error.message).toMatch(/^Patient not found \[/);
    expect(lbacValue(unassigned)).toBeUndefined();
    const pharmacy = store().db.locations.find((l) => l.name === 'Pharmacy')!.uuid;
    const mine = lbacSeededPatients(store()).find((p) => lbacValue(p) === INPATIENT_WARD_UUID)!;
    expect((await migrate({ patientList: [mine.uuid], locationUuid: pharmacy }, WARD_CLERK)).body.status.message).toBe('OK');
    expect(lbacValue(mine)).toBe(pharmacy);
  });
});

describe('location-wise counts', () => {
  function expectedPatientCounts() {
    const counts: Record<string, number> = Object.fromEntries(store().db.locations.map((l) => [l.name, 0]));
    for (const p of store().db.persons) {
      const v = p.patient && !p.voided ? lbacValue(p) : undefined;
      const l = v ? store().locationByUuid(v) : undefined;
      if (l) {
        counts[l.name]++;
      }
    }
    return counts;
  }

  it('patients: every location by name (retired too), values that are not location uuids not counted', async () => {
    const res = await call(t.rest, '/lbac/locationwise-patients-count');
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual(expectedPatientCounts());
    expect(res.body.results['Old Annex']).toBe(0);
    expect((await call(t.rest, '/lbac/locationwise-patients-count', { as: null })).status).toBe(401);
  });

  it('a non-super caller only gets their own locations as keys', async () => {
    const res = await call(t.rest, '/lbac/locationwise-patients-count', { as: SITE_ADMIN });
    const all = expectedPatientCounts();
    expect(res.body.results).toEqual({ 'Inpatient Ward': all['Inpatient Ward'], 'Outpatient Clinic': all['Outpatient Clinic'] });
  });

  it('users: once per listed location; no locationUuid counts at the caller\'s session location', async () => {
    const res = await call(t.rest, '/lbac/locationwise-users-count');
    const counts: Record<string, number> = Object.fromEntries(store().db.locations.map((l) => [l.name, 0]));
    for (const u of store().db.users) {
      for (const l of (u.userProperties.locationUuid || OUTPATIENT_CLINIC_UUID).split(',')) {
        const loc = store().locationByUuid(l);
        if (loc) {
          counts[loc.name]++;
        }
      }
    }
    expect(res.body.results).toEqual(counts);
    // a caller without a session location: NPE for the first user without locationUuid
    const npe = await call(t.rest, '/lbac/locationwise-users-count', { as: DEVOPS });
    expect(npe.status).toBe(500);
    expect((await call(t.rest, '/lbac/locationwise-users-count', { as: NURSE })).status).toBe(403);
  });

  it('encounters: zeros', async () => {
    const res = await call(t.rest, '/lbac/locationwise-encounters-count');
    expect(Object.values(res.body.results).every((n) => n === 0)).toBe(true);
    expect(Object.keys(res.body.results)).toContain('Outpatient Clinic');
  });
});
