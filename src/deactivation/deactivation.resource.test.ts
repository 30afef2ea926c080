import React from 'react';
import { renderHook, waitFor } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { openmrsFetch, type FetchResponse } from '@openmrs/esm-framework';
import { useAllPolicyUsers } from './users.resource';
import {
  clearExemption,
  deactivateDecisions,
  deactivateUser,
  reactivateUser,
  setExemption,
} from './user-actions.resource';
import { openmrsRestClient, updateUserProperties } from '../common/openmrs-rest.resource';
import { saveDeactivationPolicy, useDeactivationPolicy } from './policy-settings.resource';
import {
  createAutoRetireTask,
  runTask,
  scheduleTask,
  shutdownTask,
  updateTaskInterval,
  useAutoRetireTask,
  useCoreTaskSupport,
} from './core-task.resource';
import { createDefaultPolicy, serializePolicy } from './policy-json';
import { POLICY_USER_REP } from './rest-user';
import {
  coreSupportFromVersion,
  CoreTaskUnavailableError,
  fetchAllRestUsers,
  findCoreVersion,
  isMissingTaskClassError,
  PolicyValidationError,
} from './policy-io';
import type { Decision } from './types';

const mockFetch = jest.mocked(openmrsFetch);

function ok<T>(data: T, status = 200) {
  return Promise.resolve({ data, status, ok: true } as unknown as FetchResponse<T>);
}
function fail(status: number, message = 'error') {
  return Promise.reject(
    Object.assign(new Error(`Server responded with ${status}`), {
      response: { status },
      responseBody: { error: { message } },
    }),
  );
}

const wrapper = ({ children }: { children: React.ReactNode }) =>
  React.createElement(SWRConfig, { value: { dedupingInterval: 0, provider: () => new Map() } }, children);

function restUser(i: number) {
  return {
    uuid: `user-${i}`,
    display: `u${i}`,
    username: `u${i}`,
    systemId: `${i}-1`,
    userProperties: { lastLoginTimestamp: '1700000000000' },
    retired: i % 50 === 0,
    person: { uuid: `p${i}`, display: `Person ${i}`, preferredName: { familyName: 'Doe' } },
    roles: [{ name: 'Clerk' }],
    allRoles: [{ name: 'Clerk' }],
    auditInfo: { dateCreated: '2024-01-01T00:00:00.000+0000' },
  };
}

/** The list requests among all requests made (the first list also asks for the REST module's version). */
const listUrls = (resource: string) =>
  mockFetch.mock.calls.map((c) => c[0] as string).filter((url) => url.startsWith(`/ws/rest/v1/${resource}?`));

function pagedUsers(total: number, maxLimit = 100) {
  const all = Array.from({ length: total }, (_, i) => restUser(i));
  return (url: string) => {
    if (url.startsWith('/ws/rest/v1/module/webservices.rest')) {
      return ok({ uuid: 'webservices.rest', version: '3.4.1' });
    }
    const u = new URL(url, 'http://x');
    const limit = Number(u.searchParams.get('limit'));
    if (limit > maxLimit) {
      return fail(500, `[Administrator has set absolute limit at ${maxLimit}]`);
    }
    const start = Number(u.searchParams.get('startIndex') ?? 0);
    const body: Record<string, unknown> = { results: all.slice(start, start + limit) };
    if (u.searchParams.get('totalCount') === 'true') {
      body.totalCount = total;
    }
    return ok(body);
  };
}

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

describe('useAllPolicyUsers', () => {
  it('returns PolicyUsers, retired ones included', async () => {
    const serve = pagedUsers(120);
    mockFetch.mockImplementation(((url: string) => serve(url)) as never);
    const { result } = renderHook(() => useAllPolicyUsers(), { wrapper });
    expect(result.current.users).toEqual([]);
    expect(result.current.isLoading).toBe(true);
    await waitFor(() => expect(result.current.users).toHaveLength(120));
    expect(result.current.users[0]).toMatchObject({ uuid: 'user-0', retired: true, familyName: 'Doe', roles: ['Clerk'] });
    expect(result.current.error).toBeUndefined();
  });
});

