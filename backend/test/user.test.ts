import { ADMIN_UUID, CLERK_UUID, SYSADMIN_UUID, USERADMIN_PASSWORD, USERADMIN_UUID } from '../src/seed';
import { ADMIN, call, start, type TestServer } from './helpers';

const USERADMIN = { username: 'useradmin', password: USERADMIN_PASSWORD };

let t: TestServer;
beforeAll(async () => {
  t = await start();
});
afterAll(() => t.stop());

async function allUsers(query = 'v=custom:(uuid,username,retired)'): Promise<any[]> {
  const out: any[] = [];
  for (let start = 0; ; start += 100) {
    const res = await call(t.rest, `/user?${query}&limit=100&startIndex=${start}`);
    out.push(...res.body.results);
    if (!res.body.links?.some((l: any) => l.rel === 'next')) {
      return out;
    }
  }
}

describe('GET /user list and paging', () => {
  it('lists every user incl. retired, ordered by id, as REF, 50 by default', async () => {
    const res = await call(t.rest, '/user');
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(50);
    expect(res.body.results[0]).toEqual({
      uuid: ADMIN_UUID,
      display: 'admin',
      links: [{ rel: 'self', uri: `${t.rest}/user/${ADMIN_UUID}`, resourceAlias: 'user' }],
    });
    expect(res.body).not.toHaveProperty('totalCount');
    expect(res.body.links).toEqual([{ rel: 'next', uri: `${t.rest}/user?startIndex=50` }]);
    const all = await allUsers();
    expect(all.length).toBe(301);
    expect(all.some((u) => u.retired)).toBe(true);
  });

  it('REF carries retired:true only for retired users', async () => {
    const all = await allUsers('v=ref');
    const retired = all.filter((u) => u.retired === true);
    expect(retired.length).toBeGreaterThanOrEqual(5);
    expect(all.filter((u) => 'retired' in u && u.retired !== true)).toHaveLength(0);
  });

  it('links next/prev exactly, totalCount on request', async () => {
    const res = await call(t.rest, '/user?q=a&limit=2&startIndex=2&totalCount=true');
    expect(res.body.results).toHaveLength(2);
    expect(res.body.links).toEqual([
      { rel: 'next', uri: `${t.rest}/user?q=a&limit=2&totalCount=true&startIndex=4` },
      { rel: 'prev', uri: `${t.rest}/user?q=a&limit=2&totalCount=true` },
    ]);
    expect(res.body.totalCount).toBeGreaterThan(4);
    const mid = await call(t.rest, '/user?limit=2&startIndex=5');
    expect(mid.body.links.find((l: any) => l.rel === 'prev').uri).toBe(`${t.rest}/user?limit=2&startIndex=3`);
  });

  it('no links on a single complete page', async () => {
    const res = await call(t.rest, '/user?q=admin');
    expect(res.body).toEqual({ results: [expect.objectContaining({ uuid: ADMIN_UUID })] });
  });

  it('limit over 100 and limit <= 0 are 500 APIExceptions', async () => {
    const over = await call(t.rest, '/user?limit=101');
    expect(over.status).toBe(500);
    expect(over.body.error.message).toBe('[Administrator has set absolute limit at 100]');
    const zero = await call(t.rest, '/user?limit=0');
    expect(zero.status).toBe(500);
    expect(zero.body.error.message).toBe('[If you specify a number of results to return, it must be >0 and not null]');
    const ok = await call(t.rest, '/user?limit=100');
    expect(ok.body.results).toHaveLength(100);
    const nonInteger = await call(t.rest, '/user?limit=abc');
    expect(nonInteger.body.results).toHaveLength(50);
  });
});

