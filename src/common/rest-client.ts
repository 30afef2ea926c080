/**
 * REST helpers shared by the browser (openmrsFetch, see openmrs-rest.resource.ts) and the Node CLI
 * (global fetch). Nothing here imports the framework: the caller passes a `RestClient` whose paths are
 * relative to `/ws/rest/v1`, e.g. `/user?v=ref`.
 */
import { errorMessage } from './error-message';

/** An error carrying the HTTP status the way openmrsFetch's OpenmrsFetchError does. */
export interface RestError extends Error {
  response?: { status: number };
  responseBody?: unknown;
}

export interface RestClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  delete(path: string): Promise<void>;
}

/** The HTTP status of an error from openmrsFetch (`response.status`) or from the CLI client (`status`). */
export function statusOf(error: unknown): number | undefined {
  const e = error as { response?: { status?: unknown }; status?: unknown } | null;
  const status = e?.response?.status ?? e?.status;
  return typeof status === 'number' ? status : undefined;
}

/** A network error (no status), 429 or 5xx: what may work when tried again. */
export function isTransientError(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status === 429 || status >= 500;
}

const ABSOLUTE_LIMIT = /absolute limit at (\d+)/i;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The client with each GET tried again after a transient error, waiting `backoffMs`, then twice
 * that: a read is safe to repeat, and a list of a hundred pages must not fail on one page's 503.
 * Writes are not repeated here (bulk jobs retry theirs per item, see bulk-runner.ts); nor is the
 * 500 a server gives for a page size above its absolute limit, which fetchAllPages handles.
 */
export function withReadRetries(
  client: RestClient,
  { retries = 2, backoffMs = 300, sleep = defaultSleep }: { retries?: number; backoffMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): RestClient {
  return {
    ...client,
    async get<T>(path: string): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        try {
          return await client.get<T>(path);
        } catch (error) {
          if (attempt >= retries || !isTransientError(error) || ABSOLUTE_LIMIT.test(errorMessage(error))) {
            throw error;
          }
          await sleep(backoffMs * 2 ** attempt);
        }
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Paging
// ---------------------------------------------------------------------------------------------

export interface Page<T> {
  results: T[];
  totalCount?: number;
  links?: Array<{ rel: string; uri: string }>;
}

export const PAGE_SIZE = 100;
export const PAGE_CONCURRENCY = 6;

function withParams(path: string, params: Record<string, string | number | boolean>): string {
  const sep = path.includes('?') ? '&' : '?';
  return `${path}${sep}${Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')}`;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/**
 * Every result of a paged list: the first page asks for `totalCount=true`, the rest are fetched in
 * parallel (at most `concurrency` at a time), so N results take ceil(N / pageSize) requests. If the
 * server's absolute limit (GP webservices.rest.maxResultsAbsolute) is below pageSize, it answers 500
 * "Administrator has set absolute limit at <n>": the page size is lowered to n and the list restarts.
 * Without a totalCount (not expected from OpenMRS), follows `next` links one by one.
 */
export async function fetchAllPages<T extends { uuid?: string }>(
  client: RestClient,
  path: string,
  { pageSize = PAGE_SIZE, concurrency = PAGE_CONCURRENCY }: { pageSize?: number; concurrency?: number } = {},
): Promise<T[]> {
  let first: Page<T>;
  try {
    first = await client.get<Page<T>>(withParams(path, { limit: pageSize, startIndex: 0, totalCount: true }));
  } catch (error) {
    const lowered = ABSOLUTE_LIMIT.exec(errorMessage(error));
    if (lowered && Number(lowered[1]) > 0 && Number(lowered[1]) < pageSize) {
      return fetchAllPages<T>(client, path, { pageSize: Number(lowered[1]), concurrency });
    }
    throw error;
  }
  const results = [...(first.results ?? [])];
  if (typeof first.totalCount === 'number') {
    const starts: number[] = [];
    for (let start = pageSize; start < first.totalCount; start += pageSize) {
      starts.push(start);
    }
    const pages = await mapLimit(starts, concurrency, (startIndex) =>
      client.get<Page<T>>(withParams(path, { limit: pageSize, startIndex })),
    );
    for (const page of pages) {
      results.push(...(page.results ?? []));
    }
  } else {
    let page = first;
    let startIndex = 0;
    while (page.links?.some((l) => l.rel === 'next') && page.results?.length) {
      startIndex += pageSize;
      page = await client.get<Page<T>>(withParams(path, { limit: pageSize, startIndex }));
      results.push(...(page.results ?? []));
    }
  }
  // A user created or deleted while paging shifts the pages; never report anyone twice.
  const seen = new Set<string>();
  return results.filter((r) => {
    if (!r.uuid) {
      return true;
    }
    if (seen.has(r.uuid)) {
      return false;
    }
    seen.add(r.uuid);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Global properties
// ---------------------------------------------------------------------------------------------

export interface SystemSetting {
  uuid?: string;
  property: string;
  value: string | null;
  description?: string | null;
}

/** A global property's value; null when it does not exist (404). */
export async function getGlobalProperty(client: RestClient, name: string): Promise<string | null> {
  try {
    const gp = await client.get<SystemSetting>(`/systemsetting/${encodeURIComponent(name)}?v=default`);
    return gp?.value ?? null;
  } catch (error) {
    if (statusOf(error) === 404) {
      return null;
    }
    throw error;
  }
}

/** Creates or overwrites a global property (POST /systemsetting upserts by name, 201). */
export async function setGlobalProperty(
  client: RestClient,
  property: string,
  value: string,
  description: string,
): Promise<void> {
  await client.post('/systemsetting', { property, value, description });
}

// ---------------------------------------------------------------------------------------------
// User properties
// ---------------------------------------------------------------------------------------------

/** Applies a patch to user properties: a string sets a key, null deletes it, other keys are kept. */
export function mergeUserProperties(
  current: Record<string, unknown> | null | undefined,
  patch: Record<string, string | null>,
): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [k, v] of Object.entries(current ?? {})) {
    if (v !== null && v !== undefined) {
      merged[k] = String(v);
    }
  }
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete merged[k];
    } else {
      merged[k] = v;
    }
  }
  return merged;
}

/**
 * Changes some user properties without dropping the others: POST replaces the whole map on the
 * server, so read the user fresh, merge, then write. Returns the map written.
 */
export async function patchUserProperties(
  client: RestClient,
  userUuid: string,
  patch: Record<string, string | null>,
): Promise<Record<string, string>> {
  const fresh = await client.get<{ userProperties?: Record<string, unknown> | null }>(
    `/user/${encodeURIComponent(userUuid)}?v=custom:(uuid,userProperties)`,
  );
  const merged = mergeUserProperties(fresh?.userProperties, patch);
  await client.post(`/user/${encodeURIComponent(userUuid)}`, { userProperties: merged });
  return merged;
}
