import { seed } from '../src/seed';
import { call, CLERK, start, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await start();
});
afterAll(() => t.stop());

describe('/role', () => {
  it('lists roles; default rep has privileges and inheritedRoles as REF; full adds allInheritedRoles', async () => {
    const list = await call(t.rest, '/role?v=default&limit=100');
    const names = list.body.results.map((r: any) => r.name);
    expect(names).toEqual(expect.arrayContaining(['System Developer', 'Provider', 'Organizational: Registration Clerk']));
    const admin = await call(t.rest, '/role/Organizational:%20Hospital%20Administrator?v=full');
    expect(admin.body.inheritedRoles.map((r: any) => r.name).sort()).toEqual(
      ['Organizational: Registration Clerk', 'Organizational: System Administrator'].sort(),
    );
    expect(admin.body.allInheritedRoles.map((r: any) => r.name).sort()).toEqual(
      [
        'Application: Administers System',
        'Application: Registers Patients',
        'Organizational: Registration Clerk',
        'Organizational: System Administrator',
      ].sort(),
    );
    const byUuid = await call(t.rest, `/role/${admin.body.uuid}`);
    expect(Object.keys(byUuid.body.privileges[0]).sort()).toEqual(['display', 'links', 'uuid']);
  });

  it('the list needs Manage Roles (getAllRoles), a single role Get Roles; q searches nothing (RoleResource1_8 has no doSearch)', async () => {
    const list = await call(t.rest, '/role', { as: CLERK });
    expect(list.status).toBe(403);
    expect(list.body.error.message).toContain('Manage Roles');
    expect((await call(t.rest, '/role?q=Nurse')).body).toEqual({ results: [] });
    expect((await call(t.rest, '/role', { as: { username: 'sysadmin', password: 'Password123' } })).status).toBe(200);
  });
});

describe('/privilege', () => {
  it('GET list and by uuid or name', async () => {
    const list = await call(t.rest, '/privilege?limit=100');
    expect(list.body.results.map((p: any) => p.display)).toContain('Get Users');
    const byName = await call(t.rest, '/privilege/Get%20Users');
    expect(byName.body).toMatchObject({ name: 'Get Users', display: 'Get Users', retired: false });
    const byUuid = await call(t.rest, `/privilege/${byName.body.uuid}`);
    expect(byUuid.body.name).toBe('Get Users');
    expect((await call(t.rest, '/privilege/No%20Such%20Privilege')).status).toBe(404);
  });

  it('POST creates a privilege (201) that can be given to a role', async () => {
    const res = await call(t.rest, '/privilege', { body: { name: 'Manage Location Access', description: 'Assign users and patients to locations' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Manage Location Access', description: 'Assign users and patients to locations' });
    const dup = await call(t.rest, '/privilege', { body: { name: 'Manage Location Access' } });
    expect(dup.status).toBe(400);
    const role = await call(t.rest, '/role/Organizational:%20System%20Administrator', {
      body: { privileges: ['Manage Location Access'] },
    });
    expect(role.status).toBe(200);
    const session = await call(t.rest, '/session', { as: { username: 'sysadmin', password: 'Password123' } });
    expect(session.body.user.privileges.map((p: any) => p.name)).toContain('Manage Location Access');
  });

  it('the list needs Manage Privileges (getAllPrivileges)', async () => {
    const list = await call(t.rest, '/privilege', { as: CLERK });
    expect(list.status).toBe(403);
    expect(list.body.error.message).toContain('Manage Privileges');
  });

  it('creating needs Manage Privileges', async () => {
    expect((await call(t.rest, '/privilege', { as: CLERK, body: { name: 'X' } })).status).toBe(403);
  });
});

describe('seed', () => {
  it('has the accounts the project relies on', () => {
    const db = t.server.store.db;
    const byName = (u: string) => db.users.find((x) => x.username === u)!;
    expect(byName('admin').roles).toContain('System Developer');
    expect(db.users.filter((u) => u.retired).length).toBeGreaterThanOrEqual(10);
    expect(db.users.filter((u) => !u.userProperties.lastLoginTimestamp).length).toBeGreaterThanOrEqual(20);
    const persons = new Map(db.persons.map((p) => [p.uuid, p]));
    expect(db.users.some((u) => persons.get(u.person)!.names[0].familyName === 'Test Account')).toBe(true);
    expect(db.users.some((u) => u.username.startsWith('test-'))).toBe(true);
    expect(db.users.map((u) => u.systemId)).toEqual(expect.arrayContaining(['9-1', '99-2', '999-3']));
    const ages = db.users
      .map((u) => Number(u.userProperties.lastLoginTimestamp))
      .filter((n) => n > 0)
      .map((n) => (db.seededAt - n) / 86400000);
    expect(Math.max(...ages)).toBeGreaterThan(300);
    expect(Math.min(...ages)).toBeLessThan(2);
  });

  it('large scale has 10,000 users and 20,000 patients', () => {
    const db = seed({ scale: 'large', now: Date.now() });
    expect(db.users).toHaveLength(10001); // the generated 10,000 and useradmin, appended last
    expect(db.persons.filter((p) => p.patient)).toHaveLength(20000);
    expect(new Set(db.users.map((u) => u.username)).size).toBe(10001);
  }, 60000);
});
