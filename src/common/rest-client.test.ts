import {
  fetchAllPages,
  isNotFound,
  isTransientError,
  statusOf,
  versionAtLeast,
  withReadRetries,
  type Page,
  type RestClient,
} from './rest-client';

function httpError(status: number, message = `HTTP ${status}`, code = '') {
  return Object.assign(new Error(message), {
    response: { status },
    responseBody: { error: { message, code } },
  });
}

const NEW_REST = { uuid: 'webservices.rest', version: '3.4.1' };

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
    const client = clientAnswering(NEW_REST, httpError(500, 'Administrator has set absolute limit at 50'), {
      results: [{ uuid: 'a' }],
      totalCount: 1,
    });
    await expect(fetchAllPages(withReadRetries(client, { sleep: noSleep }), '/user')).resolves.toEqual([{ uuid: 'a' }]);
    expect(client.get.mock.calls.map(([path]) => path)).toEqual([
      '/module/webservices.rest?v=custom:(uuid,version)',
      '/user?limit=100&startIndex=0&totalCount=true',
      '/user?limit=50&startIndex=0&totalCount=true',
    ]);
  });

  it('keeps a list of many pages whole when one page fails once', async () => {
    const next = [{ rel: 'next', uri: '' }];
    const client = clientAnswering(
      NEW_REST,
      { results: [{ uuid: 'a' }], totalCount: 3, links: next },
      httpError(503),
      { results: [{ uuid: 'b' }], links: next },
      { results: [{ uuid: 'c' }] },
    );
    const all = await fetchAllPages(withReadRetries(client, { sleep: noSleep }), '/user', { pageSize: 1, concurrency: 1 });
    expect(all.map((u) => u.uuid)).toEqual(['a', 'b', 'c']);
  });
});

describe('isNotFound', () => {
  const USER_RESOURCE = 'org.openmrs.module.webservices.rest.web.v1_0.resource.openmrs1_8.UserResource1_8';
  it.each`
    case                                                | error                                                                                                              | notFound
    ${'a 404 (REST 2.50 and later)'}                    | ${httpError(404, "Object with given uuid doesn't exist [null]")}                                                   | ${true}
    ${'reading an unknown user before REST 2.50'}       | ${httpError(400, '[uuid => No bean specified]', `${USER_RESOURCE}:331`)}                                          | ${true}
    ${'updating an unknown user before REST 2.50'}      | ${httpError(400, '[userProperties]', `${USER_RESOURCE}:358`)}                                                    | ${true}
    ${'retiring an unknown user before REST 2.50'}      | ${httpError(500, '[null]', 'org.openmrs.module.webservices.rest.web.v1_0.wrapper.openmrs1_8.UserAndPassword1_8:79')} | ${true}
    ${'an unknown scheduler task'}                      | ${httpError(500, '[Object of class [org.openmrs.scheduler.TaskDefinition] with identifier [x]: not found]')}       | ${true}
    ${'core refusing the edit'}                         | ${httpError(500, '[You must have privileges: Get Users]', 'org.openmrs.api.impl.UserServiceImpl:0')}               | ${false}
    ${'a validation error'}                             | ${httpError(400, 'Invalid Submission')}                                                                            | ${false}
    ${'a server failure'}                               | ${httpError(500)}                                                                                                  | ${false}
    ${'a network error'}                                | ${new TypeError('Failed to fetch')}                                                                                | ${false}
  `('$case → $notFound', ({ error, notFound }) => {
    expect(isNotFound(error)).toBe(notFound);
  });

  it('a missing object is not worth another try, even as a 500', () => {
    expect(isTransientError(httpError(500, '[null]', 'x.wrapper.openmrs1_8.UserAndPassword1_8:79'))).toBe(false);
    expect(isTransientError(httpError(500, '[fromIndex(300) > toIndex(250)]'))).toBe(false);
  });
});

