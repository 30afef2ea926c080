import React, { useCallback, useState } from 'react';
import { Button } from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import { useConfig, useSession } from '@openmrs/esm-framework';
import type { Config } from '../../config-schema';
import BulkProgress from '../../common/bulk-progress.component';
import type { BulkOutcome } from '../../common/bulk-runner';
import { clearJob, jobCounts, loadJob, pendingItems, saveJob, type StoredJob } from '../job-store';
import type { StorageMode } from '../location-storage-io';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import { assignPatientsLocation, isPatientNotFound, type JobItem } from '../patient-writes-io';
import LbacHiddenNote from './lbac-hidden-note.component';
import UnfinishedJobNotice from '../unfinished-job-notice.component';
import { useStoredJobRun } from '../use-stored-job-run';
import { Download } from '@carbon/react/icons';
import { downloadCsv } from '../../common/csv';
import { itemResultsCsv } from '../location-exports';
import layout from '../page-layout.scss';
import styles from './patient-job.scss';

/** results listed one by one; more would make a slow page */
const MAX_LISTED = 1000;

/** The stored job of the logged-in user, with setters that keep localStorage in step. */
export function useStoredJob() {
  const session = useSession();
  const userUuid = session?.user?.uuid ?? 'anonymous';
  const [job, setJobState] = useState<StoredJob | null>(() => loadJob(userUuid));
  const setJob = useCallback(
    (next: StoredJob | null) => {
      if (next) {
        saveJob(userUuid, next);
      } else {
        clearJob(userUuid);
      }
      setJobState(next);
    },
    [userUuid],
  );
  return { job, setJob, userUuid };
}

interface PatientJobProps {
  job: StoredJob;
  mode: StorageMode;
  userUuid: string;
  /** start at once (a new job) rather than wait for "Resume" (a job found in storage) */
  autoStart: boolean;
  onClose(): void;
}

/**
 * Runs a stored job: progress bar, per-patient results, retry of failures. Every result is saved to
 * localStorage as it arrives, so a reload offers to resume with what is left.
 */
