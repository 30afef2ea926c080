import React, { useState } from 'react';
import { Button, Select, SelectItem } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import type { PatientFilters } from '../patient-rows';
import ModeGate, { type ModeGateData } from '../mode-gate.component';
import { locationOptions } from '../location-labels';
import JobArea from './job-area.component';
import { jobItemsOf, PatientSample, ScanStatus, usePatientScan } from './patient-selection.component';
import { useFhirListsPatientLocations } from '../location-access.resource';
import layout from '../page-layout.scss';

const MoveForm: React.FC<{ data: ModeGateData; start: Parameters<React.ComponentProps<typeof JobArea>['children']>[0] }> = ({ data, start }) => {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const scan = usePatientScan(data);
  const listsLocations = useFhirListsPatientLocations();
  const name = (uuid: string) => data.byUuid.get(uuid)?.name ?? '';
  const fromOptions = data.locations.map((l) => (
    <SelectItem key={l.uuid} value={l.uuid} text={l.retired ? t('retiredLocationName', '{{name}} (retired)', { name: l.name }) : l.name} />
  ));

  const filters: PatientFilters = { currentLocation: from, includeDead: true };
  return (
    <div className={layout.panel}>
      <div className={layout.filters}>
        <Select
          id="move-from"
          labelText={t('moveFrom', 'Move all patients of')}
          value={from}
          onChange={(e) => {
            setFrom(e.target.value);
            scan.reset();
          }}
        >
          <SelectItem value="" text={t('chooseLocation', 'Choose a location')} />
          {fromOptions}
        </Select>
        <Select id="move-to" labelText={t('moveTo', 'To')} value={to} onChange={(e) => setTo(e.target.value)}>
          <SelectItem value="" text={t('chooseLocation', 'Choose a location')} />
          {locationOptions(data.locations, t)}
        </Select>
      </div>
      <p className={layout.help}>
        {listsLocations
          ? t(
              'moveCostNoteFhir',
              'Finding the patients of a location reads the FHIR patient list, up to 100 patients per request, each with their location. Deceased patients are moved too.',
            )
          : t(
              'moveCostNote',
              'Finding the patients of a location reads every patient record (REST cannot search by attribute): FHIR lists the patients, then one request per patient. Deceased patients are moved too.',
            )}
      </p>
      <Button kind="secondary" disabled={!from || scan.scanning} onClick={() => scan.scan(filters)}>
        {t('findPatientsToMove', 'Find the patients to move')}
      </Button>
      <ScanStatus scan={scan} />
      {scan.rows && (
        <>
          <PatientSample rows={scan.rows} data={data} unreadable={scan.unreadable} />
          <Button
            kind="primary"
            disabled={!to || to === from || !scan.rows.length}
            onClick={() => start('move', { uuid: to, display: name(to) }, jobItemsOf(scan.rows ?? []), { uuid: from, display: name(from) })}
          >
            {t('moveNPatients', 'Move {{count}} patients from {{from}} to {{to}}', {
              defaultValue_one: 'Move {{count}} patient from {{from}} to {{to}}',
              count: scan.rows.length,
              from: name(from),
              to: name(to) || '…',
            })}
          </Button>
        </>
      )}
    </div>
  );
};

/** Move: every patient of location A to location B, with progress, results and resume. */
const MovePatients: React.FC = () => {
  const { t } = useTranslation();
  return (
    <div className={layout.page}>
      <h2 className={layout.heading}>{t('movePatients', 'Move patients between locations')}</h2>
      <ModeGate>{(data) => <JobArea mode={data.mode}>{(start) => <MoveForm data={data} start={start} />}</JobArea>}</ModeGate>
    </div>
  );
};

export default MovePatients;
