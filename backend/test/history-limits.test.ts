/**
 * What the deactivation history relies on: RetireSaveHandler clearing the retire reason when a user is
 * saved not retired (so the app keeps it in the same request), user properties of any length
 * (user_property.property_value is LONGTEXT since TRUNK-6020), and global property values limited
 * to MySQL TEXT's 65,535 bytes (GlobalProperty.hbm.xml).
 */
import { call, start, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await start();
});
afterAll(() => t.stop());

describe('RetireSaveHandler: one POST {retired: false, userProperties}', () => {
  it('un-retires, clears the retire reason, and stores the properties sent in the same request', async () => {
    const person = { names: [{ givenName: 'Hist', familyName: 'Ory' }], gender: 'F' };
    const created = await call(t.rest, '/user', { body: { username: 'history.user', password: 'Secret123', person } });
    const uuid = created.body.uuid;
    await call(t.rest, `/user/${uuid}?reason=Inactive%20for%2097%20days`, { method: 'DELETE' });
    const before = await call(t.rest, `/user/${uuid}?v=custom:(retired,auditInfo,userProperties)`);
    expect(before.body.auditInfo.retireReason).toBe('Inactive for 97 days');
    const history = JSON.stringify([{ action: 'reactivate', previousRetireReason: 'Inactive for 97 days', note: 'x'.repeat(10000) }]);
    const res = await call(t.rest, `/user/${uuid}`, { body: { retired: false, userProperties: { ...before.body.userProperties, 'useraccess.history': history } } });
    expect(res.status).toBe(200);
    const after = await call(t.rest, `/user/${uuid}?v=custom:(retired,auditInfo,userProperties)`);
    expect(after.body.retired).toBe(false);
    expect(after.body.auditInfo).not.toHaveProperty('retireReason');
    expect(after.body.userProperties['useraccess.history']).toBe(history);
  });
});

describe('global property values and MySQL TEXT', () => {
  it('a value of 65,535 bytes is saved; one byte more is a 500 and nothing changes', async () => {
    const fits = 'é'.repeat(32767) + 'a'; // 65,535 bytes of UTF-8
    const ok = await call(t.rest, '/systemsetting', { body: { property: 'useraccess.deactivationRuns', value: fits } });
    expect(ok.status).toBe(201);
    const tooLong = await call(t.rest, '/systemsetting', { body: { property: 'useraccess.deactivationRuns', value: `${fits}a` } });
    expect(tooLong.status).toBe(500);
    const update = await call(t.rest, '/systemsetting/useraccess.deactivationRuns', { body: { value: `${fits}a` } });
    expect(update.status).toBe(500);
    expect((await call(t.rest, '/systemsetting/useraccess.deactivationRuns')).body.value).toBe(fits);
  });
});
