import { deactivateDecisions } from './user-actions.resource';
import { retireUser } from './policy-io';
import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { mockFetch, ok, fail, userWithProperties, serveUser, postedProperties } from '../test-support/openmrs-fetch';
import type { Decision } from './types';

describe('user writes', () => {
  it('retireUser retires with an encoded reason', async () => {
    mockFetch.mockImplementation((() => ok(null, 204)) as never);
    await retireUser(openmrsRestClient, 'u 1', 'Inactive for 97 days (limit 90) & more');
    expect(mockFetch).toHaveBeenLastCalledWith(
      '/ws/rest/v1/user/u%201?reason=Inactive%20for%2097%20days%20(limit%2090)%20%26%20more',
      { method: 'DELETE' },
    );
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
    await expect(retireUser(openmrsRestClient, 'u1', 'x')).rejects.toMatchObject({ response: { status: 401 } });
  });
});
