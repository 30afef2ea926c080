/**
 * The history of one account, kept on the account itself: the user property `useraccess.history`
 * holds the last ACCOUNT_HISTORY_LIMIT changes as JSON, newest last. user_property.property_value is
 * LONGTEXT since core 2.5 (TRUNK-6020), so twenty entries fit.
 */

export const ACCOUNT_HISTORY_PROPERTY = 'useraccess.history';
export const ACCOUNT_HISTORY_LIMIT = 20;
/** a reason longer than this is cut (with …) so one entry cannot crowd out the others */
export const HISTORY_REASON_MAX = 255;

export type AccountAction = 'deactivate' | 'reactivate' | 'exempt' | 'removeExemption';
export const ACCOUNT_ACTIONS: AccountAction[] = ['deactivate', 'reactivate', 'exempt', 'removeExemption'];

/** what made the change: the page, the headless sweep, or core's AutoRetireUsersTask (read back) */
export type Runner = 'page' | 'sweep' | 'coreTask';
export const RUNNERS: Runner[] = ['page', 'sweep', 'coreTask'];

export interface AccountHistoryEntry {
  /** ISO 8601 instant */
  at: string;
  /** username of whoever made the change */
  by: string;
  action: AccountAction;
  reason: string;
  /** the retire reason the account had before this change (core clears it on reactivation) */
  previousRetireReason: string | null;
  /** the last day of an exemption (exempt, and the grace period of a reactivation) */
  until?: string;
  via: Runner;
}

export function clipReason(text: string | null | undefined, max = HISTORY_REASON_MAX): string {
  const trimmed = (text ?? '').trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

function isEntry(value: unknown): value is AccountHistoryEntry {
  const e = value as AccountHistoryEntry;
  return (
    !!e &&
    typeof e === 'object' &&
    typeof e.at === 'string' &&
    typeof e.by === 'string' &&
    ACCOUNT_ACTIONS.includes(e.action) &&
    typeof e.reason === 'string'
  );
}

/** The entries stored in the property, oldest first; anything unreadable is left out. */
export function parseAccountHistory(raw: string | null | undefined): AccountHistoryEntry[] {
  if (!raw) {
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) {
    return [];
  }
  return parsed.filter(isEntry).map((e) => ({
    at: e.at,
    by: e.by,
    action: e.action,
    reason: e.reason,
    previousRetireReason: typeof e.previousRetireReason === 'string' ? e.previousRetireReason : null,
    ...(typeof e.until === 'string' ? { until: e.until } : {}),
    via: RUNNERS.includes(e.via) ? e.via : 'page',
  }));
}

/** The property's new value: the stored entries plus this one, the oldest dropped beyond the limit. */
export function appendAccountHistory(raw: string | null | undefined, entry: AccountHistoryEntry): string {
  const entries = [
    ...parseAccountHistory(raw),
    { ...entry, reason: clipReason(entry.reason), previousRetireReason: entry.previousRetireReason ? clipReason(entry.previousRetireReason) : null },
  ];
  return JSON.stringify(entries.slice(-ACCOUNT_HISTORY_LIMIT));
}
