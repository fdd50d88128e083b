/**
 * The engine side of the live views (issue 7): following another process's commits (watch), snapshot
 * compare (diff of two generations), and export (CSV/JSON that match what dump shows).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotDiff } from '../../engine/core/analysis/snapshotDiff.js';
import { openGenerationByIndex } from '../../engine/core/analysis/generations.js';
import { Storage } from '../../engine/core/read/storage.js';
import { exportView } from '../../engine/node/export.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { flushFiles } from '../../engine/node/flush.js';
import { openWritableFile } from '../../engine/node/openWritable.js';
import { watchGeneration, type GenerationChange } from '../../engine/node/watch.js';
import { childScript, exited } from '../helpers/children.js';
import { CORPUS_DIR, loadCase } from '../helpers/corpus.js';
import { parseCsv } from '../helpers/csv.js';

const dir = mkdtempSync(join(tmpdir(), 'mk-live-'));
process.env.MKINSPECT_DATA_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('snapshot compare', () => {
  it('lists rows added and changed between generations of an extend-mode file', () => {
    const store = new FileByteStore(join(CORPUS_DIR, 'extend-5', 'ext.mk'));
    const g3 = openGenerationByIndex(store, 3);
    const g4 = openGenerationByIndex(store, 4);
    const d = snapshotDiff(g3, g4);
    expect(d).toHaveLength(1);
    // extend-3 (generation 4) appends a row and rewrites row 0.
    expect(d[0]).toMatchObject({ name: 'log', rowsBefore: 3, rowsAfter: 4, added: 1, removed: 0, changed: 1 });
    expect(d[0]?.rows).toEqual([{ row: 0, kind: 'changed', properties: ['msg'] }, { row: 3, kind: 'added' }]);
    const same = snapshotDiff(g4, g4);
    expect(same[0]).toMatchObject({ added: 0, removed: 0, changed: 0, rows: [] });
    store.close();
  });

  it('counts removed rows and views on one side only', () => {
    const a = Storage.open(new FileByteStore(join(CORPUS_DIR, 'view-delete-1', 'vd.mk')));
    const b = Storage.open(new FileByteStore(join(CORPUS_DIR, 'view-delete-2', 'vd.mk')));
    const d = snapshotDiff(a, b);
    const gone = d.find((v) => v.rowsAfter === -1);
    expect(gone).toBeDefined();
    expect(gone?.removed).toBe(gone?.rowsBefore);
  });
});

describe('watch', () => {
  it('notices every commit of another process within a second, and a flush as a replacement', async () => {
    const main = join(dir, 'w.mk');
    const aside = join(dir, 'w.mka');
    const m = openWritableFile(main, { mode: 'readwrite' });
    const log = m.getAs('log[n:I,s:S]');
    log?.append({ n: 0, s: 'row-0' });
    m.commit();
    m.close();
    const a = openWritableFile(aside, { mode: 'readwrite' });
    const m2 = openWritableFile(main, { mode: 'read' });
    m2.setAside(a);
    m2.close();
    a.commit();
    a.close();

    const changes: { c: GenerationChange; at: number }[] = [];
    const watcher = watchGeneration(main, aside, (c) => changes.push({ c, at: Date.now() }), { pollMs: 200 });
    const writer = spawn(process.execPath, [childScript('extendWriter'), main, aside, '5'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const commitTimes: number[] = [];
    writer.stdout.on('data', (d: Buffer) => {
      for (let k = 0; k < d.toString().split('\n').filter(Boolean).length; k++) commitTimes.push(Date.now());
    });
    await exited(writer);
    await new Promise((r) => setTimeout(r, 1200));
    expect(changes.length).toBeGreaterThanOrEqual(1);
    const last = changes[changes.length - 1] as { c: GenerationChange };
    expect(last.c.generation).toBe(watcher.current.generation);
    expect(last.c.aside?.end).toBe(readFileSync(aside).length);
    const lastCommit = commitTimes[commitTimes.length - 1] as number;
    expect((changes[changes.length - 1] as { at: number }).at - lastCommit).toBeLessThan(1000);

    const before = changes.length;
    flushFiles(main, aside);
    await new Promise((r) => setTimeout(r, 1200));
    watcher.close();
    expect(changes.length).toBeGreaterThan(before);
    expect(changes.slice(before).some((x) => x.c.replaced)).toBe(true);
  });
});

describe('export', () => {
  for (const name of ['all-types', 'double-values', 'str-basic', 'bytes-values', 'long-values', 'float-values']) {
    it(`${name}: CSV holds exactly what dump --json shows`, async () => {
      const c = loadCase(name);
      const src = join(dir, `${name}.mk`);
      copyFileSync(c.mainPath, src);
      const s = Storage.open(new FileByteStore(src));
      const viewName = s.viewNames()[0] as string;
      const out = join(dir, `${name}.csv`);
      const progress: number[] = [];
      expect(await exportView(s.view(viewName), out, { format: 'csv', onProgress: (d) => progress.push(d) })).toBe(s.view(viewName).rowCount);
      s.close();
      const [header, ...rows] = parseCsv(readFileSync(out, 'utf8'));
      const expected = c.expected.views?.[0];
      expect(header).toEqual(Object.keys((expected?.rows[0] ?? {}) as object));
      expect(rows).toHaveLength(expected?.rows.length ?? 0);
      const text = (v: unknown): string => {
        if (typeof v === 'string') return v;
        if (typeof v === 'number') return JSON.stringify(v) === String(v) ? String(v) : String(v);
        const o = v as { hex?: string; float?: string };
        return o.hex ?? o.float ?? JSON.stringify(v);
      };
      // Numbers: compare the parsed value (JSON loses "1.0" vs "1"), everything else as text.
      rows.forEach((r, i) => {
        Object.values(expected?.rows[i] as object).forEach((v, p) => {
          if (typeof v === 'number') expect(Number(r[p])).toBe(v);
          else expect(r[p]).toBe(text(v));
        });
      });
      expect(progress[progress.length - 1]).toBe(rows.length);
    });
  }

  it('JSON export is the rows of dump --json', async () => {
    const c = loadCase('nested-3');
    const s = Storage.open(new FileByteStore(c.mainPath));
    const out = join(dir, 'nested.json');
    await exportView(s.view('top'), out, { format: 'json' });
    s.close();
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(c.expected.views?.[0]?.rows);
  });
});
