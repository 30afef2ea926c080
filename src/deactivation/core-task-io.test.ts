import { openmrsRestClient } from '../common/openmrs-rest.resource';
import type { RestClient } from '../common/rest-client';
import { mockFetch, ok, fail } from '../test-support/openmrs-fetch';
import {
  autoRetireTaskBody,
  CORE_AUTO_RETIRE_REASON,
  coreSupportFromVersion,
  CoreTaskUnavailableError,
  findAutoRetireTask,
  findCoreVersion,
  isMissingTaskClassError,
  runTaskAndReadBack,
  runTaskIsQueued,
  startsAfterRestart,
  startTask,
  stopTask,
  type TaskDefinition,
} from './core-task-io';
import { startedAutoRetireTask as task } from '../test-support/core-task';

describe('the core version', () => {
  it.each`
    version                | status
    ${'2.6.9'}             | ${'unavailable'}
    ${'2.7.0-SNAPSHOT'}    | ${'available'}
    ${'3.0.0'}             | ${'available'}
    ${'1.9.12'}            | ${'unavailable'}
    ${null}                | ${'unknown'}
    ${'n/a'}               | ${'unknown'}
  `('core $version → $status', ({ version, status }) => {
    expect(coreSupportFromVersion(version).status).toBe(status);
  });

  it('finds the version under a readable key too', () => {
    expect(findCoreVersion({ 'OpenMRS Information': { 'OpenMRS Version': '2.8.1' } })).toBe('2.8.1');
    expect(findCoreVersion({ modules: { 'Reporting Module': '1.2' } })).toBeNull();
  });
});

describe('the core task actions through openmrsFetch', () => {

  it.each`
    fn           | action
    ${startTask} | ${'SCHEDULETASK'}
    ${stopTask}  | ${'SHUTDOWNTASK'}
  `('$action goes through /taskaction', async ({ fn, action }) => {
    mockFetch.mockImplementation((() => ok({ tasks: [], action }, 201)) as never);
    await fn(openmrsRestClient, 't1');
    expect(mockFetch).toHaveBeenCalledWith('/ws/rest/v1/taskaction', { method: 'POST', body: { action, tasks: ['t1'] } });
  });

  it('reports a clear error when the server has no such class', async () => {
    mockFetch.mockImplementation(((url: string) =>
      url.endsWith('/taskaction')
        ? fail(500, '[Unable to schedule task => java.lang.ClassNotFoundException: org.openmrs.scheduler.tasks.AutoRetireUsersTask]')
        : ok(task)) as never);
    await expect(startTask(openmrsRestClient, 't1')).rejects.toBeInstanceOf(CoreTaskUnavailableError);
    mockFetch.mockImplementation(((url: string) =>
      url.endsWith('/taskaction')
        ? fail(500, '[Errors occurred while running task => could not load class => org.openmrs.scheduler.tasks.AutoRetireUsersTask]')
        : ok(url.includes('/user?') ? { results: [] } : task)) as never);
    await expect(runTaskAndReadBack(openmrsRestClient, { uuid: 't1' })).rejects.toThrow(/needs OpenMRS core 2.7 or later/);
  });

  it('passes other errors through', async () => {
    mockFetch.mockImplementation((() => fail(403, 'Privileges required: Manage Scheduler')) as never);
    await expect(startTask(openmrsRestClient, 't1')).rejects.toMatchObject({ response: { status: 403 } });
    expect(isMissingTaskClassError({ response: { status: 500 }, message: 'Deadlock' })).toBe(false);
  });
});

const AUTO = 'org.openmrs.scheduler.tasks.AutoRetireUsersTask';

interface FakeServer {
  users: Array<{ uuid: string; retired: boolean; auditInfo: { retireReason?: string } }>;
  tasks: TaskDefinition[];
  restVersion: string;
  calls: Array<[string, string, unknown?]>;
  /** what RUNTASK does; by default nothing */
  onRun(): void;
  /** fails the request when it returns an error */
  failOn?(method: string, path: string, body?: unknown): Error | undefined;
}

/** A server paging as NeedsPaging does (default limit 50, `next` link, totalCount on request). */
function page<T>(items: T[], path: string) {
  const params = new URLSearchParams(path.split('?')[1] ?? '');
  const limit = Number(params.get('limit') ?? 50);
  const start = Number(params.get('startIndex') ?? 0);
  return {
    results: items.slice(start, start + limit),
    ...(start + limit < items.length ? { links: [{ rel: 'next', uri: `...startIndex=${start + limit}` }] } : {}),
    ...(params.get('totalCount') === 'true' ? { totalCount: items.length } : {}),
  };
}

function fakeClient(server: FakeServer): RestClient {
  const check = (method: string, path: string, body?: unknown) => {
    server.calls.push([method, path, body]);
    const error = server.failOn?.(method, path, body);
    if (error) {
      throw error;
    }
  };
  return {
    async get<T>(path: string): Promise<T> {
      check('GET', path);
      if (path.startsWith('/user?')) {
        return page(server.users, path) as T;
      }
      if (path.startsWith('/module/webservices.rest')) {
        return { version: server.restVersion } as T;
      }
      if (path.startsWith('/taskdefinition?')) {
        return page(server.tasks, path) as T;
      }
      const uuid = /^\/taskdefinition\/([^?]+)/.exec(path)?.[1];
      return server.tasks.find((t) => t.uuid === uuid) as T;
    },
    async post<T>(path: string, body: unknown): Promise<T> {
      check('POST', path, body);
      if (path === '/taskaction' && (body as { action: string }).action === 'RUNTASK') {
        server.onRun();
      }
      return {} as T;
    },
    async delete(path: string) {
      check('DELETE', path);
    },
  };
}

