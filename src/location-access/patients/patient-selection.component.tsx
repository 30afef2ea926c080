import React, { useRef, useState } from 'react';
import {
  Button,
  Checkbox,
  ProgressBar,
  Select,
  SelectItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  TextInput,
} from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import type { PatientFilters, PatientRow } from '../patient-rows';
import { scanPatients, type ScanProgress } from '../patient-scan-io';
import { useConfig } from '@openmrs/esm-framework';
import type { Config } from '../../config-schema';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { fhirGet } from '../location-access.resource';
import { locationOptions, patientLocationLabel } from '../location-labels';
import type { ModeGateData } from '../mode-gate.component';
import LbacHiddenNote from './lbac-hidden-note.component';
import layout from '../page-layout.scss';
import styles from './patient-selection.scss';

const SAMPLE_SIZE = 10;

interface FilterFormProps {
  data: ModeGateData;
  filters: PatientFilters;
  onChange(filters: PatientFilters): void;
  /** the move page fixes the current location itself */
  showCurrentLocation?: boolean;
  idPrefix: string;
}

/** Filters a registration clerk understands: name or identifier, identifier location, gender, age, current location. */
export const PatientFilterForm: React.FC<FilterFormProps> = ({ data, filters, onChange, showCurrentLocation = true, idPrefix }) => {
  const { t } = useTranslation();
  const set = (patch: Partial<PatientFilters>) => onChange({ ...filters, ...patch });
  const age = (value: string) => (value === '' ? null : Math.max(0, Math.floor(Number(value))));
  return (
    <div className={layout.filters}>
      <TextInput
        id={`${idPrefix}-query`}
        labelText={t('nameOrIdentifier', 'Name or identifier')}
        helperText={t('nameOrIdentifierHelp', 'Leave empty to consider every patient (slower).')}
        value={filters.query ?? ''}
        onChange={(e) => set({ query: e.target.value })}
      />
      <Select
        id={`${idPrefix}-identifier-location`}
        labelText={t('identifierLocation', 'Identifier recorded at')}
        value={filters.identifierLocation ?? ''}
        onChange={(e) => set({ identifierLocation: e.target.value || null })}
      >
        <SelectItem value="" text={t('anyLocation', 'Any location')} />
        {locationOptions(data.locations, t)}
      </Select>
      <Select
        id={`${idPrefix}-gender`}
        labelText={t('gender', 'Gender')}
        helperText={t('genderFilterHelp', 'Other and Unknown find the patients recorded as Other or Unknown. Patients with no gender recorded are included only with Any.')}
        value={filters.gender ?? ''}
        onChange={(e) => set({ gender: (e.target.value || null) as PatientFilters['gender'] })}
      >
        <SelectItem value="" text={t('anyGender', 'Any')} />
        <SelectItem value="F" text={t('female', 'Female')} />
        <SelectItem value="M" text={t('male', 'Male')} />
        <SelectItem value="O" text={t('otherGender', 'Other')} />
        <SelectItem value="U" text={t('unknownGender', 'Unknown')} />
      </Select>
      <TextInput
        id={`${idPrefix}-min-age`}
        type="number"
        min={0}
        labelText={t('minAge', 'Age from (years)')}
        value={filters.minAge ?? ''}
        onChange={(e) => set({ minAge: age(e.target.value) })}
      />
      <TextInput
        id={`${idPrefix}-max-age`}
        type="number"
        min={0}
        labelText={t('maxAge', 'Age to (years)')}
        value={filters.maxAge ?? ''}
        onChange={(e) => set({ maxAge: age(e.target.value) })}
      />
      {showCurrentLocation && (
        <Select
          id={`${idPrefix}-current-location`}
          labelText={t('currentPatientLocation', 'Current patient location')}
          value={filters.currentLocation ?? 'any'}
          onChange={(e) => set({ currentLocation: e.target.value })}
        >
          <SelectItem value="any" text={t('anyCurrentLocation', 'Any, or none')} />
          <SelectItem value="none" text={t('noLocation', 'No location')} />
          <SelectItem value="unknown" text={t('unknownValues', 'Unknown value')} />
          {locationOptions(data.locations, t)}
        </Select>
      )}
      <Checkbox
        id={`${idPrefix}-include-dead`}
        labelText={t('includeDeceased', 'Include deceased patients')}
        checked={Boolean(filters.includeDead)}
        onChange={(_e, { checked }) => set({ includeDead: checked })}
      />
    </div>
  );
};

