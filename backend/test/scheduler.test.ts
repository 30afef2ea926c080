import { ADMIN_UUID, DAY, USERADMIN_UUID } from '../src/seed';
import { runAutoRetireUsersTask } from '../src/scheduler';
import { QUEUED_RUN_DELAY_MS } from '../src/rest/taskdefinition';
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

let t: TestServer;
beforeAll(async () => {
  t = await start();
});
afterAll(() => t.stop());

describe('/taskdefinition', () => {
  it('none is registered at first; unknown keys are 500', async () => {
    expect((await call(t.rest, '/taskdefinition')).body).toEqual({ results: [] });
    const res = await call(t.rest, '/taskdefinition/Auto%20Retire%20Users');
    expect(res.status).toBe(500);
  });

  it('create needs every field (400), then 201', async () => {
    const { startOnStartup: _omit, ...partial } = TASK;
    const bad = await call(t.rest, '/taskdefinition', { body: partial });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('startOnStartup');
    const res = await call(t.rest, '/taskdefinition', { body: TASK });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: TASK.name, taskClass: AUTO, startTime: TASK.startTime, started: false });
    expect(res.body.links.map((l: any) => l.rel)).toEqual(['ref', 'full', 'self']);
  });

  it('GET by name or uuid; reps; q=registered vs scheduled', async () => {
    const byName = await call(t.rest, '/taskdefinition/Auto%20Retire%20Users?v=full');
    expect(byName.body).toMatchObject({ repeatInterval: 86400, startOnStartup: true, properties: {}, lastExecutionTime: null });
    const byUuid = await call(t.rest, `/taskdefinition/${byName.body.uuid}?v=ref`);
    expect(byUuid.body).toEqual({ uuid: byName.body.uuid, name: TASK.name, description: TASK.description, taskClass: AUTO, links: expect.any(Array) });
    expect((await call(t.rest, '/taskdefinition?q=registered')).body.results).toHaveLength(1);
    expect((await call(t.rest, '/taskdefinition?q=scheduled')).body.results).toHaveLength(0);
  });

  it('needs Manage Scheduler', async () => {
    expect((await call(t.rest, '/taskdefinition', { as: CLERK })).status).toBe(403);
  });
});

