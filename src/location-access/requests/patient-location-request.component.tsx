import React, { useState } from 'react';
import { Button, InlineLoading, InlineNotification, Select, SelectItem, TextArea, Tile } from '@carbon/react';
import { useConfig, useSession } from '@openmrs/esm-framework';
import useSWR from 'swr';
import type { Config } from '../../config-schema';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { privileges } from '../../common/privileges';
import { fetchLocations } from '../location-storage-io';
import { locationOptions } from '../location-labels';
import { reasonRoom } from './location-request';
import { createRequest, fetchRequests } from './location-requests-io';
import { decisionText, formatDay, requestedWhat } from './request-labels';
import PatientSearchForm from '../patients/patient-search-form.component';
import layout from '../page-layout.scss';

const MAX_SHOWN = 20;

interface FoundPatient {
  uuid: string;
  display: string;
}

/**
 * The one-patient page for a user who lacks Assign Patient Locations: find a patient (Get Patients),
 * ask an administrator to move them, and follow the requests already made.
 */
const PatientLocationRequest: React.FC = () => {
  const { t } = useTranslation();
  const user = useSession()?.user;
  const { locationTag } = useConfig<Config>().sessionLocationSwitcher;
  const locations = useSWR(['useraccess/request-locations', locationTag], () => fetchLocations(openmrsRestClient, locationTag));
  const mine = useSWR(user ? ['useraccess/my-patient-requests', user.uuid] : null, async () =>
    (await fetchRequests(openmrsRestClient)).filter((r) => r.requester.uuid === user?.uuid && r.body.kind === 'patient'),
  );
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<FoundPatient[] | null>(null);
  const [patient, setPatient] = useState<FoundPatient | null>(null);
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const nameOf = (uuid: string) => locations.data?.find((l) => l.uuid === uuid)?.name ?? uuid;
  const room = reasonRoom({
    kind: 'patient',
    locations: [target || 'x'.repeat(36)],
    endDate: null,
    patientUuid: patient?.uuid ?? 'x'.repeat(36),
    patientName: patient?.display ?? null,
    status: 'pending',
    rejectionReason: null,
  });

  const search = async () => {
    setBusy(true);
    setError(null);
    setPatient(null);
    setSent(false);
    try {
      const page = await openmrsRestClient.get<{ results: FoundPatient[] }>(
        `/patient?q=${encodeURIComponent(query.trim())}&v=custom:(uuid,display)&limit=${MAX_SHOWN}`,
      );
      setResults(page.results ?? []);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const send = async () => {
    if (!user || !patient || !target || !reason.trim()) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await createRequest(openmrsRestClient, user.uuid, {
        kind: 'patient',
        locations: [target],
        endDate: null,
        reason: reason.trim(),
        patientUuid: patient.uuid,
        patientName: patient.display,
      });
      setSent(true);
      setPatient(null);
      setReason('');
      await mine.mutate();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={layout.page}>
      <h2 className={layout.heading}>{t('requestPatientMove', 'Ask to move a patient')}</h2>
      <p className={layout.help}>
        {t(
          'requestPatientMoveHelp',
          'You do not have the privilege "{{privilege}}", so you cannot change a patient\'s location yourself. Ask an administrator: they see your request on the Requests page.',
          { privilege: privileges.assignPatientLocations },
        )}
      </p>
      <div className={layout.panel}>
        <PatientSearchForm id="request-patient-search" query={query} onQueryChange={setQuery} onSearch={search} busy={busy} />
        {busy && <InlineLoading description={t('working', 'Working…')} />}
        {sent && <InlineNotification kind="success" lowContrast title={t('requestSent', 'Request sent')} onClose={() => setSent(false)} />}
        {Boolean(error) && <ErrorNotice title={t('somethingFailed', 'That did not work')} error={error} closable />}
        {results?.length === 0 && <p>{t('noPatientFoundShort', 'No patient found.')}</p>}
        {results && results.length > 0 && !patient && (
          <ul className={layout.checkList} aria-label={t('searchResults', 'Search results')}>
            {results.map((row) => (
              <li key={row.uuid} className={layout.checkItem}>
                <button type="button" className={layout.linkButton} onClick={() => setPatient(row)}>
                  {row.display}
                </button>
              </li>
            ))}
          </ul>
        )}
        {patient && (
          <Tile className={layout.panel}>
            <h3 className={layout.subheading}>{patient.display}</h3>
            <Select id="request-patient-target" labelText={t('newPatientLocation', 'New patient location')} value={target} onChange={(e) => setTarget(e.target.value)}>
              <SelectItem value="" text={t('chooseLocation', 'Choose a location')} />
              {locationOptions(locations.data ?? [], t)}
            </Select>
            <TextArea
              id="request-patient-reason"
              labelText={t('requestReason', 'Reason')}
              value={reason}
              maxCount={room}
              enableCounter
              rows={3}
              onChange={(e) => setReason(e.target.value)}
            />
            <div className={layout.actions}>
              <Button kind="primary" disabled={busy || !target || !reason.trim()} onClick={send}>
                {t('sendRequest', 'Send request')}
              </Button>
              <Button kind="ghost" onClick={() => setPatient(null)}>
                {t('cancel', 'Cancel')}
              </Button>
            </div>
          </Tile>
        )}
      </div>
      {Boolean(mine.data?.length) && (
        <div className={layout.panel}>
          <h3 className={layout.subheading}>{t('yourPatientRequests', 'Your requests')}</h3>
          <ul className={layout.checkList}>
            {mine.data?.map((r) => (
              <li key={r.uuid} className={layout.checkItem}>
                {`${formatDay(r.createdAt)}: ${requestedWhat(r, nameOf, t)}. ${decisionText(r, t)}`}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
};

export default PatientLocationRequest;
