/**
 * REST helpers shared by the browser (openmrsFetch, see openmrs-rest.resource.ts) and the Node CLI
 * (global fetch). Nothing here imports the framework: the caller passes a `RestClient` whose paths are
 * relative to `/ws/rest/v1`, e.g. `/user?v=ref`.
 */
import { errorMessage } from './error-message';
import { runPool } from './pool';

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

/** The server's error body: `{ error: { message, code } }` (RestUtil.wrapErrorResponse). */
function errorBodyOf(error: unknown): { message: string; code: string } {
  const body = (error as RestError | null)?.responseBody as { error?: { message?: unknown; code?: unknown } } | null | undefined;
  const message = body?.error?.message;
  const code = body?.error?.code;
  return { message: typeof message === 'string' ? message : '', code: typeof code === 'string' ? code : '' };
}

/**
 * Whether the server says the object does not exist. 404 (ObjectNotFoundException) from REST 2.50 on.
 * Before, UserResource1_8.getByUniqueId wraps a missing user in a UserAndPassword1_8 (fixed by
 * RESTWS-981), so reading or updating it fails in UserResource1_8.getProperty/setProperty on the null
 * user (400, named by that code), and retiring it in UserAndPassword1_8.getId (500). On every version
 * TaskDefinitionResource1_8 answers an unknown task with core's ObjectRetrievalFailureException
 * ("Object of class [...] with identifier [...]: not found", 500). Any other 400 or 500 is a failure.
 */
export function isNotFound(error: unknown): boolean {
  const status = statusOf(error);
  if (status === 404) {
    return true;
  }
  if (status !== 400 && status !== 500) {
    return false;
  }
  const { message, code } = errorBodyOf(error);
  return (
    /\.UserAndPassword1_8:\d+$/.test(code) ||
    (status === 400 && /\.UserResource1_8:\d+$/.test(code)) ||
    (status === 400 && /\.BaseDelegatingResource:\d+$/.test(code) && /No bean specified/.test(message)) ||
    (status === 500 && /Object of class \[[^\]]+\] with identifier \[[^\]]*\]: not found/.test(message))
  );
}

/**
 * NeedsPaging.getPageOfResults for a startIndex past the end of the list: List.subList throws
 * IllegalArgumentException "fromIndex(x) > toIndex(y)", a 500 that no retry changes.
 */
const PAST_THE_END = /fromIndex\(\d+\) > toIndex\(\d+\)/;

function isPastTheEnd(error: unknown): boolean {
  return statusOf(error) === 500 && PAST_THE_END.test(errorBodyOf(error).message);
}

