import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { mockFetch, ok, fail, restUser, listUrls, pagedUsers } from '../test-support/openmrs-fetch';
import { POLICY_USER_REP } from './rest-user';
import {
  coreSupportFromVersion,
  CoreTaskUnavailableError,
  fetchAllRestUsers,
  findCoreVersion,
  isMissingTaskClassError,
  runTaskAndReadBack,
  startTask,
  stopTask,
} from './policy-io';

describe('fetchAllRestUsers through openmrsFetch', () => {
  const fetchAllUsers = () => fetchAllRestUsers(openmrsRestClient);

  it.each([
    [0, 1],
    [1, 1],
    [100, 1],
    [101, 2],
    [250, 3],
    [1000, 10],
  ])('%i users take %i requests', async (total, requests) => {
    const serve = pagedUsers(total);
    mockFetch.mockImplementation(((url: string) => serve(url)) as never);
    const users = await fetchAllUsers();
    expect(users).toHaveLength(total);
    expect(new Set(users.map((u) => u.uuid)).size).toBe(total);
    const urls = listUrls('user');
    expect(urls).toHaveLength(requests);
    expect(urls[0]).toBe(
      `/ws/rest/v1/user?v=${POLICY_USER_REP}&limit=100&startIndex=0&totalCount=true`,
    );
    expect(urls.slice(1).every((url) => !url.includes('totalCount'))).toBe(true);
  });

  it('fetches the later pages in parallel, at most 6 at a time', async () => {
    const serve = pagedUsers(1500);
    let inFlight = 0;
    let peak = 0;
    mockFetch.mockImplementation((async (url: string) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return serve(url);
    }) as never);
    expect(await fetchAllUsers()).toHaveLength(1500);
    expect(peak).toBe(6);
  });

  it("lowers the page size to the server's absolute limit", async () => {
    const serve = pagedUsers(120, 50);
    mockFetch.mockImplementation(((url: string) => serve(url)) as never);
    expect(await fetchAllUsers()).toHaveLength(120);
    expect(listUrls('user').map((url) => new URL(url, 'http://x').searchParams.get('limit'))).toEqual([
      '100',
      '50',
      '50',
      '50',
    ]);
  });

  it('follows next links when the server gives no totalCount', async () => {
    const all = Array.from({ length: 150 }, (_, i) => restUser(i));
    mockFetch.mockImplementation(((url: string) => {
      const start = Number(new URL(url, 'http://x').searchParams.get('startIndex'));
      const results = all.slice(start, start + 100);
      return ok({ results, links: start + 100 < all.length ? [{ rel: 'next', uri: 'x' }] : [] });
    }) as never);
    expect(await fetchAllUsers()).toHaveLength(150);
  });

  it('propagates errors', async () => {
    mockFetch.mockImplementation((() => fail(403, 'Privileges required: Get Users')) as never);
    await expect(fetchAllUsers()).rejects.toMatchObject({ response: { status: 403 } });
  });
});

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
  const task = {
    uuid: 't1',
    name: 'Auto Retire Users',
    taskClass: 'org.openmrs.scheduler.tasks.AutoRetireUsersTask',
    repeatInterval: 86400,
    started: true,
  };

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
