import React, { useState } from 'react';
import { Button, InlineLoading, Select, SelectItem, Tile } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import { showSnackbar } from '@openmrs/esm-framework';
import { errorMessage } from '../../common/error-message';
import type { PatientRow } from '../patient-rows';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { fetchPatientRow, scanPatients } from '../patient-scan-io';
import { isPatientNotFound, setPatientLocation } from '../patient-writes-io';
import { fhirGet } from '../location-access.resource';
import { locationOptions, patientLocationLabel } from '../location-labels';
import ModeGate, { type ModeGateData } from '../mode-gate.component';
import LbacHiddenNote from './lbac-hidden-note.component';
import PatientSearchForm from './patient-search-form.component';
import layout from '../page-layout.scss';

const MAX_SHOWN = 20;

const OnePatient: React.FC<{ data: ModeGateData }> = ({ data }) => {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<PatientRow[] | null>(null);
  const [searchedFor, setSearchedFor] = useState('');
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [patient, setPatient] = useState<PatientRow | null>(null);
  const [target, setTarget] = useState('');
  const [saving, setSaving] = useState(false);

  const search = async () => {
    setSearching(true);
    setError(null);
    setPatient(null);
    try {
      setResults(await scanPatients(openmrsRestClient, data.mode.attributeTypeUuid, data.known, { query, includeDead: true }, { fhir: fhirGet }));
      setSearchedFor(query.trim());
    } catch (e) {
      setError(e);
    } finally {
      setSearching(false);
    }
  };

  const save = async (locationUuid: string | null) => {
    if (!patient) {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await setPatientLocation(openmrsRestClient, data.mode, patient.uuid, locationUuid);
      const fresh = await fetchPatientRow(openmrsRestClient, patient.uuid, data.mode.attributeTypeUuid, data.known);
      setPatient(fresh);
      setResults((rows) => rows?.map((r) => (r.uuid === fresh.uuid ? fresh : r)) ?? null);
      showSnackbar({
        kind: 'success',
        title: t('patientLocationSaved', 'Patient location saved'),
        subtitle: `${fresh.name}: ${patientLocationLabel(fresh.location, data.byUuid, t)}`,
      });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className={layout.panel}>
      <PatientSearchForm id="one-patient-search" query={query} onQueryChange={setQuery} onSearch={search} busy={searching} />
      {searching && <InlineLoading description={t('searching', 'Searching…')} />}
      {Boolean(error) &&
        (isPatientNotFound(errorMessage(error)) ? (
          <LbacHiddenNote mode={data.mode} context="job" count={1} />
        ) : (
          <ErrorNotice title={t('somethingFailed', 'That did not work')} error={error} />
        ))}
      {results?.length === 0 && (
        <>
          <p>{t('noPatientFound', 'No patient found for "{{query}}". Check the spelling, or search by identifier.', { query: searchedFor })}</p>
          <LbacHiddenNote mode={data.mode} context="search" />
        </>
      )}
      {results && results.length > 0 && !patient && (
        <>
          <p>{t('patientsFound', '{{count}} patients found', { defaultValue_one: '{{count}} patient found', count: results.length })}</p>
          <ul className={layout.checkList} aria-label={t('searchResults', 'Search results')}>
            {results.slice(0, MAX_SHOWN).map((row) => (
              <li key={row.uuid} className={layout.checkItem}>
                <button
                  type="button"
                  className={layout.linkButton}
                  onClick={() => {
                    setPatient(row);
                    setTarget(row.location.kind === 'location' ? row.location.uuid : '');
                  }}
                >
                  {row.name}
                </button>
                <span>{row.identifiers.join(', ')}</span>
                <span>— {patientLocationLabel(row.location, data.byUuid, t)}</span>
              </li>
            ))}
          </ul>
          {results.length > MAX_SHOWN && <p className={layout.help}>{t('refineSearch', 'Only the first {{count}} are shown; refine the search.', { count: MAX_SHOWN })}</p>}
        </>
      )}
      {patient && (
        <Tile className={layout.panel}>
          <h3 className={layout.subheading}>{patient.name}</h3>
          <p>{patient.identifiers.join(', ')}</p>
          <p>
            {t('currentPatientLocation', 'Current patient location')}: <strong>{patientLocationLabel(patient.location, data.byUuid, t)}</strong>
          </p>
          <Select id="one-patient-target" labelText={t('newPatientLocation', 'New patient location')} value={target} onChange={(e) => setTarget(e.target.value)}>
            <SelectItem value="" text={t('chooseLocation', 'Choose a location')} />
            {locationOptions(data.locations, t)}
          </Select>
          <div className={layout.actions}>
            <Button kind="primary" disabled={!target || saving} onClick={() => save(target)}>
              {t('saveLocation', 'Save location')}
            </Button>
            <Button kind="danger--tertiary" disabled={saving || patient.location.kind === 'none'} onClick={() => save(null)}>
              {t('removeLocation', 'Remove location')}
            </Button>
            <Button kind="ghost" onClick={() => setPatient(null)}>
              {t('backToResults', 'Back to the results')}
            </Button>
            {saving && <InlineLoading description={t('saving', 'Saving…')} />}
          </div>
        </Tile>
      )}
    </div>
  );
};

/** One patient: find by name or identifier, see and change the location. */
const PatientLocation: React.FC = () => {
  const { t } = useTranslation();
  return (
    <div className={layout.page}>
      <h2 className={layout.heading}>{t('onePatientLocation', 'Location of one patient')}</h2>
      <ModeGate>{(data) => <OnePatient data={data} />}</ModeGate>
    </div>
  );
};

export default PatientLocation;
