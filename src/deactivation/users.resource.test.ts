import { renderHook, waitFor } from '@testing-library/react';
import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { pagedUsers, swrWrapper } from '../test-support/openmrs-fetch';
import { fetchAllPolicyUsersShared, useAllPolicyUsers } from './users.resource';
import { fetchPolicyUsersInWorker } from './fetch-policy-users-in-worker';
import { toPolicyUser } from './rest-user';

jest.mock('../common/openmrs-rest.resource', () => ({
  openmrsRestClient: { get: jest.fn(), post: jest.fn(), delete: jest.fn() },
}));
// no worker unless a test starts one: the page then reads the list itself, through openmrsFetch
jest.mock('./fetch-policy-users-in-worker', () => ({ fetchPolicyUsersInWorker: jest.fn() }));
beforeEach(() => jest.mocked(fetchPolicyUsersInWorker).mockResolvedValue(null));

const restUser = (uuid: string) => ({ uuid, username: uuid, display: uuid, retired: false, userProperties: {}, roles: [] });

describe('fetchAllPolicyUsersShared', () => {
  beforeEach(() => {
    jest.mocked(openmrsRestClient.get).mockReset();
    jest.mocked(openmrsRestClient.get).mockImplementation(async (path: string) =>
      path.startsWith('/module/') ? { version: '3.4.1' } : { results: [restUser('a'), restUser('b')], totalCount: 2 },
    );
  });

  /** Requests for the user list (the first list also asks once for the REST module's version). */
  const userListCalls = () => jest.mocked(openmrsRestClient.get).mock.calls.filter(([path]) => path.startsWith('/user?'));

  it('shares one fetch between callers at the same time (the alert after login and the page)', async () => {
    const [first, second] = await Promise.all([fetchAllPolicyUsersShared(), fetchAllPolicyUsersShared()]);
    expect(userListCalls()).toHaveLength(1);
    expect(first.map((u) => u.uuid)).toEqual(['a', 'b']);
    expect(second).toBe(first);
  });

  it('fetches afresh once the earlier fetch has finished, also after a failure', async () => {
    await fetchAllPolicyUsersShared();
    jest.mocked(openmrsRestClient.get).mockRejectedValueOnce(new Error('offline'));
    await expect(fetchAllPolicyUsersShared()).rejects.toThrow('offline');
    await fetchAllPolicyUsersShared();
    expect(userListCalls()).toHaveLength(3);
  });

  it('takes the list from the worker when one reads it, with no list request of its own', async () => {
    const fromWorker = [toPolicyUser(restUser('w'))];
    jest.mocked(fetchPolicyUsersInWorker).mockResolvedValue(fromWorker);
    await expect(fetchAllPolicyUsersShared()).resolves.toBe(fromWorker);
    expect(userListCalls()).toHaveLength(0);
    expect(fetchPolicyUsersInWorker).toHaveBeenCalledWith(expect.objectContaining({ countsTotal: true }));
  });

  it('does not share with another client', async () => {
    const other = { get: jest.fn().mockResolvedValue({ results: [restUser('c')], totalCount: 1 }), post: jest.fn(), delete: jest.fn() };
    const [mine, theirs] = await Promise.all([fetchAllPolicyUsersShared(), fetchAllPolicyUsersShared(other)]);
    expect(mine.map((u) => u.uuid)).toEqual(['a', 'b']);
    expect(theirs.map((u) => u.uuid)).toEqual(['c']);
  });
});

describe('useAllPolicyUsers', () => {
  it('returns PolicyUsers, retired ones included', async () => {
    const serve = pagedUsers(120);
    jest.mocked(openmrsRestClient.get).mockImplementation(async (path: string) => (await serve(`/ws/rest/v1${path}`)).data);
    const { result } = renderHook(() => useAllPolicyUsers(), { wrapper: swrWrapper });
    expect(result.current.users).toEqual([]);
    expect(result.current.isLoading).toBe(true);
    await waitFor(() => expect(result.current.users).toHaveLength(120));
    expect(result.current.users[0]).toMatchObject({ uuid: 'user-0', retired: true, familyName: 'Doe', roles: ['Clerk'] });
    expect(result.current.error).toBeUndefined();
  });
});