describe('versionAtLeast', () => {
  it.each`
    version             | minimum     | expected
    ${'2.49.0'}         | ${'2.49.0'} | ${true}
    ${'2.48.0'}         | ${'2.49.0'} | ${false}
    ${'2.100.1'}        | ${'2.49.0'} | ${true}
    ${'3.4.1'}          | ${'2.49.0'} | ${true}
    ${'2.49.0-SNAPSHOT'} | ${'2.49.0'} | ${true}
    ${null}             | ${'2.49.0'} | ${false}
    ${'unknown'}        | ${'2.49.0'} | ${false}
  `('$version ≥ $minimum: $expected', ({ version, minimum, expected }) => {
    expect(versionAtLeast(version, minimum)).toBe(expected);
  });
});

/** A NeedsPaging list on a server: `next` while more follow; past the end a 500, as subList throws. */
function pagedServer(size: number, restVersion: string | null, { pageDelayMs = 0 } = {}) {
  let inFlight = 0;
  const stats = { maxInFlight: 0, paths: [] as string[] };
  const get = jest.fn(async (path: string): Promise<unknown> => {
    stats.paths.push(path);
    if (path.startsWith('/module/webservices.rest')) {
      if (restVersion === null) {
        throw httpError(403);
      }
      return { uuid: 'webservices.rest', version: restVersion };
    }
    const params = new URLSearchParams(path.split('?')[1]);
    const limit = Number(params.get('limit'));
    const startIndex = Number(params.get('startIndex'));
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, pageDelayMs));
    inFlight--;
    if (startIndex > size) {
      throw httpError(500, `[fromIndex(${startIndex}) > toIndex(${size})]`, 'java.util.ArrayList:1014');
    }
    const page: Page<{ uuid: string }> = {
      results: Array.from({ length: Math.max(0, Math.min(limit, size - startIndex)) }, (_, i) => ({ uuid: `u${startIndex + i}` })),
    };
    if (startIndex + limit < size) {
      page.links = [{ rel: 'next', uri: `?startIndex=${startIndex + limit}` }];
    }
    if (params.get('totalCount') === 'true') {
      page.totalCount = size;
    }
    return page;
  });
  return { client: { get, post: jest.fn(), delete: jest.fn() } as RestClient, stats };
}

const listPaths = (paths: string[]) => paths.filter((p) => p.startsWith('/user'));

