import React from 'react';
import { InlineNotification, ProgressBar } from '@carbon/react';
import { useTranslation } from './use-translation';
import type { BulkOutcome } from './bulk-runner';
import styles from './bulk-progress.scss';

interface BulkProgressProps<T> {
  done: number;
  total: number;
  outcome: BulkOutcome<T> | null;
  itemLabel(item: T): string;
}

/** Progress of a bulk job while it runs, then its per-item results. */
function BulkProgress<T>({ done, total, outcome, itemLabel }: BulkProgressProps<T>) {
  const { t } = useTranslation();
  const failures = outcome?.results.filter((result) => result.status === 'failed') ?? [];
  // a resumed or retried job: the summary counts this run only, so say what earlier runs did
  const earlier = outcome ? Math.max(0, done - outcome.results.length) : 0;
  return (
    <div>
      <ProgressBar
        label={t('progress', 'Progress')}
        value={done}
        max={Math.max(total, 1)}
        status={outcome ? (failures.length || outcome.stoppedBecause ? 'error' : 'finished') : 'active'}
        helperText={t('doneOfTotal', '{{done}} of {{total}} done', { done, total })}
      />
      {outcome && (
        <div aria-live="polite">
          <InlineNotification
            kind={outcome.failed || outcome.stoppedBecause ? 'warning' : 'success'}
            lowContrast
            hideCloseButton
            title={t('bulkSummary', '{{succeeded}} succeeded, {{failed}} failed', {
              succeeded: outcome.succeeded,
              failed: outcome.failed,
            })}
            subtitle={
              outcome.stoppedBecause === 'unauthenticated'
                ? t(
                    'sessionExpiredResume',
                    'Your session expired after {{done}} items; {{remaining}} were not started. Log in again, then resume.',
                    { done: outcome.results.length, remaining: outcome.remaining.length },
                  )
                : outcome.stoppedBecause === 'aborted'
                  ? t('bulkStopped', 'Stopped; {{remaining}} items were not started.', {
                      remaining: outcome.remaining.length,
                    })
                  : earlier > 0
                    ? t('bulkEarlierRuns', 'Before this run: {{count}} done.', { count: earlier })
                    : undefined
            }
          />
          {failures.length > 0 && (
            <ul className={`bulk-failures ${styles.failures}`} aria-label={t('failedItems', 'Failed items')}>
              {failures.map((result) => (
                <li key={result.index}>
                  <strong>{itemLabel(result.item)}</strong>: {result.status === 'failed' ? result.message : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

export default BulkProgress;
