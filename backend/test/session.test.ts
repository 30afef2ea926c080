import { ADMIN, CLERK, basic, call, cookieFrom, start, type TestServer } from './helpers';
import { OUTPATIENT_CLINIC_UUID, INPATIENT_WARD_UUID, ADMIN_UUID } from '../src/seed';

let t: TestServer;
beforeAll(async () => {
  t = await start();
});
afterAll(() => t.stop());

describe('GET /session', () => {
  it('is 200 and unauthenticated without credentials, with locale and allowedLocales only', async () => {
    const res = await call(t.rest, '/session', { as: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ authenticated: false, locale: 'en', allowedLocales: expect.arrayContaining(['en', 'en_GB']) });
  });

  it('logs in with Basic auth and returns the USER_CUSTOM_REP user, sessionLocation and currentProvider', async () => {
    const res = await call(t.rest, '/session');
    expect(res.status).toBe(200);
    expect(res.body.authenticated).toBe(true);
    expect(res.body).not.toHaveProperty('sessionId');
    const user = res.body.user;
    expect(Object.keys(user).sort()).toEqual(
      ['uuid', 'display', 'username', 'systemId', 'userProperties', 'person', 'privileges', 'roles', 'links', 'resourceVersion'].sort(),
    );
    expect(user.uuid).toBe(ADMIN_UUID);
    expect(user.person).toEqual({ uuid: expect.any(String), display: 'Super User', resourceVersion: '1.11' });
    expect(user.roles).toContainEqual({
      uuid: expect.any(String),
      display: 'System Developer',
      name: 'System Developer',
      resourceVersion: '1.8',
    });
    for (const p of user.privileges) {
      expect(Object.keys(p).sort()).toEqual(['display', 'name', 'resourceVersion', 'uuid']);
    }
    // defaultLocation sets the session location at login
    expect(res.body.sessionLocation).toMatchObject({ uuid: OUTPATIENT_CLINIC_UUID, display: 'Outpatient Clinic' });
    expect(res.body.sessionLocation.links[0].rel).toBe('self');
    expect(res.body.currentProvider).toMatchObject({ uuid: expect.any(String), display: expect.stringContaining('Super User') });
  });

  it('writes lastLoginTimestamp (epoch ms string) and resets loginAttempts on login', async () => {
    const before = Date.now();
    const res = await call(t.rest, '/session', { as: CLERK });
    const props = res.body.user.userProperties;
    expect(props.lastLoginTimestamp).toMatch(/^\d{13}$/);
    expect(Number(props.lastLoginTimestamp)).toBeGreaterThanOrEqual(before);
    expect(props.loginAttempts).toBe('0');
  });

  it('a wrong password is still 200 unauthenticated and increments loginAttempts', async () => {
    const res = await call(t.rest, '/session', { as: { username: 'clerk', password: 'nope' } });
    expect(res.status).toBe(200);
    expect(res.body.authenticated).toBe(false);
    const res2 = await call(t.rest, '/session', { as: { username: 'clerk', password: 'nope' } });
    expect(res2.body.authenticated).toBe(false);
    const user = await call(t.rest, '/user?q=clerk&v=custom:(username,userProperties)');
    const clerk = user.body.results.find((u: any) => u.username === 'clerk');
    expect(clerk.userProperties.loginAttempts).toBe('2');
    const ok = await call(t.rest, '/session', { as: CLERK });
    expect(ok.body.authenticated).toBe(true);
    expect(ok.body.user.userProperties.loginAttempts).toBe('0');
  });

  it('a token without a colon is 400 "Invalid credentials provided"; non-Basic schemes are ignored', async () => {
    const noColon = await call(t.rest, '/session', {
      as: null,
      headers: { Authorization: `Basic ${Buffer.from('admin').toString('base64')}` },
    });
    expect(noColon.status).toBe(400);
    expect(noColon.text).toContain('Invalid credentials provided');
    // "Basic " arrives trimmed to "Basic": substring(6) throws inside the filter's try, so it is ignored
    const blank = await call(t.rest, '/session', { as: null, headers: { Authorization: 'Basic ' } });
    expect(blank.status).toBe(200);
    expect(blank.body.authenticated).toBe(false);
    const bearer = await call(t.rest, '/session', { as: null, headers: { Authorization: 'Bearer abc' } });
    expect(bearer.body.authenticated).toBe(false);
  });

  it('a stale JSESSIONID is 401 "Session timed out", with a fresh cookie that a Basic login in the same request fills', async () => {
    const res = await call(t.rest, '/session', { cookie: 'JSESSIONID=DEADBEEF' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('Session timed out');
    const cookie = cookieFrom(res);
    const next = await call(t.rest, '/session', { as: null, cookie });
    expect(next.body.authenticated).toBe(true);
  });

  it('logs in by systemId, also without the check digit dash; locks out after 7 failures', async () => {
    const bySystemId = await call(t.rest, '/session', { as: { username: '99-2', password: 'Password123' } });
    expect(bySystemId.body.user.username).toBe('visitor2');
    const noDash = await call(t.rest, '/session', { as: { username: '992', password: 'Password123' } });
    expect(noDash.body.user.username).toBe('visitor2');
    const victim = { username: 'visitor3', password: 'Password123' };
    for (let i = 0; i < 8; i++) {
      expect((await call(t.rest, '/session', { as: { ...victim, password: 'wrong' } })).body.authenticated).toBe(false);
    }
    const props = t.server.store.db.users.find((u) => u.username === 'visitor3')!.userProperties;
    expect(props.loginAttempts).toBe('7');
    expect(props.lockoutTimestamp).toMatch(/^\d{13}$/);
    // locked out: even the right password fails for 5 minutes
    expect((await call(t.rest, '/session', { as: victim })).body.authenticated).toBe(false);
  });

  it('retired users cannot log in', async () => {
    const retired = await call(t.rest, '/user?v=custom:(username,retired)&limit=100');
    const all = [...retired.body.results];
    let next = retired.body.links?.find((l: any) => l.rel === 'next');
    while (next) {
      const page = await fetch(next.uri, { headers: { Authorization: basic(ADMIN) } }).then((r) => r.json());
      all.push(...page.results);
      next = page.links?.find((l: any) => l.rel === 'next');
    }
    const r = all.find((u: any) => u.retired);
    expect(r).toBeDefined();
    const res = await call(t.rest, '/session', { as: { username: r.username, password: 'Password123' } });
    expect(res.body.authenticated).toBe(false);
  });
});

describe('JSESSIONID', () => {
  it('is set HttpOnly on /openmrs and keeps the login; DELETE logs out with 204', async () => {
    const login = await call(t.rest, '/session');
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/JSESSIONID=[^;]+; Path=\/openmrs; HttpOnly/);
    const cookie = cookieFrom(login);
    const again = await call(t.rest, '/session', { as: null, cookie });
    expect(again.body.authenticated).toBe(true);
    const users = await call(t.rest, '/user?limit=1', { as: null, cookie });
    expect(users.status).toBe(200);
    const out = await call(t.rest, '/session', { as: null, cookie, method: 'DELETE' });
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    const after = await call(t.rest, '/session', { as: null, cookie });
    // the old session id is no longer valid
    expect(after.status).toBe(401);
    const fresh = await call(t.rest, '/session', { as: null, cookie: cookieFrom(after) });
    expect(fresh.status).toBe(200);
    expect(fresh.body.authenticated).toBe(false);
  });

  it('Basic auth is ignored when the session is already authenticated', async () => {
    const login = await call(t.rest, '/session', { as: CLERK });
    const cookie = cookieFrom(login);
    const res = await call(t.rest, '/session', { as: ADMIN, cookie });
    expect(res.body.user.username).toBe('clerk');
  });
});

describe('POST /session', () => {
  it('sets the session location and locale', async () => {
    const login = await call(t.rest, '/session');
    const cookie = cookieFrom(login);
    const res = await call(t.rest, '/session', { as: null, cookie, body: { sessionLocation: INPATIENT_WARD_UUID, locale: 'fr' } });
    expect(res.status).toBe(200);
    expect(res.body.sessionLocation.uuid).toBe(INPATIENT_WARD_UUID);
    expect(res.body.locale).toBe('fr');
    const get = await call(t.rest, '/session', { as: null, cookie });
    expect(get.body.sessionLocation.uuid).toBe(INPATIENT_WARD_UUID);
  });

  it('answers the real 500 APIException messages', async () => {
    const cookie = cookieFrom(await call(t.rest, '/session'));
    const loc = await call(t.rest, '/session', { as: null, cookie, body: { sessionLocation: 'no-such-uuid' } });
    expect(loc.status).toBe(500);
    expect(loc.body.error.message).toBe("[ 'no-such-uuid' is not the UUID of any location.]");
    const bad = await call(t.rest, '/session', { as: null, cookie, body: { locale: 'not a locale' } });
    expect(bad.status).toBe(500);
    expect(bad.body.error.message).toBe("[ 'not a locale' does not represent a valid locale.]");
    const notAllowed = await call(t.rest, '/session', { as: null, cookie, body: { locale: 'de' } });
    expect(notAllowed.status).toBe(500);
    expect(notAllowed.body.error.message).toBe("[ 'de' is not in the list of allowed locales.]");
  });

  it('bad JSON is 400', async () => {
    const res = await call(t.rest, '/session', { body: '{not json' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^\[Could not read JSON/);
  });
});

describe('401 and 403', () => {
  it('401 names the privilege and sends WWW-Authenticate unless disabled', async () => {
    const res = await call(t.rest, '/user', { as: null });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('User is not logged in [Privileges required: Get Users]');
    expect(res.body.error).toMatchObject({ code: expect.any(String), detail: '' });
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="OpenMRS at /);
    const quiet = await call(t.rest, '/user', { as: null, headers: { 'Disable-WWW-Authenticate': 'true' } });
    expect(quiet.status).toBe(401);
    expect(quiet.headers.get('www-authenticate')).toBeNull();
  });

  it('403 when logged in without the privilege', async () => {
    const res = await call(t.rest, '/user', { as: CLERK });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe("User is logged in but doesn't have the relevant privilege [Privileges required: Get Users]");
  });

  it('unknown resources are 404 UnknownResourceException', async () => {
    const res = await call(t.rest, '/nosuchthing');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/^Resource does not exist\. Please check documentation/);
  });

  it('the login for the assertions above is the admin', () => {
    expect(ADMIN.username).toBe('admin');
  });
});
