/** The History view's rows: every account's entries and every run, filtered, newest first. */
import type { PolicyUser } from '../types';
import { ACCOUNT_HISTORY_PROPERTY, parseAccountHistory, type AccountAction, type Runner } from './account-history';
import type { RunAccount, RunCounts, RunEntry } from './run-history';

export type HistoryAction = AccountAction | 'run';

export interface HistoryRow {
  id: string;
  at: Date;
  by: string;
  action: HistoryAction;
  via: Runner;
  /** account rows: the account */
  username?: string;
  personName?: string;
  reason?: string;
  previousRetireReason?: string | null;
  until?: string;
  /** run rows */
  dryRun?: boolean;
  counts?: RunCounts;
  blocked?: string;
  accounts?: RunAccount[];
  more?: number;
}

export interface HistoryFilters {
  account: string;
  action: HistoryAction | 'all';
  runner: Runner | 'all';
  /** yyyy-mm-dd, inclusive, UTC days as stored; '' for no bound */
  from: string;
  to: string;
}

export const NO_FILTERS: HistoryFilters = { account: '', action: 'all', runner: 'all', from: '', to: '' };

export function historyRows(users: PolicyUser[], runs: RunEntry[]): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const user of users) {
    parseAccountHistory(user.userProperties[ACCOUNT_HISTORY_PROPERTY]).forEach((entry, index) => {
      rows.push({
        id: `${user.uuid}:${index}`,
        at: new Date(entry.at),
        by: entry.by,
        action: entry.action,
        via: entry.via,
        username: user.username || user.systemId,
        personName: user.personName,
        reason: entry.reason,
        previousRetireReason: entry.previousRetireReason,
        until: entry.until,
      });
    });
  }
  runs.forEach((run, index) => {
    rows.push({
      id: `run:${index}`,
      at: new Date(run.at),
      by: run.by,
      action: 'run',
      via: run.via,
      dryRun: run.dryRun,
      counts: run.counts,
      blocked: run.blocked,
      accounts: run.accounts,
      more: run.more,
    });
  });
  return rows.filter((row) => !Number.isNaN(row.at.getTime())).sort((a, b) => b.at.getTime() - a.at.getTime());
}

export function filterHistory(rows: HistoryRow[], filters: HistoryFilters): HistoryRow[] {
  const needle = filters.account.trim().toLowerCase();
  const matchesAccount = (row: HistoryRow) =>
    !needle ||
    (row.action === 'run'
      ? (row.accounts ?? []).some(([username]) => username.toLowerCase().includes(needle))
      : `${row.username ?? ''} ${row.personName ?? ''}`.toLowerCase().includes(needle));
  return rows.filter((row) => {
    const day = row.at.toISOString().slice(0, 10);
    return (
      (filters.action === 'all' || row.action === filters.action) &&
      (filters.runner === 'all' || row.via === filters.runner) &&
      (!filters.from || day >= filters.from) &&
      (!filters.to || day <= filters.to) &&
      matchesAccount(row)
    );
  });
}

/** One CSV line per account entry, and per account of a run (a run listing none gives one line). */
export interface HistoryCsvLine {
  at: Date;
  by: string;
  action: string;
  via: string;
  mode: string;
  account: string;
  outcome: string;
  reason: string;
  previousRetireReason: string;
  until: string;
}

export function historyCsvLines(
  rows: HistoryRow[],
  words: { action(a: HistoryAction): string; runner(r: Runner): string; mode(dryRun: boolean): string; outcome(o: string): string },
): HistoryCsvLine[] {
  return rows.flatMap((row): HistoryCsvLine[] => {
    const base = { at: row.at, by: row.by, action: words.action(row.action), via: words.runner(row.via) };
    if (row.action !== 'run') {
      return [
        {
          ...base,
          mode: '',
          account: row.username ?? '',
          outcome: '',
          reason: row.reason ?? '',
          previousRetireReason: row.previousRetireReason ?? '',
          until: row.until ?? '',
        },
      ];
    }
    const mode = words.mode(Boolean(row.dryRun));
    const empty = { previousRetireReason: '', until: '' };
    const accounts = row.accounts ?? [];
    if (!accounts.length) {
      return [{ ...base, ...empty, mode, account: '', outcome: '', reason: row.blocked ?? '' }];
    }
    return accounts.map(([username, outcome, message]) => ({
      ...base,
      ...empty,
      mode,
      account: username,
      outcome: words.outcome(outcome),
      reason: message ?? '',
    }));
  });
}
