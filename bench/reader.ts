/**
 * Reader benchmark for one datafile (a corpus file or a workload file such as the 1M-row file of
 * docs/bench-workload.md): open time, first access of the largest view, and full-column scans of its
 * I, D and S properties, each with a plain typed-array loop over the same bytes as the baseline,
 * measured in the same run. Returns rows of figures; `main.ts` prints them.
 */
import { readFileSync } from 'node:fs';
import { checkedWidth } from '../engine/core/read/columns/ints.js';
import { Storage } from '../engine/core/read/storage.js';
import type { PropType } from '../engine/core/read/structure.js';
import type { View } from '../engine/core/read/view.js';
import { FileByteStore } from '../engine/node/fileByteStore.js';
import { keep, once, time } from './timing.js';

export interface Figure {
  what: string;
  ms: number;
  /** Rows per second for scans. */
  rowsPerSec?: number;
  /** Our time divided by the baseline's. */
  ratio?: number;
  baselineMs?: number;
  target?: string;
  meets?: boolean;
  note?: string;
}

export interface ReaderBench {
  file: string;
  size: number;
  view: string;
  rows: number;
  figures: Figure[];
}

export interface ReaderBenchOptions {
  /** Which scans to run (default all the view has). */
  scans?: readonly ('I' | 'D' | 'S')[];
  view?: string;
  /** Note attached to every figure (e.g. why this file was chosen). */
  note?: string;
}

function openFile(path: string): Storage {
  return Storage.open(new FileByteStore(path));
}

function largestView(s: Storage): string {
  let best = '';
  let rows = -1;
  for (const name of s.viewNames()) {
    const n = s.view(name).rowCount;
    if (n > rows) {
      rows = n;
      best = name;
    }
  }
  return best;
}

function firstOfType(v: View, type: PropType, prefer?: (v: View, p: number) => boolean): number {
  let found = -1;
  v.fields.forEach((f, p) => {
    if (f.type !== type) return;
    if (found < 0 || (prefer && !prefer(v, found) && prefer(v, p))) found = p;
  });
  return found;
}

/** The raw bytes of a value column (I/D) as the file stores them, read outside the engine. */
function rawColumn(path: string, s: Storage, v: View, p: number): Uint8Array {
  const src = v.columnSources[p];
  if (!src || src.kind !== 'value') throw new Error('not a value column');
  const fd = readFileSync(path);
  const start = s.info.base + src.col.pos;
  return new Uint8Array(fd.buffer.slice(fd.byteOffset + start, fd.byteOffset + start + src.col.size));
}

function rawBytesColumn(path: string, s: Storage, v: View, p: number): Uint8Array {
  const src = v.columnSources[p];
  if (!src || src.kind !== 'bytes') throw new Error('not a bytes column');
  const fd = readFileSync(path);
  const start = s.info.base + src.data.pos;
  return new Uint8Array(fd.buffer.slice(fd.byteOffset + start, fd.byteOffset + start + src.data.size));
}

