import { serverError } from './errors';
import type { Store } from './store';

export interface PageParams {
  limit: number;
  startIndex: number;
  totalCount: boolean;
}

const REQUEST_CONTEXT = 'org.openmrs.module.webservices.rest.web.RequestContext:';

/** RequestContext.setLimit/setStartIndex, with the GP defaults 50 and 100. */
export function pageParams(params: URLSearchParams, store: Store): PageParams {
  const def = Number(store.gp('webservices.rest.maxResultsDefault') ?? '50') || 50;
  const abs = Number(store.gp('webservices.rest.maxResultsAbsolute') ?? '100') || 100;
  let limit = def;
  const rawLimit = params.get('limit');
  if (rawLimit !== null && /^-?\d+$/.test(rawLimit.trim())) {
    const n = Number(rawLimit.trim());
    if (n <= 0) {
      throw serverError('If you specify a number of results to return, it must be >0 and not null', `${REQUEST_CONTEXT}125`);
    }
    if (n > abs) {
      throw serverError(`Administrator has set absolute limit at ${abs}`, `${REQUEST_CONTEXT}128`);
    }
    limit = n;
  }
  let startIndex = 0;
  const rawStart = params.get('startIndex');
  if (rawStart !== null && /^\d+$/.test(rawStart.trim())) {
    startIndex = Number(rawStart.trim());
  }
  return { limit, startIndex, totalCount: params.get('totalCount') === 'true' };
}

/** NeedsPaging + BasePageableResult.toSimpleObject: results, links next/prev, totalCount on request. */
export function pageOf<T>(
  items: T[],
  page: PageParams,
  requestUrl: string,
  params: URLSearchParams,
  toJson: (t: T) => unknown,
): Record<string, unknown> {
  if (page.startIndex > items.length) {
    // NeedsPaging.getPageOfResults: subList(startIndex, size) past the end (JDK 8's ArrayList.subListRangeCheck)
    throw serverError(`fromIndex(${page.startIndex}) > toIndex(${items.length})`, 'java.util.ArrayList:1014');
  }
  const slice = items.slice(page.startIndex, page.startIndex + page.limit);
  const out: Record<string, unknown> = { results: slice.map(toJson) };
  const links: Array<{ rel: string; uri: string }> = [];
  const base = queryWithoutStartIndex(requestUrl, params);
  if (page.startIndex + page.limit < items.length) {
    links.push({ rel: 'next', uri: `${base.prefix}${base.sep}startIndex=${page.startIndex + page.limit}` });
  }
  if (page.startIndex > 0) {
    const prev = Math.max(0, page.startIndex - page.limit);
    links.push({ rel: 'prev', uri: prev > 0 ? `${base.prefix}${base.sep}startIndex=${prev}` : base.prefix });
  }
  if (links.length) {
    out.links = links;
  }
  if (page.totalCount) {
    out.totalCount = items.length;
  }
  return out;
}

function queryWithoutStartIndex(requestUrl: string, params: URLSearchParams): { prefix: string; sep: string } {
  const parts: string[] = [];
  params.forEach((value, key) => {
    if (key !== 'startIndex') {
      parts.push(`${key}=${encodeURIComponent(value)}`);
    }
  });
  if (!parts.length) {
    return { prefix: requestUrl, sep: '?' };
  }
  return { prefix: `${requestUrl}?${parts.join('&')}`, sep: '&' };
}
