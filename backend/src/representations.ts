import { badRequest, serverError } from './errors';
import type { ServerFlags } from './context';
import type { Store } from './store';

/** `v=ref|default|full|custom:(a,b,c:(x,y))`; any other string is a named representation. */
export type Rep =
  | { kind: 'ref' }
  | { kind: 'default' }
  | { kind: 'full' }
  | { kind: 'custom'; fields: CustomField[] }
  | { kind: 'named'; name: string };

export interface CustomField {
  name: string;
  rep: Rep | null;
}

export const REF: Rep = { kind: 'ref' };
export const DEFAULT: Rep = { kind: 'default' };
export const FULL: Rep = { kind: 'full' };

/** Parses a `v` value. Returns null when `v` is absent. Empty `v=` is a 500 (IllegalArgumentException). */
export function parseRep(v: string | null): Rep | null {
  if (v === null) {
    return null;
  }
  if (v === '') {
    throw serverError('?v=(empty string) is not allowed', 'org.openmrs.module.webservices.rest.web.RestUtil:370');
  }
  return parseRepValue(v);
}

/** RestServiceImpl.getRepresentation: exact "ref", "default", "full", a "custom:" prefix, else named. */
function parseRepValue(v: string): Rep {
  if (v === 'ref' || v === 'default' || v === 'full') {
    return { kind: v };
  }
  if (v.startsWith('custom:')) {
    return { kind: 'custom', fields: parseFieldList(v.slice('custom:'.length)) };
  }
  return { kind: 'named', name: v };
}

/** ConversionUtil.getCustomRepresentationDescription: optional outer parentheses, top-level commas. */
function parseFieldList(spec: string): CustomField[] {
  let inner = spec;
  inner = inner.startsWith('(') ? inner.slice(1) : inner;
  inner = inner.endsWith(')') ? inner.slice(0, -1) : inner;
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of inner) {
    if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth < 0) {
        throw badRequest(`Unbalanced parentheses in custom representation ${spec}`);
      }
    }
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (depth !== 0) {
    throw badRequest(`Unbalanced parentheses in custom representation ${spec}`);
  }
  parts.push(current);
  return parts
    .filter((p) => p.length > 0)
    .map((p) => {
      const colon = p.indexOf(':');
      if (colon < 0) {
        return { name: p, rep: null };
      }
      // a nested "(...)" is custom; REF and FULL case-insensitively; anything else DEFAULT
      const rep = p.slice(colon + 1);
      const nested: Rep = rep.startsWith('(')
        ? { kind: 'custom', fields: parseFieldList(rep) }
        : rep.toLowerCase() === 'ref'
          ? REF
          : rep.toLowerCase() === 'full'
            ? FULL
            : DEFAULT;
      return { name: p.slice(0, colon), rep: nested };
    });
}

/** ConversionUtil.DATE_FORMAT: yyyy-MM-dd'T'HH:mm:ss.SSSZ, the server runs in UTC. */
export function formatDate(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) {
    return null;
  }
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** Parses the date formats REST accepts on input. Returns NaN when unparsable. */
export function parseDate(value: unknown): number {
  if (typeof value !== 'string') {
    return NaN;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!m) {
    return NaN;
  }
  const [, y, mo, d, h = '00', mi = '00', sec = '00', ms = '0', zone] = m;
  let offset = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return (
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), Number(ms.padEnd(3, '0'))) -
    offset * 60000
  );
}

export interface ConvCtx {
  store: Store;
  /** http://host:port/openmrs/ws/rest/v1 */
  restBase: string;
  /** the server's versions, for representations that differ by them (a request's Ctx has them) */
  flags?: Pick<ServerFlags, 'restVersion'>;
}

export interface Link {
  rel: string;
  uri: string;
  resourceAlias: string;
}

export function link(ctx: ConvCtx, rel: string, path: string, alias: string, query = ''): Link {
  return { rel, uri: `${ctx.restBase}/${path}${query}`, resourceAlias: alias };
}

export const OMIT = Symbol('omit');
export type Json = Record<string, unknown>;
export type FieldSpec = string | [string, Rep];

/**
 * How one resource turns into JSON. `get` returns the value of a property, converting
 * nested objects with `rep` (REF when a custom representation names a property without
 * a sub-representation). Return OMIT for unknown properties.
 */
export interface Converter<T> {
  /** e.g. "UserResource1_8(class org.openmrs.User)" for error messages */
  typeName: string;
  /** getResourceVersion(), added as `resourceVersion` to every non-REF representation (default "1.8") */
  version?: string;
  alias: string;
  path(o: T): string;
  ref(o: T, ctx: ConvCtx): Json;
  defaultFields: FieldSpec[];
  fullFields: FieldSpec[];
  get(o: T, name: string, rep: Rep, ctx: ConvCtx, kind: 'default' | 'full' | 'custom'): unknown;
}

export function convert<T>(conv: Converter<T>, o: T, rep: Rep, ctx: ConvCtx): Json {
  switch (rep.kind) {
    case 'ref':
      return conv.ref(o, ctx);
    case 'named':
      throw badRequest(
        `Don't know how to get ${conv.typeName} as ${rep.name}`,
        'org.openmrs.module.webservices.rest.web.ConversionUtil:229',
      );
    case 'default':
    case 'full': {
      const out: Json = {};
      for (const spec of rep.kind === 'default' ? conv.defaultFields : conv.fullFields) {
        const [name, childRep] = typeof spec === 'string' ? [spec, REF] : spec;
        const value = conv.get(o, name, childRep, ctx, rep.kind);
        if (value !== OMIT) {
          out[name] = value;
        }
      }
      out.resourceVersion = conv.version ?? '1.8';
      return out;
    }
    case 'custom': {
      const out: Json = {};
      for (const field of rep.fields) {
        if (field.name === 'links' && field.rep === null) {
          // custom "links": the self link plus a "default" link
          const self = linksFor(conv, o, ctx, 'ref')[0];
          out.links = [self, { ...self, rel: 'default', uri: `${self.uri}?v=default` }];
          continue;
        }
        // a property without a sub-representation is converted with DEFAULT
        const value = conv.get(o, field.name, field.rep ?? DEFAULT, ctx, 'custom');
        if (value === OMIT) {
          throw badRequest(
            `Unable to get property ${field.name} of ${conv.typeName}`,
            'org.openmrs.module.webservices.rest.web.ConversionUtil:265',
          );
        }
        out[field.name] = value;
      }
      out.resourceVersion = conv.version ?? '1.8';
      return out;
    }
  }
}

/** Standard links: default rep has self + full, full/custom/ref have self. */
export function linksFor<T>(conv: Converter<T>, o: T, ctx: ConvCtx, kind: 'default' | 'full' | 'custom' | 'ref'): Link[] {
  const self = link(ctx, 'self', conv.path(o), conv.alias);
  if (kind === 'default') {
    return [self, link(ctx, 'full', conv.path(o), conv.alias, '?v=full')];
  }
  return [self];
}

/** Metadata REF: {uuid, display, retired (only if true), links:[self]}. */
export function metadataRef<T extends { uuid: string; retired?: boolean }>(
  conv: Converter<T>,
  o: T,
  display: string,
  ctx: ConvCtx,
): Json {
  const out: Json = { uuid: o.uuid, display };
  if (o.retired) {
    out.retired = true;
  }
  out.links = linksFor(conv, o, ctx, 'ref');
  return out;
}

export function convertMaybe<T>(conv: Converter<T>, o: T | undefined | null, rep: Rep, ctx: ConvCtx): Json | null {
  return o ? convert(conv, o, rep, ctx) : null;
}
