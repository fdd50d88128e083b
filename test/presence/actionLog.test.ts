/** The maintenance action log and the user data directory (growth history lives there too). */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Holder } from '../../engine/core/analysis/presence.js';
import { actionLogPath, appendAction, fallbackActionLogPath, lastFlush, readActions } from '../../engine/node/actionLog.js';
import { userDataDir } from '../../engine/node/dataDir.js';
import { downsample, GrowthSampler, readGrowthHistory, recordGrowthSample } from '../../engine/node/growthHistory.js';
import { ROOT, CHILDREN, scratchAside, startChild, type Scratch } from './helpers.js';

let dataDir: string;
let s: Scratch;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mk-data-'));
  process.env.MKINSPECT_DATA_DIR = dataDir;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
afterEach(() => s?.cleanup());

const holder: Holder = {
  pid: 4242, host: 'vm', local: true, self: false, command: 'tclsh app.tcl', user: 'alice', role: null, mode: null, access: 'read',
  since: null, sinceSource: null, generation: null, lag: null, source: 'discovered',
  files: [{ file: 'main', path: '/x', access: 'read', mode: null, via: ['fd'], fds: [3], end: null, lag: null, replaced: false }], entryIds: [],
};

describe('action log', () => {
  it('appends one JSON line per action next to the main file and reads them back', () => {
    s = scratchAside();
    const a = appendAction({
      action: 'flush', outcome: 'busy', files: { main: s.main, aside: s.aside }, sizesBefore: { main: 37, aside: 1428 }, holders: [holder],
    });
    expect(a.path).toBe(`${s.main}.actions.jsonl`);
    expect(a.fallback).toBe(false);
    appendAction({ action: 'flush', outcome: 'done', files: { main: s.main, aside: s.aside }, sizesBefore: { main: 37, aside: 1428 }, sizesAfter: { main: 160, aside: 87 } });
    const lines = readFileSync(actionLogPath(s.main), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0] as string) as Record<string, unknown>;
    expect(first).toMatchObject({
      v: 1, action: 'flush', outcome: 'busy', host: hostname(), pid: process.pid, files: { main: s.main, aside: s.aside },
      sizesBefore: { main: 37, aside: 1428 },
      holders: [{ pid: 4242, command: 'tclsh app.tcl', user: 'alice', access: 'read', source: 'discovered', text: 'pid 4242 (tclsh app.tcl): read handle, main' }],
    });
    expect(typeof first.user).toBe('string');
    const read = readActions(s.main);
    expect(read.map((r) => r.outcome)).toEqual(['busy', 'done']);
    expect(lastFlush(s.main)?.sizesAfter).toEqual({ main: 160, aside: 87 });
  });

  it('skips a line torn by a crash', () => {
    s = scratchAside();
    appendAction({ action: 'recover', outcome: 'done', files: { main: s.main } });
    appendFileSync(actionLogPath(s.main), '{"v":1,"time":"2030-01-01T00:00:00.000Z","action":"fl');
    expect(readActions(s.main).map((r) => r.action)).toEqual(['recover']);
  });

  it('falls back to the user data directory when the log next to the file cannot be written', () => {
    s = scratchAside();
    mkdirSync(actionLogPath(s.main));
    const r = appendAction({ action: 'recover', outcome: 'done', files: { main: s.main }, detail: 'wrote recovered.mk' });
    expect(r.fallback).toBe(true);
    expect(r.path).toBe(join(dataDir, 'actions.jsonl'));
    expect(fallbackActionLogPath()).toBe(r.path);
    expect(readActions(s.main).map((x) => x.detail)).toEqual(['wrote recovered.mk']);
  });

  it('keeps every line intact when four processes append at once', async () => {
    s = scratchAside();
    const kids = await Promise.all([1, 2, 3, 4].map(() => startChild(process.execPath, [join(ROOT, 'bin', 'run-ts.js'), join(CHILDREN, 'appendActions.ts'), s.main, '50'])));
    await Promise.all(kids.map((k) => k.exited));
    const read = readActions(s.main);
    expect(read).toHaveLength(200);
    for (const k of kids) {
      const mine = read.filter((r) => r.pid === k.pid).map((r) => Number(r.detail?.split(':')[1]));
      expect(mine.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    }
  });
});

