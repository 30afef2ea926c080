import { AMANI_HOSPITAL_UUID, INPATIENT_WARD_UUID, LOGIN_LOCATION_TAG_UUID, OUTPATIENT_CLINIC_UUID } from '../src/seed';
import { call, CLERK, start, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await start();
});
afterAll(() => t.stop());

describe('/location', () => {
  it('lists non-retired locations by name as REF', async () => {
    const res = await call(t.rest, '/location');
    const names = res.body.results.map((l: any) => l.display);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b)));
    expect(names).toContain('Outpatient Clinic');
    expect(names).not.toContain('Old Annex');
    expect(res.body.results[0]).toEqual({ uuid: expect.any(String), display: expect.any(String), links: [expect.objectContaining({ rel: 'self' })] });
    const all = await call(t.rest, '/location?includeAll=true');
    // getAllLocations(true): retired last, then by name
    expect(all.body.results.map((l: any) => l.display).at(-1)).toBe('Old Annex');
    const taggedAll = await call(t.rest, '/location?tag=Login%20Location&includeAll=true');
    expect(taggedAll.body.results.map((l: any) => l.display)).not.toContain('Old Annex');
  });

  it('tag by name or uuid; unknown tag gives []', async () => {
    const byName = await call(t.rest, '/location?tag=Login%20Location');
    const byUuid = await call(t.rest, `/location?tag=${LOGIN_LOCATION_TAG_UUID}`);
    expect(byName.body.results.length).toBeGreaterThanOrEqual(8);
    expect(byUuid.body.results).toEqual(byName.body.results);
    expect(byName.body.results.map((l: any) => l.display)).not.toContain('Radiology');
    const unknown = await call(t.rest, '/location?tag=Nope');
    expect(unknown.body).toEqual({ results: [] });
  });

  it('q is a case-insensitive name prefix; with tag it intersects', async () => {
    const res = await call(t.rest, '/location?q=in');
    expect(res.body.results.map((l: any) => l.display)).toEqual(['Inpatient Ward', 'Isolation Ward'].filter((n) => n.toLowerCase().startsWith('in')));
    const both = await call(t.rest, '/location?q=r&tag=Login%20Location');
    expect(both.body.results.map((l: any) => l.display)).toEqual(['Registration Desk']);
  });

  it('default rep has tags as REF and parentLocation; full has auditInfo', async () => {
    const res = await call(t.rest, `/location/${OUTPATIENT_CLINIC_UUID}`);
    expect(res.body).toMatchObject({
      uuid: OUTPATIENT_CLINIC_UUID,
      display: 'Outpatient Clinic',
      name: 'Outpatient Clinic',
      retired: false,
      parentLocation: expect.objectContaining({ uuid: AMANI_HOSPITAL_UUID, display: 'Amani Hospital' }),
    });
    expect(res.body.tags).toContainEqual({ uuid: LOGIN_LOCATION_TAG_UUID, display: 'Login Location', links: expect.any(Array) });
    expect(res.body).toHaveProperty('address15', null);
    expect(res.body).not.toHaveProperty('auditInfo');
    const full = await call(t.rest, `/location/${OUTPATIENT_CLINIC_UUID}?v=full`);
    expect(full.body.auditInfo).toHaveProperty('dateCreated');
    expect(full.body.tags[0]).toHaveProperty('description');
    expect((await call(t.rest, '/location/nope')).status).toBe(404);
  });

  it('needs Get Locations (which every logged-in user has through the Authenticated role)', async () => {
    expect((await call(t.rest, '/location', { as: null })).status).toBe(401);
    expect((await call(t.rest, '/location', { as: CLERK })).status).toBe(200);
  });
});

