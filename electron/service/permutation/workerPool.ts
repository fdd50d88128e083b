/**
 * A few order workers kept warm between requests (starting one costs more than most sorts, and a warm
 * one keeps its decoded columns). A job that is cancelled takes its worker with it: terminating is the
 * only way to stop a sort in the middle.
 */
import type { Worker } from 'node:worker_threads';
import { spawnModuleWorker } from '../workers.js';
import type { ToWorker } from './protocol.js';

/** The worker module next to this one (worker.ts from source, worker.js when compiled). */
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);

export type SpawnOrderWorker = () => Worker;

export const spawnOrderWorker: SpawnOrderWorker = () => spawnModuleWorker(WORKER_URL);

const MAX_IDLE = 2;
const IDLE_MS = 60_000;

/** The handlers of one request on a leased worker. */
export interface LeaseHandlers<M> {
  message: (m: M) => void;
  error: (e: Error) => void;
  exit: (code: number) => void;
}

export interface WorkerLease {
  readonly worker: Worker;
  /**
   * Ends the request once (later calls return false): detaches its handlers and gives the worker back
   * (`reuse`) or stops it.
   */
  end(reuse: boolean): boolean;
}

export class WorkerPool {
  private readonly idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];
  private readonly busy = new Set<Worker>();

  /** `idleMs`: how long an idle worker is kept before it is stopped. */
  constructor(private readonly spawn: SpawnOrderWorker = spawnOrderWorker, private readonly idleMs = IDLE_MS) {}

  get idleCount(): number {
    return this.idle.length;
  }

  acquire(): Worker {
    const entry = this.idle.pop();
    let worker: Worker;
    if (entry) {
      clearTimeout(entry.timer);
      worker = entry.worker;
    } else {
      worker = this.spawn();
      // A worker that dies on its own is simply not reused.
      worker.once('exit', () => this.discard(worker));
    }
    this.busy.add(worker);
    return worker;
  }

  /** A worker for one request with its handlers attached; `onEnd` runs when the lease ends. */
  lease<M>(handlers: LeaseHandlers<M>, onEnd?: () => void): WorkerLease {
    const worker = this.acquire();
    worker.on('message', handlers.message);
    worker.on('error', handlers.error);
    worker.on('exit', handlers.exit);
    let ended = false;
    return {
      worker,
      end: (reuse) => {
        if (ended) return false;
        ended = true;
        onEnd?.();
        worker.off('message', handlers.message);
        worker.off('error', handlers.error);
        worker.off('exit', handlers.exit);
        if (reuse) this.release(worker);
        else this.discard(worker);
        return true;
      },
    };
  }

  /** Back to the pool after a finished job. */
  release(worker: Worker): void {
    if (!this.busy.delete(worker)) return;
    if (this.idle.length >= MAX_IDLE) {
      void worker.terminate();
      return;
    }
    const timer = setTimeout(() => {
      this.idle.splice(this.idle.findIndex((e) => e.worker === worker), 1);
      void worker.terminate();
    }, this.idleMs);
    timer.unref();
    this.idle.push({ worker, timer });
  }

  /** Stops a worker (cancelled or failed job). */
  discard(worker: Worker): void {
    this.busy.delete(worker);
    const i = this.idle.findIndex((e) => e.worker === worker);
    if (i >= 0) {
      clearTimeout((this.idle[i] as { timer: NodeJS.Timeout }).timer);
      this.idle.splice(i, 1);
    }
    void worker.terminate();
  }

  /** Tells every worker (idle or busy) something, e.g. to close a document's files. */
  broadcast(message: ToWorker): void {
    for (const { worker } of this.idle) worker.postMessage(message);
    for (const worker of this.busy) worker.postMessage(message);
  }

  dispose(): void {
    for (const { worker, timer } of this.idle.splice(0)) {
      clearTimeout(timer);
      void worker.terminate();
    }
    for (const worker of [...this.busy]) this.discard(worker);
  }
}
