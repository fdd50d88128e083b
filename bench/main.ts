/**
 * `npm run bench`: reader figures for the largest corpus file (open, first access of its view, I and
 * S scans) and, because that file has no D column, the D scan on the largest corpus file that has one.
 * `npm run bench -- FILE...` benchmarks given workload files instead (e.g. the 1M-row file of
 * docs/bench-workload.md). Every scan prints its ratio against a plain typed-array loop over the same
 * bytes measured in the same run; targets are printed next to the figures, never asserted.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Storage } from '../engine/core/storage.js';
import { FileByteStore } from '../engine/node/fileByteStore.js';
import { blackholeValue } from './timing.js';
import { benchReader, type Figure, type ReaderBench } from './reader.js';

const CORPUS = join(import.meta.dirname, '..', 'test', 'fixtures', 'corpus');

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

function fmtMs(ms: number): string {
  return ms < 0.01 ? `${(ms * 1000).toFixed(2)} µs` : ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}

function line(f: Figure): string {
  const parts = [f.what.padEnd(52), fmtMs(f.ms).padStart(10)];
  if (f.rowsPerSec !== undefined) parts.push(`${(f.rowsPerSec / 1e6).toFixed(1).padStart(7)} M rows/s`);
  if (f.ratio !== undefined) parts.push(`${f.ratio.toFixed(2).padStart(6)}x baseline (${fmtMs(f.baselineMs ?? 0)})`);
  if (f.target) parts.push(`target ${f.target}${f.meets === undefined ? '' : f.meets ? ': OK' : ': MISSED'}`);
  return parts.join('  ');
}

function print(b: ReaderBench, title: string): void {
  console.log(`\n${title}`);
  console.log(`${b.file} (${b.size.toLocaleString('en-US')} bytes), view ${b.view}: ${b.rows.toLocaleString('en-US')} rows`);
  for (const f of b.figures) console.log(`  ${line(f)}`);
}

const args = process.argv.slice(2);
console.log(`node ${process.version}, ${process.arch}; times are medians of repeated runs in this process`);
if (args.length > 0) {
  for (const file of args) print(benchReader(file), `workload ${file}`);
} else {
  const files = corpusFiles();
  const largest = files[0] as string;
  print(benchReader(largest, { scans: ['I', 'D', 'S'] }), 'largest corpus file');
  if (!hasType(largest, 'D')) {
    const withD = files.find((f) => hasType(f, 'D'));
    if (withD) {
      print(benchReader(withD, { scans: ['D'] }), `D scan: the largest corpus file has no D column; using the largest one that has (${withD})`);
    }
  }
}
console.log(`\n(checksum ${blackholeValue()})`);
