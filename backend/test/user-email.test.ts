/**
 * `email` on /user: UserResource2_2 (webservices.rest 2.50.0 and later, RESTWS-982) lists it in the
 * default and full representations; on older modules only a custom representation reads the bean
 * property User.getEmail (core 2.2+) through BaseDelegatingResource.getProperty.
 */
import { ADMIN_UUID } from '../src/seed';
import { call, start, type TestServer } from './helpers';

describe.each([
  ['2.44.0', false],
  ['3.4.1', true],
])('email on /user with webservices.rest %s', (restVersion, inDefault) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await start({ restVersion });
  });

  it(`is ${inDefault ? '' : 'not '}settable`, async () => {
    const res = await call(t.rest, `/user/${ADMIN_UUID}`, { body: { email: 'admin@example.org' } });
    expect(res.status).toBe(inDefault ? 200 : 400);
    if (!inDefault) {
      expect(res.body.error.message).toMatch(/Some properties are not allowed to be set: email/);
    }
  });
  afterAll(() => t.stop());

  it(`is ${inDefault ? '' : 'not '}in the default and full representations`, async () => {
    for (const rep of ['default', 'full']) {
      const res = await call(t.rest, `/user/${ADMIN_UUID}?v=${rep}`);
      expect(res.status).toBe(200);
      expect('email' in res.body).toBe(inDefault);
    }
  });

  it('is read by a custom representation', async () => {
    const res = await call(t.rest, `/user/${ADMIN_UUID}?v=custom:(uuid,email)`);
    expect(res.body).toMatchObject({ uuid: ADMIN_UUID, email: inDefault ? 'admin@example.org' : null });
  });
});
