/**
 * The CSV exports of the location pages: the user-locations table, the location report and the
 * per-item results of a bulk patient job or a merge. All go through toCsv, which neutralises cells
 * that would start a spreadsheet formula (= + - @), as the deactivations export does.
 */
import { toCsv } from '../common/csv';
import type { Translate } from '../common/use-translation';
import type { StoredJobResult } from './job-store';
import type { LocationInfo } from './location-storage-io';
import type { LocationUser } from './user-locations-io';
import { locationName } from './location-labels';

/** The users as the table lists them: one row per user, locations by name, separated by `; `. */
export function userLocationsCsv(users: LocationUser[], byUuid: Map<string, LocationInfo>, t: Translate): string {
  const rows = users.map((user) => ({
    username: user.username,
    name: user.name,
    locations: user.locations.map((uuid) => locationName(byUuid.get(uuid), uuid, t)).join('; '),
    defaultLocation: user.defaultLocation ? locationName(byUuid.get(user.defaultLocation), user.defaultLocation, t) : '',
    status: user.retired ? t('retired', 'Retired') : t('active', 'Active'),
  }));
  return toCsv(rows, [
    { key: 'username', header: t('username', 'Username') },
    { key: 'name', header: t('name', 'Name') },
    { key: 'locations', header: t('locations', 'Locations') },
    { key: 'defaultLocation', header: t('defaultLocation', 'Default location') },
    { key: 'status', header: t('status', 'Status') },
  ]);
}

/** The report's table; a count not read yet is an empty cell. */
export function locationReportCsv(rows: Array<{ label: string; users: number | null; patients: number | null }>, t: Translate): string {
  return toCsv(rows, [
    { key: 'label', header: t('location', 'Location') },
    { key: 'users', header: t('users', 'Users') },
    { key: 'patients', header: t('patients', 'Patients') },
  ]);
}

export interface ResultRow {
  label: string;
  /** e.g. "User" or "Patient" */
  kind?: string;
  result: StoredJobResult | { status: string; message?: string } | undefined;
}

/** Each item of a bulk job or a merge with its result: done, failed (with the server's message) or not started. */
export function itemResultsCsv(rows: ResultRow[], t: Translate): string {
  const status = (result: ResultRow['result']) =>
    result?.status === 'success'
      ? t('resultDone', 'done')
      : result?.status === 'failed'
        ? t('resultFailedShort', 'failed')
        : result?.status === 'skipped'
          ? t('resultSkipped', 'not retired')
          : t('resultNotStarted', 'not started');
  const hasKind = rows.some((row) => row.kind);
  return toCsv(
    rows.map((row) => ({ label: row.label, kind: row.kind ?? '', status: status(row.result), message: row.result?.message ?? '' })),
    [
      { key: 'label', header: t('item', 'Item') },
      ...(hasKind ? [{ key: 'kind', header: t('kind', 'Kind') }] : []),
      { key: 'status', header: t('result', 'Result') },
      { key: 'message', header: t('message', 'Message') },
    ],
  );
}