const PatientJob: React.FC<PatientJobProps> = ({ job: initialJob, mode, userUuid, autoStart, onClose }) => {
  const { t } = useTranslation();
  const config = useConfig<Config>();
  const save = useCallback((next: StoredJob) => saveJob(userUuid, next), [userUuid]);
  const execute = useCallback(
    async (current: () => StoredJob, persist: (next: StoredJob) => void, signal: AbortSignal) => {
      const items = pendingItems(current());
      if (!items.length) {
        return null;
      }
      persist({ ...current(), running: true });
      const result = await assignPatientsLocation(openmrsRestClient, mode, items, current().target.uuid, {
        concurrency: config.bulkConcurrency,
        lbacPatientsPerRequest: config.lbacPatientsPerRequest,
        signal,
        onProgress: (_done, last) => {
          const results = { ...current().results };
          for (const r of last) {
            results[r.item.uuid] = r.status === 'success' ? { status: 'success' } : { status: 'failed', message: r.message };
          }
          persist({ ...current(), results });
        },
      });
      persist({ ...current(), running: false });
      return result;
    },
    [config.bulkConcurrency, config.lbacPatientsPerRequest, mode],
  );
  const { job, running, result: outcome, start: run, stop } = useStoredJobRun<StoredJob, BulkOutcome<JobItem>>(initialJob, save, execute, autoStart);

  const counts = jobCounts(job);
  const pending = pendingItems(job);
  const done = counts.succeeded + counts.failed;
  const failures = job.items.filter((item) => job.results[item.uuid]?.status === 'failed');
  const notFound = failures.filter((item) => isPatientNotFound(job.results[item.uuid]?.message)).length;
  const title =
    job.kind === 'move'
      ? t('moveJobTitle', 'Move {{count}} patients from {{from}} to {{to}}', {
          defaultValue_one: 'Move {{count}} patient from {{from}} to {{to}}',
          count: counts.total,
          from: job.source?.display ?? '',
          to: job.target.display,
        })
      : job.target.uuid
        ? t('assignJobTitle', 'Assign {{count}} patients to {{to}}', {
            defaultValue_one: 'Assign {{count}} patient to {{to}}',
            count: counts.total,
            to: job.target.display,
          })
        : t('removeJobTitle', 'Remove the location of {{count}} patients', {
            defaultValue_one: 'Remove the location of {{count}} patient',
            count: counts.total,
          });

  return (
    <section className={layout.panel} aria-label={title}>
      <h3 className={layout.subheading}>{title}</h3>
      <div className={styles.progress}>
        <BulkProgress done={done} total={counts.total} outcome={outcome} itemLabel={(item: JobItem) => item.label} />
      </div>
      {!outcome && !running && (
        <p className={layout.help}>
          {t('jobStatusLine', '{{succeeded}} done, {{failed}} failed, {{notStarted}} not started.', counts)}
        </p>
      )}
      {!running && <LbacHiddenNote mode={mode} context="job" count={notFound} />}
      {!running && failures.length > 0 && !outcome && (
        <ul className={styles.results} aria-label={t('failedPatients', 'Failed patients')}>
          {failures.map((item) => (
            <li key={item.uuid}>
              <strong>{item.label}</strong>: {job.results[item.uuid]?.message}
            </li>
          ))}
        </ul>
      )}
      {!running && done > 0 && (
        <details className={styles.results}>
          <summary>{t('allPatientResults', 'Result for each patient')}</summary>
          <ul aria-label={t('patientResults', 'Result for each patient')}>
            {job.items.slice(0, MAX_LISTED).map((item) => {
              const result = job.results[item.uuid];
              return (
                <li key={item.uuid}>
                  {item.label}:{' '}
                  {result?.status === 'success'
                    ? t('resultDone', 'done')
                    : result?.status === 'failed'
                      ? t('resultFailed', 'failed ({{message}})', { message: result.message ?? '' })
                      : t('resultNotStarted', 'not started')}
                </li>
              );
            })}
          </ul>
          {job.items.length > MAX_LISTED && (
            <p className={layout.help}>{t('andMore', 'and {{count}} more', { count: job.items.length - MAX_LISTED })}</p>
          )}
        </details>
      )}
      <div className={layout.actions}>
        {running && (
          <Button kind="secondary" onClick={stop}>
            {t('stop', 'Stop')}
          </Button>
        )}
        {!running && pending.length > 0 && (
          <Button kind="primary" onClick={run}>
            {done === 0
              ? t('startJob', 'Start')
              : failures.length && failures.length === pending.length
                ? t('retryFailed', 'Retry the failed ({{count}})', { count: pending.length })
                : t('resumeJob', 'Resume the {{count}} remaining', { count: pending.length })}
          </Button>
        )}
        {!running && done > 0 && (
          <Button
            kind="tertiary"
            renderIcon={Download}
            onClick={() =>
              downloadCsv(
                `patient-location-${job.kind}-results.csv`,
                itemResultsCsv(job.items.map((item) => ({ label: item.label, result: job.results[item.uuid] })), t),
              )
            }
          >
            {t('exportResultsCsv', 'Export results (CSV)')}
          </Button>
        )}
        {!running && (
          <Button
            kind="ghost"
            onClick={() => {
              clearJob(userUuid);
              onClose();
            }}
          >
            {pending.length ? t('discardJob', 'Discard') : t('closeJob', 'Close')}
          </Button>
        )}
      </div>
    </section>
  );
};

export default PatientJob;

interface PendingJobNoticeProps {
  job: StoredJob;
  onResume(): void;
  onDiscard(): void;
}

/** Shown when the page opens with an unfinished job in storage (e.g. after a reload mid-job). */
export const PendingJobNotice: React.FC<PendingJobNoticeProps> = ({ job, onResume, onDiscard }) => {
  const { t } = useTranslation();
  const counts = jobCounts(job);
  return (
    <UnfinishedJobNotice
      title={t('unfinishedJob', 'An unfinished patient location job was found')}
      detail={t('unfinishedJobDetail', '{{target}}: {{succeeded}} of {{total}} done, {{failed}} failed, {{notStarted}} not started.', {
        ...counts,
        target: job.target.display,
      })}
      onResume={onResume}
      onDiscard={onDiscard}
    />
  );
};
