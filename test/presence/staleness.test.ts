/**
 * Entries disappear with their process (close, exit, signals) and entries of dead processes are
 * detected and cleaned: pid gone, pid reused (alive, other start time), machine rebooted, heartbeat
 * expired on another host. Every child here is a real OS process.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readActions } from '../../engine/node/actionLog.js';
import { listHolders } from '../../engine/node/presence/holders.js';
import { bootId, processStartId, userName } from '../../engine/node/presence/processInfo.js';
import { entryFileName, fileIdentity, newEntryId, readRegistryDir, registryDirOf, writeAtomic, type RegistryEntry } from '../../engine/node/presence/registryFiles.js';
import { judgeRegistry } from '../../engine/node/presence/staleness.js';
import { runInProcess, runMkinspect, scratchAside, startReader, waitFor, type Scratch } from './helpers.js';

let s: Scratch;
let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mk-data-'));
  process.env.MKINSPECT_DATA_DIR = dataDir;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
afterEach(() => s?.cleanup());

function entries(file: string): RegistryEntry[] {
  return readRegistryDir(registryDirOf(file)).flatMap((f) => (f.entry ? [f.entry] : []));
}

/** Writes a registry entry as another process would have (fields overridable). */
function plant(file: string, patch: Partial<RegistryEntry>): string {
  const id = fileIdentity(file);
  if (!id) throw new Error(`${file} missing`);
  const now = new Date().toISOString();
  const e: RegistryEntry = {
    v: 1, id: newEntryId(), pid: process.pid, startId: processStartId(process.pid), bootId: bootId(), host: hostname(), user: userName(),
    role: 'reader', mode: 'read', file, dev: id.dev, ino: id.ino, generation: '37+1428', end: 37, openedAt: now, heartbeatAt: now,
    heartbeatMs: 15_000, command: 'planted by a test', ...patch,
  };
  const dir = registryDirOf(file);
  mkdirSync(dir, { recursive: true });
  const name = entryFileName(e.pid, e.startId, e.id);
  writeAtomic(dir, name, JSON.stringify(e), false);
  return join(dir, name);
}

function sleeper(): { pid: number; kill(): void } {
  const p = spawn('sleep', ['60'], { stdio: 'ignore' });
  return { pid: p.pid as number, kill: () => p.kill('SIGKILL') };
}

