/**
 * Issue 5 acceptance, with real processes: one of our readers (registered), foreign processes that
 * never register (plain Node fds read-only and read-write, a mapping without an fd, a shared writable
 * mmap) — `mkinspect readers` lists them all with the right pid and mode, `checkHolders` is busy naming
 * them and changes no byte of the files; once they exit, the files are free.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Holder } from '../../engine/core/analysis/presence.js';
import { checkHolders, busyMessage } from '../../engine/node/presence/guard.js';
import type { HoldersReport } from '../../engine/node/presence/holders.js';
import {
  runMkinspect, scratchAside, snapshot, startFdHolder, startPython, startReader, type Child, type FileSnapshot, type Scratch,
} from './helpers.js';

let s: Scratch;
let dataDir: string;
let before: { main: FileSnapshot; aside: FileSnapshot };
const kids: Record<string, Child> = {};

beforeAll(async () => {
  s = scratchAside('aside-4');
  dataDir = mkdtempSync(join(tmpdir(), 'mk-data-'));
  process.env.MKINSPECT_DATA_DIR = dataDir;
  before = { main: snapshot(s.main), aside: snapshot(s.aside) };
  const [reader, fdRead, fdWrite, mapOnly, mmapRw] = await Promise.all([
    startReader(s.main, s.aside),
    startFdHolder('r', s.main, s.aside),
    startFdHolder('r+', s.aside),
    startPython('map_only.py', s.main),
    startPython('mmap_rw.py', s.aside),
  ]);
  Object.assign(kids, { reader, fdRead, fdWrite, mapOnly, mmapRw });
});

afterAll(async () => {
  for (const k of Object.values(kids)) k.proc.kill('SIGKILL');
  s.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

function holder(list: readonly Holder[], child: Child): Holder {
  const h = list.find((x) => x.pid === child.pid && x.local);
  if (!h) throw new Error(`pid ${child.pid} is not listed (listed: ${list.map((x) => x.pid).join(', ')})`);
  return h;
}

describe('presence with real processes (issue 5 acceptance)', () => {
  it('the reader child registered itself next to both files', () => {
    const info = kids.reader?.info as { presence: { registered: boolean; entries: { entryPath: string }[] }; generation: string };
    expect(info.generation).toBe('37+1428');
    expect(info.presence.registered).toBe(true);
    expect(info.presence.entries).toHaveLength(2);
    for (const e of info.presence.entries) expect(existsSync(e.entryPath)).toBe(true);
  });

  it('`mkinspect readers --json` (its own process) lists every holder with pid and mode', async () => {
    const r = await runMkinspect(['readers', s.main, '--aside', s.aside, '--json'], { MKINSPECT_DATA_DIR: dataDir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as HoldersReport;
    expect(report.discovery.method).toBe('proc');
    const { reader, fdRead, fdWrite, mapOnly, mmapRw } = kids as Record<string, Child>;

    const ours = holder(report.holders, reader as Child);
    expect(ours).toMatchObject({ source: 'both', role: 'reader', mode: 'read', access: 'read', generation: '37+1428', lag: 0 });
    expect(ours.files.map((f) => [f.file, f.access, f.via.sort().join('+')])).toEqual([['main', 'read', 'fd+registry'], ['aside', 'read', 'fd+registry']]);

    const ro = holder(report.holders, fdRead as Child);
    expect(ro).toMatchObject({ source: 'discovered', role: null, access: 'read', generation: null, lag: null });
    expect(ro.files.map((f) => [f.file, f.access, f.via.join('+'), f.fds])).toEqual([
      ['main', 'read', 'fd', [(fdRead?.info.fds as number[])[0]]],
      ['aside', 'read', 'fd', [(fdRead?.info.fds as number[])[1]]],
    ]);
    expect(ro.command).toContain('holdFd.mjs');
    expect(ro.sinceSource).toBe('process-start');

    const rw = holder(report.holders, fdWrite as Child);
    expect(rw.access).toBe('readwrite');
    expect(rw.files.map((f) => [f.file, f.access, f.via.join('+')])).toEqual([['aside', 'readwrite', 'fd']]);

    const mapped = holder(report.holders, mapOnly as Child);
    expect(mapped.files.map((f) => [f.file, f.access, f.via.join('+'), f.fds])).toEqual([['main', 'read', 'mmap', []]]);

    const shared = holder(report.holders, mmapRw as Child);
    expect(shared.files.map((f) => [f.file, f.access, f.via.sort().join('+')])).toEqual([['aside', 'readwrite', 'fd+mmap']]);

    // The CLI process itself (it read the chains) never lists itself.
    expect(report.holders.every((h) => !h.self)).toBe(true);
    expect(report.holders).toHaveLength(5);
  });

  it('the text output names every pid', async () => {
    const r = await runMkinspect(['readers', s.main, '--aside', s.aside], { MKINSPECT_DATA_DIR: dataDir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('5 holders (OS scan: proc');
    for (const k of Object.values(kids)) expect(r.stdout).toMatch(new RegExp(`^\\s+${k.pid}\\s`, 'm'));
  });

  it('checkHolders is busy, names all five, and the files are untouched', async () => {
    const check = await checkHolders({ main: s.main, aside: s.aside });
    expect(check.busy).toBe(true);
    expect(check.blocking.map((h) => h.pid).sort((a, b) => a - b)).toEqual(Object.values(kids).map((k) => k.pid).sort((a, b) => a - b));
    const msg = busyMessage(check);
    for (const k of Object.values(kids)) expect(msg).toContain(`pid ${k.pid}`);
    console.log(`presence: ${check.blocking.length} holders found in ${check.elapsedMs.toFixed(1)} ms over ${check.discovery.processesScanned} processes`);
    for (const [name, snap] of [['main', before.main], ['aside', before.aside]] as const) {
      const now = snapshot(name === 'main' ? s.main : s.aside);
      expect(now.bytes.equals(snap.bytes)).toBe(true);
      expect(now.mtimeNs).toBe(snap.mtimeNs);
    }
  });

  it('after the holders exit the files are free and the registry is gone', async () => {
    const reader = kids.reader as Child;
    reader.send('close');
    expect(await reader.nextLine()).toEqual({ closed: true });
    const entries = (reader.info.presence as { entries: { entryPath: string }[] }).entries;
    for (const e of entries) expect(existsSync(e.entryPath)).toBe(false);
    const exits = await Promise.all(Object.values(kids).map((k) => k.stop()));
    expect(exits.every((e) => e.code === 0)).toBe(true);
    const check = await checkHolders({ main: s.main, aside: s.aside });
    expect(check.busy).toBe(false);
    expect(check.holders).toEqual([]);
    expect(existsSync(`${s.main}.readers`)).toBe(false);
    expect(existsSync(`${s.aside}.readers`)).toBe(false);
    expect(snapshot(s.main).bytes.equals(before.main.bytes)).toBe(true);
    expect(snapshot(s.aside).bytes.equals(before.aside.bytes)).toBe(true);
  });
});
