/**
 * Worker entry: opens the document's files read-only at the same ends (the same snapshot the service
 * reads), computes the order for one (view, sort, filters) request and transfers it back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Storage } from '../../../engine/core/storage.js';
import { FileByteStore } from '../../../engine/node/fileByteStore.js';
import type { ErrorInfo } from '../../shared/result.js';
import { toErrorInfo } from '../errors.js';
import { resolveView } from '../viewPaths.js';
import { computeOrder } from './compute.js';
import type { OrderJob } from './protocol.js';

const PROGRESS_INTERVAL_MS = 50;

function run(job: OrderJob): void {
  const port = parentPort;
  if (!port) throw new Error('permutation worker started outside a worker thread');
  let aside: Storage | undefined;
  let storage: Storage | undefined;
  try {
    if (job.asidePath !== null) aside = Storage.open(new FileByteStore(job.asidePath), { end: job.asideEnd ?? undefined });
    storage = Storage.open(new FileByteStore(job.mainPath), { aside, end: job.mainEnd });
    const view = resolveView(storage, job.path);
    let last = 0;
    const order = computeOrder(view, { sort: job.sort, filters: job.filters }, job.title, (phase, done, total) => {
      const now = Date.now();
      if (now - last < PROGRESS_INTERVAL_MS && done < total) return;
      last = now;
      port.postMessage({ type: 'progress', phase, done, total });
    });
    port.postMessage({ type: 'done', order }, [order.buffer as ArrayBuffer]);
  } catch (e) {
    const error: ErrorInfo = toErrorInfo(e);
    port.postMessage({ type: 'error', error });
  } finally {
    if (storage) storage.close();
    else aside?.close();
  }
}

run(workerData as OrderJob);
