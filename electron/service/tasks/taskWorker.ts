/**
 * Worker entry of the maintenance tasks (flush, snapshot compare, generation chain), one task at a time
 * per worker; the service keeps a worker warm between tasks (runTask.ts). A flush of a million rows, a
 * compare of two big generations or a long generation chain then delays nothing else: not the
 * service's row windows, not the host's event loop, not the renderer.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { toErrorInfo } from '../errors.js';
import { runCompareTask } from './compareTask.js';
import { runFlushTask } from './flushTask.js';
import { runGenerationsTask } from './generationsTask.js';
import type { FromTask, TaskContext, TaskSpec, ToTask } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('the task worker must run in a worker thread');

/**
 * Nice value of this thread: the tasks are background work, and on a machine with few cores a flush
 * competing at equal weight with the renderer and the service stretches their short tasks. On Linux
 * a nice value belongs to the thread (setpriority on "this process" from a thread changes only that
 * thread), so the host, the service and the renderer keep theirs; elsewhere it would apply to the
 * whole process, so it is left alone.
 */
export const TASK_WORKER_NICE = 10;
if (process.platform === 'linux') {
  try {
    setPriority(TASK_WORKER_NICE);
  } catch {
    // Not allowed here (a restricted container): the tasks simply run at normal priority.
  }
}
const post = (m: FromTask): void => port.postMessage(m);

const PROGRESS_INTERVAL_MS = 50;
let controller: AbortController | null = null;

function contextFor(id: number, flag: Int32Array, c: AbortController): TaskContext {
  let lastProgress = 0;
  let lastPhase = '';
  return {
    progress(phase, done, total, detail = null) {
      const now = Date.now();
      // Every phase change goes out; within a phase at most one report per interval.
      if (phase === lastPhase && now - lastProgress < PROGRESS_INTERVAL_MS && done < total) return;
      lastPhase = phase;
      lastProgress = now;
      post({ type: 'progress', id, phase, done, total, detail });
    },
    signal: c.signal,
    poll() {
      if (!c.signal.aborted && Atomics.load(flag, 0) === 1) c.abort();
      return c.signal.aborted;
    },
  };
}

async function run(task: TaskSpec, ctx: TaskContext): Promise<unknown> {
  switch (task.kind) {
    case 'flush': return runFlushTask(task, ctx);
    case 'compare': return runCompareTask(task, ctx);
    case 'generations': return runGenerationsTask(task, ctx);
  }
}

port.on('message', (m: ToTask) => {
  if (m.type === 'cancel') {
    controller?.abort();
    return;
  }
  const c = new AbortController();
  controller = c;
  const ctx = contextFor(m.id, new Int32Array(m.cancel), c);
  run(m.task, ctx).then(
    (result) => post({ type: 'done', id: m.id, result }),
    (e: unknown) => post({ type: 'error', id: m.id, error: toErrorInfo(e) }),
  ).finally(() => {
    if (controller === c) controller = null;
  });
});
