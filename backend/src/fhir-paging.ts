import { randomUUID } from 'node:crypto';
import type { Ctx, Reply } from './context';
import type { Store } from './store';

/**
 * HAPI FHIR paging as fhir2 configures it (FhirRestServlet.createPagingProvider, the same in fhir2 1.11.0 and
 * 4.2.0: FifoMemoryPagingProvider(100), default page size GP fhir2.paging.default = 10, maximum GP
 * fhir2.paging.maximum = 100, here --fhir2-paging-maximum) and as HAPI 5.4 / 5.7 answers a search
 * (BaseResourceReturningMethodBinding.createBundleFromBundleProvider) or a page request (PageMethodBinding).
 * A `_count` above the maximum is cut to it, and the next link then carries the cut count and steps by it;
 * the default page size is not capped by the maximum.
 *
 * A search's bundle provider (fhir2 SearchQueryBundleProvider) is kept under a search id; its `size` is
 * counted once, while every page re-runs the query with the new offset.
 */

export const DEFAULT_COUNT = 10;
const STORED_SEARCHES = 100;

export const FHIR_HEADERS = { 'Content-Type': 'application/fhir+json;charset=utf-8' };

/** HAPI's parser adds this tag to every resource (the Bundle too) encoded with _summary=data/true/count. */
export const SUBSETTED_TAG = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'SUBSETTED',
  display: 'Resource encoded in summary mode',
};

export function operationOutcome(status: number, code: string, diagnostics: string): Reply {
  return {
    status,
    headers: FHIR_HEADERS,
    body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] },
  };
}

