/**
 * Long operations as jobs: an id, a phase and counts, cancellation, and progress events throttled so a
 * fast worker cannot flood the renderer (a new phase always goes out). Sorting, filtering, flush,
 * export and compare run as jobs.
 */
import type { JobInfo } from '../shared/dto.js';
import type { ErrorInfo } from '../shared/result.js';

const EVENT_INTERVAL_MS = 100;

export interface JobHandle {
  readonly id: string;
  readonly signal: AbortSignal;
  progress(phase: string, done: number, total: number, detail?: string | null): void;
  finish(): void;
  fail(error: ErrorInfo): void;
  /** Ends a cooperative job as cancelled (it stopped after the cancel request). */
  cancelled(): void;
}

export interface JobOptions {
  /**
   * Cancel only asks (the signal aborts; the job says `cancelling`): the work decides when it can stop
   * and ends the job itself. A flush past its swap finishes instead.
   */
  cooperative?: boolean;
}

interface Running {
  info: JobInfo;
  started: number;
  lastEmit: number;
  controller: AbortController;
}

export class JobRegistry {
  private next = 1;
  private readonly running = new Map<string, Running>();

  constructor(private readonly emit: (job: JobInfo) => void) {}

  start(kind: string, docId: string | null, title: string, options: JobOptions = {}): JobHandle {
    const id = `job${this.next++}`;
    const started = Date.now();
    const job: Running = {
      info: { id, kind, docId, title, phase: 'starting', done: 0, total: 0, state: 'running', detail: null, error: null, elapsedMs: 0 },
      started,
      lastEmit: started,
      controller: new AbortController(),
    };
    this.running.set(id, job);
    this.emit({ ...job.info });
    const end = (patch: Partial<JobInfo>): void => {
      if (!this.running.delete(id)) return;
      Object.assign(job.info, patch, { elapsedMs: Date.now() - started });
      this.emit({ ...job.info });
    };
    job.controller.signal.addEventListener('abort', () => {
      if (!options.cooperative) {
        end({ state: 'cancelled', phase: 'cancelled' });
        return;
      }
      job.info.detail = 'cancelling…';
      job.lastEmit = Date.now();
      this.emit({ ...job.info, elapsedMs: Date.now() - started });
    });
    return {
      id,
      signal: job.controller.signal,
      progress: (phase, done, total, detail) => {
        if (!this.running.has(id)) return;
        const newPhase = phase !== job.info.phase;
        Object.assign(job.info, { phase, done, total });
        if (detail !== undefined) job.info.detail = detail;
        const now = Date.now();
        if (!newPhase && now - job.lastEmit < EVENT_INTERVAL_MS) return;
        job.lastEmit = now;
        job.info.elapsedMs = now - started;
        this.emit({ ...job.info });
      },
      finish: () => end({ state: 'done', phase: 'done', done: job.info.total }),
      fail: (error) => end({ state: 'failed', phase: 'failed', error }),
      cancelled: () => end({ state: 'cancelled', phase: 'cancelled' }),
    };
  }

  /** Cancels a running job; false when it is unknown or already over. */
  cancel(id: string): boolean {
    const job = this.running.get(id);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  list(): JobInfo[] {
    return [...this.running.values()].map((j) => ({ ...j.info }));
  }

  cancelAll(): void {
    for (const job of [...this.running.values()]) job.controller.abort();
  }
}
