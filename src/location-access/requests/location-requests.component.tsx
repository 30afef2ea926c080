import React, { useMemo } from 'react';
import { Button, InlineLoading, InlineNotification, Table, TableBody, TableCell, TableContainer, TableHead, TableHeader, TableRow, Tile } from '@carbon/react';
import { useSession, userHasAccess } from '@openmrs/esm-framework';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import { privileges } from '../../common/privileges';
import { showChangingModal, type ChangingModalProps } from '../../common/show-changing-modal';
import { useAllLocations, useStorageMode } from '../location-access.resource';
import { giverOf, mayGive } from '../location-giving';
import type { LocationRequest } from './location-requests-io';
import { useLocationRequests } from './location-requests.resource';
import type { DecideRequestModalProps } from './decide-request.modal';
import { decisionText, formatDay, requestedWhat } from './request-labels';
import { MANAGE_ALERTS } from './requester-role-io';
import layout from '../page-layout.scss';

/** Requests for locations (and for patients' locations): pending ones to approve or reject, and recent decisions. */
const LocationRequests: React.FC = () => {
  const { t } = useTranslation();
  const user = useSession()?.user;
  const { requests, error, isLoading, mutate } = useLocationRequests();
  const { byUuid } = useAllLocations();
  const { mode } = useStorageMode();
  const giver = useMemo(() => giverOf(user), [user]);
  const names = useMemo(() => Object.fromEntries([...byUuid].map(([uuid, l]) => [uuid, l.name])), [byUuid]);
  const nameOf = (uuid: string) => names[uuid] ?? uuid;
  const canMovePatients = !!user && userHasAccess(privileges.assignPatientLocations, user);
  // marking a request decided is AlertService.saveAlert
  const canDecide = !!user && userHasAccess(MANAGE_ALERTS, user);
  const pending = (requests ?? []).filter((r) => r.body.status === 'pending');
  const decided = (requests ?? []).filter((r) => r.body.status !== 'pending').reverse();

  const decide = (request: LocationRequest, decision: 'approved' | 'rejected') =>
    showChangingModal<Omit<DecideRequestModalProps, keyof ChangingModalProps>>(
      'location-request-decision-modal',
      { size: 'sm', request, decision, names, giver, mode },
      mutate,
    );

  /** why Approve is not offered, or null */
  const approveBlock = (request: LocationRequest): string | null => {
    if (request.body.kind === 'patient') {
      return canMovePatients ? null : t('needsAssignPatientLocations', 'Needs the privilege "Assign Patient Locations"');
    }
    const refused = request.body.locations.filter((l) => !mayGive(giver, l));
    return refused.length
      ? t('cannotGive', 'You do not hold {{locations}} and lack "Assign Any Location"', { locations: refused.map(nameOf).join(', ') })
      : null;
  };

  const headers = [
    t('requester', 'Requester'),
    t('asksFor', 'Asks for'),
    t('until', 'Until'),
    t('requestReason', 'Reason'),
    t('requestedOn', 'Requested on'),
    t('actions', 'Actions'),
  ];

  return (
    <div className={layout.page}>
      <h2 className={layout.heading}>{t('locationRequests', 'Requests')}</h2>
      <p className={layout.help}>
        {t(
          'locationRequestsHelp',
          'Users who lack "Manage Location Access" ask for locations from the location switcher; users who lack "Assign Patient Locations" ask to move a patient from the one-patient page. Each request is read again before your decision is written: if someone else decided it meanwhile, nothing is written.',
        )}
      </p>
      {!canDecide && (
        <InlineNotification
          kind="warning"
          lowContrast
          hideCloseButton
          title={t('cannotDecide', 'You cannot decide requests')}
          subtitle={t('cannotDecideDetail', 'Marking a request decided needs the privilege "{{privilege}}".', { privilege: MANAGE_ALERTS })}
        />
      )}
      {isLoading && <InlineLoading description={t('loadingRequests', 'Loading requests…')} />}
      {Boolean(error) && <ErrorNotice title={t('couldNotLoadRequests', 'Could not load requests')} error={error} onRetry={() => mutate()} />}
      {requests && (
        <div className={layout.panel}>
          <h3 className={layout.subheading}>{t('pendingRequestsCount', 'Pending ({{count}})', { count: pending.length })}</h3>
          {pending.length === 0 ? (
            <Tile>{t('noPendingRequests', 'No request is waiting for a decision.')}</Tile>
          ) : (
            <TableContainer>
              <Table aria-label={t('pendingRequests', 'Pending requests')} size="md">
                <TableHead>
                  <TableRow>
                    {headers.map((h) => (
                      <TableHeader key={h}>{h}</TableHeader>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {pending.map((request) => {
                    const block = approveBlock(request);
                    return (
                      <TableRow key={request.uuid}>
                        <TableCell>{`${request.requester.name} (${request.requester.username})`}</TableCell>
                        <TableCell>{requestedWhat(request, nameOf, t)}</TableCell>
                        <TableCell>{request.body.endDate ? formatDay(request.body.endDate) : t('noEnd', 'No end')}</TableCell>
                        <TableCell>{request.body.reason}</TableCell>
                        <TableCell>{formatDay(request.createdAt)}</TableCell>
                        <TableCell>
                          <div className={layout.actions}>
                            <Button size="sm" kind="primary" disabled={!!block || !canDecide} onClick={() => decide(request, 'approved')}>
                              {t('approve', 'Approve')}
                            </Button>
                            <Button size="sm" kind="danger--tertiary" disabled={!canDecide} onClick={() => decide(request, 'rejected')}>
                              {t('reject', 'Reject')}
                            </Button>
                          </div>
                          {block && <p className={layout.help}>{block}</p>}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </TableContainer>
          )}
          {decided.length > 0 && (
            <>
              <h3 className={layout.subheading}>{t('recentDecisions', 'Decided in the last 90 days')}</h3>
              <ul className={layout.checkList}>
                {decided.map((request) => (
                  <li key={request.uuid} className={layout.checkItem}>
                    {`${request.requester.name}: ${requestedWhat(request, nameOf, t)}. ${decisionText(request, t)}`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
};

export default LocationRequests;
