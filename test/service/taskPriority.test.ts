/**
 * The task worker (flush, compare, generation chain) lowers its own thread's priority on Linux, so a
 * flush yields the CPU to the renderer and the service; the process's other threads keep theirs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { spawnTaskWorker } from '../../electron/service/tasks/runTask.js';

/** Nice value of every thread of this process (field 19 of /proc/self/task/TID/stat). */
function threadNices(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), Number(fields[16]));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

it('runs its thread at nice 10 on Linux and leaves the other threads alone', async () => {
  const before = threadNices();
  const worker = spawnTaskWorker();
  try {
    // The worker has set its priority once its module ran: wait until a new thread shows nice 10.
    const deadline = Date.now() + 30_000;
    let niced: number[] = [];
    while (Date.now() < deadline) {
      niced = [...threadNices()].filter(([tid, nice]) => !before.has(tid) && nice === 10).map(([tid]) => tid);
      if (niced.length > 0 || process.platform !== 'linux') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(niced).toHaveLength(process.platform === 'linux' ? 1 : 0);
    // This (main) thread and every thread that existed before keep their nice value.
    const after = threadNices();
    for (const [tid, nice] of before) if (after.has(tid)) expect(after.get(tid)).toBe(nice);
    expect(after.get(process.pid)).toBe(before.get(process.pid));
  } finally {
    await worker.terminate();
  }
});
