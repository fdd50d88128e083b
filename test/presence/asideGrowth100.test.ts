/**
 * Issue 5 acceptance: `stats` numbers for aside growth equal the sizes measured from the files, over
 * 100 aside commits made by our writer exactly as the seed does them (main opened read-only, the aside
 * in extend mode, one row per commit). The compacted-size estimate is checked against a real compact
 * file holding the same rows, written by the writer in read-write mode.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AsideReport } from '../../engine/node/asideReport.js';
import { recordGrowthSample } from '../../engine/node/growthHistory.js';
import { openWritableFile } from '../../engine/node/openWritable.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { runMkinspect } from './helpers.js';

const COMMITS = 100;
const HOUR = 3_600_000;
let dir: string;
let main: string;
let aside: string;
const sizes: number[] = [];
const t0 = Date.UTC(2030, 0, 1);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mk-growth100-'));
  main = join(dir, 'main.mk');
  aside = join(dir, 'aside.mka');
  // The seed's initial state as Metakit made it: a main file with a[i:S] and an empty aside.
  copyFileSync(join(CORPUS_DIR, 'aside-0-init', 'main.mk'), main);
  copyFileSync(join(CORPUS_DIR, 'aside-0-init', 'aside.mka'), aside);
  process.env.MKINSPECT_DATA_DIR = join(dir, 'data');
  sizes.push(statSync(aside).size);
  recordGrowthSample(main, aside, { time: t0, mainSize: statSync(main).size, asideSize: sizes[0] as number, asideCommits: 0 });
  for (let i = 1; i <= COMMITS; i++) {
    const db = openWritableFile(main, { mode: 'read' });
    const dba = openWritableFile(aside, { mode: 'extend' });
    db.setAside(dba);
    db.view('a').append({ i: `commit ${i} ${'x'.repeat(i % 17)}` });
    db.commit();
    dba.commit();
    db.close();
    dba.close();
    const size = statSync(aside).size;
    sizes.push(size);
    recordGrowthSample(main, aside, { time: t0 + i * HOUR, mainSize: statSync(main).size, asideSize: size, asideCommits: i }, { minIntervalMs: 0 });
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`aside growth over ${COMMITS} commits`, () => {
  it('stats --aside reports what the file sizes say', async () => {
    const r = await runMkinspect(['stats', main, '--aside', aside, '--json'], { MKINSPECT_DATA_DIR: join(dir, 'data') });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { views: { rows: number }[]; asideGrowth: AsideReport };
    const g = out.asideGrowth;
    expect(out.views[0]?.rows).toBe(COMMITS);
    expect(g.asideSize).toBe(sizes[COMMITS]);
    expect(g.mainSize).toBe(statSync(main).size);
    expect(g.aside.commitsAfterBase).toBe(COMMITS);
    expect(g.aside.baseEnd).toBe(sizes[0]);
    expect(g.aside.perCommit.map((c) => c.end)).toEqual(sizes.slice(1));
    expect(g.aside.perCommit.map((c) => c.bytes)).toEqual(sizes.slice(1).map((s, i) => s - (sizes[i] as number)));
    expect(g.aside.bytesAdded).toBe((sizes[COMMITS] as number) - (sizes[0] as number));
    expect(g.main.commitsAfterBase).toBe(0);
    expect(g.reclaim.currentBytes).toBe(statSync(main).size + (sizes[COMMITS] as number));
    // The growth history: one sample per hour, so the rate is the growth over 100 hours.
    expect(g.history.samples).toBe(COMMITS + 1);
    expect(g.growthRate?.from).toBe('samples');
    expect(g.growthRate?.bytesPerDay).toBeCloseTo((((sizes[COMMITS] as number) - (sizes[0] as number)) * 24) / COMMITS, 6);
    expect(g.growthRate?.commitsPerDay).toBeCloseTo(24, 9);
    console.log(`aside growth: ${COMMITS} commits, aside ${sizes[0]} -> ${sizes[COMMITS]} bytes, mean ${g.aside.meanBytesPerCommit?.toFixed(1)} bytes/commit, a flush would reclaim ${g.reclaim.reclaimBytes} bytes`);

    // A compact file with the same content, written by the writer in read-write mode.
    const compact = join(dir, 'compact.mk');
    const c = openWritableFile(compact, { mode: 'readwrite' });
    const a = c.getAs('a[i:S]');
    for (let i = 1; i <= COMMITS; i++) a?.append({ i: `commit ${i} ${'x'.repeat(i % 17)}` });
    c.commit();
    c.close();
    expect(g.compact.total).toBe(statSync(compact).size);
  });
});
