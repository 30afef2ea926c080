import React, { useState } from 'react';
import { newJob, pendingItems, type StoredJob } from '../job-store';
import type { StorageMode } from '../location-storage-io';
import PatientJob, { PendingJobNotice, useStoredJob } from './patient-job.component';

interface JobAreaProps {
  mode: StorageMode;
  /** the page's form; given `start` to launch a job */
  children(start: (kind: StoredJob['kind'], target: StoredJob['target'], items: StoredJob['items'], source?: StoredJob['source']) => void): React.ReactNode;
}

/**
 * One patient-location job at a time per user. An unfinished job found in storage (e.g. after a reload)
 * is offered for resuming or discarding before a new one can start.
 */
const JobArea: React.FC<JobAreaProps> = ({ mode, children }) => {
  const { job, setJob, userUuid } = useStoredJob();
  const [active, setActive] = useState<{ autoStart: boolean } | null>(null);

  const close = () => {
    setJob(null);
    setActive(null);
  };

  if (job && pendingItems(job).length && !active) {
    return <PendingJobNotice job={job} onResume={() => setActive({ autoStart: true })} onDiscard={close} />;
  }
  if (job && active) {
    return <PatientJob job={job} mode={mode} userUuid={userUuid} autoStart={active.autoStart} onClose={close} />;
  }
  return (
    <>
      {children((kind, target, items, source) => {
        setJob(newJob(kind, target, items, source));
        setActive({ autoStart: true });
      })}
    </>
  );
};

export default JobArea;
