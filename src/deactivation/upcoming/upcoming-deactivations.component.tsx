import React, { useMemo, useState } from 'react';
import { Button, InlineNotification, Tab, TabList, TabPanel, TabPanels, Tabs } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import { useConfig, userHasAccess, useSession } from '@openmrs/esm-framework';
import { useSWRConfig } from 'swr';
import type { Config } from '../../config-schema';
import { ListLoading } from '../../common/list-loading.component';
import { USERS_LIST, useListItemsSoFar } from '../../common/list-progress';
import type { PolicyUser } from '../types';
import UsersLoadingNote from './users-loading-note.component';
import { explainingRefusal } from '../../common/edit-refusal-text';
import { englishReasonText } from '../reason-text';
import { useDeactivationPlan } from '../use-deactivation-plan';
import { useAllPolicyUsers } from '../users.resource';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { deactivateWithHistory, exemptWithHistory, reactivateWithHistory, removeExemptionWithHistory } from '../history/account-history-io';
import { recordPageRun } from '../history/record-page-run';
import { MANAGE_GLOBAL_PROPERTIES } from '../history/run-history-io';
import { useDeactivationPolicy } from '../policy-settings.resource';
import DeactivationTable from './deactivation-table.component';
import RunBlockedNotice from '../run-blocked-notice.component';
import type { UserActionInput, UserActionKind, UserActionModalProps } from './user-action.modal';
import { showChangingModal, type ChangingModalProps } from '../../common/show-changing-modal';
import { joinDecisions, rowsByTab, type DeactivationRow, type DeactivationTab } from './deactivation-rows';
import styles from './upcoming-deactivations.scss';

/** core's privilege for changing and retiring users */
const EDIT_USERS_PRIVILEGE = 'Edit Users';

const tabs: DeactivationTab[] = ['due', 'upcoming', 'exempt', 'deactivated'];

