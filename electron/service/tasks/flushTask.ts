/**
 * The guarded flush, run in a task worker: the flush gate (wait until the files are free, or force),
 * an optional backup copy, the new files written and verified (prepareFlush), the gate again right
 * before the swap, then the swap and compaction (completeFlush). Busy is an outcome naming the
 * holders, not an error; a cancel before the swap leaves every file as it was.
 */
import { copyFileSync } from 'node:fs';
import { describeHolder } from '../../../engine/core/analysis/presence.js';
import { MetakitError } from '../../../engine/core/base/errors.js';
import { WritableStorage } from '../../../engine/core/write/writableStorage.js';
import { FileByteStore } from '../../../engine/node/fileByteStore.js';
import { completeFlush, prepareFlush, type FlushProgress } from '../../../engine/node/flush.js';
import { busyMessage } from '../../../engine/node/presence/guard.js';
import { FlushGate } from '../../../engine/node/presence/flushGate.js';
import type { FlushOutcomeDto, FlushPhaseName } from '../../shared/dtoMaintenance.js';
import { holderDto } from '../maintenance/holdersDto.js';
import type { TaskContext, TaskSpec } from './protocol.js';

type FlushSpec = Extract<TaskSpec, { kind: 'flush' }>;

/** `data.mk` → `data.mk.bak-20240102-030405` (local time). */
export function backupName(path: string, now = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${path}.bak-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

class PhaseClock {
  readonly phases: { phase: FlushPhaseName; ms: number }[] = [];
  private current: FlushPhaseName | null = null;
  private since = performance.now();

  enter(phase: FlushPhaseName): void {
    if (phase === this.current) return;
    this.close();
    this.current = phase;
    this.since = performance.now();
  }

  close(): void {
    if (this.current !== null) this.phases.push({ phase: this.current, ms: Math.round(performance.now() - this.since) });
    this.current = null;
  }
}

export async function runFlushTask(spec: FlushSpec, ctx: TaskContext): Promise<FlushOutcomeDto> {
  const started = performance.now();
  const clock = new PhaseClock();
  const files = { main: spec.main, aside: spec.aside };
  const gate = await FlushGate.open({
    ...files, waitMs: spec.waitMs, force: spec.force, confirmForce: spec.force, signal: ctx.signal, intervalMs: 500,
    onTick: (check, elapsed) => {
      clock.enter('waiting');
      ctx.progress('waiting', Math.round(elapsed), spec.waitMs, `waiting for ${check.blocking.map(describeHolder).join('; ')}`);
    },
  });
  if (!gate.decision.proceed) {
    const check = gate.decision.check;
    return { outcome: 'busy', message: busyMessage(check), holders: check.holders.map((h) => holderDto(h, check.blocking.includes(h))) };
  }
  let backup: { main: string; aside: string } | null = null;
  const aside = WritableStorage.open(new FileByteStore(spec.aside), { mode: 'read' });
  const main = WritableStorage.open(new FileByteStore(spec.main), { mode: 'read' });
  try {
    if (spec.backup) {
      clock.enter('backup');
      ctx.progress('backup', 0, 2, null);
      const now = new Date();
      backup = { main: backupName(spec.main, now), aside: backupName(spec.aside, now) };
      copyFileSync(spec.main, backup.main);
      ctx.progress('backup', 1, 2, null);
      copyFileSync(spec.aside, backup.aside);
      ctx.progress('backup', 2, 2, null);
    }
    main.setAside(aside);
    const onProgress = (p: FlushProgress): void => {
      clock.enter(p.phase);
      // Cancelling flips the shared flag; seeing it here aborts the signal prepareFlush checks.
      ctx.poll();
      if (p.cells !== undefined) {
        const done = p.cellsDone ?? 0;
        const count = (n: number): string => n.toLocaleString('en-US');
        ctx.progress(p.phase, done, p.cells, p.cells > 0 ? `${count(done)} of ${count(p.cells)} cells verified` : null);
      } else ctx.progress(p.phase, p.written, p.total, null);
    };
    const prepared = prepareFlush(main, { signal: ctx.signal, onProgress });
    const again = await gate.beforeSwap();
    if (!again.proceed) {
      prepared.cancel();
      const check = again.check;
      return { outcome: 'busy-before-swap', message: busyMessage(check), holders: check.holders.map((h) => holderDto(h, check.blocking.includes(h))) };
    }
    if (ctx.poll()) {
      prepared.cancel();
      throw new MetakitError('ABORTED', 'flush cancelled before the swap: nothing was changed');
    }
    const r = completeFlush(prepared, { onProgress });
    clock.close();
    const ms = Math.round(performance.now() - started);
    const rows = Object.entries(r.rows).map(([v, n]) => `${v} ${n}`).join(', ');
    gate.finish({
      outcome: 'done',
      detail: `flushed in ${ms} ms; rows verified: ${rows || 'no views'}${gate.decision.forced ? '; forced past other holders' : ''}${backup ? `; backup ${backup.main}, ${backup.aside}` : ''}`,
    });
    return {
      outcome: 'done', ms, mainBefore: r.mainBefore, asideBefore: r.asideBefore, mainAfter: r.mainAfter, asideAfter: r.asideAfter,
      rows: r.rows, forced: gate.decision.forced, backup, phases: clock.phases,
    };
  } catch (e) {
    const aborted = e instanceof MetakitError && e.code === 'ABORTED';
    gate.finish({ outcome: aborted ? 'aborted' : 'failed', detail: e instanceof Error ? e.message : String(e) });
    throw e;
  } finally {
    main.close();
    aside.close();
  }
}
