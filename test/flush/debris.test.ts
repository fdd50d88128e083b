/**
 * Crash debris (issue 13 item 3), with real processes killed by SIGKILL: a flush killed mid-way
 * leaves `.<file>.flush-<pid>-<time>.tmp` / `.compact-…` files, killed readers leave their registry
 * entries. The next flush and `readers --clean-stale` remove temp files whose owner is gone (pid gone,
 * or reused by a later process) and log each with its size; a running owner's temp files are never
 * touched; stale registry entries never block a flush and are swept by it.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Storage } from '../../engine/core/read/storage.js';
import { readActions } from '../../engine/node/actionLog.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { listFlushTemps, sweepDebris, type FlushTemp } from '../../engine/node/flushDebris.js';
import { checkHolders } from '../../engine/node/presence/guard.js';
import { processStartMs } from '../../engine/node/presence/processInfo.js';
import { readRegistryDir, registryDirOf } from '../../engine/node/presence/registryFiles.js';
import { writeDemoPair } from '../../scripts/make-demo-pair.js';
import { childScript } from '../helpers/children.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { runMkinspect, startChild, startReader, waitFor, type Child } from '../presence/helpers.js';

let dir: string;
let dataDir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mk-debris-'));
  dataDir = mkdtempSync(join(tmpdir(), 'mk-debris-data-'));
  process.env.MKINSPECT_DATA_DIR = dataDir;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

function pair(name: string): { main: string; aside: string } {
  const main = join(dir, `${name}.mk`);
  const aside = join(dir, `${name}.mka`);
  copyFileSync(join(CORPUS_DIR, 'aside-4', 'main.mk'), main);
  copyFileSync(join(CORPUS_DIR, 'aside-4', 'aside.mka'), aside);
  return { main, aside };
}

function temps(main: string, aside: string): FlushTemp[] {
  return [...listFlushTemps(main), ...listFlushTemps(aside)];
}

function flushChild(main: string, aside: string, mode: 'run' | 'hold'): Promise<Child> {
  return startChild(process.execPath, [childScript('flushChild'), main, aside, mode]);
}

async function kill(child: Child): Promise<void> {
  child.proc.kill('SIGKILL');
  const { signal } = await child.exited;
  expect(signal).toBe('SIGKILL');
}

function rowsOf(main: string, aside?: string): Record<string, number> {
  const a = aside ? Storage.open(new FileByteStore(aside)) : undefined;
  const s = Storage.open(new FileByteStore(main), { aside: a });
  try {
    return Object.fromEntries(s.viewNames().map((n) => [n, s.view(n).rowCount]));
  } finally {
    s.close();
  }
}

/** What the action log says clean-ups removed, path → bytes. */
function removedInLog(main: string): Map<string, number | null> {
  return new Map(readActions(main).filter((a) => a.action === 'clean-stale').flatMap((a) => (a.removed ?? []).map((r) => [r.path, r.bytes] as const)));
}

