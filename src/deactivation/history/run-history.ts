/**
 * The history of deactivation runs (the page's "Deactivate all due", the sweep, core's
 * AutoRetireUsersTask read back), in one global property as JSON, newest last.
 *
 * global_property.property_value is a TEXT column (GlobalProperty.hbm.xml: length 65535, core 2.7
 * and 2.8): MySQL refuses a longer value, and the REST systemsetting resource does not shorten it.
 * So the value is kept under RUN_HISTORY_MAX_BYTES of UTF-8: at most RUN_HISTORY_LIMIT runs, each
 * listing at most RUN_ACCOUNTS_LIMIT accounts (the others counted in `more`), and the oldest runs
 * dropped first when the list is still too long. The stored form is compact: run-history-codec.ts.
 */
import { clipReason, type Runner } from './account-history';
import { decodeRun, encodeRun } from './run-history-codec';

export const RUN_HISTORY_GLOBAL_PROPERTY = 'useraccess.deactivationRuns';
export const RUN_HISTORY_GP_DESCRIPTION =
  'Deactivation runs of the User access app (JSON: the last runs of the page, the sweep and the core task). Written by the app.';
export const RUN_HISTORY_LIMIT = 200;
export const RUN_ACCOUNTS_LIMIT = 100;
/** below MySQL TEXT's 65,535 bytes, with room to spare */
export const RUN_HISTORY_MAX_BYTES = 60000;
const MESSAGE_MAX = 120;

export type RunOutcome = 'deactivated' | 'failed' | 'notProcessed' | 'notPermitted' | 'wouldDeactivate';

export interface RunCounts {
  due: number;
  deactivated: number;
  failed: number;
  notProcessed: number;
  notPermitted: number;
}

/** [username, outcome] or [username, outcome, message] */
export type RunAccount = [string, RunOutcome] | [string, RunOutcome, string];

export interface RunEntry {
  /** ISO 8601 instant the run started */
  at: string;
  /** username of whoever ran it (for the core task, who asked it to run) */
  by: string;
  via: Runner;
  dryRun: boolean;
  counts: RunCounts;
  /** why nothing was written (circuit breaker, disabled policy) */
  blocked?: string;
  accounts: RunAccount[];
  /** accounts of this run not listed, to keep the entry compact */
  more?: number;
}

export interface RunResultLine {
  username: string;
  outcome: RunOutcome;
  message?: string;
}

/** A run entry from per-account results; counts are taken from the results. */
export function runEntry(
  base: { at: Date; by: string; via: Runner; dryRun: boolean; blocked?: string | null; due: number },
  results: RunResultLine[],
): RunEntry {
  const count = (outcome: RunOutcome) => results.filter((r) => r.outcome === outcome).length;
  const accounts = results
    .slice(0, RUN_ACCOUNTS_LIMIT)
    .map((r): RunAccount => (r.message ? [r.username, r.outcome, clipReason(r.message, MESSAGE_MAX)] : [r.username, r.outcome]));
  return {
    at: base.at.toISOString(),
    by: base.by,
    via: base.via,
    dryRun: base.dryRun,
    counts: {
      due: base.due,
      deactivated: count('deactivated'),
      failed: count('failed'),
      notProcessed: count('notProcessed'),
      notPermitted: count('notPermitted'),
    },
    ...(base.blocked ? { blocked: clipReason(base.blocked, MESSAGE_MAX * 2) } : {}),
    accounts,
    ...(results.length > RUN_ACCOUNTS_LIMIT ? { more: results.length - RUN_ACCOUNTS_LIMIT } : {}),
  };
}

/** The runs stored, oldest first; an unreadable value or entry is left out. */
export function parseRunHistory(raw: string | null | undefined): RunEntry[] {
  if (!raw) {
    return [];
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.map(decodeRun).filter((run): run is RunEntry => run !== null) : [];
  } catch {
    return [];
  }
}

const serialize = (runs: RunEntry[]) => JSON.stringify(runs.map(encodeRun));

export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** The property's new value: the stored runs plus this one, within RUN_HISTORY_LIMIT and RUN_HISTORY_MAX_BYTES. */
export function appendRunHistory(raw: string | null | undefined, entry: RunEntry, maxBytes = RUN_HISTORY_MAX_BYTES): string {
  let runs = [...parseRunHistory(raw), entry].slice(-RUN_HISTORY_LIMIT);
  let text = serialize(runs);
  while (runs.length > 1 && utf8Bytes(text) > maxBytes) {
    // drop the oldest runs in one step where possible: a 60 kB value is re-measured only a few times
    const excess = utf8Bytes(text) - maxBytes;
    const average = Math.max(1, Math.floor(utf8Bytes(text) / runs.length));
    runs = runs.slice(Math.min(runs.length - 1, Math.max(1, Math.floor(excess / average))));
    text = serialize(runs);
  }
  if (utf8Bytes(text) > maxBytes) {
    // one run alone is too long (very long usernames): list fewer of its accounts
    const [only] = runs;
    const keep = Math.max(0, Math.floor(only.accounts.length / 2));
    const shorter = { ...only, accounts: only.accounts.slice(0, keep), more: (only.more ?? 0) + only.accounts.length - keep };
    return keep === only.accounts.length ? text : appendRunHistory(null, shorter, maxBytes);
  }
  return text;
}
