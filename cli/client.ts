/**
 * A small OpenMRS REST client for Node 20+ (global fetch): logs in with Basic auth, then uses the
 * JSESSIONID cookie the server issues; if the session ends (401), logs in again once and retries.
 * GETs are also retried (twice, with backoff) on network errors, 429 and 5xx.
 */
import { isTransientError, type RestClient, type RestError } from '../src/common/rest-client';

export interface SessionUser {
  uuid: string;
  username?: string;
  display?: string;
  roles?: Array<{ name?: string; display?: string }>;
  privileges?: Array<{ name?: string; display?: string }>;
}

export interface Session {
  authenticated: boolean;
  user?: SessionUser;
}

export class LoginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LoginError';
  }
}

function httpError(method: string, url: string, status: number, statusText: string, body: unknown): RestError {
  const serverMessage =
    body && typeof body === 'object' ? (body as { error?: { message?: string } }).error?.message : undefined;
  const error = new Error(
    `${method} ${url} failed: ${status} ${statusText}${serverMessage ? `: ${serverMessage}` : ''}`,
  ) as RestError;
  error.response = { status };
  error.responseBody = body;
  return error;
}

export interface OpenmrsClient extends RestClient {
  /** GET /session with Basic auth; throws LoginError when the credentials are refused. */
  login(): Promise<Session>;
  readonly restBase: string;
}

/**
 * @param baseUrl the server's context URL, e.g. http://host:8080/openmrs
 */
export function createOpenmrsClient(
  baseUrl: string,
  username: string,
  password: string,
  fetchImpl: typeof fetch = fetch,
  { getRetries = 2, getBackoffMs = 250 }: { getRetries?: number; getBackoffMs?: number } = {},
): OpenmrsClient {
  const restBase = `${baseUrl.replace(/\/+$/, '')}/ws/rest/v1`;
  const basic = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  let cookie: string | null = null;

  const keepCookie = (response: Response) => {
    const setCookies =
      typeof (response.headers as Headers & { getSetCookie?: () => string[] }).getSetCookie === 'function'
        ? (response.headers as Headers & { getSetCookie: () => string[] }).getSetCookie()
        : [response.headers.get('set-cookie') ?? ''];
    for (const header of setCookies) {
      const m = /(?:^|,\s*)(JSESSIONID=[^;]+)/i.exec(header);
      if (m) {
        cookie = m[1];
      }
    }
  };

  async function send(method: string, path: string, body: unknown, withBasic: boolean): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Disable-WWW-Authenticate': 'true' };
    if (cookie) {
      headers.Cookie = cookie;
    }
    if (withBasic || !cookie) {
      headers.Authorization = basic;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetchImpl(`${restBase}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    keepCookie(response);
    return response;
  }

  async function readBody(response: Response): Promise<unknown> {
    if (response.status === 204) {
      return null;
    }
    const text = await response.text();
    if (!text) {
      return null;
    }
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  /** Reads (and the login) are retried on network errors, 429 and 5xx; writes are retried by the bulk runner. */
  async function withRetries<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        const retryable = !(error instanceof LoginError) && isTransientError(error);
        if (!retryable || attempt > getRetries) {
          throw error;
        }
        await new Promise((r) => setTimeout(r, getBackoffMs * 2 ** (attempt - 1)));
      }
    }
  }

  function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return method === 'GET' ? withRetries(() => requestOnce<T>(method, path, body)) : requestOnce<T>(method, path, body);
  }

  async function loginOnce(): Promise<Session> {
    cookie = null;
    const response = await send('GET', '/session', undefined, true);
    const data = (await readBody(response)) as Session | null;
    if (!response.ok) {
      throw httpError('GET', `${restBase}/session`, response.status, response.statusText, data);
    }
    if (!data?.authenticated || !data.user?.uuid) {
      throw new LoginError(`Login to ${baseUrl} as "${username}" failed: wrong username or password, or the account is locked.`);
    }
    return data;
  }

  async function requestOnce<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response = await send(method, path, body, false);
    if (response.status === 401) {
      // The session timed out or was never established: log in again once with Basic auth.
      await response.arrayBuffer().catch(() => undefined);
      cookie = null;
      response = await send(method, path, body, true);
    }
    const data = await readBody(response);
    if (!response.ok) {
      throw httpError(method, `${restBase}${path}`, response.status, response.statusText, data);
    }
    return data as T;
  }

  return {
    restBase,
    login: () => withRetries(loginOnce),
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
    delete: async (path: string) => {
      await request<unknown>('DELETE', path);
    },
  };
}