describe('the policy global property', () => {
  it('is the default policy when not set yet (404)', async () => {
    mockFetch.mockImplementation((() => fail(404, 'Object with given uuid doesn\'t exist')) as never);
    const { result } = renderHook(() => useDeactivationPolicy(), { wrapper });
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    expect(result.current).toMatchObject({ policy: createDefaultPolicy(), errors: [], isSet: false, error: undefined });
    expect(mockFetch.mock.calls[0][0]).toBe('/ws/rest/v1/systemsetting/useraccess.deactivationPolicy?v=default');
  });

  it('parses a stored policy and reports problems with it', async () => {
    mockFetch.mockImplementation((() =>
      ok({ property: 'useraccess.deactivationPolicy', value: '{"version":1,"enabled":true,"inactiveDays":0}' })) as never);
    const { result } = renderHook(() => useDeactivationPolicy(), { wrapper });
    await waitFor(() => expect(result.current.isSet).toBe(true));
    expect(result.current.policy.enabled).toBe(true);
    expect(result.current.errors).toEqual(['The inactivity limit must be a whole number of days from 1 to 3650.']);
  });

  it('surfaces errors other than 404', async () => {
    mockFetch.mockImplementation((() => fail(403)) as never);
    const { result } = renderHook(() => useDeactivationPolicy(), { wrapper });
    await waitFor(() => expect(result.current.error).toBeDefined());
  });

  it('saves the policy and keeps users.numberOfDaysToRetire in step', async () => {
    mockFetch.mockImplementation((() => ok({}, 201)) as never);
    const enabled = { ...createDefaultPolicy(), enabled: true, inactiveDays: 60 };
    await saveDeactivationPolicy(enabled);
    const posts = mockFetch.mock.calls.filter((c) => c[1]?.method === 'POST');
    expect(posts.map((c) => [c[0], (c[1]?.body as Record<string, string>).property, (c[1]?.body as Record<string, string>).value])).toEqual([
      ['/ws/rest/v1/systemsetting', 'useraccess.deactivationPolicy', serializePolicy(enabled)],
      ['/ws/rest/v1/systemsetting', 'users.numberOfDaysToRetire', '60'],
    ]);
    expect((posts[0][1]?.body as Record<string, string>).description).toMatch(/deactivation policy/);

    mockFetch.mockClear();
    await saveDeactivationPolicy(createDefaultPolicy());
    const blank = mockFetch.mock.calls.find((c) => (c[1]?.body as Record<string, string>)?.property === 'users.numberOfDaysToRetire');
    expect((blank?.[1]?.body as Record<string, string>).value).toBe('');
  });

  it('refuses to save an invalid policy and writes nothing', async () => {
    const bad = { ...createDefaultPolicy(), maxPerRun: 0, inactiveDays: -1 };
    const attempt = saveDeactivationPolicy(bad);
    await expect(attempt).rejects.toBeInstanceOf(PolicyValidationError);
    await expect(attempt).rejects.toMatchObject({
      validationErrors: [
        'The inactivity limit must be a whole number of days from 1 to 3650.',
        'The maximum number of deactivations per run must be a whole number from 1 to 10000.',
      ],
    });
    expect(mockFetch).not.toHaveBeenCalled();
  });
});