const UpcomingDeactivations: React.FC = () => {
  const { t } = useTranslation();
  const config = useConfig<Config>();
  const session = useSession();
  const { mutate: swrMutate } = useSWRConfig();
  // deactivating, exempting and reactivating all write the user (core's Edit Users): without it, no action is offered
  const canWrite = Boolean(session?.user && userHasAccess(EDIT_USERS_PRIVILEGE, session.user));
  // the run history is a global property: AdministrationService.saveGlobalProperty needs Manage Global Properties
  const canWriteRunHistory = Boolean(session?.user && userHasAccess(MANAGE_GLOBAL_PROPERTIES, session.user));
  const actionContext = { actor: session?.user?.username || session?.user?.display || '', via: 'page' as const };
  const { users, error: usersError, isLoading: usersLoading, mutate } = useAllPolicyUsers();
  const { policy, error: policyError, isLoading: policyLoading } = useDeactivationPolicy();
  const [tabIndex, setTabIndex] = useState(0);
  // While the users load, the rows so far are shown with a count but no action is offered: a run
  // decides on every user (the limit per run, who is due), so actions wait for the last page.
  const usersSoFar = useListItemsSoFar<PolicyUser>(USERS_LIST);
  const complete = !usersLoading;
  const shownUsers = complete ? users : usersSoFar;

  const planned = useDeactivationPlan(shownUsers, policy);
  // worked out once per list and policy: the app shell's stores re-render the page while it loads
  const evaluation = useMemo(() => {
    if (!planned || !shownUsers) {
      return null;
    }
    const rows = joinDecisions(shownUsers, planned.decisions);
    const rowsById = new Map(rows.map((row) => [row.user.uuid, row]));
    const dueRows = planned.plan.toDeactivate.map((decision) => rowsById.get(decision.uuid)).filter(Boolean) as DeactivationRow[];
    return { ...planned, rowsById, dueRows, tabRows: rowsByTab(rows, planned.now) };
  }, [planned, shownUsers]);

  const tabLabels: Record<DeactivationTab, string> = {
    due: t('dueNow', 'Due now'),
    upcoming: t('upcomingWithinDays', 'Within {{days}} days', { days: policy?.warningDays ?? 0 }),
    exempt: t('exempt', 'Exempt'),
    deactivated: t('recentlyDeactivated', 'Recently deactivated'),
  };

  if (usersError || policyError) {
    return (
      <ErrorNotice title={t('couldNotLoadUsers', 'Could not load users and the deactivation policy')} error={usersError ?? policyError} />
    );
  }
  if ((usersLoading && !usersSoFar?.length) || policyLoading || !evaluation || !policy) {
    return <ListLoading list={USERS_LIST} />;
  }

  const { rowsById, dueRows, tabRows } = evaluation;

  const perform = (kind: UserActionKind, runAllDue: boolean) => (row: DeactivationRow, input: UserActionInput) =>
    explainingRefusal<unknown>(t, () => write(kind, runAllDue, row, input));

  const write = (kind: UserActionKind, runAllDue: boolean, row: DeactivationRow, input: UserActionInput) => {
    const uuid = row.user.uuid;
    switch (kind) {
      case 'deactivate':
        return deactivateWithHistory(
          openmrsRestClient,
          uuid,
          runAllDue ? englishReasonText(row.decision) : `${input.reason} (${englishReasonText(row.decision)})`,
          actionContext,
        );
      case 'exempt':
        return exemptWithHistory(openmrsRestClient, uuid, input.until, input.reason, actionContext);
      case 'removeExemption':
        return removeExemptionWithHistory(openmrsRestClient, uuid, input.reason, actionContext);
      case 'reactivate':
        return reactivateWithHistory(openmrsRestClient, uuid, input.reason, input.until || null, actionContext);
    }
  };

  const showAction = (kind: UserActionKind, rows: DeactivationRow[], runAllDue = false) =>
    showChangingModal<Omit<UserActionModalProps, keyof ChangingModalProps>>(
      'deactivation-user-action-modal',
      {
        size: 'md',
        kind,
        rows,
        askReason: !runAllDue,
        note: runAllDue
          ? [
              t('runAllDueNote', 'Each account is deactivated with the reason its rule gives, for example "Inactive for 97 days (limit 90 days)".'),
              evaluation.plan.notPermitted.length
                ? t('runAllDueNotPermitted', 'Not included: {{count}} due accounts you may not change.', {
                    defaultValue_one: 'Not included: {{count}} due account you may not change.',
                    count: evaluation.plan.notPermitted.length,
                  })
                : '',
            ]
              .filter(Boolean)
              .join(' ')
          : undefined,
        perform: perform(kind, runAllDue),
        ...(runAllDue
          ? {
              runHistoryUnwritable: !canWriteRunHistory,
              recordRun: recordPageRun(openmrsRestClient, {
                actor: actionContext.actor,
                due: evaluation.plan.due.length,
                notPermitted: evaluation.plan.notPermitted.map(({ decision }) => {
                  const user = rowsById.get(decision.uuid)?.user;
                  return user?.username || user?.systemId || decision.uuid;
                }),
              }, swrMutate),
            }
          : {}),
      },
      mutate,
    );
  const open = (kind: UserActionKind) => (rows: DeactivationRow[]) => showAction(kind, rows);

  return (
    <div className={styles.page} aria-busy={!complete}>
      <div className={styles.summary}>
        <h2 className={styles.heading}>{t('upcomingDeactivations', 'Upcoming deactivations')}</h2>
        {!policy.enabled && (
          <InlineNotification
            kind="info"
            lowContrast
            hideCloseButton
            title={t('policyDisabled', 'Automatic deactivation is off.')}
            subtitle={t('policyDisabledPreview', 'This is a preview of what the policy would do once switched on in Inactivity settings.')}
          />
        )}
        <p className={styles.policyLine}>
          {t('policySummary', 'Accounts are deactivated after {{days}} days without a login; demo accounts after {{demoDays}} days.', {
            days: policy.inactiveDays,
            demoDays: policy.demo.inactiveDays,
          })}{' '}
          {policy.neverLoggedIn === 'never'
            ? t('neverLoggedInKept', 'Accounts that never logged in are not deactivated.')
            : t('neverLoggedInCounted', 'For accounts that never logged in, inactivity counts from the day the account was created.')}
        </p>
        {!complete && <UsersLoadingNote />}
        {complete && evaluation.plan.blocked && tabRows.due.length > 0 && policy.enabled && (
          <RunBlockedNotice due={evaluation.plan.due.length} maxPerRun={policy.maxPerRun} />
        )}
        {complete && canWrite && evaluation.plan.notPermitted.length > 0 && (
          <InlineNotification
            kind="info"
            lowContrast
            hideCloseButton
            title={t('dueNotPermitted', 'Due accounts you may not change: {{count}}', { count: evaluation.plan.notPermitted.length })}
            subtitle={t(
              'dueNotPermittedDetail',
              'The server only lets you change an account if you hold every privilege of its roles. "Deactivate all due" leaves these out and they do not count toward the limit per run; each row says what is missing.',
            )}
          />
        )}
        {canWrite && (
          <Button
            kind="danger"
            disabled={!complete || !dueRows.length}
            onClick={() => showAction('deactivate', dueRows, true)}
          >
            {t('deactivateAllDue', 'Deactivate all due accounts ({{count}})', { count: evaluation.plan.due.length })}
          </Button>
        )}
      </div>
      <Tabs selectedIndex={tabIndex} onChange={({ selectedIndex }) => setTabIndex(selectedIndex)}>
        <TabList aria-label={t('deactivationGroups', 'Deactivation groups')} contained>
          {tabs.map((tab) => (
            <Tab key={tab}>
              {tabLabels[tab]} ({tabRows[tab].length})
            </Tab>
          ))}
        </TabList>
        <TabPanels>
          {tabs.map((tab, index) => (
            <TabPanel key={tab} className={styles.tabPanel}>
              {index === tabIndex && (
                <DeactivationTable
                  tab={tab}
                  rows={tabRows[tab]}
                  pageSize={config.deactivationPageSize}
                  canWrite={canWrite && complete}
                  complete={complete}
                  refusals={evaluation.refusals}
                  onDeactivate={open('deactivate')}
                  onExempt={open('exempt')}
                  onRemoveExemption={open('removeExemption')}
                  onReactivate={open('reactivate')}
                />
              )}
            </TabPanel>
          ))}
        </TabPanels>
      </Tabs>
    </div>
  );
};

export default UpcomingDeactivations;