/** Runs a patient search for the filters, with progress; returns the matches. */
export function usePatientScan(data: ModeGateData) {
  const config = useConfig<Config>();
  const [rows, setRows] = useState<PatientRow[] | null>(null);
  const [progress, setProgress] = useState<ScanProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [scanning, setScanning] = useState(false);
  const [unreadable, setUnreadable] = useState(0);
  const abort = useRef<AbortController | null>(null);

  const scan = async (filters: PatientFilters) => {
    abort.current?.abort();
    abort.current = new AbortController();
    setScanning(true);
    setError(null);
    setRows(null);
    setProgress(null);
    setUnreadable(0);
    try {
      const found = await scanPatients(openmrsRestClient, data.mode.attributeTypeUuid, data.known, filters, {
        fhir: fhirGet,
        attributeTypeName: data.mode.attributeType?.name ?? null,
        concurrency: config.bulkConcurrency,
        onProgress: setProgress,
        onUnreadable: (uuids) => setUnreadable(uuids.length),
        signal: abort.current.signal,
      });
      setRows(found);
      return found;
    } catch (e) {
      setError(e);
      return null;
    } finally {
      setScanning(false);
    }
  };
  const stop = () => abort.current?.abort();
  const reset = () => setRows(null);
  return { rows, progress, error, scanning, unreadable, scan, stop, reset };
}

interface ScanStatusProps {
  scan: ReturnType<typeof usePatientScan>;
}

export const ScanStatus: React.FC<ScanStatusProps> = ({ scan }) => {
  const { t } = useTranslation();
  if (scan.error) {
    return (
      <ErrorNotice title={t('patientSearchFailed', 'The patient search failed')} error={scan.error} />
    );
  }
  if (!scan.scanning) {
    return null;
  }
  const p = scan.progress;
  return (
    <div className={layout.actions}>
      <ProgressBar
        label={
          p?.phase === 'reading'
            ? t('readingPatients', 'Reading patient records ({{done}} of {{total}})', { done: p.done, total: p.total })
            : p && p.total > 1
              ? t('listingPatientPages', 'Listing patients ({{done}} of {{total}} pages)', { done: p.done, total: p.total })
              : t('listingPatients', 'Listing patients')
        }
        value={p && (p.phase === 'reading' || p.total > 1) ? p.done : undefined}
        max={p && (p.phase === 'reading' || p.total > 1) ? Math.max(1, p.total) : undefined}
      />
      <Button kind="ghost" size="sm" onClick={scan.stop}>
        {t('stopSearch', 'Stop the search')}
      </Button>
    </div>
  );
};

interface PatientSampleProps {
  rows: PatientRow[];
  data: ModeGateData;
  /** patients FHIR listed whose records REST would not show */
  unreadable?: number;
}

/** The count of matching patients and the first few, so the person can check the filters before a change. */
export const PatientSample: React.FC<PatientSampleProps> = ({ rows, data, unreadable = 0 }) => {
  const { t } = useTranslation();
  return (
    <div className={styles.sample}>
      <LbacHiddenNote mode={data.mode} context="scan" count={unreadable} />
      <p>
        <strong>{t('matchingPatients', '{{count}} patients match', { defaultValue_one: '{{count}} patient matches', count: rows.length })}</strong>
        {rows.length > SAMPLE_SIZE && ` ${t('showingFirst', '(the first {{count}} are shown)', { count: SAMPLE_SIZE })}`}
      </p>
      {rows.length > 0 && (
        <Table size="sm" aria-label={t('samplePatients', 'Sample of matching patients')}>
          <TableHead>
            <TableRow>
              <TableHeader>{t('patientName', 'Name')}</TableHeader>
              <TableHeader>{t('identifiers', 'Identifiers')}</TableHeader>
              <TableHeader>{t('currentPatientLocation', 'Current patient location')}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.slice(0, SAMPLE_SIZE).map((row) => (
              <TableRow key={row.uuid}>
                <TableCell>{row.name}</TableCell>
                <TableCell>{row.identifiers.join(', ')}</TableCell>
                <TableCell>{patientLocationLabel(row.location, data.byUuid, t)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
};

export function jobItemsOf(rows: PatientRow[]) {
  return rows.map((row) => ({ uuid: row.uuid, label: row.identifiers[0] ? `${row.name} (${row.identifiers[0]})` : row.name }));
}
