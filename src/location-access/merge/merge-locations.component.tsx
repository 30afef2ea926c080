import React, { useCallback, useState } from 'react';
import { Button } from '@carbon/react';
import { useSession } from '@openmrs/esm-framework';
import { useTranslation } from '../../common/use-translation';
import ModeGate, { type ModeGateData } from '../mode-gate.component';
import MergeForm from './merge-form.component';
import MergeJob from './merge-job.component';
import UnfinishedJobNotice from '../unfinished-job-notice.component';
import { clearMerge, loadMerge, mergeCountsOf, mergeUnfinished, saveMerge, type StoredMerge } from './merge-store';
import layout from '../page-layout.scss';

/** The stored merge of the logged-in user, with a setter that keeps localStorage in step. */
function useStoredMerge() {
  const userUuid = useSession()?.user?.uuid ?? 'anonymous';
  const [merge, setMergeState] = useState<StoredMerge | null>(() => loadMerge(userUuid));
  const setMerge = useCallback(
    (next: StoredMerge | null) => {
      if (next) {
        saveMerge(userUuid, next);
      } else {
        clearMerge(userUuid);
      }
      setMergeState(next);
    },
    [userUuid],
  );
  return { merge, setMerge, userUuid };
}

/** One merge at a time per user; an unfinished one found in storage is offered for resuming first. */
const MergeArea: React.FC<{ data: ModeGateData }> = ({ data }) => {
  const { t } = useTranslation();
  const { merge, setMerge, userUuid } = useStoredMerge();
  const [active, setActive] = useState<{ autoStart: boolean } | null>(null);
  const close = () => {
    setMerge(null);
    setActive(null);
  };

  if (merge && active) {
    return <MergeJob merge={merge} data={data} userUuid={userUuid} autoStart={active.autoStart} onClose={close} />;
  }
  if (merge && mergeUnfinished(merge)) {
    const counts = mergeCountsOf(merge);
    return (
      <UnfinishedJobNotice
        title={t('unfinishedMerge', 'An unfinished location merge was found')}
        detail={t('unfinishedMergeDetail', 'Into {{target}}: {{succeeded}} of {{total}} done, {{failed}} failed, {{notStarted}} not started.', {
          ...counts,
          target: merge.target.display,
        })}
        onResume={() => setActive({ autoStart: true })}
        onDiscard={close}
      >
        <Button size="sm" kind="ghost" onClick={() => setActive({ autoStart: false })}>
          {t('mergeShowResults', 'Show the results')}
        </Button>
      </UnfinishedJobNotice>
    );
  }
  return (
    <MergeForm
      data={data}
      onStart={(next) => {
        setMerge(next);
        setActive({ autoStart: true });
      }}
    />
  );
};

/** Merge locations: everything the merged locations hold moves to one target, with a preview, progress, retry and resume. */
const MergeLocations: React.FC = () => {
  const { t } = useTranslation();
  return (
    <div className={layout.page}>
      <h2 className={layout.heading}>{t('mergeLocations', 'Merge locations')}</h2>
      <p className={layout.help}>
        {t(
          'mergeIntro',
          'Moves every user assignment, default location, assignment that ends on a date and patient location of the chosen locations to one location, existing or new.',
        )}
      </p>
      <ModeGate>{(data) => <MergeArea data={data} />}</ModeGate>
    </div>
  );
};

export default MergeLocations;
