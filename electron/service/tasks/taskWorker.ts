/**
 * Worker entry of the maintenance tasks: one task per worker. A flush of a million rows, a compare of
 * two big generations or a long generation chain then delays nothing else: not the service's row
 * windows, not the host's event loop, not the renderer.
 */
import { parentPort } from 'node:worker_threads';
import { toErrorInfo } from '../errors.js';
import { runCompareTask } from './compareTask.js';
import { runFlushTask } from './flushTask.js';
import { runGenerationsTask } from './generationsTask.js';
import type { FromTask, TaskContext, TaskSpec, ToTask } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('the task worker must run in a worker thread');
const post = (m: FromTask): void => port.postMessage(m);
const controller = new AbortController();
let flag: Int32Array | null = null;

const PROGRESS_INTERVAL_MS = 50;
let lastProgress = 0;
let lastPhase = '';

const ctx: TaskContext = {
  progress(phase, done, total, detail = null) {
    const now = Date.now();
    // Every phase change goes out; within a phase at most one report per interval.
    if (phase === lastPhase && now - lastProgress < PROGRESS_INTERVAL_MS && done < total) return;
    lastPhase = phase;
    lastProgress = now;
    post({ type: 'progress', phase, done, total, detail });
  },
  signal: controller.signal,
  poll() {
    if (!controller.signal.aborted && flag && Atomics.load(flag, 0) === 1) controller.abort();
    return controller.signal.aborted;
  },
};

async function run(task: TaskSpec): Promise<unknown> {
  switch (task.kind) {
    case 'flush': return runFlushTask(task, ctx);
    case 'compare': return runCompareTask(task, ctx);
    case 'generations': return runGenerationsTask(task, ctx);
  }
}

port.on('message', (m: ToTask) => {
  if (m.type === 'cancel') {
    controller.abort();
    return;
  }
  flag = new Int32Array(m.cancel);
  run(m.task).then(
    (result) => post({ type: 'done', result }),
    (e: unknown) => post({ type: 'error', error: toErrorInfo(e) }),
  ).finally(() => port.close());
});
