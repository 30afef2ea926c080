import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { authenticate } from './auth';
import { readJson, type Ctx, type Reply, type ServerFlags, type Session } from './context';
import { coreAtLeast, DEFAULT_CORE_VERSION, DEFAULT_FHIR2_VERSION, DEFAULT_REST_VERSION } from './versions';
import { activateLbac, locationByUuid as lbacLocationByUuid } from './lbac';
import { RestError, serverError, unknownResource } from './errors';
import { handleFhir } from './fhir';
import { restHandlers } from './rest';
import { Store } from './store';

export interface ServerOptions {
  port?: number;
  dataDir?: string;
  spaDir?: string;
  reset?: boolean;
  scale?: 'default' | 'large';
  lbac?: boolean;
  /** core version reported by GET /systeminformation (default 2.8.5); below 2.7 AutoRetireUsersTask is missing */
  coreVersion?: string;
  /** webservices.rest version to behave as (default 3.4.1) */
  restVersion?: string;
  /** fhir2 version to behave as */
  fhir2Version?: string;
  /** fhir2.paging.maximum: the most entries a FHIR page holds (HAPI caps _count to it); default 100 */
  fhir2PagingMaximum?: number;
  faults?: { latencyMs?: number; errorRate?: number; unauthorizedAfter?: number };
}

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  coreVersion: string;
  flags: ServerFlags;
  close(): Promise<void>;
}