describe('representations', () => {
  it('single GET defaults to the default rep', async () => {
    const res = await call(t.rest, `/user/${ADMIN_UUID}`);
    expect(Object.keys(res.body).sort()).toEqual(
      ['uuid', 'display', 'username', 'systemId', 'userProperties', 'person', 'privileges', 'roles', 'retired', 'email', 'links', 'resourceVersion'].sort(),
    );
    expect(res.body.resourceVersion).toBe('1.8');
    expect(res.body.links.map((l: any) => l.rel)).toEqual(['self', 'full']);
    expect(res.body.links[1].uri).toBe(`${t.rest}/user/${ADMIN_UUID}?v=full`);
    expect(Object.keys(res.body.person).sort()).toEqual(['display', 'links', 'uuid']);
  });

  it('full rep has allRoles with inherited roles and auditInfo', async () => {
    const search = await call(t.rest, '/user?q=clerk&v=full');
    const clerk = search.body.results.find((u: any) => u.uuid === CLERK_UUID);
    expect(clerk.roles.map((r: any) => r.name)).toEqual(['Organizational: Registration Clerk']);
    expect(clerk.allRoles.map((r: any) => r.name).sort()).toEqual(
      ['Application: Registers Patients', 'Organizational: Registration Clerk'].sort(),
    );
    expect(clerk.auditInfo).toEqual({
      creator: expect.objectContaining({ uuid: ADMIN_UUID, display: 'admin' }),
      dateCreated: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
      changedBy: null,
      dateChanged: null,
    });
    expect(clerk.person).toHaveProperty('gender');
    expect(clerk.links.map((l: any) => l.rel)).toEqual(['self']);
  });

  it('custom rep with nested properties', async () => {
    const res = await call(t.rest, `/user/${CLERK_UUID}?v=custom:(uuid,username,person:(uuid,display),roles:(name),retired)`);
    // every non-REF representation, custom ones included, carries resourceVersion (BaseDelegatingResource)
    expect(res.body).toEqual({
      uuid: CLERK_UUID,
      username: 'clerk',
      person: { uuid: expect.any(String), display: 'Rita Kiprotich', resourceVersion: '1.11' },
      roles: [{ name: 'Organizational: Registration Clerk', resourceVersion: '1.8' }],
      retired: false,
      resourceVersion: '1.8',
    });
    // a property without a sub-representation is converted with DEFAULT
    const nestedDefault = await call(t.rest, `/user/${CLERK_UUID}?v=custom:(uuid,person)`);
    expect(nestedDefault.body.person).toHaveProperty('gender');
    expect(nestedDefault.body.person).toHaveProperty('preferredName');
    const nestedRef = await call(t.rest, `/user/${CLERK_UUID}?v=custom:(uuid,person:REF,links)`);
    expect(Object.keys(nestedRef.body.person).sort()).toEqual(['display', 'links', 'uuid']);
    expect(nestedRef.body.links.map((l: any) => [l.rel, l.uri])).toEqual([
      ['self', `${t.rest}/user/${CLERK_UUID}`],
      ['default', `${t.rest}/user/${CLERK_UUID}?v=default`],
    ]);
  });

  it('empty v= is 500 and an unknown named rep is 400', async () => {
    const empty = await call(t.rest, `/user/${ADMIN_UUID}?v=`);
    expect(empty.status).toBe(500);
    const named = await call(t.rest, `/user/${ADMIN_UUID}?v=foo`);
    expect(named.status).toBe(400);
    expect(named.body.error.message).toBe("[Don't know how to get UserResource2_2(class org.openmrs.User) as foo]");
  });
});

