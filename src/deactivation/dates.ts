/**
 * Dates as the deactivation policy reads them. All instants are absolute: nothing depends on the
 * machine's time zone.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Parses the `lastLoginTimestamp` user property (epoch ms as a decimal string, as core 2.7+ writes it). Returns null for
 * blank or malformed values (treated as never logged in).
 */
export function parseLastLogin(value: string | null | undefined): Date | null {
  const ms = parseLastLoginMs(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/**
 * parseLastLogin in epoch ms, NaN where it gives null: 1 to 15 decimal digits, spaces around allowed.
 * The engine calls it once per user on every evaluation, hence digits read by hand rather than a
 * regular expression and Number(), and a trimmed copy made only when the value is not plain digits.
 */
export function parseLastLoginMs(value: string | null | undefined): number {
  if (typeof value !== 'string') {
    return NaN;
  }
  const ms = digitsValue(value);
  return Number.isNaN(ms) ? digitsValue(value.trim()) : ms;
}

/** The value of 1 to 15 decimal digits (exact, as it stays below 2^53); NaN for anything else. */
function digitsValue(text: string): number {
  if (text.length < 1 || text.length > 15) {
    return NaN;
  }
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48; // '0'
    if (digit < 0 || digit > 9) {
      return NaN;
    }
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Parses a date as OpenMRS REST serves it (`2024-06-26T10:00:00.000+0000`) or any ISO 8601 date or
 * date-time. A date-time without an offset is read as UTC. Returns null when it cannot be parsed.
 */
export function parseOpenmrsDate(value: unknown): Date | null {
  if (value instanceof Date) {
    return isNaN(value.getTime()) ? null : value;
  }
  if (typeof value !== 'string' || !value.trim()) {
    return null;
  }
  const v = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (!m) {
    return null;
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '0', zone] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    return null;
  }
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    t -= sign * offsetMinutes * 60 * 1000;
  }
  return new Date(t);
}

/**
 * The instant an exemption (`useraccess.exemptUntil`) ends, exclusive, or null when the value is
 * blank; `'invalid'` when it cannot be parsed. A date-only value `yyyy-mm-dd` lasts through the end of
 * that day in UTC; a date-time lasts until that instant (no offset = UTC).
 */
export function exemptionEnd(value: string | null | undefined): Date | null | 'invalid' {
  if (typeof value !== 'string' || !value.trim()) {
    return null;
  }
  const v = value.trim();
  const parsed = parseOpenmrsDate(v);
  if (!parsed) {
    return 'invalid';
  }
  if (isDateOnly(v)) {
    return new Date(parsed.getTime() + DAY_MS);
  }
  return parsed;
}

export function isDateOnly(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}