function server(overrides: Partial<FakeServer> = {}): FakeServer {
  return {
    users: [
      { uuid: 'a', retired: false, auditInfo: {} },
      { uuid: 'b', retired: false, auditInfo: {} },
      { uuid: 'old', retired: true, auditInfo: { retireReason: CORE_AUTO_RETIRE_REASON } },
    ],
    tasks: [{ uuid: 't1', name: 'Auto Retire Users', taskClass: AUTO, lastExecutionTime: null }],
    restVersion: '3.4.1',
    calls: [],
    onRun: () => undefined,
    ...overrides,
  };
}

const retireByCore = (s: FakeServer, uuid: string) => {
  Object.assign(s.users.find((u) => u.uuid === uuid)!, { retired: true, auditInfo: { retireReason: CORE_AUTO_RETIRE_REASON } });
};

describe('the app creates, starts and stops the core task so that a restart changes nothing', () => {
  it('creates the task with startOnStartup false', () => {
    expect(autoRetireTaskBody(86400, new Date()).startOnStartup).toBe(false);
  });

  it('start sets startOnStartup before SCHEDULETASK; stop clears it after SHUTDOWNTASK', async () => {
    const s = server();
    await startTask(fakeClient(s), 't1');
    await stopTask(fakeClient(s), 't1');
    expect(s.calls.map(([, path, body]) => [path, body])).toEqual([
      ['/taskdefinition/t1', { startOnStartup: true }],
      ['/taskaction', { action: 'SCHEDULETASK', tasks: ['t1'] }],
      ['/taskaction', { action: 'SHUTDOWNTASK', tasks: ['t1'] }],
      ['/taskdefinition/t1', { startOnStartup: false }],
    ]);
  });

  it('clears startOnStartup again when the task could not be started', async () => {
    const s = server({
      failOn: (_m, path, body) =>
        path === '/taskaction' && (body as { action: string }).action === 'SCHEDULETASK' ? new Error('Failed to schedule task') : undefined,
    });
    await expect(startTask(fakeClient(s), 't1')).rejects.toThrow('Failed to schedule task');
    expect(s.calls.at(-1)).toEqual(['POST', '/taskdefinition/t1', { startOnStartup: false }]);
  });

  it('recognises a stopped task that a restart would start', () => {
    expect(startsAfterRestart({ started: false, startOnStartup: true })).toBe(true);
    expect(startsAfterRestart({ started: true, startOnStartup: true })).toBe(false);
    expect(startsAfterRestart({ started: false, startOnStartup: false })).toBe(false);
  });

  it('finds the task on a later page of the scheduler list', async () => {
    const others = Array.from({ length: 120 }, (_, i) => ({ uuid: `o${i}`, name: `Other ${i}`, taskClass: 'x.Other' }));
    const s = server({ tasks: [...others, { uuid: 't1', name: 'Auto Retire Users', taskClass: AUTO }] });
    expect((await findAutoRetireTask(fakeClient(s)))?.uuid).toBe('t1');
  });
});

describe('Run now reads back what the run changed', () => {
  it('counts the accounts retired with core reason by this run, not those retired before', async () => {
    const s = server();
    s.onRun = () => retireByCore(s, 'a');
    const outcome = await runTaskAndReadBack(fakeClient(s), { uuid: 't1' });
    expect(outcome.finished).toBe(true);
    expect(outcome.retired.map((u) => u.uuid)).toEqual(['a']);
  });

  it('finds nothing when RUNTASK answered 201 but the task changed nothing', async () => {
    const s = server();
    const outcome = await runTaskAndReadBack(fakeClient(s), { uuid: 't1' });
    expect(outcome).toEqual({ retired: [], finished: true });
  });

  it('where RUNTASK only queues the run, waits for lastExecutionTime to move before reading back', async () => {
    const s = server({ restVersion: '4.0.0' });
    let polls = 0;
    const sleep = async () => {
      polls++;
      if (polls === 2) {
        retireByCore(s, 'b');
        s.tasks[0].lastExecutionTime = '2026-12-06T10:00:00.000+0000';
      }
    };
    const outcome = await runTaskAndReadBack(fakeClient(s), { uuid: 't1' }, { sleep, pollMs: 10, waitMs: 1000 });
    expect(polls).toBe(2);
    expect(outcome).toEqual({ retired: [expect.objectContaining({ uuid: 'b' })], finished: true });
  });

  it('says the queued run has not finished when lastExecutionTime never moves', async () => {
    const s = server({ restVersion: '4.0.0' });
    const outcome = await runTaskAndReadBack(fakeClient(s), { uuid: 't1' }, { sleep: async () => undefined, pollMs: 10, waitMs: 50 });
    expect(outcome).toEqual({ retired: [], finished: false });
  });

  it('knows which REST versions queue the run (TaskServiceWrapper.runTask)', () => {
    expect(runTaskIsQueued('2.44.0')).toBe(false);
    expect(runTaskIsQueued('3.4.1')).toBe(false);
    expect(runTaskIsQueued('4.0.0-SNAPSHOT')).toBe(true);
    expect(runTaskIsQueued(null)).toBe(false);
  });
});
