import { clearExemption, deactivateDecisions, reactivateUser, setExemption } from './user-actions.resource';
import { retireUser } from './policy-io';
import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { mockFetch, ok, fail, userWithProperties, serveUser, postedProperties } from '../test-support/openmrs-fetch';
import type { Decision } from './types';

describe('user writes', () => {
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

  it('retireUser retires with an encoded reason; reactivateUser unretires', async () => {
    mockFetch.mockImplementation((() => ok(null, 204)) as never);
    await retireUser(openmrsRestClient, 'u 1', 'Inactive for 97 days (limit 90) & more');
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
      ...userWithProperties.userProperties,
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
