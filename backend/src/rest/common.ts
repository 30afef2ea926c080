import { type Ctx, type Reply, repOf } from '../context';
import { missingProperties, notAllowedProperties, notFound } from '../errors';
import type { Audit, Retirable, Voidable } from '../model';
import { pageOf, pageParams } from '../paging';
import { versionAtLeast } from '../versions';
import { convert, DEFAULT, formatDate, link, REF, type ConvCtx, type Converter, type Json } from '../representations';

/** A list or search result: paged, REF unless v= says otherwise. */
export function listReply<T>(ctx: Ctx, items: T[], conv: Converter<T>): Reply {
  const rep = repOf(ctx, REF);
  const page = pageParams(ctx.params, ctx.store);
  return { status: 200, body: pageOf(items, page, ctx.requestUrl, ctx.params, (o) => convert(conv, o, rep, ctx)) };
}

/** A single object, DEFAULT unless v= says otherwise. */
export function single<T>(ctx: Ctx, conv: Converter<T>, o: T | undefined | null, status = 200): Reply {
  if (!o) {
    throw notFound();
  }
  return { status, body: convert(conv, o, repOf(ctx, DEFAULT), ctx) };
}

/** A user REF without importing the user resource (auditInfo needs it everywhere). */
export function userRef(ctx: ConvCtx, uuid: string | null): Json | null {
  if (!uuid) {
    return null;
  }
  const user = ctx.store.userByUuid(uuid);
  if (!user) {
    return null;
  }
  const out: Json = { uuid: user.uuid, display: user.username || user.systemId };
  if (user.retired) {
    out.retired = true;
  }
  out.links = [link(ctx, 'self', `user/${user.uuid}`, 'user')];
  return out;
}

/** ConversionUtil.getAuditInfo */
export function auditInfo(ctx: ConvCtx, o: Audit & Partial<Retirable> & Partial<Voidable>): Json {
  const out: Json = {
    creator: userRef(ctx, o.creator),
    dateCreated: formatDate(o.dateCreated),
    changedBy: userRef(ctx, o.changedBy),
    dateChanged: formatDate(o.dateChanged),
  };
  if (o.retired) {
    out.retiredBy = userRef(ctx, o.retiredBy ?? null);
    out.dateRetired = formatDate(o.dateRetired);
    out.retireReason = o.retireReason ?? null;
  }
  if (o.voided) {
    out.voidedBy = userRef(ctx, o.voidedBy ?? null);
    out.dateVoided = formatDate(o.dateVoided);
    out.voidReason = o.voidReason ?? null;
  }
  return out;
}

/** BaseDelegatingResource.setConvertedProperties checks: unknown and missing properties are 400s. */
export function checkProperties(body: Record<string, unknown>, allowed: string[], required: string[] = []): void {
  const notAllowed = Object.keys(body).filter((k) => !allowed.includes(k) && k !== 'auditInfo');
  if (notAllowed.length) {
    throw notAllowedProperties(notAllowed);
  }
  const missing = required.filter((k) => body[k] === undefined || body[k] === null);
  if (missing.length) {
    throw missingProperties(missing);
  }
}

export function touch(o: Audit, by: string | null): void {
  o.changedBy = by;
  o.dateChanged = Date.now();
}

export function newAudit(by: string | null): Audit {
  return { creator: by, dateCreated: Date.now(), changedBy: null, dateChanged: null };
}

export function notRetired(): Retirable {
  return { retired: false, retiredBy: null, dateRetired: null, retireReason: null };
}

export function retire(o: Retirable & Audit, by: string, reason: string): void {
  if (o.retired) {
    return;
  }
  o.retired = true;
  o.retiredBy = by;
  o.dateRetired = Date.now();
  o.retireReason = reason;
}

/** RetireSaveHandler: saving a non-retired object clears the retire fields. */
export function unretire(o: Retirable): void {
  o.retired = false;
  o.retiredBy = null;
  o.dateRetired = null;
  o.retireReason = null;
}

export function asString(v: unknown): string | null {
  if (v === null || v === undefined) {
    return null;
  }
  return typeof v === 'string' ? v : String(v);
}

export function asBoolean(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

/** Resolves `uuid` or `{uuid}` as REST accepts for references. */
export function refUuid(v: unknown): string | null {
  if (typeof v === 'string') {
    return v;
  }
  if (v && typeof v === 'object' && typeof (v as { uuid?: unknown }).uuid === 'string') {
    return (v as { uuid: string }).uuid;
  }
  return null;
}

export function reasonParam(ctx: Ctx): string {
  return ctx.params.get('reason') || 'web service call';
}

export function isPurge(ctx: Ctx): boolean {
  return ctx.params.get('purge') === 'true';
}

const SPECIAL_PARAMS = ['v', 'limit', 'startIndex', 'includeAll', 'jsessionid', 's', 't'];

/**
 * RestConstants.SPECIAL_REQUEST_PARAMETERS: `totalCount` joined them only in REST 2.49.0 (RESTWS-943);
 * before, `?totalCount=true` is an ordinary parameter and turns a list into a search.
 */
export function isSpecialParam(ctx: Ctx, key: string): boolean {
  return SPECIAL_PARAMS.includes(key) || (key === 'totalCount' && versionAtLeast(ctx.flags.restVersion, '2.49.0'));
}

/** MainResourceController: any parameter besides the special ones makes GET /{r} a search. */
export function hasSearchParams(ctx: Ctx): boolean {
  for (const key of ctx.params.keys()) {
    if (!isSpecialParam(ctx, key)) {
      return true;
    }
  }
  return false;
}

/** DelegatingCrudResource.doSearch of a resource that does not override it: EmptySearchResult, no links, no totalCount. */
export function emptySearch(): Reply {
  return { status: 200, body: { results: [] } };
}
