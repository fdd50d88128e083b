/**
 * A request that runs as a job of the service (a flush, an export): running while it is asked, its
 * job's progress and phases (those of this run only), its result or what stopped it, and Cancel.
 */
import { useState } from 'react';
import type { JobInfo } from '../../../../electron/shared/dto.js';
import { errorText } from '../common/errorText.js';
import { cancelJob, useLatestJob } from './useJobs.js';

export interface JobCall<T> {
  running: boolean;
  job: JobInfo | null;
  phases: string[];
  result: T | null;
  problem: string | null;
  start: (call: () => Promise<T>) => Promise<void>;
  cancel: () => void;
}

/** `aborted`: the problem shown when the user cancelled it; `onSettled`: after it ended either way. */
export function useJobCall<T>(kind: string, docId: string, aborted: string, onSettled?: () => void): JobCall<T> {
  const [run, setRun] = useState(0);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<T | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { job, phases } = useLatestJob(kind, docId, run);
  const start = async (call: () => Promise<T>): Promise<void> => {
    setRun((r) => r + 1);
    setRunning(true);
    setResult(null);
    setProblem(null);
    try {
      setResult(await call());
    } catch (e) {
      setProblem(errorText(e, aborted));
    } finally {
      setRunning(false);
      onSettled?.();
    }
  };
  return { running, job, phases, result, problem, start, cancel: () => { if (job) cancelJob(job.id); } };
}
