/**
 * One flush from the dialog: its plan (read again every second while nothing runs, as holders come and
 * go), the user's choices (backup, force and the typed name), the run with its job's phases, and how it
 * ended (the outcome, or the problem that stopped it).
 */
import { useState } from 'react';
import type { DocumentInfo, JobInfo } from '../../../../electron/shared/dto.js';
import type { FlushOutcomeDto, FlushPlanDto } from '../../../../electron/shared/dtoMaintenance.js';
import { request } from '../../api/client.js';
import { useAsync, useInterval } from '../../api/hooks.js';
import { useJobCall } from '../jobs/useJobCall.js';
import { flushReadiness, type FlushChoices, type FlushReadiness } from './flushReadiness.js';

/** How long "Wait until free" waits before giving up. */
export const WAIT_SECONDS = 120;

export interface FlushRun {
  /** The plan; undefined while the first one is read. */
  plan: FlushPlanDto | undefined;
  planError: Error | null;
  choices: FlushChoices;
  choose: (patch: Partial<FlushChoices>) => void;
  ready: FlushReadiness;
  running: boolean;
  job: JobInfo | null;
  phases: string[];
  outcome: FlushOutcomeDto | null;
  problem: string | null;
  /** Starts the flush; `waitSeconds` > 0 waits that long for the holders to let go. */
  start: (waitSeconds: number) => Promise<void>;
  cancel: () => void;
}

export function useFlush(doc: DocumentInfo): FlushRun {
  const [round, setRound] = useState(0);
  const [choices, setChoices] = useState<FlushChoices>({ backup: true, force: false, confirmName: '' });
  // After a run the plan is read again at once (sizes and holders changed).
  const call = useJobCall<FlushOutcomeDto>('flush', doc.id, 'Cancelled: nothing was changed.', () => setRound((x) => x + 1));
  const { running, result: outcome } = call;
  const plan = useAsync(`${doc.id}:${round}`, () => request('planFlush', { docId: doc.id }), { keep: true });
  // The checklist stays current while the dialog is open (holders come and go).
  useInterval(!running && outcome?.outcome !== 'done', 1000, () => setRound((r) => r + 1));

  const start = (waitSeconds: number): Promise<void> => {
    const { backup, force, confirmName } = choices;
    return call.start(() => request('flushDocument', { docId: doc.id, backup, waitSeconds, force, ...(force ? { confirmName } : {}) }));
  };
  return {
    plan: plan.value, planError: plan.error, choices, choose: (patch) => setChoices((c) => ({ ...c, ...patch })),
    ready: flushReadiness(plan.value, choices, running), running, job: call.job, phases: call.phases, outcome, problem: call.problem,
    start, cancel: call.cancel,
  };
}