describe('entries go away with their process', () => {
  it('on process.exit() without close (exit hook)', async () => {
    s = scratchAside();
    const r = await startReader(s.main, s.aside);
    expect(entries(s.main).map((e) => e.pid)).toEqual([r.pid]);
    r.send('exit');
    expect(await r.exited).toEqual({ code: 0, signal: null });
    expect(entries(s.main)).toEqual([]);
    expect(entries(s.aside)).toEqual([]);
  });

  it('on SIGTERM, and the process still dies of SIGTERM', async () => {
    s = scratchAside();
    const r = await startReader(s.main, s.aside);
    r.proc.kill('SIGTERM');
    expect(await r.exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(existsSync(`${s.main}.readers`)).toBe(false);
    expect(existsSync(`${s.aside}.readers`)).toBe(false);
  });

  it('leaves SIGINT to an application that handles it, and cleans up when it exits', async () => {
    s = scratchAside();
    const r = await startReader(s.main, s.aside, 'own-sigint');
    r.proc.kill('SIGINT');
    expect(await r.nextLine()).toEqual({ sigint: true });
    expect(await r.exited).toEqual({ code: 0, signal: null });
    expect(entries(s.main)).toEqual([]);
  });

  it('keeps the entry fresh with heartbeats', async () => {
    s = scratchAside();
    const r = await startReader(s.main, undefined, undefined, { MKINSPECT_HEARTBEAT_MS: '100' });
    const first = entries(s.main)[0] as RegistryEntry;
    expect(first.heartbeatMs).toBe(100);
    await waitFor(() => (entries(s.main)[0]?.heartbeatAt ?? '') > first.heartbeatAt, 5000, 'a heartbeat');
    expect(entries(s.main)[0]?.openedAt).toBe(first.openedAt);
    await r.stop();
  });
});

describe('stale entries', () => {
  it('SIGKILL leaves the entry: reported stale (pid gone), cleaned by readers --clean-stale, and logged', async () => {
    s = scratchAside();
    const r = await startReader(s.main, s.aside);
    r.proc.kill('SIGKILL');
    await r.exited;
    expect(entries(s.main).map((e) => e.pid)).toEqual([r.pid]);
    const verdicts = judgeRegistry(s.main);
    expect(verdicts.map((v) => [v.state, v.reason])).toEqual([['stale', 'pid-gone']]);

    const listed = await runInProcess(['readers', s.main, '--aside', s.aside]);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain('no other process holds these files');
    expect(listed.out).toMatch(/stale registry entries \(2\), remove them with --clean-stale:/);
    expect(listed.out).toContain(`pid ${r.pid} (`);

    const cleaned = await runMkinspect(['readers', s.main, '--aside', s.aside, '--clean-stale', '--json'], { MKINSPECT_DATA_DIR: dataDir });
    expect(cleaned.code).toBe(0);
    const out = JSON.parse(cleaned.stdout) as { cleaned: { removed: { reason: string }[] } };
    expect(out.cleaned.removed.map((x) => x.reason)).toEqual(['pid-gone', 'pid-gone']);
    expect(entries(s.main)).toEqual([]);
    expect(entries(s.aside)).toEqual([]);
    const log = readActions(s.main);
    expect(log.map((a) => [a.action, a.outcome])).toEqual([['clean-stale', 'done']]);
    expect(log[0]?.detail).toMatch(/^removed 2: .*\(pid-gone\)/);
    expect(log[0]?.files).toEqual({ main: s.main, aside: s.aside });
  });

  it('PID reuse: an entry whose pid is alive but started at another time is stale, and only it is cleaned', async () => {
    s = scratchAside();
    const other = sleeper();
    try {
      await waitFor(() => processStartId(other.pid) !== null, 5000, 'the sleeper');
      const reused = plant(s.main, { pid: other.pid, startId: '1', command: 'the process that once had this pid' });
      const genuine = plant(s.main, { pid: other.pid, startId: processStartId(other.pid), command: 'sleep 60' });
      const byPath = new Map(judgeRegistry(s.main).map((v) => [v.file.path, v]));
      expect(byPath.get(reused)).toMatchObject({ state: 'stale', reason: 'pid-reused' });
      expect(byPath.get(reused)?.detail).toMatch(new RegExp(`pid ${other.pid} now belongs to another process \\(started at \\d+, the registered one at 1\\)`));
      expect(byPath.get(genuine)).toMatchObject({ state: 'live', reason: null });

      const report = await listHolders({ main: s.main });
      expect(report.stale.map((x) => [x.reason, x.pid])).toEqual([['pid-reused', other.pid]]);
      expect(report.holders.map((h) => [h.pid, h.source, h.command])).toEqual([[other.pid, 'registered', 'sleep 60']]);

      const r = await runMkinspect(['readers', s.main, '--clean-stale'], { MKINSPECT_DATA_DIR: dataDir });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('removed 1 stale registry entry:');
      expect(existsSync(reused)).toBe(false);
      expect(existsSync(genuine)).toBe(true);
    } finally {
      other.kill();
    }
  });

  it('entries from before a reboot are stale', () => {
    s = scratchAside();
    plant(s.main, { bootId: 'another-boot' });
    expect(judgeRegistry(s.main).map((v) => [v.state, v.reason])).toEqual([['stale', 'rebooted']]);
  });

  it('entries of another host live while their heartbeat is fresh', async () => {
    s = scratchAside();
    const fresh = plant(s.main, { host: 'far-away', pid: 77, startId: '5', bootId: 'x' });
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    const expired = plant(s.main, { host: 'far-away', pid: 78, startId: '6', bootId: 'x', heartbeatAt: old });
    const report = await listHolders({ main: s.main });
    expect(report.holders.map((h) => [h.pid, h.host, h.local, h.source])).toEqual([[77, 'far-away', false, 'registered']]);
    expect(report.stale.map((x) => [x.pid, x.reason])).toEqual([[78, 'heartbeat-expired']]);
    expect(report.stale[0]?.path).toBe(expired);
    expect(existsSync(fresh)).toBe(true);
    const text = await runInProcess(['readers', s.main]);
    expect(text.out).toMatch(/^\s+77@far-away\s/m);
  });

  it('a file that is not an entry is ignored while young and stale when old; temp files likewise', () => {
    s = scratchAside();
    const dir = registryDirOf(s.main);
    mkdirSync(dir);
    writeFileSync(join(dir, 'junk.json'), '{"half":');
    writeFileSync(join(dir, '.1-2-abc.json.ffff.tmp'), '{"v":1');
    expect(judgeRegistry(s.main).map((v) => v.state)).toEqual(['young', 'young']);
    const past = new Date(Date.now() - 3_600_000);
    for (const n of readdirSync(dir)) utimesSync(join(dir, n), past, past);
    expect(judgeRegistry(s.main).map((v) => [v.file.name, v.state, v.reason])).toEqual([
      ['.1-2-abc.json.ffff.tmp', 'stale', 'abandoned-temp'],
      ['junk.json', 'stale', 'invalid-entry'],
    ]);
    expect(readFileSync(join(dir, 'junk.json'), 'utf8')).toBe('{"half":');
  });
});
