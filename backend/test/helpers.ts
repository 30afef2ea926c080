import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../src/server';

export const ADMIN = { username: 'admin', password: 'Admin123' };
export const CLERK = { username: 'clerk', password: 'Clerk123' };

export interface TestServer {
  server: RunningServer;
  dataDir: string;
  url: string;
  rest: string;
  fhir: string;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export async function start(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'openmrs-backend-'));
  const server = await startServer({ port: 0, dataDir, spaDir: join(dataDir, 'no-spa'), ...options });
  return {
    server,
    dataDir,
    url: server.url,
    rest: `${server.url}/ws/rest/v1`,
    fhir: `${server.url}/ws/fhir2/R4`,
    async stop({ keepData = false } = {}) {
      await server.close();
      if (!keepData) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export function basic(cred: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
}

export interface CallOptions {
  as?: { username: string; password: string } | null;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  cookie?: string;
}

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** fetch with Basic auth as admin unless `as: null`. */
export async function call<T = any>(base: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const as = options.as === undefined ? ADMIN : options.as;
  if (as) {
    headers.Authorization = basic(as);
  }
  if (options.cookie) {
    headers.Cookie = options.cookie;
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${base}${path}`, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed as T, headers: res.headers, text };
}

export function cookieFrom(res: CallResult): string {
  const setCookie = res.headers.get('set-cookie') ?? '';
  const m = /JSESSIONID=([^;]+)/.exec(setCookie);
  if (!m) {
    throw new Error(`No JSESSIONID in ${setCookie}`);
  }
  return `JSESSIONID=${m[1]}`;
}
