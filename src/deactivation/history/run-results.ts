/** A finished bulk deactivation as run-history result lines, and those lines as a CSV file. */
import type { BulkOutcome } from '../../common/bulk-runner';
import { toCsv } from '../../common/csv';
import type { RunResultLine } from './run-history';

/** Each item's outcome: deactivated, failed (with the message), or not processed (stopped before it). */
export function runResultLines<T>(outcome: BulkOutcome<T>, usernameOf: (item: T) => string): RunResultLine[] {
  return [
    ...outcome.results.map((r): RunResultLine =>
      r.status === 'success'
        ? { username: usernameOf(r.item), outcome: 'deactivated' }
        : { username: usernameOf(r.item), outcome: 'failed', message: r.message },
    ),
    ...outcome.remaining.map((item): RunResultLine => ({ username: usernameOf(item), outcome: 'notProcessed' })),
  ];
}

export function runResultsCsv(lines: RunResultLine[], headers: { username: string; outcome: string; message: string }): string {
  return toCsv(lines, [
    { key: 'username', header: headers.username },
    { key: 'outcome', header: headers.outcome },
    { key: 'message', header: headers.message },
  ]);
}
