import { call, CLERK, start, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await start();
});
afterAll(() => t.stop());

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** What rest/resource.ts does for every resource, as DelegatingCrudResource and MainResourceController do. */
describe('DelegatingCrudResource operations', () => {
  it.each(['location', 'role', 'personattributetype', 'systemsetting', 'privilege'])(
    '%s: an unknown uuid is ObjectNotFoundException on GET, update and DELETE, while a purge of it is 204 (DELETE is idempotent)',
    async (resource) => {
      const get = await call(t.rest, `/${resource}/${UNKNOWN}`);
      expect(get.status).toBe(404);
      expect(get.body.error.code).toBe('org.openmrs.module.webservices.rest.web.resource.impl.DelegatingCrudResource:103');
      expect((await call(t.rest, `/${resource}/${UNKNOWN}`, { body: { description: 'x' } })).status).toBe(404);
      expect((await call(t.rest, `/${resource}/${UNKNOWN}`, { method: 'DELETE' })).status).toBe(404);
      expect((await call(t.rest, `/${resource}/${UNKNOWN}?purge=true`, { method: 'DELETE' })).status).toBe(204);
    },
  );

  it('create, update, retire (MetadataDelegatingCrudResource.delete keeps the first reason) and purge a location', async () => {
    const created = await call(t.rest, '/location', { body: { name: 'Helper Ward' } });
    expect(created.status).toBe(201);
    const uuid = created.body.uuid;
    const updated = await call(t.rest, `/location/${uuid}`, { body: { description: 'Second floor' } });
    expect(updated.status).toBe(200);
    expect(updated.body.description).toBe('Second floor');
    expect((await call(t.rest, `/location/${uuid}?reason=closed`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(t.rest, `/location/${uuid}?reason=again`, { method: 'DELETE' })).status).toBe(204);
    const retired = await call(t.rest, `/location/${uuid}?v=full`);
    expect(retired.body.retired).toBe(true);
    expect(retired.body.auditInfo.retireReason).toBe('closed');
    expect((await call(t.rest, `/location/${uuid}?purge=true`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(t.rest, `/location/${uuid}`)).status).toBe(404);
  });

  it('setConvertedProperties: unknown properties and missing required ones are 400s, before anything is saved', async () => {
    const notAllowed = await call(t.rest, '/location', { body: { name: 'X', colour: 'red' } });
    expect(notAllowed.status).toBe(400);
    expect(notAllowed.body.error.message).toBe('[Some properties are not allowed to be set: colour]');
    const missing = await call(t.rest, '/personattributetype', { body: { name: 'No description' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toBe('[Some required properties are missing: description]');
    expect((await call(t.rest, '/personattributetype?q=No%20description')).body.results).toEqual([]);
  });

  it('each operation checks its own privilege first: the clerk may read locations but not change them', async () => {
    expect((await call(t.rest, '/location', { as: CLERK })).status).toBe(200);
    const create = await call(t.rest, '/location', { as: CLERK, body: { name: 'Clerk Ward' } });
    expect(create.status).toBe(403);
    expect(create.body.error.rawMessage).toBe('Privileges required: Manage Locations');
    expect((await call(t.rest, `/location/${UNKNOWN}`, { as: null, method: 'DELETE' })).status).toBe(401);
  });

  it('a resource without doGetAll is ResourceDoesNotSupportOperationException; a method it lacks is 405', async () => {
    const person = await call(t.rest, '/person');
    expect(person.status).toBe(400);
    expect(person.body.error.message).toBe('The Resource Does not Support the Requested Operation [null]');
    expect((await call(t.rest, '/provider', { body: { identifier: 'x' } })).status).toBe(405);
    expect((await call(t.rest, '/location', { method: 'DELETE' })).status).toBe(405);
    expect((await call(t.rest, '/locationtag', { method: 'PUT', body: {} })).status).toBe(405);
  });
});