/** A network error (no status), 429 or 5xx: what may work when tried again; not a missing object. */
export function isTransientError(error: unknown): boolean {
  const status = statusOf(error);
  return (status === undefined || status === 429 || status >= 500) && !isNotFound(error) && !isPastTheEnd(error);
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

/** Loading progress of a list: results so far, and the total when the server tells it (REST 2.49+). */
export interface ListProgress {
  loaded: number;
  total: number | null;
}

export interface FetchAllOptions<T = unknown> {
  pageSize?: number;
  /** requests in flight at most */
  concurrency?: number;
  onProgress?: (progress: ListProgress) => void;
  /** each page's results as it arrives, in arrival order, before repeats are dropped: for showing a list while it loads */
  onResults?: (results: T[]) => void;
  /** whether the server reports totalCount, when the caller knows it already (see sendsTotalCount) */
  countsTotal?: boolean;
}

/** The webservices.rest module's version (GET /module/webservices.rest, any logged-in user may read it), or null. */
export async function restModuleVersion(client: RestClient): Promise<string | null> {
  try {
    const module = await client.get<{ version?: unknown }>('/module/webservices.rest?v=custom:(uuid,version)');
    return typeof module?.version === 'string' ? module.version : null;
  } catch {
    return null;
  }
}

/** Whether `version` is `minimum` or later, comparing major.minor.patch; false when either is unreadable. */
export function versionAtLeast(version: string | null, minimum: string): boolean {
  const parse = (v: string) => /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(v.trim())?.slice(1, 4).map((n) => Number(n ?? 0));
  const [have, need] = [version ? parse(version) : undefined, parse(minimum)];
  if (!have || !need) {
    return false;
  }
  for (let i = 0; i < 3; i++) {
    if (have[i] !== need[i]) {
      return have[i] > need[i];
    }
  }
  return true;
}

const countsTotals = new WeakMap<RestClient, Promise<boolean>>();

/**
 * Whether `totalCount` may be sent: it is a special request parameter only from REST 2.49.0 (RESTWS-943).
 * Before, it turns a list into a search (MainResourceController.get): /location fails, /user leaves out
 * retired users, /privilege is empty. Asked once per client; an unknown version counts as old, and is
 * asked again next time.
 */
export function sendsTotalCount(client: RestClient): Promise<boolean> {
  let known = countsTotals.get(client);
  if (!known) {
    known = restModuleVersion(client).then((version) => {
      if (version === null) {
        countsTotals.delete(client);
      }
      return versionAtLeast(version, '2.49.0');
    });
    countsTotals.set(client, known);
  }
  return known;
}

/**
 * Fetches pages `from`, `from + 1`, ... with up to `concurrency` requests in flight, until `isLast`
 * says a page ends the list or `until` pages are in. Pages read ahead past the end are dropped, and
 * so are their errors: NeedsPaging answers a startIndex past the end with a 500 (see PAST_THE_END).
 */
async function readPages<T>(
  fetchPage: (index: number) => Promise<Page<T>>,
  { from, until, concurrency, isLast, onPage }: {
    from: number;
    until: number;
    concurrency: number;
    isLast: (page: Page<T>) => boolean;
    onPage: (pages: Array<Page<T> | undefined>, end: number) => void;
  },
): Promise<Array<Page<T>>> {
  const pages: Array<Page<T> | undefined> = [];
  const errors = new Map<number, unknown>();
  let end = until;
  await runPool({ from, until, concurrency }, async (index, pool) => {
    try {
      const page = await fetchPage(index);
      pages[index] = page;
      if (isLast(page)) {
        end = Math.min(end, index + 1);
        pool.stopAt(end);
      }
      onPage(pages, end);
    } catch (error) {
      errors.set(index, error);
      // nothing after a failed page is needed: either the list ended before it, or the list fails
      end = Math.min(end, index + 1);
      pool.stopAt(end);
    }
  });
  // `end` is now the first page that ends the list, or the first that failed before any did
  const failed = [...errors.keys()].filter((index) => index < end).sort((a, b) => a - b)[0];
  if (failed !== undefined) {
    throw errors.get(failed);
  }
  return pages.slice(from, end) as Array<Page<T>>;
}

/**
 * Every result of a paged list, `pageSize` (default 100) per request, `concurrency` requests at a time.
 * - REST 2.49.0 and later: the first page asks for `totalCount=true`, which says how many pages follow.
 * - Older (or unknown) REST: `limit`/`startIndex` only, reading a few pages ahead; the list ends at the
 *   first page that is short or has no `next` link.
 * If the server's absolute limit (GP webservices.rest.maxResultsAbsolute) is below pageSize, it answers
 * 500 "Administrator has set absolute limit at <n>": the page size is lowered to n and the list restarts.
 * A result seen twice (the list shifted while paging) is kept once.
 */
export async function fetchAllPages<T extends { uuid?: string }>(
  client: RestClient,
  path: string,
  options: FetchAllOptions<T> = {},
): Promise<T[]> {
  const { pageSize = PAGE_SIZE, concurrency = PAGE_CONCURRENCY, onProgress, onResults } = options;
  const counted = options.countsTotal ?? (await sendsTotalCount(client));
  const fetchPage = async (index: number) => {
    const page = await client.get<Page<T>>(
      withParams(path, { limit: pageSize, startIndex: index * pageSize, ...(index === 0 && counted ? { totalCount: true } : {}) }),
    );
    onResults?.(page.results ?? []);
    return page;
  };
  let first: Page<T>;
  try {
    first = await fetchPage(0);
  } catch (error) {
    const lowered = ABSOLUTE_LIMIT.exec(errorMessage(error));
    if (lowered && Number(lowered[1]) > 0 && Number(lowered[1]) < pageSize) {
      return fetchAllPages<T>(client, path, { ...options, pageSize: Number(lowered[1]) });
    }
    throw error;
  }
  const total = counted && typeof first.totalCount === 'number' ? first.totalCount : null;
  const isShort = (page: Page<T>) => (page.results?.length ?? 0) < pageSize;
  const isLast = (page: Page<T>) => isShort(page) || !page.links?.some((link) => link.rel === 'next');
  const report = (pages: Array<Page<T> | undefined>, end: number) =>
    onProgress?.({ loaded: pages.slice(0, end).reduce((n, page) => n + (page?.results?.length ?? 0), 0), total });
  const pagesSoFar: Array<Page<T> | undefined> = [first];
  report(pagesSoFar, 1);
  const rest =
    total !== null
      ? await readPages(fetchPage, {
          from: 1,
          until: Math.ceil(total / pageSize),
          concurrency,
          // the list may shrink while paging: it ends at a short page, and a page read past it is dropped
          isLast: isShort,
          onPage: (pages, end) => report([first, ...pages.slice(1)], end),
        })
      : isLast(first)
        ? []
        : await readPages(fetchPage, {
            from: 1,
            until: Number.POSITIVE_INFINITY,
            concurrency,
            isLast,
            onPage: (pages, end) => report([first, ...pages.slice(1)], end),
          });
  const seen = new Set<string>();
  return [first, ...rest]
    .flatMap((page) => page.results ?? [])
    .filter((r) => {
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
