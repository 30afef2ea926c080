/**
 * `totalCount` is a special request parameter only from REST 2.49.0 (RestConstants.SPECIAL_REQUEST_PARAMETERS,
 * RESTWS-943). Before, MainResourceController.get sees a non-special parameter and calls the resource's
 * search instead of its getAll.
 */
import { call, CLERK, start, type TestServer } from './helpers';

let oldest: TestServer;
let newest: TestServer;
beforeAll(async () => {
  [oldest, newest] = await Promise.all([start({ restVersion: '2.48.0' }), start()]);
});
afterAll(() => Promise.all([oldest.stop(), newest.stop()]));

const uuids = (res: { body: { results: Array<{ uuid: string }> } }) => res.body.results.map((r) => r.uuid);

describe('GET /location?totalCount=true', () => {
  it('REST 2.48: LocationResource1_8.doSearch with neither q nor tag pages a null list: 500 NullPointerException', async () => {
    const first = await call(oldest.rest, '/location?v=custom:(uuid)&includeAll=true&limit=100&startIndex=0&totalCount=true');
    expect(first.status).toBe(500);
    expect(first.body.error).toMatchObject({
      message: '[null]',
      code: 'org.openmrs.module.webservices.rest.web.resource.impl.NeedsPaging:39',
    });
    const later = await call(oldest.rest, '/location?includeAll=true&startIndex=100&totalCount=true');
    expect(later.body.error.code).toBe('org.openmrs.module.webservices.rest.web.resource.impl.NeedsPaging:43');
    // no service call happens, so not even the privilege is checked
    expect((await call(oldest.rest, '/location?totalCount=true', { as: null })).status).toBe(500);
  });

  it('REST 2.48: with q or tag it is the usual search, with a totalCount; without totalCount a list', async () => {
    const search = await call(oldest.rest, '/location?q=in&totalCount=true');
    expect(search.status).toBe(200);
    expect(search.body.totalCount).toBe(search.body.results.length);
    const list = await call(oldest.rest, '/location?includeAll=true&limit=100');
    expect(uuids(list)).toEqual(uuids(await call(newest.rest, '/location?includeAll=true&limit=100')));
  });

  it('REST 3.4.1: a list of every location, retired ones too, with its totalCount', async () => {
    const res = await call(newest.rest, '/location?v=custom:(uuid,retired)&includeAll=true&limit=100&totalCount=true');
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(res.body.results.length);
    expect(res.body.results.some((l: { retired: boolean }) => l.retired)).toBe(true);
  });
});

describe('GET /user?totalCount=true', () => {
  const listAll = '/user?v=custom:(uuid,retired)&limit=100&startIndex=0';

  it('REST 2.48: UserResource1_8.doSearch (getUsers(null, null, false)) leaves out every retired user', async () => {
    const res = await call(oldest.rest, `${listAll}&totalCount=true`);
    expect(res.status).toBe(200);
    expect(res.body.results.length).toBeGreaterThan(0);
    expect(res.body.results.some((u: { retired: boolean }) => u.retired)).toBe(false);
    const everyone = await call(oldest.rest, listAll);
    expect(everyone.body.results.some((u: { retired: boolean }) => u.retired)).toBe(true);
  });

  it('REST 3.4.1: getAllUsers, retired users included', async () => {
    const res = await call(newest.rest, `${listAll}&totalCount=true`);
    expect(res.body.results.some((u: { retired: boolean }) => u.retired)).toBe(true);
    expect(uuids(res)).toEqual(uuids(await call(newest.rest, listAll)));
  });
});

describe('GET /privilege?totalCount=true', () => {
  it('REST 2.48: PrivilegeResource1_8 has no doSearch, so DelegatingCrudResource answers an empty result', async () => {
    const res = await call(oldest.rest, '/privilege?v=custom:(uuid,name)&limit=100&startIndex=0&totalCount=true');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ results: [] });
    // no service call, no privilege check
    expect((await call(oldest.rest, '/privilege?totalCount=true', { as: CLERK })).body).toEqual({ results: [] });
  });

  it('REST 3.4.1: every privilege, with its totalCount', async () => {
    const res = await call(newest.rest, '/privilege?v=custom:(uuid,name)&limit=100&totalCount=true');
    expect(res.body.results.map((p: { name: string }) => p.name)).toContain('Get Users');
    expect(res.body.totalCount).toBeGreaterThan(0);
  });
});

describe('GET /role with a non-special parameter', () => {
  it('RoleResource1_8 has no doSearch: an empty result on every version (totalCount only before 2.49)', async () => {
    expect((await call(newest.rest, '/role?q=Nurse')).body).toEqual({ results: [] });
    expect((await call(oldest.rest, '/role?limit=100&totalCount=true')).body).toEqual({ results: [] });
    expect((await call(newest.rest, '/role?limit=100&totalCount=true')).body.results.length).toBeGreaterThan(0);
  });
});

describe('a startIndex past the end of a list', () => {
  it('NeedsPaging.getPageOfResults: subList past the end is a 500 IllegalArgumentException; at the end, an empty page', async () => {
    const all = await call(newest.rest, '/privilege?v=custom:(uuid)&limit=100&totalCount=true');
    const size: number = all.body.totalCount;
    expect((await call(newest.rest, `/privilege?limit=10&startIndex=${size}`)).body).toMatchObject({ results: [] });
    const past = await call(oldest.rest, `/privilege?limit=10&startIndex=${size + 10}`);
    expect(past.status).toBe(500);
    expect(past.body.error.message).toBe(`[fromIndex(${size + 10}) > toIndex(${size})]`);
  });
});