const CONTEXT = '/openmrs';
const REST_PREFIX = `${CONTEXT}/ws/rest/v1/`;
const FHIR_PREFIX = `${CONTEXT}/ws/fhir2/R4/`;
const SPA_PREFIX = `${CONTEXT}/spa`;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/** A Tomcat-style error page, for errors raised by filters through sendError (not JSON). */
function tomcatError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  const title = `HTTP Status ${status}`;
  res.writeHead(status, { 'Content-Type': 'text/html;charset=utf-8', ...headers });
  res.end(
    `<!doctype html><html lang="en"><head><title>${title}</title></head><body><h1>${title} – ${message}</h1>` +
      `<p><b>Message</b> ${message}</p></body></html>`,
  );
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? resolve(__dirname, '..', '..', '.backend-data');
  const spaDir = options.spaDir ?? resolve(__dirname, '..', '..', '.spa');
  const store = new Store(dataDir, { reset: options.reset, scale: options.scale });
  const flags: ServerFlags = {
    lbac: !!options.lbac,
    coreVersion: options.coreVersion || DEFAULT_CORE_VERSION,
    restVersion: options.restVersion || DEFAULT_REST_VERSION,
    fhir2Version: options.fhir2Version || DEFAULT_FHIR2_VERSION,
    fhir2PagingMaximum: options.fhir2PagingMaximum ?? 100,
  };
  if (flags.lbac) {
    activateLbac(store);
  }
  const faults = options.faults ?? {};
  const sessions = new Map<string, Session>();

  const defaultLocale = () => store.gp('default_locale') || 'en_GB';

  function newSession(): Session {
    const id = randomBytes(16).toString('hex').toUpperCase();
    const session: Session = { id, userUuid: null, locationUuid: null, locale: defaultLocale(), requests: 0 };
    sessions.set(id, session);
    if (sessions.size > 20000) {
      // drop the oldest anonymous sessions; a servlet container would time them out
      for (const [key, s] of sessions) {
        if (!s.userUuid && key !== id) {
          sessions.delete(key);
        }
        if (sessions.size <= 10000) {
          break;
        }
      }
    }
    return session;
  }

  /**
   * UserContext.authenticate: session location from the defaultLocation user property (an id via
   * getLocation(id), else getLocationByUuid, which LBAC filters), locale from defaultLocale. An
   * exception there (LBAC's NPE for a user without locationUuid) is swallowed by the
   * AuthorizationFilter after the user was set: logged in, but no session location and no locale.
   */
  function login(session: Session, username: string, password: string): boolean {
    const user = authenticate(store, username, password, { writeLastLogin: coreAtLeast(flags.coreVersion, 2, 7) });
    if (!user) {
      return false;
    }
    session.userUuid = user.uuid;
    session.requests = 1; // the login request counts
    session.locationUuid = null;
    try {
      const def = user.userProperties.defaultLocation;
      let location = null;
      if (def && def.trim()) {
        location = /^[+-]?\d+$/.test(def) ? store.locationById(Number(def)) ?? null : null;
        if (!location) {
          const caller = { store, lbac: flags.lbac, user, sessionLocationUuid: null };
          location = lbacLocationByUuid(caller, def) ?? null;
        }
      }
      session.locationUuid = location ? location.uuid : null;
      const locale = user.userProperties.defaultLocale;
      session.locale = locale || defaultLocale();
    } catch (e) {
      if (!(e instanceof RestError)) {
        throw e;
      }
    }
    return true;
  }

  async function handleWs(req: IncomingMessage, res: ServerResponse, url: URL, kind: 'rest' | 'fhir') {
    const cookieHeaders: Record<string, string> = {};
    const cookies = parseCookies(req.headers.cookie);
    const requested = cookies.JSESSIONID;
    let session = requested ? sessions.get(requested) : undefined;
    const stale = !!requested && !session;
    if (!session) {
      session = newSession();
      cookieHeaders['Set-Cookie'] = `JSESSIONID=${session.id}; Path=${CONTEXT}; HttpOnly`;
    }
    if (faults.latencyMs) {
      await sleep(faults.latencyMs);
    }
    // session expiry fault: after N REST requests (the login counts) the session is invalidated
    if (faults.unauthorizedAfter !== undefined && session.userUuid) {
      session.requests++;
      if (session.requests > faults.unauthorizedAfter) {
        sessions.delete(session.id);
        session = newSession();
        cookieHeaders['Set-Cookie'] = `JSESSIONID=${session.id}; Path=${CONTEXT}; HttpOnly`;
        tomcatError(res, 401, 'Session timed out', cookieHeaders);
        return;
      }
    }

    const auth = req.headers.authorization;
    if (kind === 'fhir') {
      // fhir2 AuthenticationFilter: Basic auth or "401 Not authenticated", no anonymous access
      if (!session.userUuid) {
        let ok = false;
        if (auth && auth.trim() && auth.startsWith('Basic') && auth.length >= 6) {
          const [username, password] = Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':');
          ok = password !== undefined && password !== '' && login(session, username, password);
        }
        if (!ok) {
          tomcatError(res, 401, 'Not authenticated', cookieHeaders);
          return;
        }
      }
    } else if (!session.userUuid && auth !== undefined && auth.startsWith('Basic') && auth.length >= 6) {
      // AuthorizationFilter: Basic auth when not authenticated ("Basic" prefix, case-sensitive)
      const token = auth.slice(6);
      const decoded = token.trim() ? Buffer.from(token, 'base64').toString('utf8') : '';
      if (!decoded.trim() || !decoded.includes(':')) {
        tomcatError(res, 400, 'Invalid credentials provided', cookieHeaders);
        return;
      }
      // decoded.split(":"): a password containing ":" is truncated
      const [username, password] = decoded.split(':');
      if (password !== undefined && password !== '') {
        login(session, username, password);
      }
    }

    if (stale && kind === 'rest') {
      // AuthorizationFilter: the requested session id is no longer valid. The new session
      // (and a Basic-auth login into it) survives; this answer is a 401.
      tomcatError(res, 401, 'Session timed out', cookieHeaders);
      return;
    }

    if (faults.errorRate && Math.random() < faults.errorRate) {
      if (Math.random() < 0.5) {
        sendJson(res, 500, serverError('Injected fault: simulated server error').body, cookieHeaders);
      } else {
        tomcatError(res, 503, 'Service Unavailable', cookieHeaders);
      }
      return;
    }

    // like a UserContext, an existing session stays logged in when the user is retired meanwhile;
    // only new logins are refused
    const user = session.userUuid ? store.userByUuid(session.userUuid) ?? null : null;
    const host = req.headers.host ?? 'localhost';
    const contextUrl = `http://${host}${CONTEXT}`;
    const currentSession = session;
    const ctx: Ctx = {
      req,
      store,
      method: req.method ?? 'GET',
      params: url.searchParams,
      requestUrl: `http://${host}${url.pathname}`,
      contextUrl,
      restBase: `${contextUrl}/ws/rest/v1`,
      session,
      user,
      flags,
      // BaseRestController.shouldAddWWWAuthHeader: the header must equal "true" exactly
      disableWwwAuthenticate: req.headers['disable-www-authenticate'] === 'true',
      logout: () => {
        sessions.delete(currentSession.id);
      },
      readBody: () => readJson(req),
    };
    try {
      let reply: Reply;
      if (kind === 'fhir') {
        reply = await handleFhir(ctx, url.pathname.slice(FHIR_PREFIX.length).split('/').filter(Boolean));
      } else {
        const segments = url.pathname.slice(REST_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
        const name = (segments[0] ?? '').toLowerCase();
        const handler = Object.prototype.hasOwnProperty.call(restHandlers, name) ? restHandlers[name] : undefined;
        if (!handler) {
          throw unknownResource(segments[0] ?? '');
        }
        reply = await handler(ctx, segments.slice(1));
      }
      sendJson(res, reply.status, reply.body, { ...cookieHeaders, ...reply.headers });
    } catch (e) {
      if (e instanceof RestError) {
        sendJson(res, e.status, e.body, { ...cookieHeaders, ...e.headers });
      } else {
        console.error(e);
        const message = e instanceof Error ? e.message : String(e);
        sendJson(res, 500, serverError(message, 'org.openmrs.module.webservices.rest.web.v1_0.controller.BaseRestController:0').body, cookieHeaders);
      }
    }
  }

  function serveSpa(res: ServerResponse, pathname: string, method: string) {
    let rel = pathname.slice(SPA_PREFIX.length);
    try {
      rel = decodeURIComponent(rel);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const root = resolve(spaDir);
    let file = normalize(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const isFile = (f: string) => existsSync(f) && statSync(f).isFile();
    if (!isFile(file)) {
      // SPA routes (no file extension) get the app shell's index.html
      const last = rel.split('/').pop() ?? '';
      const index = join(root, 'index.html');
      if (!extname(last) && isFile(index)) {
        file = index;
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const size = statSync(file).size;
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': size, 'Cache-Control': 'no-cache' });
    if (method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path.startsWith(REST_PREFIX) || path === REST_PREFIX.slice(0, -1)) {
      void handleWs(req, res, url, 'rest');
      return;
    }
    if (path.startsWith(FHIR_PREFIX) || path === FHIR_PREFIX.slice(0, -1)) {
      void handleWs(req, res, url, 'fhir');
      return;
    }
    if ((method === 'GET' || method === 'HEAD') && (path === SPA_PREFIX || path.startsWith(`${SPA_PREFIX}/`))) {
      serveSpa(res, path, method);
      return;
    }
    if (path === CONTEXT || path === `${CONTEXT}/` || path === '/') {
      res.writeHead(302, { Location: `${SPA_PREFIX}/home` }).end();
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8090, () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}${CONTEXT}`,
    port,
    store,
    coreVersion: flags.coreVersion,
    flags,
    close: () =>
      new Promise<void>((resolveClose) => {
        store.flush();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
