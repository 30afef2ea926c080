/**
 * A custom representation nested on a person's name (PersonNameResource1_8) gives only the properties
 * it names, as BaseDelegatingResource.asRepresentation does for any CustomRepresentation; the app's
 * user list asks for `person:(uuid,display,preferredName:(familyName))`.
 */
import { ADMIN_UUID } from '../src/seed';
import { call, start, type TestServer } from './helpers';

describe('a custom representation of a preferred name', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await start({});
  });
  afterAll(() => t.stop());

  it('holds only the properties asked for', async () => {
    const res = await call(t.rest, `/user/${ADMIN_UUID}?v=custom:(uuid,person:(uuid,preferredName:(familyName)))`);
    expect(res.status).toBe(200);
    expect(res.body.person.preferredName).toEqual({ familyName: expect.any(String), resourceVersion: '1.8' });
  });

  it('refuses a property a name does not have', async () => {
    const res = await call(t.rest, `/user/${ADMIN_UUID}?v=custom:(uuid,person:(preferredName:(nickname)))`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Unable to get property nickname of PersonNameResource1_8/);
  });

  it('is whole in the default representation', async () => {
    const res = await call(t.rest, `/user/${ADMIN_UUID}?v=custom:(uuid,person:(preferredName))`);
    expect(res.body.person.preferredName).toMatchObject({ givenName: expect.any(String), familyName: expect.any(String), links: expect.any(Array) });
  });
});
