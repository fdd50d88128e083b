/**
 * Long operations as jobs: an id, a phase and counts, cancellation, and progress events throttled so a
 * fast worker cannot flood the renderer. Sorting and filtering use it now; flush and export later.
 */
import type { JobInfo } from '../shared/dto.js';
import type { ErrorInfo } from '../shared/result.js';

const EVENT_INTERVAL_MS = 100;

export interface JobHandle {
  readonly id: string;
  readonly signal: AbortSignal;
  progress(phase: string, done: number, total: number): void;
  finish(): void;
  fail(error: ErrorInfo): void;
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

  start(kind: string, docId: string | null, title: string): JobHandle {
    const id = `job${this.next++}`;
    const started = Date.now();
    const job: Running = {
      info: { id, kind, docId, title, phase: 'starting', done: 0, total: 0, state: 'running', error: null, elapsedMs: 0 },
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
    job.controller.signal.addEventListener('abort', () => end({ state: 'cancelled', phase: 'cancelled' }));
    return {
      id,
      signal: job.controller.signal,
      progress: (phase, done, total) => {
        if (!this.running.has(id)) return;
        Object.assign(job.info, { phase, done, total });
        const now = Date.now();
        if (now - job.lastEmit < EVENT_INTERVAL_MS) return;
        job.lastEmit = now;
        job.info.elapsedMs = now - started;
        this.emit({ ...job.info });
      },
      finish: () => end({ state: 'done', phase: 'done', done: job.info.total }),
      fail: (error) => end({ state: 'failed', phase: 'failed', error }),
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