describe('fetchAllPages', () => {
  it('REST 2.49 and later: asks for totalCount on the first page only, then fetches exactly the pages left', async () => {
    const { client, stats } = pagedServer(250, '2.49.0');
    const all = await fetchAllPages<{ uuid: string }>(client, '/user?v=ref');
    expect(all).toHaveLength(250);
    expect(listPaths(stats.paths)).toEqual([
      '/user?v=ref&limit=100&startIndex=0&totalCount=true',
      '/user?v=ref&limit=100&startIndex=100',
      '/user?v=ref&limit=100&startIndex=200',
    ]);
  });

  it.each(['2.44.0', '2.48.0', null])('REST %s (null: the version cannot be read): never sends totalCount, and still gets every result', async (version) => {
    const { client, stats } = pagedServer(1234, version);
    const all = await fetchAllPages<{ uuid: string }>(client, '/user?v=ref');
    expect(all.map((u) => u.uuid)).toEqual(Array.from({ length: 1234 }, (_, i) => `u${i}`));
    expect(stats.paths.some((p) => p.includes('totalCount'))).toBe(false);
  });

  it('without totalCount, reads pages ahead in parallel and ignores the pages read past the end', async () => {
    const { client, stats } = pagedServer(1000, '2.44.0', { pageDelayMs: 5 });
    const all = await fetchAllPages<{ uuid: string }>(client, '/user', { concurrency: 4 });
    expect(all).toHaveLength(1000);
    expect(stats.maxInFlight).toBe(4);
    // 10 full pages, the empty 11th ends the list; at most concurrency - 1 more were asked for
    expect(listPaths(stats.paths).length).toBeGreaterThanOrEqual(11);
    expect(listPaths(stats.paths).length).toBeLessThanOrEqual(14);
  });

  it('stops at the first short page', async () => {
    const { client, stats } = pagedServer(150, '2.44.0');
    expect(await fetchAllPages(client, '/user', { concurrency: 1 })).toHaveLength(150);
    expect(listPaths(stats.paths)).toEqual(['/user?limit=100&startIndex=0', '/user?limit=100&startIndex=100']);
  });

  it('stops at a full page without a next link', async () => {
    const { client, stats } = pagedServer(200, '2.44.0');
    expect(await fetchAllPages(client, '/user', { concurrency: 1 })).toHaveLength(200);
    expect(listPaths(stats.paths)).toEqual(['/user?limit=100&startIndex=0', '/user?limit=100&startIndex=100']);
  });

  it('asks for the REST version once per client', async () => {
    const { client, stats } = pagedServer(10, '2.44.0');
    await fetchAllPages(client, '/user');
    await fetchAllPages(client, '/location');
    expect(stats.paths.filter((p) => p.startsWith('/module'))).toHaveLength(1);
  });

  it('fails when a page before the end fails', async () => {
    const { client } = pagedServer(500, '2.44.0');
    const get = client.get as jest.Mock;
    const real = get.getMockImplementation()!;
    get.mockImplementation((path: string) => (path.includes('startIndex=200') ? Promise.reject(httpError(500, 'boom')) : real(path)));
    await expect(fetchAllPages(client, '/user')).rejects.toThrow('boom');
  });

  it('keeps a result seen on two pages once (the list shifted while paging)', async () => {
    const client = clientAnswering(
      { version: '2.44.0' },
      { results: [{ uuid: 'a' }, { uuid: 'b' }], links: [{ rel: 'next', uri: '' }] },
      { results: [{ uuid: 'b' }] },
    );
    expect(await fetchAllPages(client, '/user', { pageSize: 2, concurrency: 1 })).toEqual([{ uuid: 'a' }, { uuid: 'b' }]);
  });

  it('reports what is loaded, with the total only where the server tells it', async () => {
    const old = pagedServer(250, '2.44.0');
    const oldProgress: unknown[] = [];
    await fetchAllPages(old.client, '/user', { concurrency: 1, onProgress: (p) => oldProgress.push(p) });
    expect(oldProgress).toEqual([
      { loaded: 100, total: null },
      { loaded: 200, total: null },
      { loaded: 250, total: null },
    ]);
    const current = pagedServer(250, '3.4.1');
    const progress: unknown[] = [];
    await fetchAllPages(current.client, '/user', { concurrency: 1, onProgress: (p) => progress.push(p) });
    expect(progress.at(-1)).toEqual({ loaded: 250, total: 250 });
    expect(progress[0]).toEqual({ loaded: 100, total: 250 });
  });
});

describe('fetchAllPages page by page', () => {
  it('hands over each page\'s results as it arrives, every result once in all', async () => {
    const { client } = pagedServer(250, '3.4.1');
    const pages: number[] = [];
    const seen: unknown[] = [];
    const all = await fetchAllPages(client, '/user', { onResults: (results) => (pages.push(results.length), seen.push(...results)) });
    expect(pages.sort()).toEqual([100, 100, 50]);
    expect(new Set(seen)).toEqual(new Set(all));
  });
});

describe('fetchAllPages when the list shrinks while paging (REST 2.49+)', () => {
  it('drops the page that is now past the end instead of failing on its 500', async () => {
    const { client } = pagedServer(250, '3.4.1');
    const get = client.get as jest.Mock;
    const real = get.getMockImplementation()!;
    // after the first page said 250, seventy users are purged: the second page is short, the third past the end
    let first = true;
    get.mockImplementation(async (path: string) => {
      if (path.startsWith('/user') && !first) {
        const start = Number(new URLSearchParams(path.split('?')[1]).get('startIndex'));
        if (start >= 200) {
          throw httpError(500, `[fromIndex(${start}) > toIndex(180)]`, 'java.util.ArrayList:1014');
        }
        const page = (await real(path)) as Page<{ uuid: string }>;
        return { results: page.results.slice(0, 80) };
      }
      if (path.startsWith('/user')) {
        first = false;
      }
      return real(path);
    });
    const all = await fetchAllPages<{ uuid: string }>(client, '/user');
    expect(all).toHaveLength(180);
    expect(listPaths(get.mock.calls.map(([path]) => path))).toHaveLength(3);
  });
});