describe('user writes', () => {
  const existing = {
    uuid: 'u1',
    userProperties: {
      defaultLocation: 'loc-1',
      lastLoginTimestamp: '1700000000000',
      loginAttempts: '0',
      locationUuid: 'a,b',
      'useraccess.exemptUntil': '2020-01-01',
      'useraccess.exemptReason': 'old',
    },
  };

  function serveUser() {
    mockFetch.mockImplementation(((url: string, init?: { method?: string }) =>
      init?.method === 'POST' ? ok({ uuid: 'u1' }) : ok(existing)) as never);
  }
  const postedProperties = () =>
    (mockFetch.mock.calls.find((c) => c[1]?.method === 'POST')?.[1]?.body as { userProperties: Record<string, string> })
      .userProperties;

  it('reads the user fresh, merges, and never drops other properties', async () => {
    serveUser();
    await updateUserProperties('u1', { foo: 'bar', loginAttempts: null });
    expect(mockFetch.mock.calls[0][0]).toBe('/ws/rest/v1/user/u1?v=custom:(uuid,userProperties)');
    expect(mockFetch.mock.calls[1][0]).toBe('/ws/rest/v1/user/u1');
    const { loginAttempts, ...kept } = existing.userProperties;
    expect(loginAttempts).toBe('0');
    expect(postedProperties()).toEqual({ ...kept, foo: 'bar' });
  });

  it('setExemption writes the date and reason; a blank reason removes the old one', async () => {
    serveUser();
    await setExemption('u1', '2026-03-01', ' Transfer ');
    expect(postedProperties()).toMatchObject({
      'useraccess.exemptUntil': '2026-03-01',
      'useraccess.exemptReason': 'Transfer',
      lastLoginTimestamp: '1700000000000',
      defaultLocation: 'loc-1',
    });
    mockFetch.mockClear();
    serveUser();
    await setExemption('u1', '2026-03-01');
    expect(postedProperties()).not.toHaveProperty('useraccess.exemptReason');
  });

  it('setExemption refuses a date that is not yyyy-mm-dd, before any request', async () => {
    await expect(setExemption('u1', '01/03/2026', 'x')).rejects.toThrow(/yyyy-mm-dd/);
    await expect(setExemption('u1', '2026-02-30', 'x')).rejects.toThrow(/yyyy-mm-dd/);
    expect(mockFetch).not.toHaveBeenCalled();
  });

  it('clearExemption removes both exemption properties only', async () => {
    serveUser();
    await clearExemption('u1');
    expect(postedProperties()).toEqual({
      defaultLocation: 'loc-1',
      lastLoginTimestamp: '1700000000000',
      loginAttempts: '0',
      locationUuid: 'a,b',
    });
  });

  it('deactivateUser retires with an encoded reason; reactivateUser unretires', async () => {
    mockFetch.mockImplementation((() => ok(null, 204)) as never);
    await deactivateUser('u 1', 'Inactive for 97 days (limit 90) & more');
    expect(mockFetch).toHaveBeenLastCalledWith(
      '/ws/rest/v1/user/u%201?reason=Inactive%20for%2097%20days%20(limit%2090)%20%26%20more',
      { method: 'DELETE' },
    );
    await reactivateUser('u1');
    expect(mockFetch).toHaveBeenLastCalledWith('/ws/rest/v1/user/u1', { method: 'POST', body: { retired: false } });
  });

  it('reactivateUser with a grace period also exempts, keeping other properties', async () => {
    serveUser();
    await reactivateUser('u1', { untilIsoDate: '2026-12-10' });
    expect(mockFetch.mock.calls[0]).toEqual(['/ws/rest/v1/user/u1', { method: 'POST', body: { retired: false } }]);
    const last = mockFetch.mock.calls[mockFetch.mock.calls.length - 1];
    expect((last[1]?.body as { userProperties: Record<string, string> }).userProperties).toEqual({
      ...existing.userProperties,
      'useraccess.exemptUntil': '2026-12-10',
      'useraccess.exemptReason': 'Reactivated',
    });
    mockFetch.mockClear();
    await expect(reactivateUser('u1', { untilIsoDate: 'tomorrow' })).rejects.toThrow(/yyyy-mm-dd/);
    expect(mockFetch).not.toHaveBeenCalled();
  });

  it('deactivateDecisions runs only due decisions, skips the acting user, and stops on 401', async () => {
    const d = (uuid: string, status: Decision['status'] = 'due'): Decision => ({
      uuid,
      status,
      rule: 'inactive',
      reasonCode: 'dueAfterLogin',
      reasonParams: { days: 97, limit: 90, inDays: 0, demo: 0 },
      lastActivity: null,
      deactivateOn: null,
    });
    mockFetch.mockImplementation(((url: string) => (url.includes('/user/c?') ? fail(401) : ok(null, 204))) as never);
    const outcome = await deactivateDecisions([d('a'), d('me'), d('x', 'upcoming'), d('b'), d('c'), d('e')], {
      actingUserUuid: 'me',
      concurrency: 1,
    });
    expect(outcome.results.map((r) => r.item.uuid)).toEqual(['a', 'b']);
    expect(outcome.remaining.map((r) => r.uuid)).toEqual(['c', 'e']);
    expect(outcome.stoppedBecause).toBe('unauthenticated');
  });

  it('never sends DELETE for a user already retired (it would overwrite the reason): reads it again and reports it', async () => {
    mockFetch.mockImplementation(((url: string) =>
      url.includes('?v=')
        ? ok({ uuid: url.includes('/user/old') ? 'old' : 'new', retired: url.includes('/user/old'), auditInfo: { retireReason: 'Left the organisation' } })
        : ok(null, 204)) as never);
    const d = (uuid: string): Decision => ({
      uuid,
      status: 'due',
      rule: 'inactive',
      reasonCode: 'custom',
      reasonParams: { text: 'Inactive' },
      lastActivity: null,
      deactivateOn: null,
    });
    const outcome = await deactivateDecisions([d('old'), d('new')], { concurrency: 1, sleep: async () => {} });
    const deletes = mockFetch.mock.calls.filter(([, init]) => init?.method === 'DELETE').map(([url]) => url);
    expect(deletes).toEqual(['/ws/rest/v1/user/new?reason=Inactive']);
    expect(outcome.results.map((r) => [r.item.uuid, r.status, r.attempts])).toEqual([
      ['old', 'failed', 1],
      ['new', 'success', 1],
    ]);
    expect(outcome.results[0]).toMatchObject({ message: 'Already deactivated ("Left the organisation"); not deactivated again, so its reason stays.' });
  });

  it('treats an openmrsFetch that resolves with nothing (after a login redirect) as a 401', async () => {
    mockFetch.mockImplementation((() => Promise.resolve(undefined)) as never);
    await expect(reactivateUser('u1')).rejects.toMatchObject({ response: { status: 401 } });
  });
});

