/**
 * An unknown uuid before REST 2.50: UserResource1_8.getByUniqueId returned `new UserAndPassword1_8(null)`
 * instead of null until RESTWS-981, so DelegatingCrudResource.retrieve never throws
 * ObjectNotFoundException (404); reading the representation fails with a ConversionException (400).
 * The other resources the app reads by uuid answer 404 on every version.
 */
import { call, start, type TestServer } from './helpers';

const UNKNOWN = '00000000-0000-0000-0000-00000000dead';

let oldest: TestServer;
let newest: TestServer;
beforeAll(async () => {
  [oldest, newest] = await Promise.all([start({ restVersion: '2.49.0' }), start()]);
});
afterAll(() => Promise.all([oldest.stop(), newest.stop()]));

describe('GET /user/{unknown}', () => {
  it('REST 2.49: 400 from UserResource1_8.getProperty on the null user, naming the first property', async () => {
    const custom = await call(oldest.rest, `/user/${UNKNOWN}?v=custom:(uuid,userProperties)`);
    expect(custom.status).toBe(400);
    expect(custom.body.error).toMatchObject({
      message: '[uuid => No bean specified]',
      code: 'org.openmrs.module.webservices.rest.web.v1_0.resource.openmrs1_8.UserResource1_8:331',
    });
    expect((await call(oldest.rest, `/user/${UNKNOWN}`)).body.error.message).toBe('[uuid => No bean specified]');
    expect((await call(oldest.rest, `/user/${UNKNOWN}?v=custom:(display)`)).body.error.message).toBe('[display]');
    const ref = await call(oldest.rest, `/user/${UNKNOWN}?v=ref`);
    expect(ref.status).toBe(400);
    expect(ref.body.error.code).toBe('org.openmrs.module.webservices.rest.web.resource.impl.BaseDelegatingResource:407');
  });

  it('REST 3.4.1: 404 ObjectNotFoundException', async () => {
    const res = await call(newest.rest, `/user/${UNKNOWN}?v=custom:(uuid,userProperties)`);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe("Object with given uuid doesn't exist [null]");
  });

  it('a known user reads the same on both', async () => {
    const known = await call(newest.rest, '/user?q=admin&v=custom:(uuid)');
    const uuid = known.body.results[0].uuid;
    expect((await call(oldest.rest, `/user/${uuid}?v=custom:(uuid)`)).body).toMatchObject({ uuid });
  });
});

describe('other resources the app reads by uuid: 404 before 2.50 too', () => {
  it.each(['location', 'person', 'patient', 'role', 'personattributetype', 'systemsetting'])('%s', async (resource) => {
    expect((await call(oldest.rest, `/${resource}/${UNKNOWN}`)).status).toBe(404);
  });
});

describe('writing an unknown user', () => {
  it('REST 2.49: updating fails on the first property (400), retiring on UserAndPassword1_8.getId (500)', async () => {
    const update = await call(oldest.rest, `/user/${UNKNOWN}`, { body: { userProperties: {} } });
    expect(update.status).toBe(400);
    expect(update.body.error).toMatchObject({
      message: '[userProperties]',
      code: 'org.openmrs.module.webservices.rest.web.v1_0.resource.openmrs1_8.UserResource1_8:358',
    });
    const retire = await call(oldest.rest, `/user/${UNKNOWN}?reason=x`, { method: 'DELETE' });
    expect(retire.status).toBe(500);
    expect(retire.body.error).toMatchObject({
      message: '[null]',
      code: 'org.openmrs.module.webservices.rest.web.v1_0.wrapper.openmrs1_8.UserAndPassword1_8:79',
    });
  });

  it('REST 3.4.1: 404 for both', async () => {
    expect((await call(newest.rest, `/user/${UNKNOWN}`, { body: { userProperties: {} } })).status).toBe(404);
    expect((await call(newest.rest, `/user/${UNKNOWN}?reason=x`, { method: 'DELETE' })).status).toBe(404);
  });
});