describe('user data directory', () => {
  it('follows each platform\'s convention and MKINSPECT_DATA_DIR', () => {
    expect(userDataDir({}, 'linux', '/home/al')).toBe('/home/al/.local/share/metakit-inspector');
    expect(userDataDir({ XDG_DATA_HOME: '/data/xdg' }, 'linux', '/home/al')).toBe('/data/xdg/metakit-inspector');
    expect(userDataDir({ XDG_DATA_HOME: 'relative/ignored' }, 'linux', '/home/al')).toBe('/home/al/.local/share/metakit-inspector');
    expect(userDataDir({}, 'darwin', '/Users/al')).toBe('/Users/al/Library/Application Support/metakit-inspector');
    expect(userDataDir({ APPDATA: 'C:\\Users\\al\\AppData\\Roaming' }, 'win32', 'C:\\Users\\al')).toBe('C:\\Users\\al\\AppData\\Roaming\\metakit-inspector');
    expect(userDataDir({ MKINSPECT_DATA_DIR: '/tmp/x' }, 'win32', 'C:\\Users\\al')).toBe('/tmp/x');
  });
});

describe('growth history', () => {
  it('records samples per document, skipping ones too close together unless the aside shrank', () => {
    s = scratchAside();
    const t0 = 1_700_000_000_000;
    const base = { mainSize: 37, asideSize: 1000, asideCommits: 3 };
    expect(recordGrowthSample(s.main, s.aside, { time: t0, ...base }).recorded).toBe(true);
    expect(recordGrowthSample(s.main, s.aside, { time: t0 + 1000, ...base, asideSize: 1100 }).recorded).toBe(false);
    expect(recordGrowthSample(s.main, s.aside, { time: t0 + 2000, ...base, asideSize: 87, asideCommits: 0 }).recorded).toBe(true);
    const r = recordGrowthSample(s.main, s.aside, { time: t0 + 120_000, ...base, asideSize: 300 });
    expect(r.recorded).toBe(true);
    expect(r.path.startsWith(join(dataDir, 'growth'))).toBe(true);
    expect(readGrowthHistory(s.main, s.aside).samples.map((x) => x.asideSize)).toEqual([1000, 87, 300]);
    expect(readGrowthHistory(s.main, `${s.aside}.other`).samples).toEqual([]);
  });

  it('stays bounded: old points are thinned, recent ones and the first kept', () => {
    const samples = Array.from({ length: 2000 }, (_, i) => ({ time: i, mainSize: 1, asideSize: i, asideCommits: i }));
    const d = downsample(samples, 100);
    expect(d.length).toBeLessThanOrEqual(100);
    expect(d[0]?.time).toBe(0);
    expect(d.slice(-50).map((x) => x.time)).toEqual(samples.slice(-50).map((x) => x.time));
    expect(d.every((x, i) => i === 0 || x.time > (d[i - 1]?.time ?? -1))).toBe(true);
    expect(() => downsample(samples, 2)).toThrow(RangeError);

    s = scratchAside();
    for (let i = 0; i < 300; i++) recordGrowthSample(s.main, s.aside, { time: i * 60_000, mainSize: 37, asideSize: 100 + i, asideCommits: i }, { maxSamples: 64 });
    const h = readGrowthHistory(s.main, s.aside);
    expect(h.samples.length).toBeLessThanOrEqual(64);
    expect(h.samples[h.samples.length - 1]?.asideCommits).toBe(299);
  });

  it('the sampler measures the files (aside commits from its chain)', () => {
    s = scratchAside('aside-3');
    const sampler = new GrowthSampler(s.main, s.aside, { intervalMs: 3_600_000 });
    sampler.start();
    sampler.stop();
    expect(readGrowthHistory(s.main, s.aside).samples.map((x) => [x.mainSize, x.asideSize, x.asideCommits])).toEqual([[37, 965, 3]]);
    expect(existsSync(join(dataDir, 'growth'))).toBe(true);
  });
});
