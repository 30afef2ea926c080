import React, { useMemo, useState } from 'react';
import { DataTableSkeleton, InlineNotification } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import { useSession } from '@openmrs/esm-framework';
import { useSWRConfig } from 'swr';
import { useRoleNames } from '../../common/roles.resource';
import { useDeactivationPlan } from '../use-deactivation-plan';
import {
  saveDeactivationPolicy,
  useCoreDaysToRetire,
  useDeactivationPolicy,
} from '../policy-settings.resource';
import { coreDaysToRetireFor } from '../policy-io';
import { useAllPolicyUsers } from '../users.resource';
import type { DeactivationPolicy } from '../types';
import CoreTaskPanel from './core-task-panel.component';
import EmailWarningsStatus from './email-warnings-status.component';
import RunBlockedNotice from '../run-blocked-notice.component';
import PolicyForm from './policy-form.component';
import ArmCoreLimitConfirmation from './arm-core-limit-confirmation.component';
import { accountsCoreWouldRetireThatAppProtects } from './core-task-protected';
import styles from './deactivation-settings.scss';

const DeactivationSettings: React.FC = () => {
  const { t } = useTranslation();
  const session = useSession();
  const { mutate } = useSWRConfig();
  const { policy, errors: storedErrors, error, isLoading } = useDeactivationPolicy();
  const { roleNames } = useRoleNames();
  const { users, error: usersError, isLoading: usersLoading } = useAllPolicyUsers();
  const { value: coreDays } = useCoreDaysToRetire();
  const [draft, setDraft] = useState<DeactivationPolicy | null>(null);
  // a save that sets users.numberOfDaysToRetire waits here until the administrator has seen what core's task would do
  const [arming, setArming] = useState<{ policy: DeactivationPolicy; resolve(confirmed: boolean): void } | null>(null);
  const armingAccounts = useMemo(
    () =>
      arming && !usersLoading && !usersError
        ? accountsCoreWouldRetireThatAppProtects(users, arming.policy, arming.policy.inactiveDays, new Date(), session?.user?.uuid)
        : null,
    [arming, users, usersLoading, usersError, session?.user?.uuid],
  );

  const save = async (next: DeactivationPolicy): Promise<void | false> => {
    const days = coreDaysToRetireFor(next);
    if (days !== '' && days !== (coreDays ?? '').trim()) {
      const confirmed = await new Promise<boolean>((resolve) => setArming({ policy: next, resolve }));
      setArming(null);
      if (!confirmed) {
        return false;
      }
    }
    await saveDeactivationPolicy(next, mutate);
    setDraft(null);
  };

  const effective = draft ?? policy;
  const planned = useDeactivationPlan(users, effective);
  const preview = useMemo(() => {
    const count = (status: string) => planned?.decisions.filter((d) => d.status === status).length ?? 0;
    return { due: count('due'), upcoming: count('upcoming'), exempt: count('exempt'), plan: planned?.plan ?? null };
  }, [planned]);

  if (error) {
    return (
      <ErrorNotice title={t('couldNotLoadPolicy', 'Could not load the deactivation policy')} error={error} />
    );
  }
  if (isLoading) {
    return <DataTableSkeleton role="progressbar" aria-label={t('loading', 'Loading')} />;
  }

  return (
    <div className={styles.layout}>
      <div>
        {storedErrors.length > 0 && (
          <InlineNotification
            kind="warning"
            lowContrast
            hideCloseButton
            title={t('storedPolicyProblems', 'The saved policy has problems')}
            subtitle={storedErrors.join(' ')}
          />
        )}
        <PolicyForm
          policy={policy}
          roleNames={roleNames}
          onChange={setDraft}
          onSave={save}
          confirmation={
            arming && (
              <ArmCoreLimitConfirmation
                days={arming.policy.inactiveDays}
                accounts={armingAccounts}
                usersError={usersError}
                onConfirm={() => arming.resolve(true)}
                onCancel={() => arming.resolve(false)}
              />
            )
          }
        />
      </div>
      <div className={styles.column}>
        <section className={styles.panel} aria-labelledby="policy-preview-heading">
          <h3 id="policy-preview-heading" className={styles.panelHeading}>
            {draft
              ? t('previewOfChanges', 'Preview of these settings')
              : t('previewOfSaved', 'Effect of the saved settings')}
          </h3>
          {usersError ? (
            // without the users (e.g. a 403 for lack of Get Users) there is no preview: say so, never show zeros
            <ErrorNotice title={t('couldNotLoadPreviewUsers', 'Could not load the users, so there is no preview')} error={usersError} />
          ) : (
            <div className={styles.figures}>
              <div className={styles.figure}>
                <span className={styles.figureValue}>{preview.due}</span>
                <span className={styles.figureLabel}>{t('dueNow', 'Due now')}</span>
              </div>
              <div className={styles.figure}>
                <span className={styles.figureValue}>{preview.upcoming}</span>
                <span className={styles.figureLabel}>
                  {t('upcomingWithinDays', 'Within {{days}} days', { days: effective.warningDays })}
                </span>
              </div>
              <div className={styles.figure}>
                <span className={styles.figureValue}>{preview.exempt}</span>
                <span className={styles.figureLabel}>{t('exempt', 'Exempt')}</span>
              </div>
            </div>
          )}
          {!usersError && preview.plan?.blocked && effective.enabled && (
            <RunBlockedNotice due={preview.plan.due.length} maxPerRun={effective.maxPerRun} />
          )}
        </section>
        <CoreTaskPanel policy={effective} actingUserUuid={session?.user?.uuid} />
        <EmailWarningsStatus policy={effective} />
      </div>
    </div>
  );
};

export default DeactivationSettings;
