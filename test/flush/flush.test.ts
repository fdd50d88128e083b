/**
 * The real flush (issue 4) and its guard (issue 5): after `mkinspect flush` the main file alone holds
 * exactly what main + aside held and the aside holds no data; it refuses (exit 3, nothing changed)
 * while other processes hold the files, naming them, and succeeds once they are gone.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetakitError } from '../../engine/core/base/errors.js';
import { Storage } from '../../engine/core/read/storage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { flushFiles, prepareFlush, type FlushPhase } from '../../engine/node/flush.js';
import { openWritableFile } from '../../engine/node/openWritable.js';
import { WritableStorage } from '../../engine/core/write/writableStorage.js';
import { writeDemoPair } from '../../scripts/make-demo-pair.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { readModel } from '../helpers/model.js';
import { runMkinspect, snapshot, startFdHolder, startPython, startReader } from '../presence/helpers.js';

let dir: string;
let dataDir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mk-flush-'));
  dataDir = mkdtempSync(join(tmpdir(), 'mk-data-'));
  process.env.MKINSPECT_DATA_DIR = dataDir;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

function pair(name: string, from = 'aside-4'): { main: string; aside: string } {
  const main = join(dir, `${name}.mk`);
  const aside = join(dir, `${name}.mka`);
  copyFileSync(join(CORPUS_DIR, from, 'main.mk'), main);
  copyFileSync(join(CORPUS_DIR, from, 'aside.mka'), aside);
  return { main, aside };
}

function contentOf(main: string, aside?: string): unknown {
  const a = aside ? Storage.open(new FileByteStore(aside)) : undefined;
  const s = Storage.open(new FileByteStore(main), { aside: a });
  try {
    return JSON.parse(JSON.stringify(readModel(s), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v)));
  } finally {
    s.close();
  }
}

function asideRows(aside: string): number {
  const s = Storage.open(new FileByteStore(aside));
  try {
    return s.hasView('_C') ? s.view('_C').rowCount : 0;
  } finally {
    s.close();
  }
}

describe('flush', () => {
  it('makes the main file alone hold main + aside, and empties the aside (corpus aside-4)', () => {
    const { main, aside } = pair('a4');
    const before = contentOf(main, aside);
    const phases: FlushPhase[] = [];
    const r = flushFiles(main, aside, { onProgress: (p) => phases.push(p.phase) });
    expect(contentOf(main)).toEqual(before);
    expect(contentOf(main, aside)).toEqual(before);
    expect(asideRows(aside)).toBe(0);
    expect(r.rows).toEqual({ a: 8 });
    expect(new Set(phases)).toEqual(new Set(['prepare', 'write', 'verify', 'aside', 'swap', 'verify-compact', 'done']));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('flushes 60 aside commits of a generated main, including a subview, compactly', () => {
    const main = join(dir, 'gen.mk');
    const aside = join(dir, 'gen.mka');
    const m = openWritableFile(main, { mode: 'readwrite' });
    const v = m.getAs('log[n:I,msg:S,tags[t:S]]');
    for (let i = 0; i < 500; i++) v?.append({ n: i, msg: `base ${i}` });
    m.commit();
    m.close();
    for (let round = 0; round < 60; round++) {
      const db = openWritableFile(main, { mode: 'read' });
      const dba = openWritableFile(aside, { mode: 'extend' });
      db.setAside(dba);
      const log = db.view('log');
      log.append({ n: 500 + round, msg: `aside ${round}`, tags: [{ t: `r${round}` }] });
      if (round % 7 === 0) log.set(round, { msg: `changed in round ${round}` });
      db.commit();
      dba.commit();
      db.close();
      dba.close();
    }
    const before = contentOf(main, aside);
    const r = flushFiles(main, aside);
    expect(contentOf(main)).toEqual(before);
    expect(asideRows(aside)).toBe(0);
    expect(r.rows.log).toBe(560);
    expect(r.asideAfter).toBeLessThan(r.asideBefore);
  });

  it('commit({full}) with an aside attached is the same real flush', () => {
    const { main, aside } = pair('full');
    const before = contentOf(main, aside);
    const db = openWritableFile(main, { mode: 'readwrite' });
    const dba = openWritableFile(aside, { mode: 'readwrite' });
    db.setAside(dba);
    db.view('a').append({ i: 'not yet committed' });
    expect(db.commit({ full: true })).toBe(true);
    db.close();
    dba.close();
    const after = contentOf(main) as Record<string, { i: string }[]>;
    expect(after.a?.slice(0, 8)).toEqual((before as Record<string, unknown[]>).a);
    expect(after.a?.[8]).toEqual({ i: 'not yet committed' });
    expect(asideRows(aside)).toBe(0);
  });

  it('honours an AbortSignal before the swap: nothing changes', () => {
    const { main, aside } = pair('abort');
    const m0 = snapshot(main);
    const a0 = snapshot(aside);
    const controller = new AbortController();
    const mainS = WritableStorage.open(new FileByteStore(main), { mode: 'read' });
    const asideS = WritableStorage.open(new FileByteStore(aside), { mode: 'read' });
    mainS.setAside(asideS);
    let caught: unknown;
    try {
      prepareFlush(mainS, { signal: controller.signal, onProgress: (p) => (p.phase === 'verify' ? controller.abort() : undefined) });
    } catch (e) {
      caught = e;
    }
    mainS.close();
    asideS.close();
    expect(caught).toBeInstanceOf(MetakitError);
    expect((caught as MetakitError).code).toBe('ABORTED');
    expect(snapshot(main)).toEqual(m0);
    expect(snapshot(aside)).toEqual(a0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reports the verify cell by cell and stops it when aborted midway (200,000 rows: nothing changes)', () => {
    const ROWS = 200_000;
    const { main, aside } = writeDemoPair(join(dir, 'verify-progress'), ROWS, 2);
    const m0 = snapshot(main);
    const a0 = snapshot(aside);
    const open = (): { mainS: WritableStorage; asideS: WritableStorage } => {
      const asideS = WritableStorage.open(new FileByteStore(aside), { mode: 'read' });
      const mainS = WritableStorage.open(new FileByteStore(main), { mode: 'read' });
      mainS.setAside(asideS);
      return { mainS, asideS };
    };
    // A full verify: the cells of the log (rows x 4 properties) counted up in steps to the end.
    const cells = (ROWS + 1 + 2 * 5) * 4;
    const seen: number[] = [];
    const first = open();
    const prepared = prepareFlush(first.mainS, { onProgress: (p) => { if (p.phase === 'verify' && p.cellsDone) seen.push(p.cellsDone); } });
    prepared.cancel();
    first.mainS.close();
    first.asideS.close();
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.at(-1)).toBe(cells);
    expect(seen.every((n, i) => i === 0 || n > (seen[i - 1] as number))).toBe(true);

    // Aborted once the verify is under way: it stops there (no later report), and nothing changes.
    const controller = new AbortController();
    const second = open();
    const reports: number[] = [];
    let caught: unknown;
    try {
      prepareFlush(second.mainS, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase !== 'verify' || !p.cellsDone) return;
          reports.push(p.cellsDone);
          if (p.cellsDone > 0) controller.abort();
        },
      });
    } catch (e) {
      caught = e;
    }
    second.mainS.close();
    second.asideS.close();
    expect((caught as MetakitError).code).toBe('ABORTED');
    expect(reports).toHaveLength(1);
    expect(reports[0]).toBeLessThan(cells);
    // Megabytes: compared with Buffer#equals (a deep equality of them takes half a minute).
    for (const [path, before] of [[main, m0], [aside, a0]] as const) {
      const now = snapshot(path);
      expect(now.bytes.equals(before.bytes)).toBe(true);
      expect(now.mtimeNs).toBe(before.mtimeNs);
    }
    expect(readdirSync(join(dir, 'verify-progress')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses while our reader, a foreign fd and a foreign mmap hold the files (exit 3, names them, no byte changed), then succeeds', async () => {
    const { main, aside } = pair('busy');
    const before = contentOf(main, aside);
    const m0 = snapshot(main);
    const a0 = snapshot(aside);
    const reader = await startReader(main, aside);
    const fd = await startFdHolder('r', main);
    const mapped = await startPython('map_only.py', aside);
    try {
      const busy = await runMkinspect(['flush', main, '--aside', aside, '--json']);
      expect(busy.code).toBe(3);
      const answer = JSON.parse(busy.stdout) as { outcome: string; holders: { pid: number }[] };
      expect(answer.outcome).toBe('busy');
      expect(answer.holders.map((h) => h.pid).sort()).toEqual([reader.pid, fd.pid, mapped.pid].sort());
      expect(snapshot(main)).toEqual(m0);
      expect(snapshot(aside)).toEqual(a0);
    } finally {
      await reader.stop();
      await fd.stop();
      await mapped.stop();
    }
    const done = await runMkinspect(['flush', main, '--aside', aside]);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/flushed in \d+ ms/);
    expect(contentOf(main)).toEqual(before);
    expect(asideRows(aside)).toBe(0);
  });
});
