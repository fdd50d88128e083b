/**
 * Reading the 1M-row workload file: reopen, first access of the view, warm full scans of every
 * column (i, l, d, s lengths, b) and 1M random string reads. Each scan runs against a plain
 * typed-array loop over the very same bytes (taken from the file outside the engine) in this run;
 * every scan also checks the doc's checksums.
 */
import { readFileSync } from 'node:fs';
import { Storage } from '../../engine/core/read/storage.js';
import type { View } from '../../engine/core/read/view.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { workloadFile } from '../files.js';
import { measure, type PhaseRecorder, type Sample } from '../measure.js';
import { CHECKSUMS_1M, CPP } from '../reference.js';
import { keep, time } from '../timing.js';
import { xorshift32 } from '../workload.js';

const ROWS = 1_000_000;

function open(path: string): Storage {
  return Storage.open(new FileByteStore(path));
}

/** Copies of the file's bytes for the baselines (aligned, so typed arrays can view them). */
class RawColumns {
  private readonly file: Buffer;
  constructor(path: string, private readonly storage: Storage, private readonly view: View) {
    this.file = readFileSync(path);
  }
  private bytes(pos: number, size: number): Uint8Array {
    const start = this.storage.info.base + pos;
    return new Uint8Array(this.file.buffer.slice(this.file.byteOffset + start, this.file.byteOffset + start + size));
  }
  value(p: number): Uint8Array {
    const src = this.view.columnSources[p];
    if (!src || src.kind !== 'value') throw new Error(`property ${p} is not a value column`);
    return this.bytes(src.col.pos, src.col.size);
  }
  /** Data and the (8-bit) sizes column of an S/B property. */
  bytesGroup(p: number): { data: Uint8Array; sizes: Uint8Array } {
    const src = this.view.columnSources[p];
    if (!src || src.kind !== 'bytes') throw new Error(`property ${p} is not a bytes column`);
    if (src.sizes.size !== this.view.rowCount) throw new Error(`expected 8-bit sizes for property ${p}`);
    return { data: this.bytes(src.data.pos, src.data.size), sizes: this.bytes(src.sizes.pos, src.sizes.size) };
  }
}

function timedMs(fn: () => unknown): Sample {
  const t = time(fn, 400, 7);
  return { wallMs: t.ms, cpuMs: NaN, userMs: NaN, sysMs: NaN, faults: 0 };
}

