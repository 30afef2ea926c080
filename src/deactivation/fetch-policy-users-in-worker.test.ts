import { fetchReadClient } from '../common/fetch-read-client';
import type { ListProgress } from '../common/rest-client';
import { restUser } from '../test-support/openmrs-fetch';
import { fetchPolicyUsersInWorker } from './fetch-policy-users-in-worker';
import { fetchAllPolicyUsers } from './policy-io';
import type { PolicyUsersMessage, PolicyUsersRequest } from './policy-users-messages';
import { startPolicyUsersWorker } from './start-policy-users-worker';
import { POST_EVERY_MS, streamPolicyUsers } from './stream-policy-users';
import type { PolicyUser } from './types';

jest.mock('@openmrs/esm-framework', () => ({
  ...jest.requireActual('@openmrs/esm-framework'),
  makeUrl: (path: string) => `/openmrs${path}`,
}));
jest.mock('./start-policy-users-worker', () => ({ startPolicyUsersWorker: jest.fn() }));

const REST = 'http://localhost/openmrs/ws/rest/v1';

/**
 * The server's user list, 250 users with totalCount; pages answer after different delays, so they
 * arrive out of order, and the list shifts by one after the first page (user-99 is on two pages).
 */
function userServer({ failWith, delayMs = (start) => (start === 100 ? 20 : 5) }: { failWith?: number; delayMs?: (start: number) => number } = {}) {
  const all = Array.from({ length: 250 }, (_, i) => restUser(i));
  const requests: string[] = [];
  const fetchImpl = jest.fn(async (url: string) => {
    requests.push(url);
    const u = new URL(url);
    if (failWith) {
      return { ok: false, status: failWith, statusText: '', json: async () => ({ error: { message: 'refused' } }) };
    }
    const start = Number(u.searchParams.get('startIndex'));
    const results = start === 0 ? all.slice(0, 100) : all.slice(start - 1, start + 99);
    await new Promise((resolve) => setTimeout(resolve, delayMs(start)));
    const body = { results, ...(u.searchParams.get('totalCount') ? { totalCount: all.length } : {}) };
    return { ok: true, status: 200, statusText: '', json: async () => JSON.parse(JSON.stringify(body)) };
  });
  return { fetchImpl: fetchImpl as unknown as typeof fetch, requests };
}

/** A worker running policy-users.worker.ts's code in this thread, answering asynchronously as a worker does. */
function inThreadWorker(fetchImpl: typeof fetch) {
  const worker = {
    onmessage: null as ((event: { data: PolicyUsersMessage }) => void) | null,
    onerror: null as (() => void) | null,
    requests: [] as PolicyUsersRequest[],
    terminate: jest.fn(),
    postMessage(request: PolicyUsersRequest) {
      worker.requests.push(request);
      streamPolicyUsers(request, (data) => setTimeout(() => worker.onmessage?.({ data })), fetchImpl);
    },
  };
  jest.mocked(startPolicyUsersWorker).mockReturnValue(worker as unknown as Worker);
  return worker;
}

describe('fetchPolicyUsersInWorker', () => {
  it('gives the list the main thread would, reporting the users and the progress as they come', async () => {
    const server = userServer();
    const worker = inThreadWorker(server.fetchImpl);
    const progress: ListProgress[] = [];
    const arrived: PolicyUser[] = [];

    const users = await fetchPolicyUsersInWorker({
      countsTotal: true,
      onProgress: (p) => progress.push(p),
      onResults: (page) => arrived.push(...page),
    });

    const mainThread = await fetchAllPolicyUsers(fetchReadClient(REST, userServer().fetchImpl), { countsTotal: true });
    expect(users).toEqual(mainThread);
    expect(users!.map((u) => u.uuid)).toEqual(Array.from({ length: 250 }, (_, i) => `user-${i}`));
    expect(users![0].dateCreated).toEqual(new Date('2024-01-01T00:00:00.000Z'));
    // the page read last arrived last: its users reached the page after the third page's
    expect(arrived.map((u) => u.uuid).indexOf('user-150')).toBeGreaterThan(arrived.map((u) => u.uuid).indexOf('user-200'));
    expect(arrived).toHaveLength(251);
    // the first page at once, then what arrived within POST_EVERY_MS of it together (the last page
    // arrived second, 5 ms after the first, and the second 20 ms after), sent as the list ends
    expect(progress).toEqual([
      { loaded: 100, total: 250 },
      { loaded: 251, total: 250 },
    ]);
    expect(worker.requests).toEqual([{ restBase: REST, countsTotal: true }]);
    expect(server.requests.every((url) => url.startsWith(`${REST}/user?v=custom:`))).toBe(true);
    expect(server.requests).toHaveLength(3);
    expect(worker.terminate).toHaveBeenCalled();
  });

  it('sends the users that arrived once POST_EVERY_MS has passed, without waiting for the next page', async () => {
    // the second page 10 ms after the first, the last one 300 ms after
    inThreadWorker(userServer({ delayMs: (start) => (start === 0 ? 0 : start === 100 ? 10 : 300) }).fetchImpl);
    const heard: Array<{ loaded: number; at: number }> = [];
    const start = Date.now();
    await fetchPolicyUsersInWorker({ countsTotal: true, onProgress: ({ loaded }) => heard.push({ loaded, at: Date.now() - start }) });
    expect(heard.map(({ loaded }) => loaded)).toEqual([100, 200, 251]);
    expect(heard[1].at).toBeGreaterThanOrEqual(POST_EVERY_MS - 5);
    expect(heard[1].at).toBeLessThan(250);
  });

  it('gives null when the worker cannot read the list, so the page reads it itself (a 401 goes to the login)', async () => {
    const worker = inThreadWorker(userServer({ failWith: 401 }).fetchImpl);
    await expect(fetchPolicyUsersInWorker({ countsTotal: true })).resolves.toBeNull();
    expect(worker.terminate).toHaveBeenCalled();
  });

  it('gives null when the worker script does not load', async () => {
    const worker = inThreadWorker(userServer().fetchImpl);
    worker.postMessage = () => setTimeout(() => worker.onerror?.());
    await expect(fetchPolicyUsersInWorker({ countsTotal: true })).resolves.toBeNull();
  });

  it('gives null where no worker may start', async () => {
    jest.mocked(startPolicyUsersWorker).mockReturnValue(null);
    await expect(fetchPolicyUsersInWorker({ countsTotal: true })).resolves.toBeNull();
  });
});
