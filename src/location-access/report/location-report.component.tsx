import React, { useMemo, useState } from 'react';
import {
  Button,
  DataTableSkeleton,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import { Download } from '@carbon/react/icons';
import { downloadCsv } from '../../common/csv';
import { locationReportCsv } from '../location-exports';
import { useNavigate } from 'react-router-dom';
import { useSession } from '@openmrs/esm-framework';
import { countPatients, countUsers, type LocationCounts } from '../location-counts';
import { useFhirListsPatientLocations, useLbacCounts, useLocationUsers } from '../location-access.resource';
import ModeGate, { type ModeGateData } from '../mode-gate.component';
import { ScanStatus, usePatientScan } from '../patients/patient-selection.component';
import layout from '../page-layout.scss';
import styles from './location-report.scss';

interface ReportRow {
  key: string;
  label: string;
  users: number | null;
  patients: number | null;
}

export function reportRows(
  data: ModeGateData,
  users: LocationCounts | null,
  patients: LocationCounts | null,
  labels: { none: string; unknown: string },
): ReportRow[] {
  const rows: ReportRow[] = data.locations
    .filter((l) => !l.retired || users?.byLocation[l.uuid] || patients?.byLocation[l.uuid])
    .map((l) => ({
      key: l.uuid,
      label: l.name,
      users: users ? (users.byLocation[l.uuid] ?? 0) : null,
      patients: patients ? (patients.byLocation[l.uuid] ?? 0) : null,
    }));
  rows.push({ key: 'none', label: labels.none, users: users?.none ?? null, patients: patients?.none ?? null });
  rows.push({ key: 'unknown', label: labels.unknown, users: users?.unknown ?? null, patients: patients?.unknown ?? null });
  return rows;
}

const Report: React.FC<{ data: ModeGateData }> = ({ data }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { users, error: usersError, isLoading: usersLoading } = useLocationUsers();
  const lbac = data.mode.kind === 'lbac';
  const { counts: lbacPatients, error: lbacError } = useLbacCounts(lbac, 'patients', data.locations);
  const { counts: lbacUsers } = useLbacCounts(lbac, 'users', data.locations);
  const scan = usePatientScan(data);
  const listsLocations = useFhirListsPatientLocations();
  const [scanned, setScanned] = useState<LocationCounts | null>(null);

  const sessionLocationUuid = useSession()?.sessionLocation?.uuid ?? null;
  // per location from the module when it runs (what it enforces); "no location" and unknown values from the users themselves
  const userCounts = useMemo(() => {
    const own = users ? countUsers(users, data.known) : null;
    if (!own || !lbacUsers) {
      return own;
    }
    // The module counts a user without locations at the CALLER's session location (its
    // getUserAccessibleLocationUuids falls back to it); the report shows those users as "No location".
    const byLocation = { ...lbacUsers.byLocation };
    if (sessionLocationUuid && byLocation[sessionLocationUuid] !== undefined) {
      byLocation[sessionLocationUuid] = Math.max(0, byLocation[sessionLocationUuid] - own.none);
    }
    return { ...own, byLocation };
  }, [users, data.known, lbacUsers, sessionLocationUuid]);
  const patientCounts = scanned ?? lbacPatients;
  const rows = reportRows(data, userCounts, patientCounts, {
    none: t('noLocation', 'No location'),
    unknown: t('unknownValues', 'Unknown value'),
  });
  const max = Math.max(1, ...rows.map((r) => Math.max(r.users ?? 0, r.patients ?? 0)));
  // the longest bar leaves room for its label ("12,345 patients") on the same line
  const barWidth = (count: number) => `calc((100% - 8rem) * ${count / max})`;

  const drillUsers = (key: string) =>
    navigate(`..${key === 'unknown' ? '' : `?location=${encodeURIComponent(key)}`}`, { relative: 'path' });
  const drillPatients = (key: string) => navigate(`../bulk?currentLocation=${encodeURIComponent(key)}`, { relative: 'path' });

  if (usersError && !users) {
    return <ErrorNotice title={t('couldNotLoadReportUsers', 'Could not load users')} error={usersError} />;
  }
  if (usersLoading) {
    return <DataTableSkeleton role="progressbar" zebra aria-label={t('loading', 'Loading')} />;
  }

  return (
    <>
      <div className={layout.panel}>
        <p className={layout.help}>
          {lbac && !scanned
            ? t('lbacCountsNote', 'Patient counts come from the locationbasedaccess module, which leaves out patients with no location or a value it cannot match. Count every patient to see those.')
            : !scanned
              ? listsLocations
                ? t('patientCountsNeedScanFhir', 'Counting patients reads the FHIR patient list, up to 100 patients per request, each with their location.')
                : t('patientCountsNeedScan', 'Counting patients reads every patient record (FHIR lists them, then one request per patient).')
              : t('patientCountsScanned', 'Patient counts from reading every patient record.')}
        </p>
        {lbacError ? <ErrorNotice title={t('lbacCountsFailed', 'The module\'s counts could not be read')} error={lbacError} /> : null}
        <Button
          kind="secondary"
          disabled={scan.scanning}
          onClick={async () => {
            const found = await scan.scan({ includeDead: true });
            if (found) {
              setScanned(countPatients(found));
            }
          }}
        >
          {t('countEveryPatient', 'Count every patient')}
        </Button>
        <ScanStatus scan={scan} />
      </div>

      <figure className={layout.panel} aria-label={t('chartLabel', 'Users and patients per location')}>
        <figcaption className={layout.subheading}>{t('chartLabel', 'Users and patients per location')}</figcaption>
        <div className={styles.chart} aria-hidden>
          {rows.map((row) => (
            <div key={row.key} className={styles.chartRow}>
              <span>{row.label}</span>
              <div className={styles.bars}>
                <div className={styles.bar}>
                  <div className={`${styles.barFill} ${styles.usersFill}`} style={{ width: barWidth(row.users ?? 0) }} />
                  <span>{t('usersCount', '{{count}} users', { defaultValue_one: '{{count}} user', count: row.users ?? 0 })}</span>
                </div>
                {row.patients !== null && (
                  <div className={styles.bar}>
                    <div className={`${styles.barFill} ${styles.patientsFill}`} style={{ width: barWidth(row.patients) }} />
                    <span>{t('patientsCount', '{{count}} patients', { defaultValue_one: '{{count}} patient', count: row.patients })}</span>
                  </div>
                )}
              </div>
            </div>
          ))}
        </div>
      </figure>

      <div className={layout.panel}>
        <Table size="sm" useZebraStyles aria-label={t('countsTable', 'Counts per location')}>
          <TableHead>
            <TableRow>
              <TableHeader>{t('location', 'Location')}</TableHeader>
              <TableHeader>{t('users', 'Users')}</TableHeader>
              <TableHeader>{t('patients', 'Patients')}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.key}>
                <TableCell>{row.label}</TableCell>
                <TableCell>
                  <button
                    type="button"
                    className={layout.linkButton}
                    onClick={() => drillUsers(row.key)}
                  >
                    {/* the visible count starts the accessible name (WCAG 2.5.3 Label in Name) */}
                    {row.users ?? '—'}
                    <span className={styles.visuallyHidden}>
                      {' '}
                      ({t('showUsersOf', 'Show the users of {{location}}', { location: row.label })})
                    </span>
                  </button>
                </TableCell>
                <TableCell>
                  {row.patients === null ? (
                    t('notCounted', 'Not counted')
                  ) : (
                    <button
                      type="button"
                      className={layout.linkButton}
                      onClick={() => drillPatients(row.key)}
                    >
                      {row.patients}
                      <span className={styles.visuallyHidden}>
                        {' '}
                        ({t('showPatientsOf', 'Show the patients of {{location}}', { location: row.label })})
                      </span>
                    </button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Button kind="ghost" size="sm" renderIcon={Download} onClick={() => downloadCsv('location-report.csv', locationReportCsv(rows, t))}>
          {t('exportCsv', 'Export CSV')}
        </Button>
        {scanned && Object.keys(scanned.unknownValues).length > 0 && (
          <p className={layout.help}>
            {t('unknownValuesList', 'Unknown values found: {{values}}', {
              values: Object.entries(scanned.unknownValues)
                .map(([value, count]) => `${value || t('emptyValue', '(empty)')} × ${count}`)
                .join(', '),
            })}
          </p>
        )}
      </div>
    </>
  );
};

/** Counts of users and patients per location, "no location" and "unknown value", as a chart and a table. */
const LocationReport: React.FC = () => {
  const { t } = useTranslation();
  return (
    <div className={layout.page}>
      <h2 className={layout.heading}>{t('locationReport', 'Location report')}</h2>
      <ModeGate>{(data) => <Report data={data} />}</ModeGate>
    </div>
  );
};

export default LocationReport;
