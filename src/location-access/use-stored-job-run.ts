import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Runs a job kept in storage from a component (a bulk patient job, a merge): the job as saved after
 * each step, whether it runs, the last run's result, and start/stop. With `autoStart` it starts once
 * on mount (a new job, or "Resume"); leaving the page stops it, and what is left stays saved.
 *
 * `execute` reads the newest state with `current()` and hands each new state to `persist`, which
 * saves it (`save`, keep it stable) and shows it.
 */
export function useStoredJobRun<J, R>(
  initial: J,
  save: (job: J) => void,
  execute: (current: () => J, persist: (next: J) => void, signal: AbortSignal) => Promise<R | null>,
  autoStart: boolean,
) {
  const jobRef = useRef(initial);
  const [job, setJob] = useState(initial);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<R | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const startedRef = useRef(false);

  const persist = useCallback(
    (next: J) => {
      jobRef.current = next;
      save(next);
      setJob(next);
    },
    [save],
  );

  const start = useCallback(async () => {
    abortRef.current = new AbortController();
    setRunning(true);
    setResult(null);
    try {
      setResult(await execute(() => jobRef.current, persist, abortRef.current.signal));
    } finally {
      setRunning(false);
    }
  }, [execute, persist]);

  useEffect(() => {
    if (autoStart && !startedRef.current) {
      startedRef.current = true;
      start();
    }
  }, [autoStart, start]);

  useEffect(() => () => abortRef.current?.abort(), []);

  const stop = useCallback(() => abortRef.current?.abort(), []);
  return { job, running, result, start, stop };
}
