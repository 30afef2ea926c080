/** openmrsFetch answers and REST users for the tests of the *.resource.ts files. */
import React from 'react';
import { SWRConfig } from 'swr';
import { openmrsFetch, type FetchResponse } from '@openmrs/esm-framework';

export const mockFetch = jest.mocked(openmrsFetch);

export function ok<T>(data: T, status = 200) {
  return Promise.resolve({ data, status, ok: true } as unknown as FetchResponse<T>);
}
export function fail(status: number, message = 'error') {
  return Promise.reject(
    Object.assign(new Error(`Server responded with ${status}`), {
      response: { status },
      responseBody: { error: { message } },
    }),
  );
}

/** A fresh SWR cache per test, no deduping. */
export const swrWrapper = ({ children }: { children: React.ReactNode }) =>
  React.createElement(SWRConfig, { value: { dedupingInterval: 0, provider: () => new Map() } }, children);

/** A user as GET /user?v=POLICY_USER_REP returns it; every 50th is retired. */
export function restUser(i: number) {
  return {
    uuid: `user-${i}`,
    display: `u${i}`,
    username: `u${i}`,
    systemId: `${i}-1`,
    userProperties: { lastLoginTimestamp: '1700000000000' },
    retired: i % 50 === 0,
    person: { uuid: `p${i}`, display: `Person ${i}`, preferredName: { familyName: 'Doe' } },
    roles: [{ name: 'Clerk' }],
    allRoles: [{ name: 'Clerk' }],
    auditInfo: { dateCreated: '2024-01-01T00:00:00.000+0000' },
  };
}

/** The list requests among all requests made (the first list also asks for the REST module's version). */
export const listUrls = (resource: string) =>
  mockFetch.mock.calls.map((c) => c[0] as string).filter((url) => url.startsWith(`/ws/rest/v1/${resource}?`));

/** Serves `total` users as webservices.rest pages them, refusing a limit above its absolute limit. */
export function pagedUsers(total: number, maxLimit = 100) {
  const all = Array.from({ length: total }, (_, i) => restUser(i));
  return (url: string) => {
    if (url.startsWith('/ws/rest/v1/module/webservices.rest')) {
      return ok({ uuid: 'webservices.rest', version: '3.4.1' });
    }
    const u = new URL(url, 'http://x');
    const limit = Number(u.searchParams.get('limit'));
    if (limit > maxLimit) {
      return fail(500, `[Administrator has set absolute limit at ${maxLimit}]`);
    }
    const start = Number(u.searchParams.get('startIndex') ?? 0);
    const body: Record<string, unknown> = { results: all.slice(start, start + limit) };
    if (u.searchParams.get('totalCount') === 'true') {
      body.totalCount = total;
    }
    return ok(body);
  };
}

/** A user with properties of core, LBAC and this app, for the property writes. */
export const userWithProperties = {
  uuid: 'u1',
  userProperties: {
    defaultLocation: 'loc-1',
    lastLoginTimestamp: '1700000000000',
    loginAttempts: '0',
    locationUuid: 'a,b',
    'useraccess.exemptUntil': '2020-01-01',
    'useraccess.exemptReason': 'old',
  },
};

/** Answers GET /user/{uuid} with userWithProperties and accepts the POST. */
export function serveUser() {
  mockFetch.mockImplementation(((url: string, init?: { method?: string }) =>
    init?.method === 'POST' ? ok({ uuid: 'u1' }) : ok(userWithProperties)) as never);
}
/** The userProperties of the first POST. */
export const postedProperties = () =>
  (mockFetch.mock.calls.find((c) => c[1]?.method === 'POST')?.[1]?.body as { userProperties: Record<string, string> })
    .userProperties;

export const REST = '/ws/rest/v1';

export type RouteHandler = (url: string, init: { method?: string; body?: unknown }) => unknown;

export function httpError(status: number, message = `HTTP ${status}`) {
  return Object.assign(new Error(message), { response: { status }, responseBody: { error: { message } } });
}

/** Routes openmrsFetch calls to handlers by method and path prefix; records every call. */
export function serveRoutes(routes: Array<[string, string | RegExp, RouteHandler]>) {
  const calls: Array<{ method: string; url: string; body: unknown }> = [];
  mockFetch.mockImplementation((async (url: string, init: { method?: string; body?: unknown } = {}) => {
    const method = init.method ?? 'GET';
    calls.push({ method, url, body: init.body });
    const route = routes.find(
      ([m, pattern]) => m === method && (typeof pattern === 'string' ? url.startsWith(pattern) : pattern.test(url)),
    );
    if (!route) {
      throw httpError(404, `no route for ${method} ${url}`);
    }
    const data = await route[2](url, init);
    return { ok: true, status: 200, data } as never;
  }) as never);
  return calls;
}
