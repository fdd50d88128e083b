/** Running jobs (sorts and filters now; flush and export later) from the service's job events. */
import { useState } from 'react';
import type { JobInfo } from '../../../../electron/shared/dto.js';
import { useServiceEvent } from '../../api/hooks.js';

export function useJobs(): JobInfo[] {
  const [jobs, setJobs] = useState<JobInfo[]>([]);
  useServiceEvent('job', (e) => setJobs((js) => {
    const rest = js.filter((j) => j.id !== e.job.id);
    return e.job.state === 'running' ? [...rest, e.job] : rest;
  }));
  return jobs;
}
