import { openmrsRestClient } from '../common/openmrs-rest.resource';
import { mockFetch, ok, fail, restUser, listUrls, pagedUsers } from '../test-support/openmrs-fetch';
import { POLICY_USER_REP } from './rest-user';
import { fetchAllRestUsers } from './policy-io';

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