/** HAPI InstantType / DateTimeType in a server running on UTC: "+00:00", not "Z". */
export function fhirInstant(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

export interface Entry {
  fullUrl: string;
  resource: Record<string, unknown>;
}

export interface BundleProvider {
  /** Bundle.id: the provider's own uuid, the same on every page */
  uuid: string;
  /** Bundle.meta.lastUpdated: when the search ran */
  published: number;
  /** counted once (SearchQueryBundleProvider caches size) */
  size: number;
  /** the privilege the DAO asks for on every page (@Authorized on the Fhir*Dao) */
  privilege: string;
  resources(from: number, to: number, summary: SummaryMode): Entry[];
}

export type SummaryMode = 'false' | 'true' | 'data' | 'text' | 'count';

const searches = new WeakMap<Store, Map<string, BundleProvider>>();

function storeResultList(store: Store, provider: BundleProvider): string {
  let map = searches.get(store);
  if (!map) {
    map = new Map();
    searches.set(store, map);
  }
  // FifoMemoryPagingProvider: the oldest search goes once the capacity is reached
  while (map.size >= STORED_SEARCHES) {
    const oldest = map.keys().next().value as string;
    map.delete(oldest);
  }
  const id = randomUUID();
  map.set(id, provider);
  return id;
}

/** UrlUtil.escapeUrlParam: java.net.URLEncoder (space as "+", !'()~ escaped). */
export function escapeUrlParam(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** RestfulServerUtils.tryToExtractNamedParameter: Integer.parseInt of the first value, else null. */
export function intParam(params: URLSearchParams, name: string): number | null {
  const raw = params.get(name);
  if (raw === null || !/^[-+]?\d+$/.test(raw)) {
    return null;
  }
  const n = Number(raw);
  return n > 2147483647 || n < -2147483648 ? null : n;
}

/** RestfulServerUtils.determineSummaryMode, for the modes fhir2 clients send. */
export function summaryMode(params: URLSearchParams): SummaryMode {
  const raw = (params.get('_summary') ?? '').toLowerCase();
  if (raw === 'count' || raw === 'data' || raw === 'text' || raw === 'true') {
    return raw;
  }
  return 'false';
}

/** RestfulServerUtils.createLinkSelf: base + path + every parameter, names sorted, values escaped. */
export function linkSelf(base: string, params: URLSearchParams): string {
  const names = [...new Set(params.keys())].sort();
  const parts: string[] = [];
  for (const name of names) {
    for (const value of params.getAll(name)) {
      parts.push(`${escapeUrlParam(name)}=${escapeUrlParam(value)}`);
    }
  }
  return parts.length ? `${base}?${parts.join('&')}` : base;
}

interface BundleRequest {
  fhirBase: string;
  params: URLSearchParams;
  provider: BundleProvider;
  /** _count of this request (null: none or not a number) */
  limit: number | null;
  offset: number;
  selfUrl: string;
  bundleType: string | null;
  /** the search id when answering a page request */
  searchId: string | null;
}

/** createBundleFromBundleProvider, the paging-provider branch. */
function bundle(ctx: Ctx, r: BundleRequest): Reply {
  const { provider, offset } = r;
  const size = provider.size;
  let numToReturn = r.limit === null || r.limit === 0 ? DEFAULT_COUNT : Math.min(ctx.flags.fhir2PagingMaximum, r.limit);
  numToReturn = Math.min(numToReturn, size - offset);
  const summary = summaryMode(r.params);
  // _count=0 is a count-only answer too (RestfulServerUtils.configureResponseParser)
  const countOnly = summary === 'count' || r.params.get('_count') === '0';
  const entries = numToReturn > 0 ? provider.resources(offset, offset + numToReturn, summary) : [];
  let searchId = r.searchId;
  if (searchId === null && size > numToReturn) {
    searchId = storeResultList(ctx.store, provider);
  }
  const link: Array<{ relation: string; url: string }> = [{ relation: 'self', url: r.selfUrl }];
  const pageLink = (o: number) => {
    let url = `${r.fhirBase}?_getpages=${escapeUrlParam(searchId ?? '')}&_getpagesoffset=${o}&_count=${numToReturn}`;
    const format = r.params.get('_format');
    if (format) {
      url += `&_format=${escapeUrlParam(format.replace(/ /g, '+'))}`;
    }
    if (r.params.get('_pretty') === 'true') {
      url += '&_pretty=true';
    }
    if (r.bundleType) {
      url += `&_bundletype=${r.bundleType}`;
    }
    return url;
  };
  // paging links only when this page has entries; R4BundleFactory writes self, next, previous
  if (searchId !== null && entries.length > 0) {
    if (offset + numToReturn < size) {
      link.push({ relation: 'next', url: pageLink(offset + numToReturn) });
    }
    if (offset > 0) {
      link.push({ relation: 'previous', url: pageLink(Math.max(0, offset - numToReturn)) });
    }
  }
  const subsetted = summary !== 'false' || countOnly;
  const meta: Record<string, unknown> = { lastUpdated: fhirInstant(provider.published) };
  if (subsetted) {
    meta.tag = [SUBSETTED_TAG];
  }
  const body: Record<string, unknown> = { resourceType: 'Bundle', id: provider.uuid, meta };
  if (r.bundleType) {
    body.type = r.bundleType;
  }
  body.total = size;
  if (!countOnly) {
    body.link = link;
    if (entries.length) {
      body.entry = entries;
    }
  }
  return { status: 200, headers: FHIR_HEADERS, body };
}

/** A search answer: `_getpagesoffset` is honoured on the search itself (clamped to the last match). */
export function searchBundle(ctx: Ctx, fhirBase: string, resourceType: string, provider: BundleProvider): Reply {
  const params = new URLSearchParams(ctx.params);
  // fhir2 SummaryInterceptor: _summary=count without _count asks for one resource
  if (params.get('_summary') === 'count' && !params.has('_count')) {
    params.append('_count', '1');
  }
  const requested = intParam(params, '_getpagesoffset');
  const offsetI = requested === null || requested < 0 ? 0 : requested;
  const offset = Math.max(0, Math.min(offsetI, provider.size - 1));
  return bundle(ctx, {
    fhirBase,
    params,
    provider,
    limit: intParam(params, '_count'),
    offset,
    selfUrl: linkSelf(`${fhirBase}/${resourceType}`, params),
    bundleType: 'searchset',
    searchId: null,
  });
}

/**
 * `GET {fhirBase}?_getpages=<id>&_getpagesoffset=&_count=&_bundletype=` (PageMethodBinding).
 * Unknown ids (never issued, or pushed out of the FIFO) are 410 Gone.
 */
export function pageRequest(ctx: Ctx, fhirBase: string): Reply {
  const id = ctx.params.get('_getpages') ?? '';
  const provider = searches.get(ctx.store)?.get(id);
  if (!provider) {
    return operationOutcome(410, 'processing', `Search ID "${id}" does not exist and may have expired`);
  }
  if (!ctx.user || !ctx.store.hasPrivilege(ctx.user, provider.privilege)) {
    return operationOutcome(403, 'forbidden', `Privileges required: ${provider.privilege}`);
  }
  const requested = intParam(ctx.params, '_getpagesoffset');
  const offset = Math.max(0, Math.min(requested ?? 0, provider.size));
  let count = intParam(ctx.params, '_count');
  if (count === null) {
    count = DEFAULT_COUNT;
  } else if (count > ctx.flags.fhir2PagingMaximum) {
    count = ctx.flags.fhir2PagingMaximum;
  }
  const rawUrl = ctx.req.url ?? '';
  const query = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?')) : '';
  const bundleType = ctx.params.get('_bundletype');
  return bundle(ctx, {
    fhirBase,
    params: ctx.params,
    provider,
    limit: count,
    offset,
    selfUrl: `${fhirBase}${query}`,
    bundleType: bundleType === 'searchset' ? 'searchset' : bundleType,
    searchId: id,
  });
}

/** Stored searches of this server (tests). */
export function storedSearchCount(store: Store): number {
  return searches.get(store)?.size ?? 0;
}