describe('core AutoRetireUsersTask', () => {
  const task = {
    uuid: 't1',
    name: 'Auto Retire Users',
    taskClass: 'org.openmrs.scheduler.tasks.AutoRetireUsersTask',
    repeatInterval: 86400,
    started: true,
  };

  it('finds the task definition by class', async () => {
    mockFetch.mockImplementation((() =>
      ok({ results: [{ uuid: 'other', taskClass: 'org.openmrs.scheduler.tasks.ProcessHL7InQueueTask' }, task] })) as never);
    const { result } = renderHook(() => useAutoRetireTask(), { wrapper });
    await waitFor(() => expect(result.current.task).toEqual(task));
    expect(listUrls('taskdefinition')[0]).toMatch(/^\/ws\/rest\/v1\/taskdefinition\?v=full/);
  });

  it('is null when there is none', async () => {
    mockFetch.mockImplementation((() => ok({ results: [] })) as never);
    const { result } = renderHook(() => useAutoRetireTask(), { wrapper });
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    expect(result.current.task).toBeNull();
  });

  it('creates the definition with every required field', async () => {
    mockFetch.mockImplementation((() => ok(task, 201)) as never);
    await createAutoRetireTask(3600, new Date('2026-01-01T02:00:00Z'));
    expect(mockFetch).toHaveBeenCalledWith('/ws/rest/v1/taskdefinition', {
      method: 'POST',
      body: {
        name: 'Auto Retire Users',
        description: expect.stringMatching(/users.numberOfDaysToRetire/),
        taskClass: 'org.openmrs.scheduler.tasks.AutoRetireUsersTask',
        startTime: '2026-01-01T02:00:00.000+0000',
        repeatInterval: 3600,
        startOnStartup: false,
        properties: {},
      },
    });
    await expect(createAutoRetireTask(10)).rejects.toThrow(/60 seconds/);
  });

  it('updates the interval and reschedules a started task', async () => {
    mockFetch.mockImplementation((() => ok({}, 200)) as never);
    await updateTaskInterval(task, 7200);
    expect(mockFetch.mock.calls.map((c) => [c[0], c[1]?.body])).toEqual([
      ['/ws/rest/v1/taskdefinition/t1', { repeatInterval: 7200 }],
      ['/ws/rest/v1/taskaction', { action: 'RESCHEDULETASK', tasks: ['t1'] }],
    ]);
    mockFetch.mockClear();
    await updateTaskInterval({ ...task, started: false }, 7200);
    expect(mockFetch).toHaveBeenCalledTimes(1);
  });

  it.each`
    fn              | action
    ${scheduleTask} | ${'SCHEDULETASK'}
    ${shutdownTask} | ${'SHUTDOWNTASK'}
  `('$action goes through /taskaction', async ({ fn, action }) => {
    mockFetch.mockImplementation((() => ok({ tasks: [], action }, 201)) as never);
    await fn('t1');
    expect(mockFetch).toHaveBeenCalledWith('/ws/rest/v1/taskaction', { method: 'POST', body: { action, tasks: ['t1'] } });
  });

  it('reports a clear error when the server has no such class', async () => {
    mockFetch.mockImplementation(((url: string) =>
      url.endsWith('/taskaction')
        ? fail(500, '[Unable to schedule task => java.lang.ClassNotFoundException: org.openmrs.scheduler.tasks.AutoRetireUsersTask]')
        : ok(task)) as never);
    await expect(scheduleTask('t1')).rejects.toBeInstanceOf(CoreTaskUnavailableError);
    mockFetch.mockImplementation(((url: string) =>
      url.endsWith('/taskaction')
        ? fail(500, '[Errors occurred while running task => could not load class => org.openmrs.scheduler.tasks.AutoRetireUsersTask]')
        : ok(url.includes('/user?') ? { results: [] } : task)) as never);
    await expect(runTask('t1')).rejects.toThrow(/needs OpenMRS core 2.7 or later/);
  });

  it('passes other errors through', async () => {
    mockFetch.mockImplementation((() => fail(403, 'Privileges required: Manage Scheduler')) as never);
    await expect(scheduleTask('t1')).rejects.toMatchObject({ response: { status: 403 } });
    expect(isMissingTaskClassError({ response: { status: 500 }, message: 'Deadlock' })).toBe(false);
  });

  it('detects support from the core version, best effort', async () => {
    mockFetch.mockImplementation((() =>
      ok({
        systemInfo: {
          'SystemInfo.title.openmrsInformation': {
            'SystemInfo.OpenMRSInstallation.systemDate': '2026-01-01',
            'SystemInfo.OpenMRSInstallation.openmrsVersion': '2.7.4 Build 1234',
          },
        },
      })) as never);
    const { result } = renderHook(() => useCoreTaskSupport(), { wrapper });
    await waitFor(() => expect(result.current.support).toEqual({ status: 'available', version: '2.7.4 Build 1234' }));
  });

  it('says unknown when systeminformation cannot be read', async () => {
    mockFetch.mockImplementation((() => fail(403)) as never);
    const { result } = renderHook(() => useCoreTaskSupport(), { wrapper });
    await waitFor(() => expect(result.current.isLoading).toBe(false));
    expect(result.current.support.status).toBe('unknown');
  });

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
