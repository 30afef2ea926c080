import React, { useEffect, useMemo, useRef, useState } from 'react';
import { Button, InlineLoading, InlineNotification, Select, SelectItem, Tag } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import { formatDatetime, useSession } from '@openmrs/esm-framework';
import { useSWRConfig } from 'swr';
import { errorMessage } from '../../common/error-message';
import {
  createAutoRetireTask,
  updateTaskInterval,
  useAutoRetireTask,
  useCoreTaskSupport,
} from '../core-task.resource';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { runAndRecordCoreTask, type RecordedTaskRun } from '../history/record-core-task-run';
import {
  keepStoppedAfterRestart,
  startsAfterRestart,
  startTask,
  stopTask,
  type TaskRunOutcome,
} from '../core-task-io';
import { useCoreDaysToRetire } from '../policy-settings.resource';
import { useAllPolicyUsers } from '../users.resource';
import type { DeactivationPolicy } from '../types';
import { accountsCoreWouldRetireThatAppProtects, coreThresholdDays } from './core-task-protected';
import ProtectedAccounts from './protected-accounts.component';
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
  const { users, error: usersError, isLoading: usersLoading, mutate: mutateUsers } = useAllPolicyUsers();
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [retiredByRun, setRetiredByRun] = useState<TaskRunOutcome['retired']>([]);
  const [hours, setHours] = useState<number | null>(null);
  // Start and Run now retire accounts: both wait until the administrator has seen the list and confirmed
  const [confirming, setConfirming] = useState<'start' | 'run' | null>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const session = useSession();
  const { mutate: swrMutate } = useSWRConfig();

  const threshold = coreThresholdDays(coreDays);
  const protectedByApp = useMemo(
    () =>
      usersLoading || usersError
        ? null
        : accountsCoreWouldRetireThatAppProtects(users, policy, threshold, new Date(), actingUserUuid),
    [users, usersLoading, usersError, policy, threshold, actingUserUuid],
  );

  useEffect(() => {
    if (confirming) {
      confirmHeading.current?.focus();
    }
  }, [confirming]);

  const act = async <T,>(name: string, action: () => Promise<T>, done: (result: T) => string) => {
    setBusy(name);
    setConfirming(null);
    setActionError(null);
    setMessage(null);
    setRetiredByRun([]);
    try {
      setMessage(done(await action()));
    } catch (error) {
      setActionError(errorMessage(error));
    } finally {
      setBusy(null);
      await Promise.all([mutate(), mutateUsers(), mutateCoreDays()]);
    }
  };

  const describeRun = (outcome: TaskRunOutcome) => {
    setRetiredByRun(outcome.retired);
    const count = outcome.retired.length;
    if (!outcome.finished) {
      return t(
        'taskRunQueued',
        'The server queued the run and has not said that it finished. So far it retired {{count}} accounts; look again later.',
        {
          defaultValue_one: 'The server queued the run and has not said that it finished. So far it retired {{count}} account; look again later.',
          count,
        },
      );
    }
    return count
      ? t('taskRanRetired', 'The task ran and retired {{count}} accounts.', { defaultValue_one: 'The task ran and retired {{count}} account.', count })
      : t('taskRanNothing', 'The task ran and changed nothing: it retired no account.');
  };

  const describeRecordedRun = ({ outcome, recordError }: RecordedTaskRun) =>
    [describeRun(outcome), recordError && t('taskRunNotRecorded', 'The run was not kept in the run history: {{message}}', { message: recordError })]
      .filter(Boolean)
      .join(' ');

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
        <ErrorNotice title={t('couldNotLoadTask', 'Could not read the scheduler')} error={taskError} />
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
          {task && startsAfterRestart(task) && (
            <InlineNotification
              kind="warning"
              lowContrast
              hideCloseButton
              title={t('taskStartsAfterRestart', 'Will start after a restart')}
              subtitle={t(
                'taskStartsAfterRestartDetail',
                'The task is stopped, but it is set to start when the server starts, so the next restart starts it.',
              )}
            />
          )}
          {task && startsAfterRestart(task) && (
            <div>
              <Button
                kind="secondary"
                size="sm"
                disabled={Boolean(busy)}
                onClick={() =>
                  act('keep-stopped', () => keepStoppedAfterRestart(openmrsRestClient, task.uuid), () => t('taskKeptStopped', 'The task stays stopped after a restart.'))
                }
              >
                {t('keepTaskStopped', 'Keep it stopped after a restart')}
              </Button>
            </div>
          )}
          {!confirming && <ProtectedAccounts accounts={protectedByApp} usersError={usersError} />}
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
          {confirming && task ? (
            <section className={styles.confirm} aria-labelledby="core-task-confirm-heading">
              <h4 id="core-task-confirm-heading" ref={confirmHeading} tabIndex={-1} className={styles.confirmHeading}>
                {confirming === 'start'
                  ? t('confirmStartTask', 'Start the core task?')
                  : t('confirmRunTask', 'Run the core task now?')}
              </h4>
              <ProtectedAccounts accounts={protectedByApp} usersError={usersError} />
              <div className={styles.actions}>
                <Button
                  kind={protectedByApp?.length ? 'danger' : 'primary'}
                  size="sm"
                  disabled={Boolean(busy) || !protectedByApp}
                  onClick={() =>
                    confirming === 'start'
                      ? act('start', () => startTask(openmrsRestClient, task.uuid), () => t('taskStarted', 'Task scheduled.'))
                      : act('run', () => runAndRecordCoreTask(openmrsRestClient, task.uuid, session?.user?.username ?? '', swrMutate), describeRecordedRun)
                  }
                >
                  {confirming === 'start' ? t('startTheTask', 'Start the task') : t('runTheTask', 'Run the task now')}
                </Button>
                <Button kind="ghost" size="sm" onClick={() => setConfirming(null)}>
                  {t('cancel', 'Cancel')}
                </Button>
              </div>
            </section>
          ) : (
            <div className={styles.actions}>
              {!task && (
                <Button
                  kind="primary"
                  size="sm"
                  disabled={Boolean(busy)}
                  onClick={() => act('create', () => createAutoRetireTask(chosenHours * 3600), () => t('taskCreated', 'Task created.'))}
                >
                  {t('createTask', 'Create task')}
                </Button>
              )}
              {task && chosenHours !== currentHours && (
                <Button
                  kind="secondary"
                  size="sm"
                  disabled={Boolean(busy)}
                  onClick={() =>
                    act('interval', () => updateTaskInterval(task, chosenHours * 3600), () => t('intervalChanged', 'Interval changed.'))
                  }
                >
                  {t('changeInterval', 'Change interval')}
                </Button>
              )}
              {task && !task.started && (
                <Button kind="primary" size="sm" disabled={Boolean(busy)} onClick={() => setConfirming('start')}>
                  {t('startTask', 'Start')}
                </Button>
              )}
              {task?.started && (
                <Button
                  kind="secondary"
                  size="sm"
                  disabled={Boolean(busy)}
                  onClick={() => act('stop', () => stopTask(openmrsRestClient, task.uuid), () => t('taskStopped', 'Task stopped.'))}
                >
                  {t('stopTask', 'Stop')}
                </Button>
              )}
              {task && (
                <Button kind="tertiary" size="sm" disabled={Boolean(busy)} onClick={() => setConfirming('run')}>
                  {t('runNow', 'Run now')}
                </Button>
              )}
              {busy && <InlineLoading description={busy === 'run' ? t('runningTask', 'Running the task and reading back what it changed…') : t('working', 'Working…')} />}
            </div>
          )}
          {message && <p role="status">{message}</p>}
          {retiredByRun.length > 0 && (
            <ul className={styles.protectedList} aria-label={t('retiredByRun', 'Accounts the run retired')}>
              {retiredByRun.map((user) => (
                <li key={user.uuid}>
                  {user.personName} ({user.username || user.systemId})
                </li>
              ))}
            </ul>
          )}
          {actionError && <ErrorNotice title={t('actionFailed', 'That did not work')} error={actionError} closable />}
        </>
      )}
    </section>
  );
};

export default CoreTaskPanel;
