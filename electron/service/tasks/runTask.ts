/**
 * Runs one maintenance task in its own worker thread, as a job: progress events while it runs, cancel
 * from the job. Read-only tasks (compare, generations) are stopped at once by terminating the worker;
 * a flush is told through a shared flag and decides itself (before the swap it stops and removes its
 * temporary files; once the swap began it finishes, since both file pairs are consistent then).
 */
import type { Worker } from 'node:worker_threads';
import { ServiceError } from '../errors.js';
import type { JobHandle } from '../jobs.js';
import { spawnModuleWorker } from '../workers.js';
import type { FromTask, TaskSpec, ToTask } from './protocol.js';

const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './taskWorker.ts' : './taskWorker.js', import.meta.url);

export type SpawnTaskWorker = () => Worker;

export const spawnTaskWorker: SpawnTaskWorker = () => spawnModuleWorker(WORKER_URL);

export function runTask<T>(task: TaskSpec, job: JobHandle, spawn: SpawnTaskWorker = spawnTaskWorker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = spawn();
    const shared = new SharedArrayBuffer(4);
    const flag = new Int32Array(shared);
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      job.signal.removeEventListener('abort', onAbort);
      return true;
    };
    const fail = (code: string, message: string, path?: string): void => {
      if (!settle()) return;
      job.fail(path === undefined ? { code, message } : { code, message, path });
      void worker.terminate();
      reject(new ServiceError(code, message, path));
    };
    const onAbort = (): void => {
      if (task.kind === 'flush') {
        Atomics.store(flag, 0, 1);
        worker.postMessage({ type: 'cancel' } satisfies ToTask);
        return;
      }
      if (!settle()) return;
      void worker.terminate();
      reject(new ServiceError('ABORTED', `${job.id}: cancelled`));
    };
    worker.on('message', (m: FromTask) => {
      if (m.type === 'progress') job.progress(m.phase, m.done, m.total, m.detail);
      else if (m.type === 'error') {
        // A flush cancelled by the user ends as ABORTED: the job is already marked cancelled.
        if (m.error.code === 'ABORTED' && job.signal.aborted) {
          if (!settle()) return;
          job.cancelled();
          reject(new ServiceError('ABORTED', m.error.message));
          return;
        }
        fail(m.error.code, m.error.message, m.error.path);
      } else if (settle()) {
        job.finish();
        resolve(m.result as T);
      }
    });
    worker.on('error', (e) => fail('INTERNAL', `the ${task.kind} worker failed: ${e.message}`));
    worker.on('exit', (code) => fail('INTERNAL', `the ${task.kind} worker exited with code ${code} before finishing`));
    if (job.signal.aborted) {
      onAbort();
      if (task.kind !== 'flush') return;
    }
    job.signal.addEventListener('abort', onAbort);
    worker.postMessage({ type: 'run', task, cancel: shared } satisfies ToTask);
  });
}
