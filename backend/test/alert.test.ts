import { call, CLERK, start, type TestServer } from './helpers';

let t: TestServer;
const REQUESTER = { username: 'requester.one', password: 'Secret123' };
let requesterUuid = '';

beforeAll(async () => {
  t = await start();
  await call(t.rest, '/role', { body: { name: 'Alert Writer', description: 'test', privileges: ['Manage Alerts'] } });
  const created = await call(t.rest, '/user', {
    body: {
      username: REQUESTER.username,
      password: REQUESTER.password,
      person: { names: [{ givenName: 'Req', familyName: 'One' }], gender: 'F' },
      roles: ['Alert Writer'],
    },
  });
  requesterUuid = created.body.uuid;
});
afterAll(() => t.stop());

describe('/alert (AlertResource2_0, AlertServiceImpl)', () => {
  it('creating needs Manage Alerts (saveAlert); saveAlert sets the creator; reading needs only a login', async () => {
    const body = { text: 'please', recipients: [{ recipient: requesterUuid }] };
    const refused = await call(t.rest, '/alert', { as: CLERK, body });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('Manage Alerts');
    const created = await call(t.rest, '/alert', { as: REQUESTER, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ text: 'please', display: 'please', alertRead: false, satisfiedByAny: false, dateToExpire: null, resourceVersion: '2.0' });
    expect(created.body.recipients[0]).toMatchObject({ display: REQUESTER.username });
    expect(Object.keys(created.body.recipients[0]).sort()).toEqual(['display', 'links', 'uuid']);
    const full = await call(t.rest, `/alert/${created.body.uuid}?v=full`, { as: CLERK });
    expect(full.status).toBe(200);
    expect(full.body.creator).toMatchObject({ uuid: requesterUuid, username: REQUESTER.username });
    expect(full.body.changedBy).toBeNull();
    expect(full.body.recipients[0].recipient).toMatchObject({ uuid: requesterUuid });
    const list = await call(t.rest, '/alert?v=custom:(uuid,text,creator:(uuid))&limit=100', { as: CLERK });
    expect(list.body.results).toContainEqual(expect.objectContaining({ uuid: created.body.uuid, creator: { uuid: requesterUuid, resourceVersion: '1.8' } }));
    expect((await call(t.rest, '/alert', { as: null })).status).toBe(401);
  });

  it('an update records changedBy and needs Manage Alerts; DELETE without purge is not supported', async () => {
    const created = await call(t.rest, '/alert', { as: REQUESTER, body: { text: 'v1', recipients: [requesterUuid] } });
    expect((await call(t.rest, `/alert/${created.body.uuid}`, { as: CLERK, body: { text: 'v2' } })).status).toBe(403);
    const updated = await call(t.rest, `/alert/${created.body.uuid}`, { body: { text: 'v2' } });
    expect(updated.status).toBe(200);
    const full = await call(t.rest, `/alert/${created.body.uuid}?v=full`);
    expect(full.body).toMatchObject({ text: 'v2', changedBy: { username: 'admin' } });
    expect((await call(t.rest, `/alert/${created.body.uuid}`, { method: 'DELETE' })).status).toBe(400);
    expect((await call(t.rest, `/alert/${created.body.uuid}?purge=true`, { method: 'DELETE', as: CLERK })).status).toBe(403);
    expect((await call(t.rest, `/alert/${created.body.uuid}?purge=true`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(t.rest, `/alert/${created.body.uuid}`)).status).toBe(404);
  });

  it('AlertValidator: text required and at most 512 characters; at least one recipient', async () => {
    const tooLong = await call(t.rest, '/alert', { as: REQUESTER, body: { text: 'x'.repeat(513), recipients: [requesterUuid] } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.fieldErrors.text[0].code).toBe('error.exceededMaxLengthOfField');
    expect((await call(t.rest, '/alert', { as: REQUESTER, body: { text: 'x'.repeat(512), recipients: [requesterUuid] } })).status).toBe(201);
    expect((await call(t.rest, '/alert', { as: REQUESTER, body: { text: '  ', recipients: [requesterUuid] } })).status).toBe(400);
    const none = await call(t.rest, '/alert', { as: REQUESTER, body: { text: 'x', recipients: [] } });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain('At least one recipient is required');
  });

  it('the list leaves out expired alerts unless includeExpired=true; by uuid finds them (getAllAlerts(true))', async () => {
    const expired = await call(t.rest, '/alert', {
      as: REQUESTER,
      body: { text: 'old', recipients: [requesterUuid], dateToExpire: '2020-01-01T00:00:00.000+0000' },
    });
    const uuids = async (path: string) => (await call(t.rest, path)).body.results.map((a: { uuid: string }) => a.uuid);
    expect(await uuids('/alert?limit=100')).not.toContain(expired.body.uuid);
    expect(await uuids('/alert?includeExpired=true&limit=100')).toContain(expired.body.uuid);
    expect((await call(t.rest, `/alert/${expired.body.uuid}`)).body.text).toBe('old');
  });
});