describe('q search', () => {
  it('each word is a prefix on username, systemId or names, ANDed', async () => {
    const res = await call(t.rest, '/user?q=rita%20kipro&v=custom:(username)');
    expect(res.body.results).toEqual([{ username: 'clerk', resourceVersion: '1.8' }]);
    const none = await call(t.rest, '/user?q=ita');
    expect(none.body.results.find((u: any) => u.uuid === CLERK_UUID)).toBeUndefined();
    const and = await call(t.rest, '/user?q=rita%20zzz');
    expect(and.body.results).toEqual([]);
    const systemId = await call(t.rest, '/user?q=99-2&v=custom:(systemId)');
    expect(systemId.body.results).toEqual([{ systemId: '99-2', resourceVersion: '1.8' }]);
    const family = await call(t.rest, '/user?q=test&v=custom:(username)');
    expect(family.body.results.map((u: any) => u.username)).toEqual(
      expect.arrayContaining(['demo.clerk', 'demo.nurse', 'test-doctor', 'test-pharmacist']),
    );
    // a family name with a space: every word must be a prefix of one field, so "account" matches nothing
    const twoWords = await call(t.rest, '/user?q=test%20account');
    expect(twoWords.body.results).toEqual([]);
  });

  it('search results are sorted by family name, then given name (UserByNameComparator)', async () => {
    const res = await call(t.rest, '/user?q=a&v=custom:(person:(preferredName:(givenName,familyName)))&limit=100');
    const names = res.body.results.map((u: any) => u.person.preferredName);
    expect(names.length).toBeGreaterThan(20);
    for (let i = 1; i < names.length; i++) {
      const [a, b] = [names[i - 1], names[i]];
      const fa = a.familyName.toLowerCase();
      const fb = b.familyName.toLowerCase();
      expect(fa < fb || (fa === fb && a.givenName.toLowerCase() <= b.givenName.toLowerCase())).toBe(true);
    }
  });

  it('excludes retired users unless includeAll=true', async () => {
    const all = await allUsers();
    const retired = all.find((u) => u.retired);
    const without = await call(t.rest, `/user?q=${retired.username}`);
    expect(without.body.results.find((u: any) => u.uuid === retired.uuid)).toBeUndefined();
    const withAll = await call(t.rest, `/user?q=${retired.username}&includeAll=true`);
    expect(withAll.body.results.find((u: any) => u.uuid === retired.uuid)).toBeDefined();
  });

  it('roles filters by role uuid or name; an unknown role gives an empty result', async () => {
    const byName = await call(t.rest, '/user?q=&roles=Organizational:%20Registration%20Clerk&v=custom:(roles:(name))&limit=100');
    expect(byName.body.results.length).toBeGreaterThan(5);
    for (const u of byName.body.results) {
      expect(u.roles.map((r: any) => r.name)).toContain('Organizational: Registration Clerk');
    }
    const unknown = await call(t.rest, '/user?q=a&roles=No%20Such%20Role');
    expect(unknown.body).toEqual({ results: [] });
  });
});

