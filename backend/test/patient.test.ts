import { HEALTH_CENTER_ATTR_TYPE_UUID, INPATIENT_WARD_UUID, OUTPATIENT_CLINIC_UUID, TELEPHONE_ATTR_TYPE_UUID } from '../src/seed';
import { call, CLERK, start, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await start();
});
afterAll(() => t.stop());

function patients() {
  return t.server.store.db.persons.filter((p) => p.patient);
}

describe('/patient', () => {
  it('seeds ~2000 patients with OpenMRS IDs and some dead ones', () => {
    expect(patients().length).toBe(2000);
    expect(patients().filter((p) => p.dead).length).toBeGreaterThan(3);
  });

  it('q searches name words as prefixes, REF by default, dead excluded unless includeDead', async () => {
    const dead = patients().find((p) => p.dead)!;
    const name = dead.names[0];
    const q = encodeURIComponent(`${name.givenName} ${name.familyName}`);
    const res = await call(t.rest, `/patient?q=${q}&limit=100`);
    expect(res.status).toBe(200);
    expect(res.body.results.find((r: any) => r.uuid === dead.uuid)).toBeUndefined();
    for (const r of res.body.results) {
      expect(Object.keys(r).sort()).toEqual(['display', 'links', 'uuid']);
      expect(r.display.toLowerCase()).toContain(name.familyName.toLowerCase());
    }
    const withDead = await call(t.rest, `/patient?q=${q}&includeDead=true&limit=100`);
    expect(withDead.body.results.find((r: any) => r.uuid === dead.uuid)).toBeDefined();
  });

  it('q also matches an identifier exactly; blank or no match gives {results:[]}', async () => {
    const p = patients().find((x) => !x.dead)!;
    const id = p.patient!.identifiers[0].identifier;
    const res = await call(t.rest, `/patient?q=${id}`);
    expect(res.body.results.map((r: any) => r.uuid)).toEqual([p.uuid]);
    expect(res.body.results[0].display).toMatch(new RegExp(`^${id} - `));
    expect((await call(t.rest, '/patient?q=')).body).toEqual({ results: [] });
    expect((await call(t.rest, '/patient?q=zzzzqqq')).body).toEqual({ results: [] });
  });

  it('identifier= finds by exact identifier', async () => {
    const p = patients()[10];
    const res = await call(t.rest, `/patient?identifier=${p.patient!.identifiers[0].identifier}`);
    expect(res.body.results.map((r: any) => r.uuid)).toEqual([p.uuid]);
  });

  it('GET by uuid: default rep with identifiers and person', async () => {
    const p = patients()[0];
    const res = await call(t.rest, `/patient/${p.uuid}`);
    expect(res.body).toMatchObject({ uuid: p.uuid, voided: false });
    expect(res.body.identifiers[0]).toMatchObject({ display: expect.stringMatching(/^OpenMRS ID = /) });
    expect(res.body.person).toMatchObject({ uuid: p.uuid, gender: p.gender, birthdate: expect.stringMatching(/T00:00:00.000\+0000$/) });
    const full = await call(t.rest, `/patient/${p.uuid}?v=full`);
    expect(full.body.identifiers[0]).toMatchObject({ identifier: expect.any(String), location: expect.objectContaining({ uuid: expect.any(String) }) });
    expect((await call(t.rest, '/patient/nope')).status).toBe(404);
  });

  it('needs Get Patients; GET /patient without a search is not supported (400)', async () => {
    expect((await call(t.rest, '/patient?q=john', { as: null })).status).toBe(401);
    expect((await call(t.rest, '/patient?q=john', { as: CLERK })).status).toBe(200);
    expect((await call(t.rest, '/patient')).status).toBe(400);
  });
});

