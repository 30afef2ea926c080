import React, { useMemo, useState } from 'react';
import { Button, InlineLoading, InlineNotification, Select, SelectItem, Tag } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import { formatDatetime } from '@openmrs/esm-framework';
import { errorMessage } from '../../common/error-message';
import {
  createAutoRetireTask,
  runTask,
  scheduleTask,
  shutdownTask,
  updateTaskInterval,
  useAutoRetireTask,
  useCoreTaskSupport,
} from '../core-task.resource';
import { useCoreDaysToRetire } from '../policy-settings.resource';
import { useAllPolicyUsers } from '../users.resource';
import { evaluateDeactivations, predictCoreTask } from '../policy';
import type { DeactivationPolicy } from '../types';
import styles from './deactivation-settings.scss';

const intervalHours = [1, 6, 12, 24, 168];

interface CoreTaskPanelProps {
  policy: DeactivationPolicy;
  actingUserUuid?: string;
}

/** Core's AutoRetireUsersTask through the OpenMRS scheduler: status, controls, and what it would do. */
const CoreTaskPanel: React.FC<CoreTaskPanelProps> = ({ policy, actingUserUuid }) => {
  const { t } = useTranslation();
  const { task, error: taskError, isLoading, mutate } = useAutoRetireTask();
  const { support } = useCoreTaskSupport();
  const { value: coreDays, mutate: mutateCoreDays } = useCoreDaysToRetire();
  const { users, mutate: mutateUsers } = useAllPolicyUsers();
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [hours, setHours] = useState<number | null>(null);

  const threshold = coreDays && /^\d+$/.test(coreDays.trim()) ? Number(coreDays) : null;
  const protectedByApp = useMemo(() => {
    if (threshold === null) {
      return [];
    }
    const now = new Date();
    const decisions = evaluateDeactivations(users, policy, now, { actingUserUuid });
    const statusByUuid = new Map(decisions.map((d) => [d.uuid, d.status]));
    return predictCoreTask(users, threshold, now).wouldRetire.filter((user) => statusByUuid.get(user.uuid) !== 'due');
  }, [users, policy, threshold, actingUserUuid]);

  const act = async (name: string, action: () => Promise<unknown>, done: string) => {
    setBusy(name);
    setActionError(null);
    setMessage(null);
    try {
      await action();
      setMessage(done);
      await Promise.all([mutate(), mutateUsers(), mutateCoreDays()]);
    } catch (error) {
      setActionError(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  const currentHours = task ? Math.round((task.repeatInterval ?? 0) / 3600) : 24;
  const chosenHours = hours ?? currentHours;

  return (
    <section className={styles.panel} aria-labelledby="core-task-heading">
      <h3 id="core-task-heading" className={styles.panelHeading}>
        {t('coreTask', 'OpenMRS scheduler task')}
      </h3>
      <p className={styles.muted}>
        {t(
          'coreTaskExplanation',
          'Core OpenMRS (2.7 and later) can retire inactive accounts itself with its Auto Retire Users task. It uses only the limit in users.numberOfDaysToRetire and protects only System Developers.',
        )}
      </p>
      {support.status === 'unavailable' && (
        <InlineNotification
          kind="warning"
          lowContrast
          hideCloseButton
          title={t('coreTaskUnavailable', 'Not available on this server')}
          subtitle={t('coreTaskNeeds27', 'This server runs OpenMRS {{version}}; the task needs 2.7 or later.', {
            version: support.version,
          })}
        />
      )}
      {taskError && (
        <InlineNotification kind="error" lowContrast hideCloseButton title={t('couldNotLoadTask', 'Could not read the scheduler')} subtitle={errorMessage(taskError)} />
      )}
      {isLoading ? (
        <InlineLoading description={t('loading', 'Loading')} />
      ) : taskError ? null : (
        // unread is not "not registered": no status and no controls (Create task would make a second one)
        <>
          <div>
            {task ? (
              <Tag type={task.started ? 'green' : 'gray'}>{task.started ? t('scheduled', 'Scheduled') : t('stopped', 'Stopped')}</Tag>
            ) : (
              <Tag type="gray">{t('notRegistered', 'Not registered')}</Tag>
            )}
          </div>
          {task && (
            <p className={styles.muted}>
              {t('taskDetails', 'Runs every {{hours}} hours. Last run: {{last}}.', {
                hours: currentHours,
                last: task.lastExecutionTime ? formatDatetime(new Date(task.lastExecutionTime)) : t('never', 'Never'),
              })}
            </p>
          )}
          <p className={styles.muted}>
            {threshold === null
              ? t('coreThresholdBlank', 'users.numberOfDaysToRetire is blank, so the task retires nobody. Switch the policy on to set it.')
              : t('coreThreshold', 'users.numberOfDaysToRetire is {{days}}.', { days: threshold })}
          </p>
          {protectedByApp.length > 0 && (
            <InlineNotification
              kind="warning"
              lowContrast
              hideCloseButton
              title={t('coreWouldRetireProtected', 'Accounts the core task would retire that this app protects: {{count}}', {
                count: protectedByApp.length,
              })}
              subtitle={t('coreWouldRetireProtectedDetail', 'Exempt roles, exemptions, demo rules and accounts that never logged in mean nothing to it.')}
            />
          )}
          {protectedByApp.length > 0 && (
            <ul className={styles.protectedList} aria-label={t('protectedAccounts', 'Accounts the core task would retire')}>
              {protectedByApp.map((user) => (
                <li key={user.uuid}>
                  {user.personName} ({user.username})
                </li>
              ))}
            </ul>
          )}
          <Select
            id="core-task-interval"
            labelText={t('repeatEvery', 'Repeat every')}
            value={String(chosenHours)}
            onChange={(event) => setHours(Number(event.target.value))}
          >
            {intervalHours.map((h) => (
              <SelectItem key={h} value={String(h)} text={t('everyHours', '{{hours}} hours', { hours: h })} />
            ))}
          </Select>
          <div className={styles.actions}>
            {!task && (
              <Button
                kind="primary"
                size="sm"
                disabled={Boolean(busy)}
                onClick={() => act('create', () => createAutoRetireTask(chosenHours * 3600), t('taskCreated', 'Task created.'))}
              >
                {t('createTask', 'Create task')}
              </Button>
            )}
            {task && chosenHours !== currentHours && (
              <Button
                kind="secondary"
                size="sm"
                disabled={Boolean(busy)}
                onClick={() => act('interval', () => updateTaskInterval(task, chosenHours * 3600), t('intervalChanged', 'Interval changed.'))}
              >
                {t('changeInterval', 'Change interval')}
              </Button>
            )}
            {task && !task.started && (
              <Button
                kind={protectedByApp.length ? 'danger' : 'primary'}
                size="sm"
                disabled={Boolean(busy)}
                onClick={() => act('start', () => scheduleTask(task.uuid), t('taskStarted', 'Task scheduled.'))}
              >
                {protectedByApp.length ? t('startAnyway', 'Start anyway') : t('startTask', 'Start')}
              </Button>
            )}
            {task?.started && (
              <Button
                kind="secondary"
                size="sm"
                disabled={Boolean(busy)}
                onClick={() => act('stop', () => shutdownTask(task.uuid), t('taskStopped', 'Task stopped.'))}
              >
                {t('stopTask', 'Stop')}
              </Button>
            )}
            {task && (
              <Button
                kind="tertiary"
                size="sm"
                disabled={Boolean(busy)}
                onClick={() => act('run', () => runTask(task.uuid), t('taskRan', 'Task ran.'))}
              >
                {t('runNow', 'Run now')}
              </Button>
            )}
            {busy && <InlineLoading description={t('working', 'Working…')} />}
          </div>
          {message && <p role="status">{message}</p>}
          {actionError && <InlineNotification kind="error" lowContrast title={t('actionFailed', 'That did not work')} subtitle={actionError} />}
        </>
      )}
    </section>
  );
};

export default CoreTaskPanel;