describe('create and update', () => {
  let uuid: string;
  it('POST creates with 201', async () => {
    const res = await call(t.rest, '/user', {
      body: {
        username: 'new.user',
        password: 'Secret123',
        person: { names: [{ givenName: 'New', familyName: 'User' }], gender: 'F' },
        roles: ['Provider'],
        userProperties: { defaultLocation: '44c3efb0-2583-4c80-a79e-1f756a03c0a1' },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'new.user', display: 'new.user', retired: false, systemId: expect.stringMatching(/^\d+-\d$/) });
    uuid = res.body.uuid;
    const login = await call(t.rest, '/session', { as: { username: 'new.user', password: 'Secret123' } });
    expect(login.body.authenticated).toBe(true);
  });

  it('create without a required property or with an unknown one is 400', async () => {
    const missing = await call(t.rest, '/user', { body: { username: 'x.y' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/Some required properties are missing: password, person/);
    const unknown = await call(t.rest, '/user', { body: { username: 'x', password: 'Secret123', person: {}, colour: 'red' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe('[Some properties are not allowed to be set: colour]');
  });

  it('a taken username is a 400 validation error; a weak password is a 500 (PasswordException is an APIException)', async () => {
    const person = { names: [{ givenName: 'A', familyName: 'B' }], gender: 'M' };
    const taken = await call(t.rest, '/user', { body: { username: 'clerk', password: 'Secret123', person } });
    expect(taken.status).toBe(400);
    expect(taken.body.error).toMatchObject({
      message: 'Invalid Submission',
      code: 'webservices.rest.error.invalid.submission',
      fieldErrors: { username: [expect.objectContaining({ code: 'error.username.taken' })] },
    });
    const weak = await call(t.rest, '/user', { body: { username: 'weak.one', password: 'short', person } });
    expect(weak.status).toBe(500);
    expect(weak.body.error.message).toBe('[Password should be at least 8 characters long]');
  });

  it('userProperties on update REPLACES the whole map', async () => {
    const before = await call(t.rest, `/user/${uuid}`);
    expect(before.body.userProperties).toHaveProperty('lastLoginTimestamp');
    const res = await call(t.rest, `/user/${uuid}`, { body: { userProperties: { locationUuid: 'a,b' } } });
    expect(res.status).toBe(200);
    expect(res.body.userProperties).toEqual({ locationUuid: 'a,b' });
    const full = await call(t.rest, `/user/${uuid}?v=full`);
    expect(full.body.auditInfo.changedBy.uuid).toBe(ADMIN_UUID);
    expect(full.body.auditInfo.dateChanged).not.toBeNull();
  });

  it('{"retired":true} without a reason fails UserValidator (400 retireReason error.null) and changes nothing', async () => {
    const res = await call(t.rest, `/user/${uuid}`, { body: { retired: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.fieldErrors.retireReason[0].code).toBe('error.null');
    expect((await call(t.rest, `/user/${uuid}`)).body.retired).toBe(false);
    const badName = await call(t.rest, `/user/${uuid}`, { body: { username: 'has space' } });
    expect(badName.status).toBe(400);
    expect(badName.body.error.fieldErrors.username[0].code).toBe('error.username.pattern');
    expect((await call(t.rest, `/user/${uuid}`)).body.username).toBe('new.user');
  });

  it('retireReason is not updatable (400); unknown uuid is 404', async () => {
    const res = await call(t.rest, `/user/${uuid}`, { body: { retireReason: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('[Some properties are not allowed to be set: retireReason]');
    const missing = await call(t.rest, '/user/00000000-0000-0000-0000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe("Object with given uuid doesn't exist [null]");
    const updateMissing = await call(t.rest, '/user/00000000-0000-0000-0000-000000000000', { body: { retired: false } });
    expect(updateMissing.status).toBe(404);
  });

  it('DELETE retires with the reason (default "web service call"); retired:false un-retires and clears the fields', async () => {
    const del = await call(t.rest, `/user/${uuid}?reason=Inactive%20for%2097%20days`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    const full = await call(t.rest, `/user/${uuid}?v=full`);
    expect(full.body.retired).toBe(true);
    expect(full.body.auditInfo).toMatchObject({
      retiredBy: expect.objectContaining({ uuid: ADMIN_UUID }),
      dateRetired: expect.stringMatching(/\+0000$/),
      retireReason: 'Inactive for 97 days',
    });
    // UserResource1_8.delete: the wrapper's isRetired() is always false, so retireUser runs again
    const again = await call(t.rest, `/user/${uuid}?reason=other`, { method: 'DELETE' });
    expect(again.status).toBe(204);
    const overwritten = await call(t.rest, `/user/${uuid}?v=full`);
    expect(overwritten.body.auditInfo.retireReason).toBe('other');
    const login = await call(t.rest, '/session', { as: { username: 'new.user', password: 'Secret123' } });
    expect(login.body.authenticated).toBe(false);

    const unretire = await call(t.rest, `/user/${uuid}`, { body: { retired: false } });
    expect(unretire.status).toBe(200);
    expect(unretire.body.retired).toBe(false);
    const after = await call(t.rest, `/user/${uuid}?v=full`);
    expect(after.body.auditInfo).not.toHaveProperty('retiredBy');
    expect(after.body.auditInfo).not.toHaveProperty('retireReason');

    await call(t.rest, `/user/${uuid}`, { method: 'DELETE' });
    const def = await call(t.rest, `/user/${uuid}?v=full`);
    expect(def.body.auditInfo.retireReason).toBe('web service call');
  });

  it('purge removes the user; purging an unknown uuid is 204', async () => {
    const res = await call(t.rest, `/user/${uuid}?purge=true`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect((await call(t.rest, `/user/${uuid}`)).status).toBe(404);
    expect((await call(t.rest, `/user/${uuid}?purge=true`, { method: 'DELETE' })).status).toBe(204);
  });

  it('writes need Edit Users / Add Users', async () => {
    const ok = await call(t.rest, `/user/${CLERK_UUID}`, { as: USERADMIN, body: { email: 'rita@example.org' } });
    expect(ok.status).toBe(200);
    const clerk = await call(t.rest, `/user/${ADMIN_UUID}`, { as: { username: 'clerk', password: 'Clerk123' }, method: 'DELETE' });
    expect(clerk.status).toBe(403);
    expect(clerk.body.error.message).toContain('Edit Users');
  });

  it('admin is still there', async () => {
    expect((await call(t.rest, `/user/${ADMIN_UUID}`, { as: ADMIN })).body.username).toBe('admin');
  });
});

describe('UserServiceImpl.checkPrivileges on saveUser, retireUser and unretireUser', () => {
  async function userNamed(username: string): Promise<any> {
    const found = await call(t.rest, `/user?q=${username}&includeAll=true&v=full`);
    return found.body.results.find((u: any) => u.username === username);
  }
  async function someUserWithRole(role: string): Promise<any> {
    const found = await call(t.rest, `/user?roles=${encodeURIComponent(role)}&v=custom:(uuid,username,roles:(display))&limit=100`);
    return found.body.results.find((u: any) => u.roles.length === 1);
  }

  it('an administrator without a role privilege of the target gets a 500 naming them, sorted, and nothing changes', async () => {
    const doctor = await someUserWithRole('Organizational: Doctor');
    const res = await call(t.rest, `/user/${doctor.uuid}`, { as: USERADMIN, body: { userProperties: { x: 'y' } } });
    expect(res.status).toBe(500);
    expect(res.body.error.message).toBe(
      '[You must have the following privileges in order to assign them: Add Orders, Edit Encounters, Edit Observations, Edit Orders]',
    );
    expect(res.body.error.code).toBe('org.openmrs.api.impl.UserServiceImpl:405');
    const after = await call(t.rest, `/user/${doctor.uuid}?v=full`);
    expect(after.body.userProperties).not.toHaveProperty('x');

    const retire = await call(t.rest, `/user/${doctor.uuid}?reason=r`, { as: USERADMIN, method: 'DELETE' });
    expect(retire.status).toBe(500);
    expect((await call(t.rest, `/user/${doctor.uuid}`)).body.retired).toBe(false);
  });

  it('one missing privilege uses the singular message', async () => {
    await call(t.rest, '/privilege', { body: { name: 'Only Privilege', description: 'test' } });
    await call(t.rest, '/role', { body: { name: 'Test: one privilege', description: 'test', privileges: ['Only Privilege'] } });
    const target = await someUserWithRole('Organizational: Registration Clerk');
    const withRole = await call(t.rest, `/user/${target.uuid}`, {
      body: { roles: ['Organizational: Registration Clerk', 'Test: one privilege'] },
    });
    expect(withRole.status).toBe(200);
    const res = await call(t.rest, `/user/${target.uuid}?reason=r`, { as: USERADMIN, method: 'DELETE' });
    expect(res.status).toBe(500);
    expect(res.body.error.message).toBe("[You must have privilege 'Only Privilege' in order to assign it.]");
  });

  it('a System Developer target, directly or through an inherited role, needs Assign System Developer Role', async () => {
    for (const username of ['admin', 'devops']) {
      const target = await userNamed(username);
      const res = await call(t.rest, `/user/${target.uuid}`, { as: USERADMIN, body: { email: 'x@example.org' } });
      expect(res.status).toBe(500);
      expect(res.body.error.message).toBe("[You must have the role 'System Developer' in order to assign it.]");
    }
  });

  it('targets whose role privileges the administrator holds (inherited included) can be retired, unretired and edited', async () => {
    const nurse = await someUserWithRole('Organizational: Nurse');
    const retire = await call(t.rest, `/user/${nurse.uuid}?reason=Left`, { as: USERADMIN, method: 'DELETE' });
    expect(retire.status).toBe(204);
    const full = await call(t.rest, `/user/${nurse.uuid}?v=full`);
    expect(full.body.auditInfo).toMatchObject({ retireReason: 'Left', retiredBy: expect.objectContaining({ uuid: USERADMIN_UUID }) });
    const unretire = await call(t.rest, `/user/${nurse.uuid}`, { as: USERADMIN, body: { retired: false } });
    expect(unretire.status).toBe(200);
    expect(unretire.body.retired).toBe(false);
    const sysadmin = await call(t.rest, `/user/${SYSADMIN_UUID}`, { as: USERADMIN, body: { userProperties: { a: 'b' } } });
    expect(sysadmin.status).toBe(200);
  });

  it('the check uses the roles being saved: giving a role whose privileges the editor lacks is refused', async () => {
    const nurse = await someUserWithRole('Organizational: Nurse');
    const res = await call(t.rest, `/user/${nurse.uuid}`, { as: USERADMIN, body: { roles: ['Organizational: Doctor'] } });
    expect(res.status).toBe(500);
    const after = await call(t.rest, `/user/${nurse.uuid}?v=custom:(roles:(display))`);
    expect(after.body.roles.map((r: any) => r.display)).toEqual(['Organizational: Nurse']);
  });
});