describe('/person/{uuid}/attribute', () => {
  let personUuid: string;
  let locationTypeUuid: string;
  beforeAll(async () => {
    personUuid = patients()[1].uuid;
    const res = await call(t.rest, '/personattributetype', {
      body: { name: 'Patient Location', description: 'Where the patient is followed', format: 'org.openmrs.Location' },
    });
    expect(res.status).toBe(201);
    locationTypeUuid = res.body.uuid;
  });

  it('person GET by uuid', async () => {
    const res = await call(t.rest, `/person/${personUuid}`);
    expect(res.body.uuid).toBe(personUuid);
    expect(res.body).toHaveProperty('preferredName');
  });

  it('creates (201) an org.openmrs.Location attribute; GET returns a Location REF', async () => {
    const res = await call(t.rest, `/person/${personUuid}/attribute`, {
      body: { attributeType: locationTypeUuid, value: OUTPATIENT_CLINIC_UUID },
    });
    expect(res.status).toBe(201);
    expect(res.body.value).toEqual({ uuid: OUTPATIENT_CLINIC_UUID, display: 'Outpatient Clinic', links: expect.any(Array) });
    expect(res.body.display).toBe('Outpatient Clinic');
    expect(res.body.attributeType).toMatchObject({ uuid: locationTypeUuid, display: 'Patient Location' });
    // stored as the location's integer id (RESTWS-955)
    const stored = t.server.store.personByUuid(personUuid)!.attributes.find((a) => a.uuid === res.body.uuid)!;
    expect(stored.value).toBe(String(t.server.store.locationByUuid(OUTPATIENT_CLINIC_UUID)!.id));
    const list = await call(t.rest, `/person/${personUuid}/attribute`);
    expect(list.body.results.find((a: any) => a.uuid === res.body.uuid).display).toBe('Outpatient Clinic');
  });

  it('a second value of the same type voids the old one; update and delete work', async () => {
    const second = await call(t.rest, `/person/${personUuid}/attribute`, {
      body: { attributeType: locationTypeUuid, value: INPATIENT_WARD_UUID },
    });
    expect(second.status).toBe(201);
    const list = await call(t.rest, `/person/${personUuid}/attribute?v=default`);
    const ofType = list.body.results.filter((a: any) => a.attributeType.uuid === locationTypeUuid);
    expect(ofType).toHaveLength(1);
    expect(ofType[0].value.uuid).toBe(INPATIENT_WARD_UUID);
    const updated = await call(t.rest, `/person/${personUuid}/attribute/${second.body.uuid}`, { body: { value: OUTPATIENT_CLINIC_UUID } });
    expect(updated.status).toBe(200);
    expect(updated.body.value.uuid).toBe(OUTPATIENT_CLINIC_UUID);
    const del = await call(t.rest, `/person/${personUuid}/attribute/${second.body.uuid}?reason=moved`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    const after = await call(t.rest, `/person/${personUuid}/attribute`);
    expect(after.body.results.find((a: any) => a.uuid === second.body.uuid)).toBeUndefined();
  });

  it('RESTWS-955: a location uuid written to a java.lang.String type is stored as the location id', async () => {
    const res = await call(t.rest, `/person/${personUuid}/attribute`, {
      body: { attributeType: TELEPHONE_ATTR_TYPE_UUID, value: INPATIENT_WARD_UUID },
    });
    expect(res.status).toBe(201);
    const id = String(t.server.store.locationByUuid(INPATIENT_WARD_UUID)!.id);
    expect(res.body.value).toBe(id);
    const plain = await call(t.rest, `/person/${personUuid}/attribute`, {
      body: { attributeType: TELEPHONE_ATTR_TYPE_UUID, value: '0712 345 678' },
    });
    expect(plain.body.value).toBe('0712 345 678');
  });

  it('Health Center (seeded org.openmrs.Location type) hydrates too; unknown person is 404', async () => {
    const res = await call(t.rest, `/person/${personUuid}/attribute`, {
      body: { attributeType: HEALTH_CENTER_ATTR_TYPE_UUID, value: INPATIENT_WARD_UUID },
    });
    expect(res.body.value.uuid).toBe(INPATIENT_WARD_UUID);
    expect((await call(t.rest, '/person/nope/attribute')).status).toBe(404);
  });

  it('writes need Edit People', async () => {
    const res = await call(t.rest, `/person/${personUuid}/attribute`, {
      as: { username: 'visitor1', password: 'Password123' },
      body: { attributeType: TELEPHONE_ATTR_TYPE_UUID, value: '1' },
    });
    expect(res.status).toBe(403);
  });
});

describe('/personattributetype', () => {
  it('lists, q is an exact name match, GET by uuid', async () => {
    const list = await call(t.rest, '/personattributetype?v=default');
    expect(list.body.results.map((x: any) => x.name)).toContain('Telephone Number');
    const exact = await call(t.rest, '/personattributetype?q=Telephone%20Number');
    expect(exact.body.results.map((x: any) => x.uuid)).toEqual([TELEPHONE_ATTR_TYPE_UUID]);
    expect((await call(t.rest, '/personattributetype?q=Telephone')).body.results).toEqual([]);
    const one = await call(t.rest, `/personattributetype/${TELEPHONE_ATTR_TYPE_UUID}`);
    expect(one.body).toMatchObject({ name: 'Telephone Number', format: 'java.lang.String', foreignKey: null, searchable: false });
  });

  it('create needs name and description', async () => {
    const res = await call(t.rest, '/personattributetype', { body: { name: 'X' } });
    expect(res.status).toBe(400);
  });
});