export function benchReader(path: string, options: ReaderBenchOptions = {}): ReaderBench {
  const figures: Figure[] = [];
  const note = options.note;
  const probe = openFile(path);
  const size = probe.info.fileSize;
  const viewName = options.view ?? largestView(probe);
  const rows = probe.view(viewName).rowCount;
  const scans = options.scans ?? ['I', 'D', 'S'];

  // open: tails, header, root walk
  const open = time(() => {
    const s = openFile(path);
    s.close();
    return s;
  });
  figures.push({ what: 'open (tails + root walk)', ms: open.ms, note });

  // First access on fresh storages (nothing cached): the view (its column is read and indexed, the
  // row count known), then row 0 of every property (whole columns are read and decoded). The median
  // of several fresh storages; the very first one also pays for the JIT and is shown apart.
  const handles: number[] = [];
  const firstRows: number[] = [];
  for (let i = 0; i < 7; i++) {
    const fresh = openFile(path);
    const handle = once(() => fresh.view(viewName));
    keep(handle.value.rowCount);
    const firstRow = once(() => {
      const v = handle.value;
      for (let p = 0; p < v.fields.length; p++) keep(rows > 0 ? v.get(0, p) : 0);
    });
    handles.push(handle.ms);
    firstRows.push(handle.ms + firstRow.ms);
    fresh.close();
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  figures.push({ what: `first access of the view (${rows} rows: row count)`, ms: median(handles), target: '< 10 ms', meets: median(handles) < 10, note });
  figures.push({ what: 'first access + row 0 of every property', ms: median(firstRows), target: 'info', note: `${note ? `${note}; ` : ''}first ever (cold JIT): ${firstRows[0]?.toFixed(2)} ms` });

  const s = openFile(path);
  const v = s.view(viewName);
  const widthOf = (p: number): number => {
    const src = v.columnSources[p];
    return src && src.kind === 'value' ? checkedWidth({ rows, size: src.col.size, kind: 'int' }) : 0;
  };

  if (scans.includes('I')) {
    // prefer the widest int column: the baseline is an Int32Array over the very same bytes
    const p = firstOfType(v, 'I', (_v, q) => widthOf(q) === 32);
    if (p >= 0) figures.push(...scanInts(path, s, v, p, rows, widthOf(p), note));
  }
  if (scans.includes('D')) {
    const p = firstOfType(v, 'D');
    if (p >= 0) figures.push(...scanDoubles(path, s, v, p, rows, note));
  }
  if (scans.includes('S')) {
    const p = firstOfType(v, 'S');
    if (p >= 0) figures.push(...scanStrings(path, s, v, p, rows, note));
  }
  s.close();
  probe.close();
  return { file: path, size, view: viewName, rows, figures };
}

function scanFigure(what: string, ours: number, base: number, rows: number, note?: string): Figure {
  const ratio = ours / base;
  return { what, ms: ours, baselineMs: base, ratio, rowsPerSec: rows / (ours / 1000), target: '<= 3x baseline', meets: ratio <= 3, note };
}

function scanInts(path: string, s: Storage, v: View, p: number, rows: number, width: number, note?: string): Figure[] {
  const name = `${v.fields[p]?.name}:I (${width}-bit)`;
  const cold = once(() => v.ints(p));
  const ints = cold.value;
  const ours = time(() => {
    const a = v.ints(p);
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += a[i] as number;
    return sum;
  });
  const perCell = time(() => {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += v.getInt(i, p);
    return sum;
  });
  // baseline: the column's bytes in a plain typed array (decoded once, outside the engine, for sub-32-bit widths)
  const raw = rawColumn(path, s, v, p);
  const plain = width === 32 && s.info.littleEndian ? new Int32Array(raw.buffer, raw.byteOffset, rows) : Int32Array.from(ints);
  const base = time(() => {
    let sum = 0;
    for (let i = 0; i < plain.length; i++) sum += plain[i] as number;
    return sum;
  });
  return [
    { what: `I scan ${name}: first (read + decode)`, ms: cold.ms, rowsPerSec: rows / (cold.ms / 1000), note },
    scanFigure(`I scan ${name}: ints() warm`, ours.ms, base.ms, rows, note),
    { ...scanFigure(`I scan ${name}: getInt() per row`, perCell.ms, base.ms, rows, note), target: 'info' , meets: undefined },
  ];
}

function scanDoubles(path: string, s: Storage, v: View, p: number, rows: number, note?: string): Figure[] {
  const name = `${v.fields[p]?.name}:D`;
  const cold = once(() => v.doubles(p));
  keep(cold.value);
  const ours = time(() => {
    const a = v.doubles(p);
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += a[i] as number;
    return sum;
  });
  const perCell = time(() => {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += v.getDouble(i, p);
    return sum;
  });
  const raw = rawColumn(path, s, v, p);
  const plain = new Float64Array(raw.buffer, raw.byteOffset, rows);
  const base = time(() => {
    let sum = 0;
    for (let i = 0; i < plain.length; i++) sum += plain[i] as number;
    return sum;
  });
  return [
    { what: `D scan ${name}: first (read + decode)`, ms: cold.ms, rowsPerSec: rows / (cold.ms / 1000), note },
    scanFigure(`D scan ${name}: doubles() warm`, ours.ms, base.ms, rows, note),
    { ...scanFigure(`D scan ${name}: getDouble() per row`, perCell.ms, base.ms, rows, note), target: 'info', meets: undefined },
  ];
}

function scanStrings(path: string, s: Storage, v: View, p: number, rows: number, note?: string): Figure[] {
  const name = `${v.fields[p]?.name}:S`;
  const cold = once(() => v.bytesColumn(p));
  keep(cold.value);
  // lengths of every string from the column's offsets (the whole-column API, like ints() for I)
  const ours = time(() => {
    const col = v.bytesColumn(p);
    const off = col.offsets;
    let sum = 0;
    if (col.memos) {
      for (let i = 0; i < rows; i++) sum += v.getSize(i, p);
      return sum;
    }
    for (let i = 0; i < rows; i++) {
      const n = (off[i + 1] as number) - (off[i] as number);
      sum += n > 0 ? n - 1 : 0;
    }
    return sum;
  });
  const perCell = time(() => {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += v.getSize(i, p);
    return sum;
  });
  const decode = time(() => {
    let sum = 0;
    for (let i = 0; i < rows; i++) sum += v.getString(i, p).length;
    return sum;
  });
  // baseline: lengths from the raw data column by scanning for the NUL terminators
  const data = rawBytesColumn(path, s, v, p);
  const base = time(() => {
    let sum = 0;
    let start = 0;
    for (let i = 0; i < data.length; i++) {
      if (data[i] === 0) {
        sum += i - start;
        start = i + 1;
      }
    }
    return sum;
  });
  // baseline for values: the same items decoded straight from the raw bytes
  const ends: number[] = [];
  for (let i = 0; i < data.length; i++) if (data[i] === 0) ends.push(i);
  const baseDecode = time(() => {
    let sum = 0;
    let start = 0;
    for (const end of ends) {
      sum += String.fromCharCode.apply(null, data.subarray(start, end) as unknown as number[]).length;
      start = end + 1;
    }
    return sum;
  });
  return [
    { what: `S scan ${name}: first (read + offsets)`, ms: cold.ms, rowsPerSec: rows / (cold.ms / 1000), note },
    scanFigure(`S scan ${name}: lengths via bytesColumn()`, ours.ms, base.ms, rows, note),
    { ...scanFigure(`S scan ${name}: getSize() per row`, perCell.ms, base.ms, rows, note), target: 'info', meets: undefined },
    { ...scanFigure(`S scan ${name}: getString() values`, decode.ms, baseDecode.ms, rows, note), target: 'info', meets: undefined },
  ];
}
