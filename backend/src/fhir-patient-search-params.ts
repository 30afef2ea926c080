/**
 * fhir2's Patient search parameters as FhirSearchQueryHelper reads and matches them.
 */
import type { Ctx } from './context';

export class InvalidRequest extends Error {}

/** A HAPI query value split on unescaped commas (an OR list). */
function orList(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length) {
      cur += value[++i];
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}

/** MySQL LIKE with the default case-insensitive collation (% and _ are wildcards). */
function like(value: string | null | undefined, pattern: string): boolean {
  if (value === null || value === undefined) {
    return false;
  }
  const re = pattern
    .split('')
    .map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${re}$`, 'is').test(value);
}

export interface StringParam {
  value: string;
  exact: boolean;
  contains: boolean;
}

/** FhirSearchQueryHelper.propertyLike; null = no predicate. MySQL "=" is case-insensitive as well. */
export function propertyLike(value: string | null | undefined, p: StringParam): boolean | null {
  if (!p.exact && p.value.trim() === '') {
    return null;
  }
  if (p.exact) {
    return value !== null && value !== undefined && value.toLowerCase() === p.value.toLowerCase();
  }
  return like(value, p.contains ? `%${p.value}%` : `${p.value}%`);
}

/** StringAndListParam for name/given/family: [and][or] */
export function stringParams(ctx: Ctx, name: string): StringParam[][] {
  const out: StringParam[][] = [];
  for (const [key, value] of ctx.params.entries()) {
    const [base, modifier] = key.split(':');
    if (base !== name) {
      continue;
    }
    out.push(orList(value).map((v) => ({ value: v, exact: modifier === 'exact', contains: modifier === 'contains' })));
  }
  return out;
}

export interface Token {
  system: string | null;
  value: string;
}

export function tokenParams(ctx: Ctx, name: string): Token[][] {
  return ctx.params.getAll(name).map((value) =>
    orList(value).map((v) => {
      const bar = v.indexOf('|');
      return bar >= 0 ? { system: v.slice(0, bar), value: v.slice(bar + 1) } : { system: null, value: v };
    }),
  );
}

export type Prefix = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export interface DateBound {
  prefix: Prefix;
  /** DateUtils.truncate / DateUtils.ceiling at the value's precision (capped at seconds) */
  start: number;
  end: number;
}

const PREFIX_NAMES: Record<string, string> = {
  sa: 'STARTS_AFTER',
  eb: 'ENDS_BEFORE',
  ap: 'APPROXIMATE',
};

function parseDateValue(raw: string): { start: number; end: number } {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.exec(
    raw,
  );
  if (!m) {
    throw new InvalidRequest(`Invalid date/time format: "${raw}"`);
  }
  const [, y, mo, d, h, mi, s, tz] = m;
  const year = Number(y);
  if (!mo) {
    return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) };
  }
  const month = Number(mo) - 1;
  if (!d) {
    return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
  }
  const day = Number(d);
  if (!h) {
    return { start: Date.UTC(year, month, day), end: Date.UTC(year, month, day + 1) };
  }
  let offsetMs = 0;
  if (tz && tz !== 'Z') {
    const sign = tz.startsWith('-') ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  const base = Date.UTC(year, month, day, Number(h), Number(mi), Number(s ?? 0)) - offsetMs;
  // minute precision truncates to the minute; second and finer to the second
  return s === undefined ? { start: base, end: base + 60000 } : { start: base, end: base + 1000 };
}

/** HAPI DateRangeParam.setValuesAsQueryTokens / addParam: at most one lower and one upper bound. */
export function dateRange(ctx: Ctx, name: string): DateBound[] {
  let lower: DateBound | null = null;
  let upper: DateBound | null = null;
  for (const raw of ctx.params.getAll(name)) {
    const values = orList(raw);
    if (values.length > 1) {
      throw new InvalidRequest('DateRange parameter does not support OR queries');
    }
    const value = values[0].replace(/ /g, '+');
    if (value === '') {
      continue;
    }
    const pm = /^(eq|ne|gt|ge|lt|le|sa|eb|ap)?(.*)$/.exec(value)!;
    const prefixCode = pm[1] ?? 'eq';
    const { start, end } = parseDateValue(pm[2]);
    if (prefixCode in PREFIX_NAMES) {
      throw new InvalidRequest(`Unknown comparator: ${PREFIX_NAMES[prefixCode]}`);
    }
    const prefix = prefixCode as Prefix;
    if (prefix === 'eq' || prefix === 'ne') {
      if (lower || upper) {
        throw new InvalidRequest('Can not have multiple date range parameters for the same param without a qualifier');
      }
      lower = { prefix, start, end };
      upper = { prefix, start, end };
    } else if (prefix === 'gt' || prefix === 'ge') {
      if (lower) {
        throw new InvalidRequest(
          'Can not have multiple date range parameters for the same param that specify a lower bound',
        );
      }
      lower = { prefix, start, end };
    } else {
      if (upper) {
        throw new InvalidRequest(
          'Can not have multiple date range parameters for the same param that specify an upper bound',
        );
      }
      upper = { prefix, start, end };
    }
  }
  return [lower, upper].filter((b): b is DateBound => b !== null);
}

/**
 * FhirSearchQueryHelper.handleDate, kept as it is: gt behaves as ge (>= start of the day) and lt/le as
 * "<= start of the next day", so birthdate=le2000-01-01 also finds people born on 2000-01-02 (birth dates
 * are stored at midnight).
 */
export function dateMatches(ms: number | null, b: DateBound): boolean {
  if (ms === null) {
    return false;
  }
  switch (b.prefix) {
    case 'eq':
      return ms >= b.start && ms < b.end;
    case 'ne':
      return !(ms >= b.start && ms < b.end);
    case 'lt':
    case 'le':
      return ms <= b.end;
    case 'gt':
    case 'ge':
      return ms >= b.start;
  }
}

export function dayMs(day: string | null): number | null {
  return day ? Date.parse(`${day}T00:00:00Z`) : null;
}

/** AdministrativeGender.fromCode, then like 'M' / like 'F' / is null, or a plain LIKE for other codes. */
export function genderMatches(gender: string | null | undefined, code: string): boolean {
  const isNull = gender === null || gender === undefined;
  switch (code) {
    case 'male':
      return like(gender, 'M');
    case 'female':
      return like(gender, 'F');
    case '':
    case 'other':
    case 'unknown':
      // fhir2 maps other/unknown to "gender is null", not to O / U
      return isNull;
    default:
      return like(gender, code);
  }
}
