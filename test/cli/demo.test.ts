/**
 * `mkinspect demo DIR`: the files it writes open with the read-only Storage and hold what the command
 * promises (catalogue, starkit tree with deflated contents, 1M-row log, every type with NaN/±Inf/-0,
 * memos), main + aside shows the aside's rows, and two runs — one a real child process, one in-process
 * — write the same bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Storage } from '../../engine/core/read/storage.js';
import type { View } from '../../engine/core/read/view.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { catalogue } from '../../engine/node/demo/catalogue.js';
import { TCL_FILES } from '../../engine/node/demo/tclFiles.js';
import { writeDemo } from '../../engine/node/demo/writeDemo.js';
import { cli, cliProcess } from '../helpers/cli.js';

let work: string;
let dir: string;
let stdout: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mk-demo-'));
  dir = join(work, 'first');
  const r = cliProcess('demo', dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  stdout = r.stdout;
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function open(withAside: boolean): Storage {
  const aside = withAside ? Storage.open(new FileByteStore(join(dir, 'demo.mka'))) : undefined;
  return Storage.open(new FileByteStore(join(dir, 'demo.mk')), { aside });
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** ISBN-13: 13 digits whose weighted sum (1, 3, 1, 3, …) is a multiple of 10. */
function validIsbn13(isbn: string): boolean {
  const digits = isbn.replaceAll('-', '');
  if (!/^\d{13}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

function rowsOf(v: View, row: number, prop: string): View {
  return v.getView(row, prop);
}

describe('mkinspect demo', () => {
  it('prints what it wrote', () => {
    expect(stdout).toMatch(/^wrote .*demo\.mk \([\d,]+ bytes\) and its aside .*demo\.mka \([\d,]+ bytes\)/);
    expect(stdout).toContain('books[title:S,author:S,year:I,isbn:S,price:D,tags[tag:S],loans[who:S,date:L,returned:I]]  202 rows');
    expect(stdout).toContain('dirs[name:S,parent:I,files[name:S,size:I,date:I,contents:B]]  7 rows');
    expect(stdout).toContain('log[t:L,sensor:S,value:D,flags:I]  1,000,000 rows');
    expect(stdout).toContain('types[name:S,i:I,l:L,f:F,d:D,s:S,b:B,sub[x:I,y:S]]  12 rows');
    expect(stdout).toContain('1. books: 2 new acquisitions');
  });

  it('demo.mk alone: the catalogue as generated, ~200 rows with subviews and valid ISBN-13s', () => {
    const s = open(false);
    try {
      expect(s.viewNames()).toEqual(['books', 'dirs', 'log', 'types']);
      const books = s.view('books');
      const want = catalogue();
      expect(books.rowCount).toBe(200);
      expect(want.length).toBe(200);
      let loans = 0;
      for (let r = 0; r < 200; r++) {
        const b = want[r]!;
        expect(books.getString(r, 'title')).toBe(b.title);
        expect(books.getString(r, 'author')).toBe(b.author);
        expect(books.getInt(r, 'year')).toBe(b.year);
        expect(books.getDouble(r, 'price')).toBe(b.price);
        const isbn = books.getString(r, 'isbn');
        expect(isbn).toBe(b.isbn);
        expect(validIsbn13(isbn)).toBe(true);
        const tags = rowsOf(books, r, 'tags');
        expect(Array.from({ length: tags.rowCount }, (_, k) => tags.getString(k, 'tag'))).toEqual(b.tags.map((t) => t.tag));
        const l = rowsOf(books, r, 'loans');
        expect(l.rowCount).toBe(b.loans.length);
        for (let k = 0; k < l.rowCount; k++) {
          expect(l.getString(k, 'who')).toBe(b.loans[k]!.who);
          expect(l.getLong(k, 'date')).toBe(b.loans[k]!.date);
          expect(l.getInt(k, 'returned')).toBe(b.loans[k]!.returned);
        }
        loans += l.rowCount;
      }
      expect(loans).toBeGreaterThan(200);
      // long strings and UTF-8
      expect(Math.max(...want.map((b) => b.title.length))).toBeGreaterThan(300);
      expect(want.some((b) => [...b.author].some((c) => c.charCodeAt(0) > 0x7f))).toBe(true);
    } finally {
      s.close();
    }
  });

  it('demo.mk alone: the starkit tree in mk4vfs layout, contents deflated (or raw when that is smaller)', () => {
    const s = open(false);
    try {
      const dirs = s.view('dirs');
      expect(dirs.rowCount).toBe(7);
      expect(dirs.getString(0, 'name')).toBe('<root>');
      expect(dirs.getInt(0, 'parent')).toBe(-1);
      const paths = new Map<string, Uint8Array>();
      const pathOf = (d: number): string => (d === 0 ? '' : `${pathOf(dirs.getInt(d, 'parent'))}${dirs.getString(d, 'name')}/`);
      let deflated = 0;
      let raw = 0;
      for (let d = 0; d < dirs.rowCount; d++) {
        const parent = dirs.getInt(d, 'parent');
        expect(parent).toBeLessThan(d);
        const files = dirs.getView(d, 'files');
        for (let f = 0; f < files.rowCount; f++) {
          const size = files.getInt(f, 'size');
          const stored = files.getBytes(f, 'contents');
          const content = stored.length === size ? stored : new Uint8Array(inflateSync(stored));
          if (stored.length === size) raw++;
          else deflated++;
          expect(content.length).toBe(size);
          expect(files.getInt(f, 'date')).toBeGreaterThanOrEqual(1_700_000_000);
          paths.set(pathOf(d) + files.getString(f, 'name'), content);
        }
      }
      expect(deflated).toBeGreaterThanOrEqual(8);
      expect(raw).toBeGreaterThanOrEqual(2);
      const text = (p: string): string => new TextDecoder().decode(paths.get(p));
      expect(text('main.tcl')).toBe(TCL_FILES['main.tcl']);
      expect(text('lib/app-demo/demo.tcl')).toBe(TCL_FILES['app-demo/demo.tcl']);
      expect(text('lib/app-demo/demo.tcl')).toContain('package provide app-demo 1.0');
      expect(text('lib/app-demo/msgs/de.msg')).toContain('"Schließen"');
      expect(Array.from(paths.get('lib/app-demo/images/logo.png')!.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(paths.get('lib/app-demo/data/sample.bin')!.length).toBe(24_576);
      expect(paths.get('lib/app-demo/data/empty.dat')!.length).toBe(0);
      // the incompressible file is stored raw and is long enough to be a memo
      const dataDir = dirs.getView(4, 'files');
      expect(dataDir.bytesColumn('contents').memos?.size).toBe(1);
    } finally {
      s.close();
    }
  });

  it('demo.mk alone: 1,000,000 log rows, every 250 ms over 8 sensors', () => {
    const s = open(false);
    try {
      const log = s.view('log');
      expect(log.rowCount).toBe(1_000_000);
      const t = log.longs('t');
      const flags = log.ints('flags');
      const values = log.doubles('value');
      for (let i = 1; i < log.rowCount; i++) {
        if (t[i]! - t[i - 1]! !== 250n) throw new Error(`t not 250 ms apart at row ${i}`);
        if (flags[i]! < 0 || flags[i]! > 3) throw new Error(`flags ${flags[i]} at row ${i}`);
        if (!(values[i]! >= 0)) throw new Error(`value ${values[i]} at row ${i}`);
      }
      expect(t[0]).toBe(1_709_251_200_000n);
      const sensors = new Set<string>();
      for (let i = 0; i < 16; i++) sensors.add(log.getString(i, 'sensor'));
      expect(sensors.size).toBe(8);
      expect(log.getString(8, 'sensor')).toBe(log.getString(0, 'sensor'));
      expect(flags.some((f) => f === 2)).toBe(true);
      expect(flags.some((f) => (f & 1) === 1)).toBe(true);
    } finally {
      s.close();
    }
  });

  it('demo.mk alone: a view of every type, with NaN, ±Infinity, -0, int extremes and memos', () => {
    const s = open(false);
    try {
      const v = s.view('types');
      expect(v.fields.map((f) => f.type)).toEqual(['S', 'I', 'L', 'F', 'D', 'S', 'B', 'V']);
      expect(v.rowCount).toBe(11);
      const row = (name: string): number => {
        for (let r = 0; r < v.rowCount; r++) if (v.getString(r, 'name') === name) return r;
        throw new Error(`no row ${name}`);
      };
      expect(v.getInt(row('minimum'), 'i')).toBe(-2147483648);
      expect(v.getLong(row('minimum'), 'l')).toBe(-(2n ** 63n));
      expect(v.getLong(row('maximum'), 'l')).toBe(2n ** 63n - 1n);
      expect(v.getFloat(row('maximum'), 'f')).toBe(3.4028234663852886e38);
      expect(Object.is(v.getDouble(row('negative zero'), 'd'), -0)).toBe(true);
      expect(Object.is(v.getFloat(row('negative zero'), 'f'), -0)).toBe(true);
      expect(v.getDouble(row('NaN'), 'd')).toBeNaN();
      expect(v.getFloat(row('NaN'), 'f')).toBeNaN();
      expect(v.getDouble(row('+Infinity'), 'd')).toBe(Infinity);
      expect(v.getDouble(row('-Infinity'), 'd')).toBe(-Infinity);
      expect(v.getDouble(row('smallest'), 'd')).toBe(5e-324);
      expect(v.getFloat(row('pi'), 'f')).toBe(Math.fround(Math.PI));
      expect(v.getString(row('maximum'), 's')).toBe('Grüße, 你好, こんにちは, Привет, مرحبا, 🙂');
      expect(v.getBytes(row('minimum'), 'b')).toEqual(Uint8Array.from({ length: 256 }, (_, k) => k));
      const long = row('long items (memos)');
      expect(v.getString(long, 's').length).toBeGreaterThan(10_000);
      expect(v.getBytes(long, 'b').length).toBe(20_000);
      expect(v.bytesColumn('s').memos?.has(long)).toBe(true);
      expect(v.bytesColumn('b').memos?.has(long)).toBe(true);
      expect(v.getView(row('pi'), 'sub').rowCount).toBe(3);
    } finally {
      s.close();
    }
  });

  it('demo.mk + demo.mka: the aside commits show (2 books, a loan returned, a price corrected, a types row)', () => {
    const s = open(true);
    try {
      const books = s.view('books');
      expect(books.rowCount).toBe(202);
      expect(books.getString(200, 'title')).toBe('The Waste Land');
      expect(books.getString(201, 'title')).toBe('Ulysses');
      expect(books.getDouble(201, 'price')).toBe(12.75);
      const loans = books.getView(201, 'loans');
      expect(loans.rowCount).toBe(1);
      expect(loans.getString(0, 'who')).toBe('Virginia Woolf');
      expect(loans.getInt(0, 'returned')).toBe(1);
      const types = s.view('types');
      expect(types.rowCount).toBe(12);
      expect(types.getString(11, 'name')).toBe('from the aside');
      expect(types.getLong(11, 'l')).toBe(4_200_000_000_000n);
      // untouched views read the same through the aside
      expect(s.view('log').rowCount).toBe(1_000_000);
      expect(s.view('dirs').rowCount).toBe(7);
    } finally {
      s.close();
    }
  });

  it('is deterministic: a second run (in-process) writes the same bytes as the child process did', () => {
    const second = join(work, 'second');
    writeDemo(second, { durable: false });
    expect(sha(join(second, 'demo.mk'))).toBe(sha(join(dir, 'demo.mk')));
    expect(sha(join(second, 'demo.mka'))).toBe(sha(join(dir, 'demo.mka')));
  }, 120_000);

  it('refuses to overwrite without --force, and replaces with it', async () => {
    const before = sha(join(dir, 'demo.mk'));
    const r = await cli('demo', dir, '--log-rows', '10');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/demo\.mk exists: remove it or pass --force/);
    expect(sha(join(dir, 'demo.mk'))).toBe(before);
    const small = join(work, 'small');
    const f = await cli('demo', small, '--log-rows', '10');
    expect(f.code).toBe(0);
    const again = await cli('demo', small, '--log-rows', '12', '--force');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('log[t:L,sensor:S,value:D,flags:I]  12 rows');
    expect(existsSync(join(small, 'demo.mka'))).toBe(true);
    const bad = await cli('demo', small, '--log-rows', 'many');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--log-rows must be a non-negative integer');
  });
});
