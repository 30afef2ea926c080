/**
 * The one FHIR pager: every resource a fhir2 search finds. Framework-free (the caller passes `get`), so
 * the session-location switcher, the patient pages and the CLI share it.
 */
import { abortError, mapPool } from './pool';

/** A searchset Bundle, as much of it as paging reads. */
export interface FhirBundle<R> {
  total?: number;
  link?: Array<{ relation: string; url: string }>;
  entry?: Array<{ resource?: R }>;
}

export interface FhirSearchOptions {
  /** requests in flight at most once the total is known; default 6 */
  concurrency?: number;
  signal?: AbortSignal;
  /** pages read so far, and how many there are */
  onPage?: (done: number, total: number) => void;
}

/**
 * Every resource with an id the search finds, each once, in the order of the pages. HAPI cuts each
 * page to fhir2.paging.maximum (100 by default, lower on some servers) whatever `_count` asks for, and
 * honours `_getpagesoffset` on the search itself (BaseResourceReturningMethodBinding). So the pages
 * step by the number of entries the first one held, and with a `total` the pages after the first are
 * fetched `concurrency` at a time. Without one, pages are read one after another, each from where
 * the last one ended, until one is empty or has no `next` link.
 *
 * `search` is the search as `get` takes it, with its query string, e.g. `Patient?_count=100`.
 */
export async function fetchFhirSearch<R extends { id?: string }>(
  get: (path: string) => Promise<FhirBundle<R>>,
  search: string,
  { concurrency = 6, signal, onPage }: FhirSearchOptions = {},
): Promise<Array<R & { id: string }>> {
  const at = (offset: number) => get(`${search}${search.includes('?') ? '&' : '?'}_getpagesoffset=${offset}`);
  const first = await at(0);
  const pages = [first];
  const pageSize = first.entry?.length ?? 0;
  if (typeof first.total === 'number' && pageSize > 0) {
    const offsets: number[] = [];
    for (let offset = pageSize; offset < first.total; offset += pageSize) {
      offsets.push(offset);
    }
    let done = 1;
    onPage?.(done, offsets.length + 1);
    const rest = await mapPool(
      offsets,
      concurrency,
      async (offset) => {
        const page = await at(offset);
        onPage?.(++done, offsets.length + 1);
        return page;
      },
      signal,
    );
    pages.push(...rest);
  } else if (typeof first.total !== 'number') {
    let page = first;
    let offset = pageSize;
    while (page.link?.some((link) => link.relation === 'next') && page.entry?.length) {
      if (signal?.aborted) {
        throw abortError();
      }
      page = await at(offset);
      offset += page.entry?.length ?? 0;
      pages.push(page);
    }
  }
  const seen = new Set<string>();
  const found: Array<R & { id: string }> = [];
  for (const page of pages) {
    for (const { resource } of page.entry ?? []) {
      if (resource?.id && !seen.has(resource.id)) {
        seen.add(resource.id);
        found.push(resource as R & { id: string });
      }
    }
  }
  return found;
}