describe('creating and retiring a location (LocationResource1_8, LocationServiceImpl, LocationValidator)', () => {
  it('POST /location needs Manage Locations and takes a name and tags by uuid', async () => {
    expect((await call(t.rest, '/location', { as: CLERK, body: { name: 'Clerk Site' } })).status).toBe(403);
    const created = await call(t.rest, '/location', { body: { name: 'Merged Clinic', tags: [LOGIN_LOCATION_TAG_UUID] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ display: 'Merged Clinic', retired: false });
    expect(created.body.tags.map((tag: any) => tag.uuid)).toEqual([LOGIN_LOCATION_TAG_UUID]);
  });

  it('tags: a string is a uuid only (an unknown one fails in saveLocation), an object without uuid is found by name', async () => {
    const byName = await call(t.rest, '/location', { body: { name: 'Tagged By Name', tags: ['Login Location'] } });
    expect(byName.status).toBe(500);
    expect(byName.body.error.code).toMatch(/^org\.openmrs\.api\.impl\.LocationServiceImpl:7[01]$/);
    expect((await call(t.rest, '/location?q=Tagged')).body.results).toEqual([]);
    const asObject = await call(t.rest, '/location', { body: { name: 'Tagged By Name', tags: [{ name: 'Login Location' }] } });
    expect(asObject.status).toBe(201);
    expect(asObject.body.tags.map((tag: any) => tag.uuid)).toEqual([LOGIN_LOCATION_TAG_UUID]);
    const unknown = await call(t.rest, '/location', { body: { name: 'Tagged Unknown', tags: [{ name: 'No Such Tag' }] } });
    expect(unknown.status).toBe(500);
    expect(unknown.body.error.message).toContain('Cannot add transient tags!');
  });

  it('refuses a blank name and a name an active location has (any case), but not a retired one\'s', async () => {
    const blank = await call(t.rest, '/location', { body: { name: '  ' } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.fieldErrors.name[0].code).toBe('error.name');
    const taken = await call(t.rest, '/location', { body: { name: 'outpatient clinic' } });
    expect(taken.status).toBe(400);
    expect(taken.body.error.fieldErrors.name).toEqual([
      { code: 'location.duplicate.name', message: 'Specified Location name already exists, please specify another' },
    ]);
    expect((await call(t.rest, '/location', { body: { name: 'Old Annex' } })).status).toBe(201);
  });

  it('a rename onto an active name is refused and changes nothing', async () => {
    const res = await call(t.rest, `/location/${INPATIENT_WARD_UUID}`, { body: { name: 'Outpatient Clinic', description: 'renamed' } });
    expect(res.status).toBe(400);
    const after = await call(t.rest, `/location/${INPATIENT_WARD_UUID}?v=full`);
    expect(after.body).toMatchObject({ name: 'Inpatient Ward' });
    expect(after.body.description).not.toBe('renamed');
  });

  it('DELETE retires with the reason (never purges), is idempotent, and needs Manage Locations', async () => {
    const created = await call(t.rest, '/location', { body: { name: 'Short-lived Ward' } });
    const path = `/location/${created.body.uuid}`;
    expect((await call(t.rest, `${path}?reason=x`, { method: 'DELETE', as: CLERK })).status).toBe(403);
    expect((await call(t.rest, `${path}?reason=Merged%20into%20Main`, { method: 'DELETE' })).status).toBe(204);
    const full = await call(t.rest, `${path}?v=full`);
    expect(full.body).toMatchObject({ retired: true });
    expect(full.body.auditInfo).toMatchObject({ retireReason: 'Merged into Main' });
    expect((await call(t.rest, `${path}?reason=again`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(t.rest, `${path}?v=full`)).body.auditInfo.retireReason).toBe('Merged into Main');
  });
});

describe('FHIR Location', () => {
  it('answers a searchset Bundle with total, self link and tags as meta.tag', async () => {
    const res = await call(t.fhir, '/Location?_summary=data&_count=50&_tag=Login%20Location');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(res.body.total).toBe(res.body.entry.length);
    expect(res.body.link[0].relation).toBe('self');
    const outpatient = res.body.entry.find((e: any) => e.resource.id === OUTPATIENT_CLINIC_UUID).resource;
    expect(outpatient).toMatchObject({ resourceType: 'Location', name: 'Outpatient Clinic', status: 'active' });
    expect(outpatient.meta.tag).toContainEqual(
      expect.objectContaining({ system: 'http://fhir.openmrs.org/ext/location-tag', code: 'Login Location' }),
    );
    for (const e of res.body.entry) {
      expect(e.resource.meta.tag.map((x: any) => x.code)).toContain('Login Location');
    }
  });

  it('_count=1 gives total of all matches and one entry', async () => {
    const res = await call(t.fhir, '/Location?_count=1&_tag=Login%20Location');
    expect(res.body.entry).toHaveLength(1);
    expect(res.body.total).toBeGreaterThan(5);
  });

  it('pages with _getpagesoffset and a next link', async () => {
    const first = await call(t.fhir, '/Location?_count=3&_tag=Login%20Location');
    const next = first.body.link.find((l: any) => l.relation === 'next');
    expect(next.url).toContain('_getpagesoffset=3');
    const second = await fetch(next.url, { headers: { Authorization: `Basic ${Buffer.from('admin:Admin123').toString('base64')}` } }).then((r) => r.json());
    expect(second.entry).toHaveLength(3);
    const ids = new Set([...first.body.entry, ...second.entry].map((e: any) => e.resource.id));
    expect(ids.size).toBe(6);
  });

  it('name:contains, _id, and tags ANDed when repeated', async () => {
    const contains = await call(t.fhir, '/Location?_tag=Login%20Location&name:contains=ward');
    expect(contains.body.entry.map((e: any) => e.resource.name).sort()).toEqual(['Inpatient Ward', 'Isolation Ward', 'Maternity Ward']);
    const byId = await call(t.fhir, `/Location?_id=${INPATIENT_WARD_UUID}`);
    expect(byId.body.total).toBe(1);
    const noId = await call(t.fhir, '/Location?_id=00000000-0000-0000-0000-000000000000');
    expect(noId.body.total).toBe(0);
    expect(noId.body.entry).toBeUndefined();
    const anded = await call(t.fhir, '/Location?_tag=Login%20Location&_tag=Admission%20Location');
    expect(anded.body.entry.map((e: any) => e.resource.name).sort()).toEqual(['Inpatient Ward', 'Isolation Ward', 'Maternity Ward']);
  });

  it('_summary=count gives only the total', async () => {
    const res = await call(t.fhir, '/Location?_summary=count&_tag=Login%20Location');
    expect(res.body.total).toBeGreaterThan(5);
    expect(res.body.entry).toBeUndefined();
  });

  it('reads one Location by id; unknown is 404 OperationOutcome', async () => {
    const res = await call(t.fhir, `/Location/${OUTPATIENT_CLINIC_UUID}`);
    expect(res.body).toMatchObject({ resourceType: 'Location', id: OUTPATIENT_CLINIC_UUID, name: 'Outpatient Clinic' });
    const missing = await call(t.fhir, '/Location/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.resourceType).toBe('OperationOutcome');
  });

  it('requires authentication: fhir2 AuthenticationFilter answers 401 "Not authenticated"', async () => {
    const anon = await call(t.fhir, '/Location', { as: null });
    expect(anon.status).toBe(401);
    expect(anon.text).toContain('Not authenticated');
    expect((await call(t.fhir, '/Location', { as: { username: 'admin', password: 'wrong' } })).status).toBe(401);
  });
});
