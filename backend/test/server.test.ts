import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/server';
import { ADMIN, basic, call, cookieFrom, start } from './helpers';

describe('persistence', () => {
  it('keeps changes across a restart, and --reset reseeds', async () => {
    const first = await start();
    await call(first.rest, '/systemsetting', { body: { property: 'users.numberOfDaysToRetire', value: '77' } });
    const users = await call(first.rest, '/user?q=clerk&v=custom:(uuid,username)');
    const clerk = users.body.results.find((u: any) => u.username === 'clerk');
    await call(first.rest, `/user/${clerk.uuid}?reason=gone`, { method: 'DELETE' });
    await first.stop({ keepData: true });

    const second = await start({ dataDir: first.dataDir });
    expect((await call(second.rest, '/systemsetting/users.numberOfDaysToRetire')).body.value).toBe('77');
    expect((await call(second.rest, `/user/${clerk.uuid}`)).body.retired).toBe(true);
    await second.stop({ keepData: true });

    const third = await start({ dataDir: first.dataDir, reset: true });
    expect((await call(third.rest, '/systemsetting/users.numberOfDaysToRetire')).status).toBe(404);
    expect((await call(third.rest, `/user/${clerk.uuid}`)).body.retired).toBe(false);
    await third.stop();
  });

  it('the seed is deterministic (same uuids and usernames on every reseed)', async () => {
    const a = await start();
    const b = await start();
    const ua = await call(a.rest, '/user?limit=100&v=custom:(uuid,username)');
    const ub = await call(b.rest, '/user?limit=100&v=custom:(uuid,username)');
    expect(ua.body.results).toEqual(ub.body.results);
    await a.stop();
    await b.stop();
  });
});

describe('static SPA and context path', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'spa-'));
    mkdirSync(join(dir, 'openmrs-esm-login-app-10.0.0'));
    writeFileSync(join(dir, 'importmap.json'), JSON.stringify({ imports: { '@openmrs/esm-login-app': './openmrs-esm-login-app-10.0.0/x.js' } }));
    writeFileSync(join(dir, 'routes.registry.json'), '{}');
    writeFileSync(join(dir, 'index.html'), '<html></html>');
    writeFileSync(join(dir, 'openmrs-esm-login-app-10.0.0', 'x.js'), 'console.log(1)');
    writeFileSync(join(dir, 'style.css'), 'body{}');
    writeFileSync(join(dir, 'logo.svg'), '<svg/>');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves files with content types, 404 for unknown files, index.html for routes, and redirects /openmrs/', async () => {
    const t = await start({ spaDir: dir });
    try {
      const im = await fetch(`${t.url}/spa/importmap.json`);
      expect(im.status).toBe(200);
      expect(im.headers.get('content-type')).toMatch(/^application\/json/);
      expect((await im.json()).imports).toHaveProperty('@openmrs/esm-login-app');
      const js = await fetch(`${t.url}/spa/openmrs-esm-login-app-10.0.0/x.js`);
      expect(js.headers.get('content-type')).toMatch(/^application\/javascript/);
      expect((await fetch(`${t.url}/spa/style.css`)).headers.get('content-type')).toMatch(/^text\/css/);
      expect((await fetch(`${t.url}/spa/logo.svg`)).headers.get('content-type')).toBe('image/svg+xml');
      expect((await fetch(`${t.url}/spa/missing.js`)).status).toBe(404);
      expect((await fetch(`${t.url}/spa/../../etc/passwd`)).status).toBe(404);
      const route = await fetch(`${t.url}/spa/home`);
      expect(route.status).toBe(200);
      expect(route.headers.get('content-type')).toMatch(/^text\/html/);
      const root = await fetch(`${t.url}/`, { redirect: 'manual' });
      expect(root.status).toBe(302);
      expect(root.headers.get('location')).toBe('/openmrs/spa/home');
    } finally {
      await t.stop();
    }
  });
});

describe('faults', () => {
  it('latencyMs delays REST answers', async () => {
    const t = await start({ faults: { latencyMs: 150 } });
    try {
      const before = Date.now();
      await call(t.rest, '/session');
      expect(Date.now() - before).toBeGreaterThanOrEqual(140);
    } finally {
      await t.stop();
    }
  });

  it('errorRate answers that share of REST requests with 500/503', async () => {
    const t = await start({ faults: { errorRate: 0.5 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) {
        statuses.push((await call(t.rest, '/location?limit=1')).status);
      }
      const failed = statuses.filter((s) => s === 500 || s === 503).length;
      expect(failed).toBeGreaterThan(10);
      expect(failed).toBeLessThan(50);
      expect(statuses.every((s) => [200, 500, 503].includes(s))).toBe(true);
    } finally {
      await t.stop();
    }
    const always = await start({ faults: { errorRate: 1 } });
    try {
      const res = await call(always.rest, '/user');
      expect([500, 503]).toContain(res.status);
    } finally {
      await always.stop();
    }
  });

  it('unauthorizedAfter expires the session after N REST requests until a new login', async () => {
    const t = await start({ faults: { unauthorizedAfter: 3 } });
    try {
      const login = await call(t.rest, '/session');
      const cookie = cookieFrom(login);
      expect((await call(t.rest, '/user?limit=1', { as: null, cookie })).status).toBe(200);
      expect((await call(t.rest, '/user?limit=1', { as: null, cookie })).status).toBe(200);
      const expired = await call(t.rest, '/user?limit=1', { as: null, cookie });
      expect(expired.status).toBe(401);
      const newCookie = cookieFrom(expired);
      const still = await call(t.rest, '/user?limit=1', { as: null, cookie: newCookie });
      expect(still.status).toBe(401);
      expect((await call(t.rest, '/session', { as: null, cookie: newCookie })).body.authenticated).toBe(false);
      const relogin = await fetch(`${t.rest}/session`, { headers: { Authorization: basic(ADMIN), Cookie: newCookie } });
      expect((await relogin.json()).authenticated).toBe(true);
      expect((await call(t.rest, '/user?limit=1', { as: null, cookie: newCookie })).status).toBe(200);
    } finally {
      await t.stop();
    }
  });
});

describe('startServer interface', () => {
  it('returns url with /openmrs and a random port for port 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'openmrs-backend-'));
    const s = await startServer({ port: 0, dataDir });
    try {
      expect(s.port).toBeGreaterThan(0);
      expect(s.url).toBe(`http://localhost:${s.port}/openmrs`);
    } finally {
      await s.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
