/** Jobs (sorts, filters, flush, export, compare) from the service's job events. */
import { useState } from 'react';
import type { JobInfo } from '../../../../electron/shared/dto.js';
import { request } from '../../api/client.js';
import { useServiceEvent } from '../../api/hooks.js';

/**
 * The running jobs that `accept` takes (default all). Events of other jobs change no state, so a
 * flush reporting ten times a second re-renders only what shows flushes.
 */
export function useJobs(accept: (job: JobInfo) => boolean = () => true): JobInfo[] {
  const [jobs, setJobs] = useState<JobInfo[]>([]);
  useServiceEvent('job', (e) => {
    if (!accept(e.job)) return;
    setJobs((js) => {
      const rest = js.filter((j) => j.id !== e.job.id);
      return e.job.state === 'running' ? [...rest, e.job] : rest;
    });
  });
  return jobs;
}

/**
 * The latest job of one kind for one document, running or just ended, with every phase it reported
 * (a dialog shows its progress, then how it ended). `since` ignores jobs from before (an earlier run).
 */
export function useLatestJob(kind: string, docId: string | null, since: number): { job: JobInfo | null; phases: string[] } {
  const [state, setState] = useState<{ job: JobInfo | null; phases: string[]; since: number }>({ job: null, phases: [], since });
  useServiceEvent('job', (e) => {
    if (e.job.kind !== kind || e.job.docId !== docId) return;
    setState((s) => {
      const fresh = s.since !== since || s.job?.id !== e.job.id;
      const phases = fresh ? [] : s.phases;
      return { job: e.job, phases: phases.includes(e.job.phase) ? phases : [...phases, e.job.phase], since };
    });
  });
  return state.since === since ? { job: state.job, phases: state.phases } : { job: null, phases: [] };
}

const isOrderJob = (j: JobInfo): boolean => j.kind === 'order';

/**
 * The running sort or filter of the document, for the grid's progress overlay. Followed from the
 * window's start, not the grid's: a job keeps running while another tab is shown.
 */
export function useOrderJob(docId: string | undefined): JobInfo | null {
  // Only orders concern the grid; the status bar follows every job itself.
  const jobs = useJobs(isOrderJob);
  return jobs.find((j) => j.docId === docId) ?? null;
}

/** Asks the service to stop a job; one that ended meanwhile is no error. */
export function cancelJob(jobId: string): void {
  void request('cancelJob', { jobId }).catch(() => {});
}
