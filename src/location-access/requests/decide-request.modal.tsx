import React, { useState } from 'react';
import { Button, InlineNotification, ModalBody, ModalFooter, ModalHeader, TextArea } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import { useModalFocus } from '../../common/use-modal-focus';
import type { ChangingModalProps } from '../../common/show-changing-modal';
import ErrorNotice from '../../common/error-notice.component';
import { explainingRefusal } from '../../common/edit-refusal-text';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import type { StorageMode } from '../location-storage-io';
import { setPatientLocation } from '../patient-writes-io';
import { LocationNotGivableError, type Giver } from '../location-giving';
import { rejectionRoom } from './location-request';
import { decideRequest, type DecisionResult, type LocationRequest } from './location-requests-io';
import { decisionText, formatDay, requestedWhat } from './request-labels';
import styles from './request-location.scss';

export interface DecideRequestModalProps extends ChangingModalProps {
  request: LocationRequest;
  decision: 'approved' | 'rejected';
  names: Record<string, string>;
  giver: Giver;
  /** where patient locations are stored, for patient requests */
  mode: StorageMode | null;
}

/** Approves or rejects one request, after reading it again; another administrator's decision is shown as a conflict. */
const DecideRequestModal: React.FC<DecideRequestModalProps> = ({ request, decision, names, giver, mode, closeModal, onChange }) => {
  const { t } = useTranslation();
  const headerRef = useModalFocus();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<DecisionResult | null>(null);
  const nameOf = (uuid: string) => names[uuid] ?? uuid;
  const rejecting = decision === 'rejected';

  const confirm = async () => {
    setSaving(true);
    setError(null);
    try {
      const outcome = await explainingRefusal(t, () =>
        decideRequest(openmrsRestClient, request.uuid, rejecting ? { status: 'rejected', reason } : { status: 'approved' }, {
          names,
          giver,
          writePatientLocation: mode ? (patient, location) => setPatientLocation(openmrsRestClient, mode, patient, location) : undefined,
        }),
      );
      setResult(outcome);
      onChange();
    } catch (e) {
      setError(
        e instanceof LocationNotGivableError
          ? t('mayNotGive', 'You may give only locations you hold yourself; {{locations}} needs the privilege "Assign Any Location".', {
              locations: e.locationUuids.map(nameOf).join(', '),
            })
          : e,
      );
    } finally {
      setSaving(false);
    }
  };

  const done = result !== null;
  return (
    <>
      <ModalHeader
        ref={headerRef}
        title={rejecting ? t('rejectRequestTitle', 'Reject request') : t('approveRequestTitle', 'Approve request')}
        closeModal={closeModal}
      />
      <ModalBody hasForm className={styles.body}>
        <dl className={styles.summary}>
          <dt>{t('requester', 'Requester')}</dt>
          <dd>{`${request.requester.name} (${request.requester.username})`}</dd>
          <dt>{t('asksFor', 'Asks for')}</dt>
          <dd>{requestedWhat(request, nameOf, t)}</dd>
          {request.body.endDate && (
            <>
              <dt>{t('until', 'Until')}</dt>
              <dd>{formatDay(request.body.endDate)}</dd>
            </>
          )}
          <dt>{t('requestReason', 'Reason')}</dt>
          <dd>{request.body.reason}</dd>
        </dl>
        {result?.kind === 'decided' && (
          <InlineNotification
            kind="success"
            lowContrast
            hideCloseButton
            title={rejecting ? t('requestRejected', 'Request rejected') : t('requestApproved', 'Request approved')}
          />
        )}
        {result?.kind === 'conflict' && (
          <InlineNotification
            kind="warning"
            lowContrast
            hideCloseButton
            title={t('alreadyDecided', 'Already decided: nothing was written')}
            subtitle={decisionText(result.current, t)}
          />
        )}
        {result?.kind === 'gone' && (
          <InlineNotification kind="warning" lowContrast hideCloseButton title={t('requestGone', 'This request no longer exists: nothing was written')} />
        )}
        {rejecting && !done && (
          <TextArea
            id="rejection-reason"
            labelText={t('rejectionReason', 'Reason for the rejection')}
            helperText={t('rejectionReasonHelp', 'Required. The requester sees it at their next login.')}
            value={reason}
            maxCount={rejectionRoom(request.body)}
            enableCounter
            rows={3}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
        {Boolean(error) && <ErrorNotice title={t('couldNotDecide', 'Could not save the decision')} error={error} />}
      </ModalBody>
      <ModalFooter>
        <Button kind="secondary" onClick={closeModal}>
          {done ? t('done', 'Done') : t('cancel', 'Cancel')}
        </Button>
        {!done && (
          <Button kind={rejecting ? 'danger' : 'primary'} onClick={confirm} disabled={saving || (rejecting && !reason.trim())}>
            {rejecting ? t('reject', 'Reject') : t('approve', 'Approve')}
          </Button>
        )}
      </ModalFooter>
    </>
  );
};

export default DecideRequestModal;