describe('crash debris (issue 13)', () => {
  it('issue 13: flushes killed with SIGKILL in the write, verify and verify-compact phases leave temp files; the next flush removes each (owner gone) and logs it with its size', async () => {
    const { main, aside } = writeDemoPair(join(dir, 'killed'), 200_000, 2);
    const rows = rowsOf(main, aside);
    const left = new Map<string, number>();
    for (const phase of ['write', 'verify', 'verify-compact'] as const) {
      const child = await flushChild(main, aside, 'run');
      for (;;) {
        const line = await child.nextLine();
        if (line.done) throw new Error(`the flush finished before its ${phase} phase was reached`);
        if (line.phase === phase && (phase === 'write' || (line.cellsDone as number) > 0)) break;
      }
      await kill(child);
      // The killed flush's own temp files are there (its pid in their names), and nothing of the killed ones before:
      // this child's own flush swept those first.
      const now = temps(main, aside);
      expect(now.length).toBeGreaterThan(0);
      expect(now.every((t) => t.pid === child.pid)).toBe(true);
      expect(now.map((t) => t.tag)).toEqual(phase === 'verify-compact' ? ['compact'] : ['flush']);
      for (const t of now) left.set(t.path, statSync(t.path).size);
    }
    const flushed = await runMkinspect(['flush', main, '--aside', aside], { MKINSPECT_DATA_DIR: dataDir });
    expect(flushed.code).toBe(0);
    expect(flushed.stdout).toMatch(/^before the flush: removed 1 flush temp file\(s\) of processes that are gone: \.demo\.mk\.compact-\d+-[0-9a-z]+\.tmp \(\d+ bytes, pid-gone\) \(logged in the action log\)\n/);
    expect(temps(main, aside)).toEqual([]);
    // Every temp file a killed flush left was removed by the next flush, and logged with its size.
    expect(removedInLog(main)).toEqual(left);
    const log = readActions(main);
    expect(log.filter((a) => a.action === 'clean-stale').every((a) => a.outcome === 'done' && /^before a flush: removed 1 flush temp file/.test(a.detail ?? ''))).toBe(true);
    expect(log.at(-1)).toMatchObject({ action: 'flush', outcome: 'done' });
    expect(rowsOf(main)).toEqual(rows);
  }, 300_000);

  it('issue 13: readers --clean-stale removes the temp files of a killed flush and keeps those of a running one; a forced flush keeps them too', async () => {
    const { main, aside } = pair('clean');
    const running = await flushChild(main, aside, 'hold');
    const runningTemps = (await running.nextLine()).prepared as string[];
    try {
      // A second flush starts while the first waits with its temp files: its sweep keeps them (their owner runs).
      const killed = await flushChild(main, aside, 'hold');
      const killedTemps = (await killed.nextLine()).prepared as string[];
      expect(killedTemps).toHaveLength(2);
      expect(temps(main, aside)).toHaveLength(4);
      await kill(killed);
      const sizes = new Map(temps(main, aside).filter((t) => t.pid === killed.pid).map((t) => [t.path, t.bytes]));
      const r = await runMkinspect(['readers', main, '--aside', aside, '--clean-stale', '--json'], { MKINSPECT_DATA_DIR: dataDir });
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { cleaned: { temps: { removed: { name: string; reason: string; pid: number }[]; kept: { name: string; detail: string }[] } } };
      expect(out.cleaned.temps.removed.map((t) => [t.name, t.reason, t.pid]).sort()).toEqual(killedTemps.map((n) => [n, 'pid-gone', killed.pid]).sort());
      expect(out.cleaned.temps.kept.map((t) => t.name).sort()).toEqual([...runningTemps].sort());
      expect(out.cleaned.temps.kept.every((t) => t.detail === `pid ${running.pid} runs`)).toBe(true);
      expect(temps(main, aside).map((t) => t.name).sort()).toEqual([...runningTemps].sort());
      expect(removedInLog(main)).toEqual(sizes);
      expect(readActions(main).at(-1)?.detail).toMatch(/removed 2 flush temp file\(s\): /);

      // The running flush holds the files: only a forced flush proceeds, and it leaves that flush's files alone.
      const forced = await runMkinspect(['flush', main, '--aside', aside, '--force', '--confirm-force'], { MKINSPECT_DATA_DIR: dataDir });
      expect(forced.code).toBe(0);
      expect(temps(main, aside).map((t) => t.name).sort()).toEqual([...runningTemps].sort());
    } finally {
      running.send('cancel');
      await running.exited;
    }
    expect(temps(main, aside)).toEqual([]);
  }, 120_000);

  it('issue 13: a temp file whose pid now belongs to a process started after the file was named is removed (pid reused); one named after its start is kept', async () => {
    const { main, aside } = pair('reuse');
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const pid = sleeper.pid as number;
      await waitFor(() => processStartMs(pid) !== null, 5000, 'the sleeper');
      const started = processStartMs(pid) as number;
      const before = join(dir, `.${basename(main)}.flush-${pid}-${(started - 60_000).toString(36)}.tmp`);
      const after = join(dir, `.${basename(aside)}.compact-${pid}-${(started + 100).toString(36)}.tmp`);
      writeFileSync(before, 'left by the process that had this pid before');
      writeFileSync(after, 'written by the running process');
      const swept = sweepDebris([main, aside]);
      expect(swept.removed.map((v) => [v.temp.path, v.reason])).toEqual([[before, 'pid-reused']]);
      expect(swept.removed[0]?.detail).toMatch(new RegExp(`^pid ${pid} now belongs to a process started at .*, after the file was named`));
      expect(swept.kept.map((v) => v.temp.path)).toEqual([after]);
      expect(existsSync(before)).toBe(false);
      expect(existsSync(after)).toBe(true);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('issue 13: registry entries of readers killed with SIGKILL never block a flush, and the flush sweeps them (logged)', async () => {
    const { main, aside } = pair('entries');
    const readers = await Promise.all([startReader(main, aside), startReader(main, aside), startReader(main, aside)]);
    for (const r of readers) await kill(r);
    expect(readRegistryDir(registryDirOf(main)).map((e) => e.entry?.pid).sort()).toEqual(readers.map((r) => r.pid).sort());
    // The guard does not count them: the flush may proceed.
    const check = await checkHolders({ main, aside });
    expect(check.busy).toBe(false);
    expect(check.stale.map((s) => s.reason)).toEqual(Array(6).fill('pid-gone'));
    const flushed = await runMkinspect(['flush', main, '--aside', aside], { MKINSPECT_DATA_DIR: dataDir });
    expect(flushed.code).toBe(0);
    expect(flushed.stdout).toMatch(/^before the flush: removed 6 stale registry entries: /);
    expect(existsSync(registryDirOf(main))).toBe(false);
    expect(existsSync(registryDirOf(aside))).toBe(false);
    const log = readActions(main);
    expect(log.map((a) => [a.action, a.outcome])).toEqual([['clean-stale', 'done'], ['flush', 'done']]);
    expect(log[0]?.removed?.map((r) => r.reason)).toEqual(Array(6).fill('pid-gone'));
    expect(log[0]?.detail).toMatch(/^before a flush: removed 6 stale registry entries: /);
  }, 60_000);
});