describe('/taskaction', () => {
  it('SCHEDULETASK starts and SHUTDOWNTASK stops, replying 201 {tasks, action}', async () => {
    const res = await call(t.rest, '/taskaction', { body: { action: 'scheduletask', tasks: ['Auto Retire Users'] } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      tasks: [expect.objectContaining({ name: TASK.name, taskClass: AUTO })],
      action: 'SCHEDULETASK',
      resourceVersion: '1.8',
    });
    expect((await call(t.rest, '/taskdefinition/Auto%20Retire%20Users')).body.started).toBe(true);
    expect((await call(t.rest, '/taskdefinition?q=scheduled')).body.results).toHaveLength(1);
    await call(t.rest, '/taskaction', { body: { action: 'SHUTDOWNTASK', tasks: ['Auto Retire Users'] } });
    expect((await call(t.rest, '/taskdefinition/Auto%20Retire%20Users')).body.started).toBe(false);
  });

  it('an empty task list is 400; an unknown task is 500', async () => {
    const empty = await call(t.rest, '/taskaction', { body: { action: 'RUNTASK', tasks: [] } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('[Cannot execute action RUNTASK on empty set of task definitions.]');
    expect((await call(t.rest, '/taskaction', { body: { action: 'RUNTASK', tasks: ['nope'] } })).status).toBe(500);
  });

  it('RUNTASK with no GP does nothing', async () => {
    const before = t.server.store.db.users.filter((u) => u.retired).length;
    const res = await call(t.rest, '/taskaction', { body: { action: 'RUNTASK', tasks: ['Auto Retire Users'] } });
    expect(res.status).toBe(201);
    expect(t.server.store.db.users.filter((u) => u.retired).length).toBe(before);
  });

  it('RUNTASK retires exactly the inactive non-super users, by lastLoginTimestamp or else dateCreated', async () => {
    const store = t.server.store;
    const now = Date.now();
    const days = 90;
    const isSuper = (u: (typeof store.db.users)[number]) => store.isSuperUser(u);
    const expected = store.db.users
      .filter((u) => !u.retired && !isSuper(u))
      .filter((u) => {
        const ts = u.userProperties.lastLoginTimestamp;
        return ts ? now - Number(ts) >= days * DAY : now - u.dateCreated >= days * DAY;
      })
      .map((u) => u.uuid)
      .sort();
    expect(expected.length).toBeGreaterThan(20);
    const devops = store.db.users.find((u) => u.username === 'devops')!;
    expect(now - Number(devops.userProperties.lastLoginTimestamp)).toBeGreaterThan(days * DAY);
    const neverLoggedOld = store.db.users.find((u) => !u.retired && !u.userProperties.lastLoginTimestamp && now - u.dateCreated > days * DAY);
    expect(neverLoggedOld).toBeDefined();

    await call(t.rest, '/systemsetting', { body: { property: 'users.numberOfDaysToRetire', value: String(days) } });
    const alreadyRetired = new Set(store.db.users.filter((u) => u.retired).map((u) => u.uuid));
    const res = await call(t.rest, '/taskaction', { body: { action: 'runtask', tasks: ['Auto Retire Users'] } });
    expect(res.status).toBe(201);
    expect(res.body.action).toBe('RUNTASK');
    const newlyRetired = store.db.users.filter((u) => u.retired && !alreadyRetired.has(u.uuid));
    expect(newlyRetired.map((u) => u.uuid).sort()).toEqual(expected);
    expect(newlyRetired.map((u) => u.uuid)).toContain(neverLoggedOld!.uuid);
    // System Developer, also when inherited (devops has Organizational: Developer), is never retired
    expect(store.db.users.find((u) => u.username === 'devops')!.retired).toBe(false);
    expect(store.db.users.find((u) => u.username === 'admin')!.retired).toBe(false);

    const one = newlyRetired[0];
    const full = await call(t.rest, `/user/${one.uuid}?v=full`);
    expect(full.body.auditInfo).toMatchObject({
      retireReason: 'User retired due to inactivity',
      retiredBy: expect.objectContaining({ uuid: ADMIN_UUID }),
    });
    // TaskServiceWrapper.runTask calls execute() itself, not TimerSchedulerTask.execute: no lastExecutionTime
    const task = await call(t.rest, '/taskdefinition/Auto%20Retire%20Users?v=full');
    expect(task.body.lastExecutionTime).toBeNull();
  });

  it('RUNTASK answers 201 even when AutoRetireUsersTask.execute fails, and changes nothing (it catches everything)', async () => {
    const store = t.server.store;
    const victim = store.db.users.find((u) => !u.retired && !store.isSuperUser(u))!;
    const saved = victim.userProperties.lastLoginTimestamp;
    victim.userProperties.lastLoginTimestamp = 'yesterday';
    await call(t.rest, '/systemsetting', { body: { property: 'users.numberOfDaysToRetire', value: '1' } });
    const retired = store.db.users.filter((u) => u.retired).length;
    try {
      const res = await call(t.rest, '/taskaction', { body: { action: 'RUNTASK', tasks: ['Auto Retire Users'] } });
      expect(res.status).toBe(201);
      expect(store.db.users.filter((u) => u.retired).length).toBe(retired);
    } finally {
      victim.userProperties.lastLoginTimestamp = saved;
      await call(t.rest, '/systemsetting', { body: { property: 'users.numberOfDaysToRetire', value: '' } });
    }
  });

  it('DELETE action removes the definition; DELETE /taskdefinition retires, purge is 500', async () => {
    const created = await call(t.rest, '/taskdefinition', { body: { ...TASK, name: 'Second' } });
    expect((await call(t.rest, `/taskdefinition/${created.body.uuid}?purge=true`, { method: 'DELETE' })).status).toBe(500);
    expect((await call(t.rest, `/taskdefinition/${created.body.uuid}`, { method: 'DELETE' })).status).toBe(204);
    // TimerSchedulerServiceImpl.deleteTask refuses a started task
    await call(t.rest, '/taskaction', { body: { action: 'SCHEDULETASK', tasks: [created.body.uuid] } });
    const started = await call(t.rest, '/taskaction', { body: { action: 'DELETE', tasks: [created.body.uuid] } });
    expect(started.status).toBe(500);
    expect(started.body.error.message).toContain('Started tasks should not be deleted');
    await call(t.rest, '/taskaction', { body: { action: 'SHUTDOWNTASK', tasks: [created.body.uuid] } });
    const del = await call(t.rest, '/taskaction', { body: { action: 'DELETE', tasks: [created.body.uuid] } });
    expect(del.status).toBe(201);
    expect((await call(t.rest, `/taskdefinition/${created.body.uuid}`)).status).toBe(500);
  });
});

describe('/module', () => {
  it('lists webservices.rest and fhir2 (no LBAC by default); unknown module is 404', async () => {
    const res = await call(t.rest, '/module?v=custom:(uuid,version,started)');
    expect(res.body.results.map((m: any) => m.uuid)).toEqual(['webservices.rest', 'fhir2']);
    expect((await call(t.rest, '/module/locationbasedaccess')).status).toBe(404);
    expect((await call(t.rest, '/module/fhir2')).body).toMatchObject({ uuid: 'fhir2', started: true });
    // ModuleFactoryWrapper.checkReadonlyPrivilege: any logged-in user may read
    expect((await call(t.rest, '/module', { as: CLERK })).status).toBe(200);
    const anon = await call(t.rest, '/module', { as: null });
    expect(anon.status).toBe(401);
    expect(anon.body.error.message).toBe('User is not logged in [User must be authenticated]');
  });

  it('lists locationbasedaccess in LBAC mode', async () => {
    const lbac = await (await import('./helpers')).start({ lbac: true });
    try {
      const res = await call(lbac.rest, '/module');
      expect(res.body.results.map((m: any) => m.uuid)).toContain('locationbasedaccess');
    } finally {
      await lbac.stop();
    }
  });
});

describe('RUNTASK on REST 4.0.0 (TaskServiceWrapper.runTask: SchedulerService.schedule, RESTWS-1027/1032)', () => {
  it('answers 201 at once and runs the task later, as the caller, without touching lastExecutionTime', async () => {
    const queued = await start({ restVersion: '4.0.0' });
    try {
      await call(queued.rest, '/taskdefinition', { body: TASK });
      await call(queued.rest, '/systemsetting', { body: { property: 'users.numberOfDaysToRetire', value: '90' } });
      const retired = () => queued.server.store.db.users.filter((u) => u.retireReason === 'User retired due to inactivity').length;
      const before = retired();
      const res = await call(queued.rest, '/taskaction', { body: { action: 'RUNTASK', tasks: ['Auto Retire Users'] } });
      expect(res.status).toBe(201);
      expect(retired()).toBe(before);
      await new Promise((resolve) => setTimeout(resolve, QUEUED_RUN_DELAY_MS + 200));
      expect(retired()).toBeGreaterThan(before);
      expect((await call(queued.rest, '/taskdefinition/Auto%20Retire%20Users?v=full')).body.lastExecutionTime).toBeNull();
    } finally {
      await queued.stop();
    }
  });
});

describe('a restart on the same data (TimerSchedulerServiceImpl.onShutdown, then onStartup)', () => {
  it('starts every task whose startOnStartup is true, however it was left, and no other', async () => {
    const first = await start();
    const dataDir = first.dataDir;
    const create = (name: string, startOnStartup: boolean) =>
      call(first.rest, '/taskdefinition', { body: { ...TASK, name, startOnStartup } });
    const action = (name: string, act: string) => call(first.rest, '/taskaction', { body: { action: act, tasks: [name] } });
    await create('stopped, on startup', true);
    await action('stopped, on startup', 'SCHEDULETASK');
    await action('stopped, on startup', 'SHUTDOWNTASK');
    await create('never started, on startup', true);
    await create('started, not on startup', false);
    await action('started, not on startup', 'SCHEDULETASK');
    await create('never started, not on startup', false);
    await first.stop({ keepData: true });

    const second = await start({ dataDir });
    try {
      const tasks = (await call(second.rest, '/taskdefinition?v=full')).body.results;
      const started = Object.fromEntries(tasks.map((x: any) => [x.name, x.started]));
      expect(started).toEqual({
        'stopped, on startup': true,
        'never started, on startup': true,
        'started, not on startup': false,
        'never started, not on startup': false,
      });
    } finally {
      await second.stop();
    }
  });

  it('pages GET /taskdefinition like any list (NeedsPaging, default limit 50)', async () => {
    const many = await start();
    try {
      for (let i = 0; i < 51; i++) {
        await call(many.rest, '/taskdefinition', { body: { ...TASK, name: `Task ${i}` } });
      }
      const page = await call(many.rest, '/taskdefinition');
      expect(page.body.results).toHaveLength(50);
      expect(page.body.links).toEqual([expect.objectContaining({ rel: 'next' })]);
      expect((await call(many.rest, '/taskdefinition?startIndex=50')).body.results).toHaveLength(1);
    } finally {
      await many.stop();
    }
  });
});

describe('AutoRetireUsersTask.execute run by an administrator who is not a System Developer', () => {
  it("stops at the first account UserServiceImpl.checkPrivileges refuses; those retired before it stay retired", async () => {
    const own = await start();
    try {
      const store = own.server.store;
      const now = Date.now();
      store.db.globalProperties.push({ ...store.db.globalProperties[0], uuid: 'gp-days', property: 'users.numberOfDaysToRetire', value: '90' });
      const editor = store.userByUuid(USERADMIN_UUID)!;
      const candidates = [...store.db.users]
        .sort((a, b) => a.id - b.id)
        .filter((u) => !u.retired && !store.isSuperUser(u))
        .filter((u) => {
          const ts = u.userProperties.lastLoginTimestamp;
          return ts ? now - Number(ts) >= 90 * DAY : now - u.dateCreated >= 90 * DAY;
        });
      const firstRefused = candidates.findIndex((u) => store.editRefusal(editor, u));
      expect(firstRefused).toBeGreaterThanOrEqual(0);
      const allowed = candidates.filter((u) => !store.editRefusal(editor, u));
      const retired = runAutoRetireUsersTask(store, editor, now);
      expect(retired.map((u) => u.uuid)).toEqual(candidates.slice(0, firstRefused).map((u) => u.uuid));
      // it does not skip the refused account and go on: accounts it could have retired stay active
      expect(retired.length).toBeLessThan(allowed.length);
      expect(candidates[firstRefused].retired).toBe(false);
    } finally {
      await own.stop();
    }
  });
});
