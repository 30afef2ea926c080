import { call, CLERK, start, type TestServer } from './helpers';

const AUTO = 'org.openmrs.scheduler.tasks.AutoRetireUsersTask';
const TASK = {
  name: 'Auto Retire Users',
  description: 'Retires users inactive for users.numberOfDaysToRetire days',
  taskClass: AUTO,
  startTime: '2025-01-01T00:00:00.000+0000',
  repeatInterval: 86400,
  startOnStartup: true,
  properties: {},
};
const SYSADMIN = { username: 'sysadmin', password: 'Password123' };

describe('GET /systeminformation (core 2.8.5 by default)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await start();
  });
  afterAll(() => t.stop());

  it('returns {systemInfo} with core\'s section and message-code keys, not paged', async () => {
    const res = await call(t.rest, '/systeminformation');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['systemInfo']);
    const info = res.body.systemInfo;
    expect(Object.keys(info)).toEqual([
      'SystemInfo.title.openmrsInformation',
      'SystemInfo.title.javaRuntimeEnvironmentInformation',
      'SystemInfo.title.memoryInformation',
      'SystemInfo.title.dataBaseInformation',
      'SystemInfo.title.moduleInformation',
    ]);
    const openmrs = info['SystemInfo.title.openmrsInformation'];
    expect(Object.keys(openmrs)).toEqual([
      'SystemInfo.OpenMRSInstallation.systemDate',
      'SystemInfo.OpenMRSInstallation.systemTime',
      'SystemInfo.OpenMRSInstallation.openmrsVersion',
      'SystemInfo.hostname',
    ]);
    expect(openmrs['SystemInfo.OpenMRSInstallation.openmrsVersion']).toBe('2.8.5  Build 02eec5');
    expect(openmrs['SystemInfo.OpenMRSInstallation.systemDate']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(info['SystemInfo.title.memoryInformation']['SystemInfo.Memory.totalMemory']).toMatch(/^\d+ MB$/);
    // module name -> "<version> " (started modules get an empty suffix)
    expect(info['SystemInfo.title.moduleInformation']).toMatchObject({
      'SystemInfo.Module.repositoryPath': expect.any(String),
      'Rest Web Services OMOD': '3.4.1 ',
      FHIR2: '4.2.0 ',
    });
  });

  it('needs View Administration Functions', async () => {
    const anon = await call(t.rest, '/systeminformation', { as: null, headers: { 'Disable-WWW-Authenticate': 'true' } });
    expect(anon.status).toBe(401);
    expect(anon.body.error.message).toBe('User is not logged in [Privileges required: View Administration Functions]');
    const clerk = await call(t.rest, '/systeminformation', { as: CLERK });
    expect(clerk.status).toBe(403);
    expect((await call(t.rest, '/systeminformation', { as: SYSADMIN })).status).toBe(200);
  });

  it('is not searchable (400) and only listable', async () => {
    const search = await call(t.rest, '/systeminformation?q=x');
    expect(search.status).toBe(400);
    expect(search.body.error.message).toContain('SystemInformationResource1_8 is not searchable');
    expect((await call(t.rest, '/systeminformation?v=full&limit=1')).status).toBe(200);
    expect((await call(t.rest, '/systeminformation', { body: {} })).status).toBe(500);
  });

  it('lists the LBAC modules in LBAC mode', async () => {
    const lbac = await start({ lbac: true });
    try {
      const res = await call(lbac.rest, '/systeminformation');
      expect(res.body.systemInfo['SystemInfo.title.moduleInformation']['Location Based Access Control']).toBe('0.2.0 ');
    } finally {
      await lbac.stop();
    }
  });

  it('core 2.7+: AutoRetireUsersTask can be scheduled and run; logins write lastLoginTimestamp', async () => {
    expect((await call(t.rest, '/taskdefinition', { body: TASK })).status).toBe(201);
    expect((await call(t.rest, '/taskaction', { body: { action: 'SCHEDULETASK', tasks: [TASK.name] } })).status).toBe(201);
    expect((await call(t.rest, '/taskaction', { body: { action: 'RUNTASK', tasks: [TASK.name] } })).status).toBe(201);
    const clerk = t.server.store.db.users.find((u) => u.username === 'clerk')!;
    clerk.userProperties.lastLoginTimestamp = '1';
    await call(t.rest, '/session', { as: CLERK });
    expect(Number(clerk.userProperties.lastLoginTimestamp)).toBeGreaterThan(1);
  });
});

describe('core 2.6.1 (--core-version=2.6.1)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await start({ coreVersion: '2.6.1' });
  });
  afterAll(() => t.stop());

  it('reports the version', async () => {
    const res = await call(t.rest, '/systeminformation');
    expect(res.body.systemInfo['SystemInfo.title.openmrsInformation']['SystemInfo.OpenMRSInstallation.openmrsVersion']).toBe(
      '2.6.1  Build 0b8ae6',
    );
  });

  it('creating an AutoRetireUsersTask definition succeeds: saveTaskDefinition does not load the class', async () => {
    const res = await call(t.rest, '/taskdefinition', { body: TASK });
    expect(res.status).toBe(201);
    expect(res.body.taskClass).toBe(AUTO);
  });

  it('scheduling it is a 500 naming the class (TaskFactory: ClassNotFoundException), and it stays stopped', async () => {
    const res = await call(t.rest, '/taskaction', { body: { action: 'SCHEDULETASK', tasks: [TASK.name] } });
    expect(res.status).toBe(500);
    expect(res.body.error.message).toBe(
      `[Errors occurred while scheduling task => Failed to schedule task => could not load class => ${AUTO}]`,
    );
    expect(res.body.error.code).toMatch(/^org\.openmrs\.module\.webservices\.rest\.web\.v1_0\.resource\.openmrs1_8\.TaskActionResource1_8:\d+$/);
    expect((await call(t.rest, `/taskdefinition/${encodeURIComponent(TASK.name)}`)).body.started).toBe(false);
    const reschedule = await call(t.rest, '/taskaction', { body: { action: 'RESCHEDULETASK', tasks: [TASK.name] } });
    expect(reschedule.status).toBe(500);
    expect(reschedule.body.error.message).toContain('Errors occurred while rescheduling task');
  });

  it('running it is a 500 naming the class; no user is retired', async () => {
    await call(t.rest, '/systemsetting', { body: { property: 'users.numberOfDaysToRetire', value: '30' } });
    const before = t.server.store.db.users.filter((u) => u.retired).length;
    const res = await call(t.rest, '/taskaction', { body: { action: 'RUNTASK', tasks: [TASK.name] } });
    expect(res.status).toBe(500);
    expect(res.body.error.message).toBe(`[Errors occurred while running task => could not load class => ${AUTO}]`);
    expect(t.server.store.db.users.filter((u) => u.retired).length).toBe(before);
  });

  it('other core tasks still schedule; logins do not write lastLoginTimestamp (added in 2.7.0)', async () => {
    const hello = { ...TASK, name: 'Hello', taskClass: 'org.openmrs.scheduler.tasks.HelloWorldTask' };
    expect((await call(t.rest, '/taskdefinition', { body: hello })).status).toBe(201);
    expect((await call(t.rest, '/taskaction', { body: { action: 'SCHEDULETASK', tasks: ['Hello'] } })).status).toBe(201);
    const clerk = t.server.store.db.users.find((u) => u.username === 'clerk')!;
    clerk.userProperties.lastLoginTimestamp = '1';
    expect((await call(t.rest, '/session', { as: CLERK })).body.authenticated).toBe(true);
    expect(clerk.userProperties.lastLoginTimestamp).toBe('1');
  });
});
