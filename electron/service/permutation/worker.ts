/**
 * Order worker: computes the order of a (view, sort, filters) request on a snapshot, opening the
 * document's files read-only at the same ends the service reads. It stays alive between requests and
 * keeps the last snapshots open, so sorting the same big view again does not decode its columns again.
 */
import { parentPort } from 'node:worker_threads';
import { Storage } from '../../../engine/core/read/storage.js';
import { FileByteStore } from '../../../engine/node/fileByteStore.js';
import { toErrorInfo } from '../errors.js';
import { resolveView } from '../viewPaths.js';
import { computeOrder } from './compute.js';
import { snapshotKey, type FromWorker, type OrderJob, type ToWorker } from './protocol.js';

const PROGRESS_INTERVAL_MS = 50;
const KEEP_SNAPSHOTS = 2;

const port = parentPort;
if (!port) throw new Error('the order worker must run in a worker thread');
const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
const open = new Map<string, { storage: Storage; mainPath: string }>();

function storageFor(job: OrderJob): Storage {
  const key = snapshotKey(job);
  const have = open.get(key);
  if (have) {
    open.delete(key);
    open.set(key, have);
    return have.storage;
  }
  const aside = job.asidePath !== null ? Storage.open(new FileByteStore(job.asidePath), { end: job.asideEnd ?? undefined }) : undefined;
  let storage: Storage;
  try {
    storage = Storage.open(new FileByteStore(job.mainPath), { aside, end: job.mainEnd });
  } catch (e) {
    aside?.close();
    throw e;
  }
  open.set(key, { storage, mainPath: job.mainPath });
  while (open.size > KEEP_SNAPSHOTS) {
    const [oldest, entry] = open.entries().next().value as [string, { storage: Storage }];
    entry.storage.close();
    open.delete(oldest);
  }
  return storage;
}

function run(id: number, job: OrderJob): void {
  try {
    const view = resolveView(storageFor(job), job.path);
    let last = 0;
    const order = computeOrder(view, { sort: job.sort, filters: job.filters }, job.title, (phase, done, total) => {
      const now = Date.now();
      if (now - last < PROGRESS_INTERVAL_MS && done < total) return;
      last = now;
      post({ type: 'progress', id, phase, done, total });
    });
    post({ type: 'done', id, order }, [order.buffer as ArrayBuffer]);
  } catch (e) {
    post({ type: 'error', id, error: toErrorInfo(e) });
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'run') run(m.id, m.job);
  else {
    for (const [key, entry] of open) {
      if (entry.mainPath !== m.mainPath) continue;
      entry.storage.close();
      open.delete(key);
    }
  }
});
