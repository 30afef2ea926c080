import React, { useMemo, useState } from 'react';
import { Button, Checkbox, FormGroup, InlineLoading, InlineNotification, ModalBody, ModalFooter, ModalHeader, TextArea, TextInput } from '@carbon/react';
import { useConfig, useSession } from '@openmrs/esm-framework';
import useSWR from 'swr';
import type { Config } from '../../config-schema';
import { useTranslation } from '../../common/use-translation';
import { useModalFocus } from '../../common/use-modal-focus';
import ErrorNotice from '../../common/error-notice.component';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { LOCATION_UUID_PROPERTY, parseLocationUuids } from '../../common/openmrs-facts';
import { fetchLocations } from '../location-storage-io';
import { today } from '../assignment-end-dates';
import { fitsInAlert, reasonRoom } from './location-request';
import { createRequest, fetchRequests } from './location-requests-io';
import styles from './request-location.scss';

interface RequestLocationModalProps {
  closeModal(): void;
}

/**
 * "Request another location…": the signed-in user asks for locations they do not hold, with a reason and
 * optionally a last day. Opened from the session-location switcher with showModal, so nothing of it
 * is loaded before it is chosen.
 */
const RequestLocationModal: React.FC<RequestLocationModalProps> = ({ closeModal }) => {
  const { t } = useTranslation();
  const headerRef = useModalFocus();
  const session = useSession();
  const user = session?.user;
  const { locationTag } = useConfig<Config>().sessionLocationSwitcher;
  const held = useMemo(() => parseLocationUuids(user?.userProperties?.[LOCATION_UUID_PROPERTY]), [user]);
  const locations = useSWR(['useraccess/request-locations', locationTag], () => fetchLocations(openmrsRestClient, locationTag));
  const mine = useSWR(user ? ['useraccess/my-requests', user.uuid] : null, async () =>
    (await fetchRequests(openmrsRestClient)).filter((r) => r.requester.uuid === user?.uuid && r.body.status === 'pending'),
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [endDate, setEndDate] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);

  const offered = (locations.data ?? []).filter((l) => !l.retired && l.isLoginLocation && !held.includes(l.uuid));
  const nameOf = (uuid: string) => locations.data?.find((l) => l.uuid === uuid)?.name ?? uuid;
  const draft = { kind: 'user' as const, locations: selected, endDate: endDate || null, patientUuid: null, status: 'pending' as const, rejectionReason: null };
  const room = reasonRoom(draft);
  const tooLong = !fitsInAlert({ ...draft, reason: reason.trim() });
  const pastDate = Boolean(endDate) && endDate < today();
  const canSend = selected.length > 0 && reason.trim().length > 0 && !tooLong && !pastDate && !saving;

  const send = async () => {
    if (!user || !canSend) {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await createRequest(openmrsRestClient, user.uuid, { kind: 'user', locations: selected, endDate: endDate || null, reason: reason.trim(), patientUuid: null });
      setSent(true);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <ModalHeader ref={headerRef} title={t('requestLocationTitle', 'Request another location')} closeModal={closeModal} />
      <ModalBody hasForm className={styles.body}>
        {sent ? (
          <InlineNotification
            kind="success"
            lowContrast
            hideCloseButton
            title={t('requestSent', 'Request sent')}
            subtitle={t('requestSentDetail', 'An administrator will decide. You will see the outcome in this menu at your next login.')}
          />
        ) : (
          <>
            {Boolean(mine.data?.length) && (
              <div>
                <p>{t('yourPendingRequests', 'Your requests waiting for a decision:')}</p>
                <ul className={styles.pending}>
                  {mine.data?.map((r) => (
                    <li key={r.uuid}>
                      {r.body.locations.map(nameOf).join(', ')}
                      {r.createdAt ? ` (${new Date(r.createdAt).toLocaleDateString()})` : ''}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {locations.isLoading && <InlineLoading description={t('loadingLocations', 'Loading locations…')} />}
            {Boolean(locations.error) && <ErrorNotice title={t('couldNotLoadLocations', 'Could not load the locations')} error={locations.error} />}
            {locations.data && !offered.length && (
              <p>{t('noLocationToRequest', 'You already hold every location that can be requested.')}</p>
            )}
            {offered.length > 0 && (
              <FormGroup legendText={t('locationsToRequest', 'Locations you ask for')} className={styles.choices}>
                {offered.map((l) => (
                  <Checkbox
                    key={l.uuid}
                    id={`request-location-${l.uuid}`}
                    labelText={l.name}
                    checked={selected.includes(l.uuid)}
                    onChange={(_e, { checked }) =>
                      setSelected((current) => (checked ? [...current, l.uuid] : current.filter((u) => u !== l.uuid)))
                    }
                  />
                ))}
              </FormGroup>
            )}
            <TextArea
              id="request-reason"
              labelText={t('requestReason', 'Reason')}
              helperText={t('requestReasonHelp', 'Required. An administrator reads it before deciding.')}
              value={reason}
              maxCount={room}
              enableCounter
              invalid={tooLong}
              invalidText={t('requestTooLong', 'Too long: choose fewer locations or shorten the reason.')}
              onChange={(e) => setReason(e.target.value)}
              rows={3}
            />
            <TextInput
              id="request-end-date"
              type="date"
              labelText={t('requestEndDate', 'Last day of access (optional)')}
              helperText={t('requestEndDateHelp', 'Leave empty for lasting access; set it for a temporary transfer.')}
              value={endDate}
              min={today()}
              invalid={pastDate}
              invalidText={t('endDateInPast', 'The last day cannot be in the past.')}
              onChange={(e) => setEndDate(e.target.value)}
            />
            {Boolean(error) && <ErrorNotice title={t('couldNotSendRequest', 'Could not send the request')} error={error} />}
          </>
        )}
      </ModalBody>
      <ModalFooter>
        <Button kind="secondary" onClick={closeModal}>
          {sent ? t('done', 'Done') : t('cancel', 'Cancel')}
        </Button>
        {!sent && (
          <Button kind="primary" onClick={send} disabled={!canSend}>
            {saving ? t('sending', 'Sending…') : t('sendRequest', 'Send request')}
          </Button>
        )}
      </ModalFooter>
    </>
  );
};

export default RequestLocationModal;
