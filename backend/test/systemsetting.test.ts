import { call, CLERK, start, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await start();
});
afterAll(() => t.stop());

describe('/systemsetting', () => {
  it('users.numberOfDaysToRetire is not seeded; unknown name is 404 with the DelegatingCrudResource body', async () => {
    const res = await call(t.rest, '/systemsetting/users.numberOfDaysToRetire');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      message: "Object with given uuid doesn't exist [null]",
      code: expect.stringMatching(/^org\.openmrs\.module\.webservices\.rest\.web\.resource\.impl\.DelegatingCrudResource:\d+$/),
      detail: '',
    });
  });

  it('POST creates (201) and upserts by name, overwriting value and description', async () => {
    const created = await call(t.rest, '/systemsetting', {
      body: { property: 'users.numberOfDaysToRetire', value: '90', description: 'Days' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      property: 'users.numberOfDaysToRetire',
      value: '90',
      description: 'Days',
      display: 'Users - Number Of Days To Retire = 90',
    });
    expect(created.body.links.map((l: any) => l.rel)).toEqual(['self', 'full']);
    const again = await call(t.rest, '/systemsetting', { body: { property: 'users.numberOfDaysToRetire', value: '30' } });
    expect(again.status).toBe(201);
    const got = await call(t.rest, '/systemsetting/USERS.NUMBEROFDAYSTORETIRE');
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ value: '30', description: null, uuid: created.body.uuid });
    const byUuid = await call(t.rest, `/systemsetting/${created.body.uuid}`);
    expect(byUuid.body.property).toBe('users.numberOfDaysToRetire');
  });

  it('POST to a name updates (200); property itself is not updatable', async () => {
    const res = await call(t.rest, '/systemsetting/users.numberOfDaysToRetire', { body: { value: '45' } });
    expect(res.status).toBe(200);
    expect(res.body.value).toBe('45');
    const bad = await call(t.rest, '/systemsetting/users.numberOfDaysToRetire', { body: { property: 'x' } });
    expect(bad.status).toBe(400);
    const missing = await call(t.rest, '/systemsetting', { body: { value: '1' } });
    expect(missing.status).toBe(400);
  });

  it('q is a case-insensitive prefix; lists are REF; full rep adds datatype fields', async () => {
    const res = await call(t.rest, '/systemsetting?q=WEBSERVICES.rest');
    expect(res.body.results.map((r: any) => r.display).sort()).toEqual([
      'Webservices - Rest Max Results Absolute = 100',
      'Webservices - Rest Max Results Default = 50',
    ]);
    expect(Object.keys(res.body.results[0]).sort()).toEqual(['display', 'links', 'uuid']);
    const full = await call(t.rest, '/systemsetting?q=users.&v=full');
    expect(full.body.results[0]).toHaveProperty('datatypeClassname', null);
    const gen = await call(t.rest, '/systemsetting', { body: { property: 'default_theme', value: 'green' } });
    expect(gen.body.display).toBe('General Settings - Default Theme = green');
    const empty = await call(t.rest, '/systemsetting', { body: { property: 'useraccess.exemptRoleNames' } });
    expect(empty.body.display).toBe('Useraccess - Exempt Role Names = null');
  });

  it('JSON policy values round-trip untouched', async () => {
    const value = JSON.stringify({ version: 1, enabled: true, inactiveDays: 90 });
    await call(t.rest, '/systemsetting', { body: { property: 'useraccess.deactivationPolicy', value } });
    const res = await call(t.rest, '/systemsetting/useraccess.deactivationPolicy?v=custom:(value)');
    expect(res.body).toEqual({ value, resourceVersion: '1.9' });
  });

  it('DELETE purges (204); privileges apply', async () => {
    expect((await call(t.rest, '/systemsetting/default_theme', { method: 'DELETE' })).status).toBe(204);
    expect((await call(t.rest, '/systemsetting/default_theme')).status).toBe(404);
    expect((await call(t.rest, '/systemsetting', { as: CLERK, body: { property: 'a.b', value: '1' } })).status).toBe(403);
    expect((await call(t.rest, '/systemsetting/users.numberOfDaysToRetire', { as: null })).status).toBe(401);
  });
});

describe('core mail settings', () => {
  it('are seeded as OpenmrsConstants.CORE_GLOBAL_PROPERTIES has them, and found by prefix (getGlobalPropertiesByPrefix)', async () => {
    const res = await call(t.rest, '/systemsetting?q=mail.&v=custom:(property,value)');
    expect(res.status).toBe(200);
    const values = Object.fromEntries(res.body.results.map((r: { property: string; value: string }) => [r.property, r.value]));
    expect(values).toEqual({
      'mail.debug': 'false',
      'mail.default_content_type': 'text/plain',
      'mail.from': 'info@openmrs.org',
      'mail.password': 'test',
      'mail.smtp.starttls.enable': 'false',
      'mail.smtp_auth': 'false',
      'mail.smtp_host': 'localhost',
      'mail.smtp_port': '25',
      'mail.transport_protocol': 'smtp',
      'mail.user': 'test',
    });
  });
});
