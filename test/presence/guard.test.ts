/**
 * The flush guard: checkHolders / waitUntilFree, the FlushGate a flush runs through (busy is a result,
 * force needs confirmation and is logged, the check before the swap), and the CLI plumbing the future
 * `mkinspect flush` uses — exercised here by a stand-in command that rewrites the files through a
 * temp copy and a rename, as the real flush will.
 */
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addGuardOptions, runGuarded, type GuardCliOptions } from '../../engine/cli/flushGuard.js';
import type { CliExtension } from '../../engine/cli/program.js';
import type { CliIo } from '../../engine/cli/io.js';
import { MetakitError } from '../../engine/core/base/errors.js';
import { readActions } from '../../engine/node/actionLog.js';
import { openStorageFile } from '../../engine/node/openStorageFile.js';
import { FlushGate } from '../../engine/node/presence/flushGate.js';
import { checkHolders, waitUntilFree } from '../../engine/node/presence/guard.js';
import { runInProcess, scratchAside, snapshot, startFdHolder, startReader, type Scratch } from './helpers.js';

let s: Scratch;
let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mk-data-'));
  process.env.MKINSPECT_DATA_DIR = dataDir;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
afterEach(() => s?.cleanup());

describe('checkHolders and waitUntilFree', () => {
  it("never counts the caller's own handles unless asked to", async () => {
    s = scratchAside();
    const own = openStorageFile(s.main, { aside: s.aside, role: 'inspector' });
    try {
      const check = await checkHolders({ main: s.main, aside: s.aside });
      expect(check).toMatchObject({ busy: false, blocking: [], holders: [], excludedSelf: true });
      const all = await checkHolders({ main: s.main, aside: s.aside, excludeSelf: false });
      expect(all.holders.map((h) => [h.pid, h.self, h.source, h.role])).toEqual([[process.pid, true, 'both', 'inspector']]);
      expect(all.busy).toBe(false);
    } finally {
      own.close();
    }
  });

  it('leaves out further pids on request (the app\'s own helpers)', async () => {
    s = scratchAside();
    const h = await startFdHolder('r', s.main);
    try {
      expect((await checkHolders({ main: s.main })).busy).toBe(true);
      expect((await checkHolders({ main: s.main, excludePids: [h.pid] })).busy).toBe(false);
    } finally {
      await h.stop();
    }
  });

  it('waits until the holder is gone', async () => {
    s = scratchAside();
    const h = await startFdHolder('r', s.aside);
    const ticks: number[] = [];
    setTimeout(() => void h.stop(), 600);
    const check = await waitUntilFree({ main: s.main, aside: s.aside }, {
      timeoutMs: 20_000, intervalMs: 100, onTick: (c) => ticks.push(c.blocking.length),
    });
    expect(check.busy).toBe(false);
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.every((n) => n === 1)).toBe(true);
  });

  it('returns the busy check when the time is up', async () => {
    s = scratchAside();
    const h = await startFdHolder('r', s.main);
    try {
      const started = Date.now();
      const check = await waitUntilFree({ main: s.main }, { timeoutMs: 300, intervalMs: 100 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(check.busy).toBe(true);
      expect(check.blocking.map((x) => x.pid)).toEqual([h.pid]);
    } finally {
      await h.stop();
    }
  });

  it('stops waiting when aborted, with MetakitError ABORTED', async () => {
    s = scratchAside();
    const h = await startFdHolder('r', s.main);
    try {
      const ac = new AbortController();
      setTimeout(() => ac.abort(new Error('operator cancelled')), 200);
      const err = await waitUntilFree({ main: s.main }, { timeoutMs: 30_000, intervalMs: 50, signal: ac.signal }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MetakitError);
      expect(err).toMatchObject({ code: 'ABORTED' });
      expect((err as Error).message).toBe('expected to wait until the files are free, but the wait was aborted (operator cancelled)');
    } finally {
      await h.stop();
    }
  });

  it('rejects nonsense timeouts as caller mistakes', async () => {
    s = scratchAside();
    await expect(waitUntilFree({ main: s.main }, { timeoutMs: -1 })).rejects.toThrow(RangeError);
    await expect(waitUntilFree({ main: s.main }, { timeoutMs: 10, intervalMs: 0 })).rejects.toThrow(RangeError);
  });
});

describe('FlushGate', () => {
  it('refuses while held (a decision, logged) and changes nothing', async () => {
    s = scratchAside();
    const before = snapshot(s.aside);
    const h = await startFdHolder('r', s.aside);
    try {
      const gate = await FlushGate.open({ main: s.main, aside: s.aside });
      expect(gate.decision.proceed).toBe(false);
      expect(gate.decision.check.blocking.map((x) => x.pid)).toEqual([h.pid]);
      expect(gate.finish({ outcome: 'done' })).toBeNull();
      const log = readActions(s.main);
      expect(log.map((a) => [a.action, a.outcome, a.holders.map((x) => x.pid)])).toEqual([['flush', 'busy', [h.pid]]]);
      expect(log[0]?.sizesBefore).toEqual({ main: 37, aside: 1428 });
      expect(snapshot(s.aside).bytes.equals(before.bytes)).toBe(true);
      expect(snapshot(s.aside).mtimeNs).toBe(before.mtimeNs);
    } finally {
      await h.stop();
    }
  });

  it('force needs an explicit confirmation, and a forced pass is logged with the holders it ignored', async () => {
    s = scratchAside();
    await expect(FlushGate.open({ main: s.main, aside: s.aside, force: true })).rejects.toThrow(TypeError);
    const h = await startFdHolder('r', s.main);
    try {
      const gate = await FlushGate.open({ main: s.main, aside: s.aside, force: true, confirmForce: true });
      expect(gate.decision).toMatchObject({ proceed: true, forced: true });
      const swap = await gate.beforeSwap();
      expect(swap).toMatchObject({ proceed: true, forced: true });
      gate.finish({ outcome: 'done' });
      const log = readActions(s.main);
      expect(log.map((a) => [a.action, a.outcome])).toEqual([['force', 'proceeding'], ['force', 'proceeding'], ['flush', 'done']]);
      expect(log[0]?.holders.map((x) => x.pid)).toEqual([h.pid]);
      expect(log[1]?.detail).toBe('flush forced past 1 holder(s) before the swap');
      expect(log[2]?.sizesAfter).toEqual({ main: 37, aside: 1428 });
    } finally {
      await h.stop();
    }
  });

  it('with wait and force, the holders get the wait first, then force proceeds', async () => {
    s = scratchAside();
    const h = await startFdHolder('r', s.main);
    try {
      const started = Date.now();
      const gate = await FlushGate.open({ main: s.main, aside: s.aside, waitMs: 300, intervalMs: 50, force: true, confirmForce: true, log: false });
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(gate.decision).toMatchObject({ proceed: true, forced: true });
      expect(readActions(s.main)).toEqual([]);
    } finally {
      await h.stop();
    }
  });

  it('checks again before the swap: a reader that arrived meanwhile stops it', async () => {
    s = scratchAside();
    const gate = await FlushGate.open({ main: s.main, aside: s.aside });
    expect(gate.decision).toMatchObject({ proceed: true, forced: false });
    const late = await startReader(s.main, s.aside);
    try {
      const again = await gate.beforeSwap();
      expect(again.proceed).toBe(false);
      expect(again.check.blocking.map((x) => [x.pid, x.source, x.role])).toEqual([[late.pid, 'both', 'reader']]);
      expect(gate.finish({ outcome: 'done' })).toBeNull();
      expect(readActions(s.main).map((a) => [a.action, a.outcome])).toEqual([['flush', 'busy-before-swap']]);
    } finally {
      await late.stop();
    }
  });
});

/**
 * A stand-in for `mkinspect flush` built only from the guard's CLI helpers: it writes new files to
 * temp names, asks beforeSwap(), then renames them into place (content unchanged: the real flush
 * compacts; here only the guard is under test).
 */
const demoFlush: CliExtension = (program: Command, io: CliIo) => {
  addGuardOptions(program.command('demo-flush').argument('<main>').requiredOption('--aside <aside>').option('--json'))
    .action(async (main: string, opts: GuardCliOptions & { aside: string }) => {
      await runGuarded(io, { main, aside: opts.aside }, opts, async ({ beforeSwap }) => {
        const tmpMain = `${main}.flush-tmp`;
        const tmpAside = `${opts.aside}.flush-tmp`;
        copyFileSync(main, tmpMain);
        copyFileSync(opts.aside, tmpAside);
        try {
          await beforeSwap();
        } catch (e) {
          unlinkSync(tmpMain);
          unlinkSync(tmpAside);
          throw e;
        }
        renameSync(tmpMain, main);
        renameSync(tmpAside, opts.aside);
        io.out('flushed\n');
      });
    });
};

describe('CLI plumbing for guarded maintenance', () => {
  it('busy: exit code 3, the holders named on stdout, nothing changed; free: exit 0', async () => {
    s = scratchAside();
    const before = { main: snapshot(s.main), aside: snapshot(s.aside) };
    const reader = await startReader(s.main, s.aside);
    const foreign = await startFdHolder('r', s.aside);
    try {
      const busy = await runInProcess(['demo-flush', s.main, '--aside', s.aside], [demoFlush]);
      expect(busy.code).toBe(3);
      expect(busy.out).toMatch(/^busy \(before starting\): 2 other processes hold the files; nothing was changed\./);
      expect(busy.out).toMatch(new RegExp(`^\\s+${reader.pid}\\s+\\S+\\s+reader\\s+read\\s`, 'm'));
      expect(busy.out).toMatch(new RegExp(`^\\s+${foreign.pid}\\s+\\S+\\s+-\\s+-\\s+aside:r fd\\s`, 'm'));
      expect(busy.err).toContain(`mkinspect: busy: 2 other processes hold ${s.main}, ${s.aside}: pid ${reader.pid}`);
      const json = await runInProcess(['demo-flush', s.main, '--aside', s.aside, '--json'], [demoFlush]);
      expect(json.code).toBe(3);
      const parsed = JSON.parse(json.out) as { outcome: string; holders: { pid: number }[] };
      expect(parsed.outcome).toBe('busy');
      expect(parsed.holders.map((h) => h.pid).sort((a, b) => a - b)).toEqual([reader.pid, foreign.pid].sort((a, b) => a - b));
      for (const [p, b] of [[s.main, before.main], [s.aside, before.aside]] as const) {
        expect(snapshot(p).bytes.equals(b.bytes)).toBe(true);
        expect(snapshot(p).mtimeNs).toBe(b.mtimeNs);
      }

      const noConfirm = await runInProcess(['demo-flush', s.main, '--aside', s.aside, '--force'], [demoFlush]);
      expect(noConfirm.code).toBe(2);
      expect(noConfirm.err).toContain('--force needs --confirm-force');
    } finally {
      await reader.stop();
      await foreign.stop();
    }
    const ok = await runInProcess(['demo-flush', s.main, '--aside', s.aside], [demoFlush]);
    expect(ok).toMatchObject({ code: 0, out: 'flushed\n', err: '' });
    expect(readFileSync(s.main).equals(before.main.bytes)).toBe(true);
    expect(readActions(s.main).map((a) => [a.action, a.outcome])).toEqual([['flush', 'busy'], ['flush', 'busy'], ['flush', 'done']]);
  });

  it('--wait SECONDS retries until the holder leaves, reporting progress on stderr', async () => {
    s = scratchAside();
    const foreign = await startFdHolder('r', s.main);
    setTimeout(() => void foreign.stop(), 700);
    const r = await runInProcess(['demo-flush', s.main, '--aside', s.aside, '--wait', '30'], [demoFlush]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('flushed\n');
    expect(r.err).toMatch(new RegExp(`^waiting \\(0 of 30 s\\): busy: 1 other process holds .*pid ${foreign.pid}`));
  });

  it('--force --confirm-force proceeds with a warning and logs the holders', async () => {
    s = scratchAside();
    const foreign = await startFdHolder('r', s.main);
    try {
      const r = await runInProcess(['demo-flush', s.main, '--aside', s.aside, '--force', '--confirm-force'], [demoFlush]);
      expect(r.code).toBe(0);
      expect(r.err).toContain('WARNING: --force: proceeding although 1 other process(es) hold the files');
      const log = readActions(s.main);
      expect(log.map((a) => [a.action, a.outcome])).toEqual([['force', 'proceeding'], ['force', 'proceeding'], ['flush', 'done']]);
      expect(log[0]?.holders[0]?.pid).toBe(foreign.pid);
    } finally {
      await foreign.stop();
    }
  });
});
