/**
 * The stored form of the run history: short keys and one-letter codes, so that 200 runs fit in a
 * global property (see run-history.ts). A run of five accounts takes about 200 bytes instead of 320.
 *
 *   { "t": at, "b": by, "v": "p"|"s"|"c" (page, sweep, coreTask), "d": 1 for a dry run else 0,
 *     "n": [due, deactivated, failed, notProcessed, notPermitted], "x": blocked (optional),
 *     "a": [[username, "D"|"F"|"P"|"N"|"W", message?], ...], "m": more (optional) }
 */
import type { Runner } from './account-history';
import type { RunAccount, RunEntry, RunOutcome } from './run-history';

const RUNNER_CODES: Record<Runner, string> = { page: 'p', sweep: 's', coreTask: 'c' };
const OUTCOME_CODES: Record<RunOutcome, string> = {
  deactivated: 'D',
  failed: 'F',
  notProcessed: 'P',
  notPermitted: 'N',
  wouldDeactivate: 'W',
};
const invert = <K extends string>(codes: Record<K, string>) =>
  Object.fromEntries(Object.entries(codes).map(([k, v]) => [v, k])) as Record<string, K>;
const RUNNERS_BY_CODE = invert(RUNNER_CODES);
const OUTCOMES_BY_CODE = invert(OUTCOME_CODES);

interface StoredRun {
  t: string;
  b: string;
  v: string;
  d: 0 | 1;
  n: number[];
  x?: string;
  a: Array<[string, string] | [string, string, string]>;
  m?: number;
}

/** seconds are enough: "2026-06-01T08:00:00Z" */
const shortInstant = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');

export function encodeRun(run: RunEntry): StoredRun {
  const c = run.counts;
  return {
    t: shortInstant(run.at),
    b: run.by,
    v: RUNNER_CODES[run.via],
    d: run.dryRun ? 1 : 0,
    n: [c.due, c.deactivated, c.failed, c.notProcessed, c.notPermitted],
    ...(run.blocked ? { x: run.blocked } : {}),
    a: run.accounts.map(([username, outcome, message]) =>
      message ? [username, OUTCOME_CODES[outcome], message] : [username, OUTCOME_CODES[outcome]],
    ),
    ...(run.more ? { m: run.more } : {}),
  };
}

/** A stored run, or null when it is not one. */
export function decodeRun(value: unknown): RunEntry | null {
  const s = value as StoredRun;
  if (!s || typeof s !== 'object' || typeof s.t !== 'string' || typeof s.b !== 'string' || !Array.isArray(s.n) || !Array.isArray(s.a)) {
    return null;
  }
  const [due = 0, deactivated = 0, failed = 0, notProcessed = 0, notPermitted = 0] = s.n.map((x) => (Number.isFinite(x) ? x : 0));
  const accounts = s.a
    .filter((a) => Array.isArray(a) && typeof a[0] === 'string' && OUTCOMES_BY_CODE[a[1]])
    .map((a): RunAccount => (typeof a[2] === 'string' ? [a[0], OUTCOMES_BY_CODE[a[1]], a[2]] : [a[0], OUTCOMES_BY_CODE[a[1]]]));
  return {
    at: s.t,
    by: s.b,
    via: RUNNERS_BY_CODE[s.v] ?? 'page',
    dryRun: s.d === 1,
    counts: { due, deactivated, failed, notProcessed, notPermitted },
    ...(typeof s.x === 'string' ? { blocked: s.x } : {}),
    accounts,
    ...(typeof s.m === 'number' && s.m > 0 ? { more: s.m } : {}),
  };
}
