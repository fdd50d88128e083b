/**
 * The orders of sorted/filtered views: computed by a worker per request (the service thread only maps
 * row windows through them), cached by snapshot and request within a byte budget, shared by callers
 * asking for the same order meanwhile, and cancelled when a newer request for the same view comes.
 */
import type { FilterSpec, SortSpec } from '../../shared/dto.js';
import { ServiceError } from '../errors.js';
import type { JobRegistry } from '../jobs.js';
import type { FromWorker, OrderJob } from './protocol.js';
import { WorkerPool, type SpawnOrderWorker } from './workerPool.js';

export type { SpawnOrderWorker };

interface Pending {
  promise: Promise<Int32Array>;
  cancel: () => void;
  spec: string;
}

export interface OrderKey {
  docId: string;
  /** Snapshot + view: orders of different views never replace each other. */
  viewKey: string;
  sort: SortSpec | null;
  filters: FilterSpec[];
}

export class Permutations {
  private readonly cache = new Map<string, Int32Array>();
  private cachedBytes = 0;
  private readonly pending = new Map<string, Pending>();

  private readonly pool: WorkerPool;
  private nextRun = 1;

  constructor(
    private readonly jobs: JobRegistry,
    spawn?: SpawnOrderWorker,
    private readonly budgetBytes = 512 * 1024 * 1024,
  ) {
    this.pool = new WorkerPool(spawn);
  }

  get(key: OrderKey, job: OrderJob): Promise<Int32Array> {
    const spec = JSON.stringify([key.sort, key.filters]);
    const id = `${key.docId}\n${key.viewKey}\n${spec}`;
    const hit = this.cache.get(id);
    if (hit) {
      // Refresh its place in the LRU order.
      this.cache.delete(id);
      this.cache.set(id, hit);
      return Promise.resolve(hit);
    }
    const running = this.pending.get(id);
    if (running) return running.promise;
    // A newer order for the same view makes the older ones pointless.
    const viewPrefix = `${key.docId}\n${key.viewKey}\n`;
    for (const [other, p] of this.pending) if (other.startsWith(viewPrefix) && p.spec !== spec) p.cancel();
    const pending = this.run(job, key.docId);
    this.pending.set(id, pending);
    pending.promise.then(
      (order) => {
        this.pending.delete(id);
        this.store(id, order);
      },
      () => this.pending.delete(id),
    );
    return pending.promise;
  }

  /** Forgets the orders of a document (closed, or reopened at another snapshot) and closes its files in the workers. */
  dropDocument(docId: string, mainPath?: string): void {
    if (mainPath !== undefined) this.pool.broadcast({ type: 'forget', mainPath });
    for (const [id, p] of this.pending) if (id.startsWith(`${docId}\n`)) p.cancel();
    for (const [id, order] of this.cache) {
      if (!id.startsWith(`${docId}\n`)) continue;
      this.cache.delete(id);
      this.cachedBytes -= order.byteLength;
    }
  }

  dispose(): void {
    for (const p of this.pending.values()) p.cancel();
    this.pool.dispose();
    this.cache.clear();
    this.cachedBytes = 0;
  }

  private store(id: string, order: Int32Array): void {
    if (order.byteLength > this.budgetBytes) return;
    this.cache.set(id, order);
    this.cachedBytes += order.byteLength;
    for (const [old, o] of this.cache) {
      if (this.cachedBytes <= this.budgetBytes) break;
      this.cache.delete(old);
      this.cachedBytes -= o.byteLength;
    }
  }

  private run(job: OrderJob, docId: string): Pending {
    const what = [
      job.sort && `sorting by ${job.sort.column}${job.sort.direction === 'desc' ? ' (descending)' : ''}`,
      job.filters.length > 0 && `filtering on ${job.filters.map((f) => f.column).join(', ')}`,
    ].filter(Boolean).join(', ');
    const handle = this.jobs.start('order', docId, `${job.title}: ${what}`);
    const id = this.nextRun++;
    const promise = new Promise<Int32Array>((resolve, reject) => {
      const onMessage = (m: FromWorker): void => {
        if (m.id !== id) return;
        if (m.type === 'progress') handle.progress(m.phase, m.done, m.total);
        // A refused request (bad filter, damaged column) leaves the worker fine for the next one.
        else if (m.type === 'error') failWith(m.error.code, m.error.message, m.error.path, true);
        else if (lease.end(true)) {
          handle.finish();
          resolve(m.order);
        }
      };
      const lease = this.pool.lease<FromWorker>({
        message: onMessage,
        error: (e) => failWith('INTERNAL', `the order worker failed: ${e.message}`),
        exit: (code) => failWith('INTERNAL', `the order worker exited with code ${code}`),
      });
      const failWith = (code: string, message: string, path?: string, reuse = false): void => {
        if (!lease.end(reuse)) return;
        handle.fail(path === undefined ? { code, message } : { code, message, path });
        reject(new ServiceError(code, message, path));
      };
      const onAbort = (): void => {
        if (lease.end(false)) reject(new ServiceError('ABORTED', `${job.title}: the order was cancelled`));
      };
      // Cancelled already (by a listener of the job's first event)?
      if (handle.signal.aborted) {
        onAbort();
        return;
      }
      handle.signal.addEventListener('abort', onAbort);
      lease.worker.postMessage({ type: 'run', id, job });
    });
    return { promise, spec: JSON.stringify([job.sort, job.filters]), cancel: () => this.jobs.cancel(handle.id) };
  }
}
