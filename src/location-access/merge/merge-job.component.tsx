import React, { useCallback, useState } from 'react';
import { Button, InlineNotification } from '@carbon/react';
import { Download } from '@carbon/react/icons';
import { useConfig } from '@openmrs/esm-framework';
import { useTranslation } from '../../common/use-translation';
import type { Config } from '../../config-schema';
import BulkProgress from '../../common/bulk-progress.component';
import ErrorNotice from '../../common/error-notice.component';
import { downloadCsv } from '../../common/csv';
import { openmrsRestClient } from '../../common/openmrs-rest.resource';
import type { BulkOutcome } from '../../common/bulk-runner';
import { itemResultsCsv } from '../location-exports';
import type { ModeGateData } from '../mode-gate.component';
import { mergeItemKey, type MergeItem } from './merge-io';
import { runMerge } from './merge-run';
import { useStoredJobRun } from '../use-stored-job-run';
import { clearMerge, mergeCountsOf, mergeUnfinished, pendingMergeItems, pendingRetires, saveMerge, type StoredMerge } from './merge-store';
import layout from '../page-layout.scss';
import styles from './merge-locations.scss';

interface MergeJobProps {
  merge: StoredMerge;
  data: ModeGateData;
  userUuid: string;
  autoStart: boolean;
  onClose(): void;
}

/**
 * Runs a stored merge: the target, then each user and patient with progress and results, then the
 * retiring. Every step is saved, so a reload or a new login resumes with what is left; failures are
 * listed, can be retried, and keep the merged locations from being retired.
 */
const MergeJob: React.FC<MergeJobProps> = ({ merge: initial, data, userUuid, autoStart, onClose }) => {
  const { t } = useTranslation();
  const config = useConfig<Config>();
  const [error, setError] = useState<unknown>(null);
  const save = useCallback((next: StoredMerge) => saveMerge(userUuid, next), [userUuid]);
  const execute = useCallback(
    async (current: () => StoredMerge, persist: (next: StoredMerge) => void, signal: AbortSignal) => {
      setError(null);
      const result = await runMerge(openmrsRestClient, current(), {
        mode: data.mode,
        locations: data.locations,
        concurrency: config.bulkConcurrency,
        signal,
        retireReason: (target) => t('mergeRetireReason', 'Merged into {{target}} (User Access app)', { target }),
        onChange: persist,
      });
      setError(result.error);
      return result.outcome;
    },
    [config.bulkConcurrency, data.locations, data.mode, t],
  );
  const { job: merge, running, result: outcome, start: run, stop } = useStoredJobRun<StoredMerge, BulkOutcome<MergeItem, string>>(
    initial,
    save,
    execute,
    autoStart,
  );

  const counts = mergeCountsOf(merge);
  const pending = pendingMergeItems(merge);
  const failures = merge.items.filter((item) => merge.results[mergeItemKey(item)]?.status === 'failed');
  const retires = pendingRetires(merge);
  const unfinished = mergeUnfinished(merge);
  const kindLabel = (item: MergeItem) => (item.kind === 'user' ? t('user', 'User') : t('patient', 'Patient'));
  const title = t('mergeJobTitle', 'Merge {{sources}} into {{target}}', {
    sources: merge.sources.map((s) => s.display).join(', '),
    target: merge.target.display,
  });
  const partialTitle = t('mergePartial', 'The merge is not complete: {{count}} items failed', {
    defaultValue_one: 'The merge is not complete: {{count}} item failed',
    count: failures.length,
  });
  const exportResults = () =>
    downloadCsv(
      'location-merge-results.csv',
      itemResultsCsv(
        [
          ...merge.items.map((item) => ({ label: item.label, kind: kindLabel(item), result: merge.results[mergeItemKey(item)] })),
          ...(merge.retireSources
            ? merge.sources.map((s) => ({ label: s.display, kind: t('retireLocationKind', 'Retire location'), result: merge.retired[s.uuid] }))
            : []),
        ],
        t,
      ),
    );

  return (
    <section className={layout.panel} aria-label={title}>
      <h3 className={layout.subheading}>{title}</h3>
      {!merge.target.uuid && !running && (
        <p className={layout.help}>{t('mergeTargetNotCreated', 'The new location "{{name}}" has not been created yet.', { name: merge.target.display })}</p>
      )}
      <div className={styles.progress}>
        <BulkProgress done={counts.succeeded + counts.failed} total={counts.total} outcome={outcome} itemLabel={(item: MergeItem) => `${kindLabel(item)}: ${item.label}`} />
      </div>
      {!running && (
        <p className={layout.help}>{t('jobStatusLine', '{{succeeded}} done, {{failed}} failed, {{notStarted}} not started.', counts)}</p>
      )}
      {error ? <ErrorNotice title={t('mergeStepFailed', 'The merge could not go on')} error={error} /> : null}
      {!running && failures.length > 0 && (
        <>
          <InlineNotification
            kind="warning"
            lowContrast
            hideCloseButton
            title={partialTitle}
            subtitle={merge.retireSources ? t('mergeNotRetired', 'The merged locations are not retired while anything failed.') : undefined}
          />
          {!outcome && (
            <ul className={styles.results} aria-label={t('failedItems', 'Failed items')}>
              {failures.map((item) => (
                <li key={mergeItemKey(item)}>
                  <strong>{kindLabel(item)}: {item.label}</strong>: {merge.results[mergeItemKey(item)]?.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {merge.retireSources && Object.keys(merge.retired).length > 0 && (
        <ul className={styles.results} aria-label={t('mergeRetireResults', 'Retiring the merged locations')}>
          {merge.sources.map((source) => {
            const result = merge.retired[source.uuid];
            return (
              <li key={source.uuid}>
                <strong>{source.display}</strong>:{' '}
                {result?.status === 'success'
                  ? t('locationRetired', 'retired')
                  : result?.status === 'skipped'
                    ? t('locationStillHolds', 'not retired: it still holds {{users}} users and {{patients}} patients', { users: result.users, patients: result.patients })
                    : result?.status === 'failed'
                      ? t('resultFailed', 'failed ({{message}})', { message: result.message ?? '' })
                      : t('resultNotStarted', 'not started')}
              </li>
            );
          })}
        </ul>
      )}
      {!running && !unfinished && (
        <InlineNotification kind="success" lowContrast hideCloseButton title={t('mergeDone', 'Everything has moved to {{target}}.', { target: merge.target.display })} />
      )}
      <div className={layout.actions}>
        {running && (
          <Button kind="secondary" onClick={stop}>
            {t('stop', 'Stop')}
          </Button>
        )}
        {!running && unfinished && (
          <Button kind="primary" onClick={run}>
            {failures.length && failures.length === pending.length
              ? t('retryFailed', 'Retry the failed ({{count}})', { count: pending.length })
              : pending.length
                ? t('resumeJob', 'Resume the {{count}} remaining', { count: pending.length })
                : retires.length
                  ? t('mergeRetryRetire', 'Retire the merged locations')
                  : t('startJob', 'Start')}
          </Button>
        )}
        {!running && (
          <Button kind="tertiary" renderIcon={Download} onClick={exportResults}>
            {t('exportResultsCsv', 'Export results (CSV)')}
          </Button>
        )}
        {!running && (
          <Button
            kind="ghost"
            onClick={() => {
              clearMerge(userUuid);
              onClose();
            }}
          >
            {unfinished ? t('discardJob', 'Discard') : t('closeJob', 'Close')}
          </Button>
        )}
      </div>
    </section>
  );
};

export default MergeJob;
