/**
 * Reader figures for the corpus (the original `npm run bench`): the largest corpus file's open, first
 * access and I/D/S scans and, when that file has no D column, the D scan of the largest file that has
 * one. `npm run bench -- FILE...` runs the same on given files.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Storage } from '../../engine/core/read/storage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import type { BenchRow, PhaseRecorder } from '../measure.js';
import { benchReader, type Figure, type ReaderBenchOptions } from '../reader.js';

// main.ts passes the checkout's root: the phases run from a bundle in a temporary folder.
const CORPUS = join(process.env.MK_BENCH_ROOT ?? join(import.meta.dirname, '..', '..'), 'test', 'fixtures', 'corpus');

function corpusFiles(): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(CORPUS)) {
    const d = join(CORPUS, dir);
    if (!statSync(d).isDirectory()) continue;
    for (const f of readdirSync(d)) if (f !== 'expected.json' && f !== 'ops.json') out.push(join(d, f));
  }
  return out.sort((a, b) => statSync(b).size - statSync(a).size);
}

function hasType(path: string, type: string): boolean {
  try {
    const s = Storage.open(new FileByteStore(path));
    try {
      return s.viewNames().some((n) => s.view(n).fields.some((f) => f.type === type));
    } finally {
      s.close();
    }
  } catch {
    return false;
  }
}

function figureRow(section: string, f: Figure): BenchRow {
  const target = f.target === '< 10 ms' ? { label: f.target, maxValue: 10 } : f.target === '<= 3x baseline' ? { label: '<= 3x the typed-array loop', maxRatio: 3 } : undefined;
  return {
    section,
    what: f.what,
    unit: 'ms',
    samples: [f.ms],
    baseline: f.baselineMs !== undefined ? { what: 'typed-array loop over the same bytes', value: f.baselineMs } : undefined,
    target,
    note: f.note,
  };
}

/** Reader figures of one file as bench rows. */
export function fileReaderRows(rec: PhaseRecorder, path: string, options: ReaderBenchOptions = {}, title = 'file'): void {
  const b = benchReader(path, options);
  const section = `${title} ${b.file} (${b.size.toLocaleString('en-US')} bytes), view ${b.view}: ${b.rows.toLocaleString('en-US')} rows`;
  for (const f of b.figures) rec.rows.push(figureRow(section, f));
}

export function corpusPhase(rec: PhaseRecorder): void {
  const files = corpusFiles();
  const largest = files[0] as string;
  fileReaderRows(rec, largest, { scans: ['I', 'D', 'S'] }, 'largest corpus file');
  if (!hasType(largest, 'D')) {
    const withD = files.find((f) => hasType(f, 'D'));
    if (withD) fileReaderRows(rec, withD, { scans: ['D'] }, 'D scan (the largest corpus file has none): largest file with a D column,');
  }
}
