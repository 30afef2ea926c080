import React, { useState } from 'react';
import { Button, InlineNotification, Select, SelectItem } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import { useSearchParams } from 'react-router-dom';
import type { PatientFilters } from '../patient-rows';
import ModeGate, { type ModeGateData } from '../mode-gate.component';
import { locationOptions } from '../location-labels';
import JobArea from './job-area.component';
import { jobItemsOf, PatientFilterForm, PatientSample, ScanStatus, usePatientScan } from './patient-selection.component';
import { useFhirListsPatientLocations } from '../location-access.resource';
import layout from '../page-layout.scss';

const REMOVE = '__remove__';

const BulkAssignForm: React.FC<{ data: ModeGateData; start: Parameters<React.ComponentProps<typeof JobArea>['children']>[0] }> = ({
  data,
  start,
}) => {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<PatientFilters>({ query: '', currentLocation: params.get('currentLocation') ?? 'any' });
  const [target, setTarget] = useState('');
  const scan = usePatientScan(data);
  const listsLocations = useFhirListsPatientLocations();

  const changeFilters = (next: PatientFilters) => {
    setFilters(next);
    scan.reset();
  };
  // patients who already have the chosen location are left alone
  const toChange = (scan.rows ?? []).filter((row) =>
    target === REMOVE ? row.location.kind !== 'none' : !(row.location.kind === 'location' && row.location.uuid === target),
  );
  const unchanged = (scan.rows?.length ?? 0) - toChange.length;
  const targetDisplay =
    target === REMOVE ? t('noLocation', 'No location') : (data.byUuid.get(target)?.name ?? '');

  return (
    <div className={layout.panel}>
      <h3 className={layout.subheading}>{t('choosePatients', '1. Choose patients')}</h3>
      <PatientFilterForm data={data} filters={filters} onChange={changeFilters} idPrefix="bulk" />
      {!filters.query?.trim() && (
        <p className={layout.help}>
          {listsLocations
            ? t(
                'scanCostNoteFhir',
                'Without a name or identifier the app lists every patient through FHIR, each with their location (up to 100 per request, as many as the server allows).',
              )
            : t(
                'scanCostNote',
                'Without a name or identifier the app lists every patient through FHIR (up to 100 per request, as many as the server allows) and then reads each patient\'s record (one request each). On a large server this takes minutes.',
              )}
        </p>
      )}
      <Button kind="secondary" onClick={() => scan.scan(filters)} disabled={scan.scanning}>
        {t('previewPatients', 'Preview matching patients')}
      </Button>
      <ScanStatus scan={scan} />
      {scan.rows && (
        <>
          <PatientSample rows={scan.rows} data={data} unreadable={scan.unreadable} />
          <h3 className={layout.subheading}>{t('chooseTarget', '2. Choose the location')}</h3>
          <Select id="bulk-target" labelText={t('newPatientLocation', 'New patient location')} value={target} onChange={(e) => setTarget(e.target.value)}>
            <SelectItem value="" text={t('chooseLocation', 'Choose a location')} />
            {locationOptions(data.locations, t)}
            <SelectItem value={REMOVE} text={t('removeLocationOption', 'No location (remove it)')} />
          </Select>
          {target && unchanged > 0 && (
            <p className={layout.help}>
              {t('alreadyThere', '{{count}} of them already have this location and are left alone.', { defaultValue_one: '{{count}} of them already has this location and is left alone.', count: unchanged })}
            </p>
          )}
          <Button
            kind="primary"
            disabled={!target || !toChange.length}
            onClick={() => start('assign', { uuid: target === REMOVE ? null : target, display: targetDisplay }, jobItemsOf(toChange))}
          >
            {target === REMOVE
              ? t('removeLocationOfN', 'Remove the location of {{count}} patients', { defaultValue_one: 'Remove the location of {{count}} patient', count: toChange.length })
              : t('assignNPatients', 'Assign {{count}} patients to {{location}}', { defaultValue_one: 'Assign {{count}} patient to {{location}}', count: toChange.length, location: targetDisplay || '…' })}
          </Button>
        </>
      )}
    </div>
  );
};

/** Bulk: choose patients by filters, preview the count and a sample, then assign, with a resumable job. */
const BulkAssign: React.FC = () => {
  const { t } = useTranslation();
  return (
    <div className={layout.page}>
      <h2 className={layout.heading}>{t('bulkAssignPatients', 'Assign patient locations in bulk')}</h2>
      <ModeGate>
        {(data) => (
          <>
            {data.mode.kind === 'lbac' && (
              <InlineNotification
                kind="info"
                lowContrast
                hideCloseButton
                title={t('lbacWritesNote', 'Written through the locationbasedaccess module')}
                subtitle={t('lbacWritesDetail', 'Each patient is saved with its own request to /lbac/patient-migration, so the location is stored as LBAC reads it.')}
              />
            )}
            <JobArea mode={data.mode}>{(start) => <BulkAssignForm data={data} start={start} />}</JobArea>
          </>
        )}
      </ModeGate>
    </div>
  );
};

export default BulkAssign;
