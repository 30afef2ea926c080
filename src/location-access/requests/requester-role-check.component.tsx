import React, { useState } from 'react';
import { Button, InlineLoading } from '@carbon/react';
import useSWR from 'swr';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { ensureRequesterRole, MANAGE_ALERTS, REQUESTER_ROLE, requesterRoleState } from './requester-role-io';
import layout from '../page-layout.scss';

/** The setup check's part for location requests: what a requester's role needs, and creating it. */
const RequesterRoleCheck: React.FC = () => {
  const { t } = useTranslation();
  const { data: state, error, mutate } = useSWR('useraccess/requester-role', () => requesterRoleState(openmrsRestClient));
  const [working, setWorking] = useState(false);
  const [fixError, setFixError] = useState<unknown>(null);

  const fix = async () => {
    setWorking(true);
    setFixError(null);
    try {
      await ensureRequesterRole(openmrsRestClient);
    } catch (e) {
      setFixError(e);
    } finally {
      await mutate();
      setWorking(false);
    }
  };

  return (
    <section className={layout.panel} aria-labelledby="setup-requests">
      <h3 id="setup-requests" className={layout.subheading}>
        {t('locationRequestsSetup', 'Location requests')}
      </h3>
      <p className={layout.help}>
        {t(
          'requesterRoleExplained',
          'Users who lack "Manage Location Access" can ask for locations, and users who lack "Assign Patient Locations" can ask to move a patient. A request is stored as an OpenMRS alert, and creating an alert needs the core privilege "{{privilege}}": give requesters the role "{{role}}", which holds it. They need nothing else: not Edit Users, Manage Global Properties or Edit People. "{{privilege}}" also lets its holders edit and delete other alerts; the Requests page names who made each request (set by the server) and who decided it, and only administrators can write the locations themselves.',
          { privilege: MANAGE_ALERTS, role: REQUESTER_ROLE },
        )}
      </p>
      <p className={layout.help}>
        {t(
          'assignAnyLocationExplained',
          'Without the privilege "Assign Any Location" an administrator may give (and approve) only locations they hold themselves. Only this app applies that rule: the server does not enforce it.',
        )}
      </p>
      {Boolean(error) && <ErrorNotice title={t('couldNotReadRole', 'Could not read the role')} error={error} onRetry={() => mutate()} />}
      {state && (
        <div className={layout.checkItem}>
          <strong>{REQUESTER_ROLE}</strong>
          <span>
            {state === 'ready'
              ? t('requesterRoleReady', 'Present, with {{privilege}}', { privilege: MANAGE_ALERTS })
              : state === 'missing'
                ? t('missing', 'Missing')
                : t('requesterRoleLacks', 'Present, but without {{privilege}}', { privilege: MANAGE_ALERTS })}
          </span>
          {state !== 'ready' && (
            <Button size="sm" kind="tertiary" disabled={working} onClick={fix}>
              {state === 'missing' ? t('createRequesterRole', 'Create the role') : t('addManageAlerts', 'Add {{privilege}}', { privilege: MANAGE_ALERTS })}
            </Button>
          )}
          {working && <InlineLoading description={t('creating', 'Creating…')} />}
        </div>
      )}
      {Boolean(fixError) && <ErrorNotice title={t('couldNotCreate', 'Could not create everything')} error={fixError} />}
    </section>
  );
};

export default RequesterRoleCheck;
