import { fetchAllPages, isTransientError, statusOf, withReadRetries, type RestClient } from './rest-client';

function httpError(status: number, message = `HTTP ${status}`) {
  return Object.assign(new Error(message), {
    response: { status },
    responseBody: { error: { message } },
  });
}

const noSleep = async () => {};

function clientAnswering(...answers: Array<unknown>): RestClient & { get: jest.Mock } {
  const get = jest.fn();
  for (const answer of answers) {
    if (answer instanceof Error) {
      get.mockRejectedValueOnce(answer);
    } else {
      get.mockResolvedValueOnce(answer);
    }
  }
  return { get, post: jest.fn(), delete: jest.fn() };
}

describe('error classification', () => {
  it('reads the status of openmrsFetch and CLI errors', () => {
    expect(statusOf(httpError(404))).toBe(404);
    expect(statusOf({ status: 502 })).toBe(502);
    expect(statusOf(new Error('x'))).toBeUndefined();
    expect(statusOf(null)).toBeUndefined();
  });

  it.each`
    error                       | transient
    ${new TypeError('network')} | ${true}
    ${httpError(500)}           | ${true}
    ${httpError(503)}           | ${true}
    ${httpError(429)}           | ${true}
    ${httpError(404)}           | ${false}
    ${httpError(403)}           | ${false}
    ${httpError(401)}           | ${false}
  `('isTransientError $error.message → $transient', ({ error, transient }) => {
    expect(isTransientError(error)).toBe(transient);
  });
});

describe('withReadRetries', () => {
  it('reads again after a 503 or a network error, waiting longer each time', async () => {
    const client = clientAnswering(httpError(503), new TypeError('Failed to fetch'), { results: ['ok'] });
    const sleep = jest.fn(async (_ms: number) => {});
    await expect(withReadRetries(client, { sleep }).get('/user')).resolves.toEqual({ results: ['ok'] });
    expect(client.get).toHaveBeenCalledTimes(3);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([300, 600]);
  });

  it('gives up with the last error after its retries', async () => {
    const client = clientAnswering(httpError(500), httpError(502), httpError(503, 'still down'));
    await expect(withReadRetries(client, { sleep: noSleep }).get('/user')).rejects.toThrow('still down');
    expect(client.get).toHaveBeenCalledTimes(3);
  });

  it.each([401, 403, 404])('does not repeat a %i', async (status) => {
    const client = clientAnswering(httpError(status));
    await expect(withReadRetries(client, { sleep: noSleep }).get('/user')).rejects.toThrow(`HTTP ${status}`);
    expect(client.get).toHaveBeenCalledTimes(1);
  });

  it('never repeats a write', async () => {
    const client = clientAnswering();
    client.post = jest.fn().mockRejectedValue(httpError(503));
    await expect(withReadRetries(client, { sleep: noSleep }).post('/user/1', {})).rejects.toThrow('HTTP 503');
    expect(client.post).toHaveBeenCalledTimes(1);
  });

  it('lets fetchAllPages lower the page size at once when the server has a lower absolute limit', async () => {
    const client = clientAnswering(httpError(500, 'Administrator has set absolute limit at 50'), {
      results: [{ uuid: 'a' }],
      totalCount: 1,
    });
    await expect(fetchAllPages(withReadRetries(client, { sleep: noSleep }), '/user')).resolves.toEqual([{ uuid: 'a' }]);
    expect(client.get.mock.calls.map(([path]) => path)).toEqual([
      '/user?limit=100&startIndex=0&totalCount=true',
      '/user?limit=50&startIndex=0&totalCount=true',
    ]);
  });

  it('keeps a list of many pages whole when one page fails once', async () => {
    const client = clientAnswering(
      { results: [{ uuid: 'a' }], totalCount: 3 },
      httpError(503),
      { results: [{ uuid: 'b' }] },
      { results: [{ uuid: 'c' }] },
    );
    const all = await fetchAllPages(withReadRetries(client, { sleep: noSleep }), '/user', { pageSize: 1, concurrency: 1 });
    expect(all.map((u) => u.uuid)).toEqual(['a', 'b', 'c']);
  });
});