export function readPhase(rec: PhaseRecorder): void {
  const path = workloadFile(ROWS);
  const section = 'read the 1M-row file';

  const reopen = time(() => open(path).close(), 300, 20);
  rec.value(section, 'reopen (constructor: tails + root walk)', 'ms', [reopen.ms], { cpp: CPP.open });

  // First access on fresh storages (nothing cached): the view and its row count, then row 0 of
  // every property. The first storage of the process also pays for the JIT: shown apart.
  const firsts: Sample[] = [];
  const firstRows: Sample[] = [];
  let rssGrowth = 0;
  for (let k = 0; k < 7; k++) {
    const s = open(path);
    const rss0 = process.memoryUsage().rss;
    const first = measure(() => s.view('t').rowCount);
    const row0 = measure(() => {
      const v = s.view('t');
      for (let p = 0; p < v.fields.length; p++) keep(v.get(0, p));
    });
    if (k === 0) rssGrowth = process.memoryUsage().rss - rss0;
    firsts.push(first.sample);
    firstRows.push({ ...row0.sample, wallMs: first.sample.wallMs + row0.sample.wallMs });
    s.close();
  }
  rec.timed(section, 'first access of the view (row count)', firsts, { cpp: CPP.firstAccess, target: { label: '< 10 ms', maxValue: 10 } });
  rec.timed(section, 'first access + row 0 of every property (loads all columns)', firstRows, { note: `RSS grew ${(rssGrowth / 1048576).toFixed(1)} MB on the first storage` });

  const s = open(path);
  const v = s.view('t');
  const raw = new RawColumns(path, s, v);
  const scans = `${section}: warm full scans (median of repeated runs)`;
  const target = { label: '<= 3x the typed-array loop', maxRatio: 3 };

  // i: 32-bit ints in place
  const iRaw = new Int32Array(raw.value(0).buffer);
  const sumI = (a: Int32Array): number => {
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += a[i] as number;
    return sum;
  };
  const first = (label: string, fn: () => unknown): void => {
    rec.timed(scans, `${label}: first call (read + decode)`, [measure(fn).sample]);
  };
  first('i', () => v.ints('i'));
  rec.timed(scans, 'i:I  ints() + sum loop', [timedMs(() => sumI(v.ints('i')))], { cpp: CPP.scanI, target, baseline: { what: 'sum over an Int32Array of the file bytes', value: time(() => sumI(iRaw), 300, 7).ms } });
  rec.check(scans, 'Σi', sumI(v.ints('i')) === CHECKSUMS_1M.sumI, CHECKSUMS_1M.sumI.toLocaleString('en-US'));

  // l: 64-bit ints, summed with int64 wrap-around like C++
  const lRaw = new BigInt64Array(raw.value(1).buffer);
  const sumL = (a: BigInt64Array): bigint => {
    let sum = 0n;
    for (let i = 0; i < a.length; i++) sum = BigInt.asIntN(64, sum + (a[i] as bigint));
    return sum;
  };
  first('l', () => v.longs('l'));
  rec.timed(scans, 'l:L  longs() + wrapping bigint sum', [timedMs(() => sumL(v.longs('l')))], { cpp: CPP.scanL, target, baseline: { what: 'the same sum over a BigInt64Array of the file bytes', value: time(() => sumL(lRaw), 300, 5).ms } });
  rec.check(scans, 'Σl (int64 wrap)', sumL(v.longs('l')) === CHECKSUMS_1M.sumL, CHECKSUMS_1M.sumL.toLocaleString('en-US'));

  // d
  const dRaw = new Float64Array(raw.value(2).buffer);
  const sumD = (a: Float64Array): number => {
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += a[i] as number;
    return sum;
  };
  first('d', () => v.doubles('d'));
  rec.timed(scans, 'd:D  doubles() + sum loop', [timedMs(() => sumD(v.doubles('d')))], { cpp: CPP.scanD, target, baseline: { what: 'sum over a Float64Array of the file bytes', value: time(() => sumD(dRaw), 300, 7).ms } });
  rec.check(scans, 'Σd', sumD(v.doubles('d')) === CHECKSUMS_1M.sumD, CHECKSUMS_1M.sumD.toLocaleString('en-US'));

  // s lengths: ours from itemSizes() (one length per row, without the NUL) and, for information, from
  // the column's offsets (two reads per row); the baseline sums the raw 8-bit sizes column
  const sRaw = raw.bytesGroup(3);
  const lenS = (): number => {
    const sizes = v.itemSizes('s');
    let sum = 0;
    for (let i = 0; i < sizes.length; i++) sum += sizes[i] as number;
    return sum;
  };
  const lenSOffsets = (): number => {
    const off = v.bytesColumn('s').offsets;
    let sum = 0;
    for (let i = 0; i < ROWS; i++) {
      const n = (off[i + 1] as number) - (off[i] as number);
      if (n > 0) sum += n - 1;
    }
    return sum;
  };
  const lenSRaw = (): number => {
    const sz = sRaw.sizes;
    let sum = 0;
    for (let i = 0; i < sz.length; i++) {
      const n = sz[i] as number;
      if (n > 0) sum += n - 1;
    }
    return sum;
  };
  first('s', () => v.itemSizes('s'));
  const lenSBase = time(lenSRaw, 300, 7).ms;
  rec.timed(scans, 's:S  lengths via itemSizes()', [timedMs(lenS)], { cpp: CPP.scanS, target, baseline: { what: 'sum over the raw 8-bit sizes column', value: lenSBase } });
  rec.timed(scans, 's:S  lengths via bytesColumn() offsets (information)', [timedMs(lenSOffsets)], { baseline: { what: 'the same raw loop', value: lenSBase } });
  rec.check(scans, 'Σlen(s)', lenS() === CHECKSUMS_1M.sumLenS && lenSOffsets() === CHECKSUMS_1M.sumLenS, CHECKSUMS_1M.sumLenS.toLocaleString('en-US'));

  // b: length + last byte of every item
  const bRaw = raw.bytesGroup(4);
  const sumB = (): number => {
    const col = v.bytesColumn('b');
    const off = col.offsets;
    const data = col.data;
    let sum = 0;
    for (let i = 0; i < ROWS; i++) {
      const end = off[i + 1] as number;
      const n = end - (off[i] as number);
      sum += n > 0 ? n + (data[end - 1] as number) : 0;
    }
    return sum;
  };
  const sumBRaw = (): number => {
    const sz = bRaw.sizes;
    const data = bRaw.data;
    let end = 0;
    let sum = 0;
    for (let i = 0; i < sz.length; i++) {
      const n = sz[i] as number;
      end += n;
      sum += n > 0 ? n + (data[end - 1] as number) : 0;
    }
    return sum;
  };
  first('b', () => v.bytesColumn('b'));
  rec.timed(scans, 'b:B  length + last byte via bytesColumn()', [timedMs(sumB)], { cpp: CPP.scanB, target, baseline: { what: 'the same over the raw sizes and data', value: time(sumBRaw, 300, 7).ms } });
  rec.check(scans, 'Σ(len(b) + b[15])', sumB() === CHECKSUMS_1M.sumLenBPlusLast, CHECKSUMS_1M.sumLenBPlusLast.toLocaleString('en-US'));

  // The per-row API (one call per cell), for information.
  const perRow = `${section}: per-row API (one call per cell), for information`;
  const loop = (fn: (i: number) => number): number => {
    let sum = 0;
    for (let i = 0; i < ROWS; i++) sum += fn(i);
    return sum;
  };
  rec.timed(perRow, 'getInt(row, i)', [timedMs(() => loop((r) => v.getInt(r, 0)))], { baseline: { what: 'Int32Array loop', value: time(() => sumI(iRaw), 300, 7).ms } });
  rec.timed(perRow, 'getDouble(row, d)', [timedMs(() => loop((r) => v.getDouble(r, 2)))], { baseline: { what: 'Float64Array loop', value: time(() => sumD(dRaw), 300, 7).ms } });
  rec.timed(perRow, 'getSize(row, s)', [timedMs(() => loop((r) => v.getSize(r, 3)))], { baseline: { what: 'raw sizes loop', value: time(lenSRaw, 300, 7).ms } });
  rec.timed(perRow, 'getBytes(row, b).length', [timedMs(() => loop((r) => v.getBytes(r, 4).length))], { baseline: { what: 'raw sizes + data loop', value: time(sumBRaw, 300, 7).ms } });

  // 1M random string reads (xorshift rows)
  const randomRows = new Int32Array(ROWS);
  const next = xorshift32();
  for (let k = 0; k < ROWS; k++) randomRows[k] = next() % ROWS;
  const reads = (): number => {
    let sum = 0;
    for (let k = 0; k < ROWS; k++) sum += v.getString(randomRows[k] as number, 3).length;
    return sum;
  };
  // baseline: the same items decoded from the raw bytes with offsets computed outside the engine
  const starts = new Int32Array(ROWS + 1);
  for (let i = 0; i < ROWS; i++) starts[i + 1] = (starts[i] as number) + (sRaw.sizes[i] as number);
  const readsRaw = (): number => {
    let sum = 0;
    for (let k = 0; k < ROWS; k++) {
      const r = randomRows[k] as number;
      const a = starts[r] as number;
      const b = starts[r + 1] as number;
      sum += b > a ? String.fromCharCode.apply(null, sRaw.data.subarray(a, b - 1) as unknown as number[]).length : 0;
    }
    return sum;
  };
  const random = `${section}: 1M random string reads (xorshift rows)`;
  const ours = time(reads, 1000, 3).ms;
  const base = time(readsRaw, 1000, 3).ms;
  rec.value(random, 'getString per read', 'ns', [(ours * 1e6) / ROWS], { cpp: CPP.randomString, baseline: { what: 'the same reads decoded from the raw bytes', value: (base * 1e6) / ROWS }, note: `${ours.toFixed(0)} ms for 1M reads` });
  rec.check(random, 'Σlen', reads() === CHECKSUMS_1M.randomLenS, CHECKSUMS_1M.randomLenS.toLocaleString('en-US'));
  s.close();
}
