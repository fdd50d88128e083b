/**
 * Runs maintenance tasks in task worker threads, as jobs: progress events while one runs, cancel from
 * the job. Workers are kept warm between tasks (starting one costs a second from a source checkout,
 * which would land in the middle of the flush the user just asked for), and one is started ahead when
 * a task is likely (a document with an aside opened, the flush dialog shown).
 * Read-only tasks (compare, generations) stop at once on cancel: their worker is terminated. A flush
 * is told through a shared flag and decides itself: before the swap it stops and removes its
 * temporary files; once the swap began it finishes, since both file pairs are consistent then.
 */
import type { Worker } from 'node:worker_threads';
import { ServiceError } from '../errors.js';
import type { JobHandle } from '../jobs.js';
import { WorkerPool } from '../permutation/workerPool.js';
import { spawnModuleWorker } from '../workers.js';
import type { FromTask, TaskSpec, ToTask } from './protocol.js';

const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './taskWorker.ts' : './taskWorker.js', import.meta.url);

export type SpawnTaskWorker = () => Worker;

/** An idle task worker is kept this long (the next flush or compare starts at once). */
const TASK_WORKER_IDLE_MS = 10 * 60_000;

export const spawnTaskWorker: SpawnTaskWorker = () => spawnModuleWorker(WORKER_URL);

export class TaskRunner {
  private readonly pool: WorkerPool;
  private nextId = 1;

  constructor(spawn: SpawnTaskWorker = spawnTaskWorker) {
    this.pool = new WorkerPool(spawn, TASK_WORKER_IDLE_MS);
  }

  /** Starts a worker now, if none waits idle, so the next task does not wait for one. */
  prewarm(): void {
    if (this.pool.idleCount === 0) this.pool.release(this.pool.acquire());
  }

  run<T>(task: TaskSpec, job: JobHandle): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const shared = new SharedArrayBuffer(4);
      const flag = new Int32Array(shared);
      const fail = (code: string, message: string, path?: string, reuse = false): void => {
        if (!lease.end(reuse)) return;
        job.fail(path === undefined ? { code, message } : { code, message, path });
        reject(new ServiceError(code, message, path));
      };
      const onAbort = (): void => {
        if (task.kind === 'flush') {
          Atomics.store(flag, 0, 1);
          lease.worker.postMessage({ type: 'cancel' } satisfies ToTask);
          return;
        }
        if (lease.end(false)) reject(new ServiceError('ABORTED', `${job.id}: cancelled`));
      };
      const onMessage = (m: FromTask): void => {
        if (m.id !== id) return;
        if (m.type === 'progress') job.progress(m.phase, m.done, m.total, m.detail);
        else if (m.type === 'error') {
          // A flush cancelled by the user ends as ABORTED: the job says cancelled.
          if (m.error.code === 'ABORTED' && job.signal.aborted) {
            if (!lease.end(true)) return;
            job.cancelled();
            reject(new ServiceError('ABORTED', m.error.message));
            return;
          }
          fail(m.error.code, m.error.message, m.error.path, true);
        } else if (lease.end(true)) {
          job.finish();
          resolve(m.result as T);
        }
      };
      const lease = this.pool.lease<FromTask>({
        message: onMessage,
        error: (e) => fail('INTERNAL', `the ${task.kind} worker failed: ${e.message}`),
        exit: (code) => fail('INTERNAL', `the ${task.kind} worker exited with code ${code} before finishing`),
      }, () => job.signal.removeEventListener('abort', onAbort));
      if (job.signal.aborted && task.kind !== 'flush') {
        onAbort();
        return;
      }
      job.signal.addEventListener('abort', onAbort);
      lease.worker.postMessage({ type: 'run', id, task, cancel: shared } satisfies ToTask);
      if (job.signal.aborted) onAbort();
    });
  }

  dispose(): void {
    this.pool.dispose();
  }
}
