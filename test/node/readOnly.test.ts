/**
 * Reading never writes: every corpus file (mains and asides) is opened, dumped and summarised — in
 * this process through FileByteStore, and through `mkinspect` child processes — and afterwards its
 * bytes and mtime are unchanged. A read-only FileByteStore refuses write/truncate/sync.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpToString } from '../../engine/core/analysis/dump.js';
import { MetakitError } from '../../engine/core/base/errors.js';
import { computeStats } from '../../engine/core/analysis/stats.js';
import { Storage } from '../../engine/core/read/storage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { corpusCases } from '../helpers/corpus.js';
import { expectMkError, hex } from '../helpers/bytes.js';

const ROOT = join(import.meta.dirname, '..', '..');
const WORK = join(ROOT, '.test-build', 'read-only');
/** An mtime far in the past, so any write (even with coarse timestamps) shows. */
const OLD = new Date('2001-02-03T04:05:06Z');

interface Copy {
  name: string;
  main: string;
  aside?: string;
}

interface Fingerprint {
  sha: string;
  mtimeMs: number;
  size: number;
}

function fingerprint(path: string): Fingerprint {
  const st = statSync(path);
  return { sha: createHash('sha256').update(readFileSync(path)).digest('hex'), mtimeMs: st.mtimeMs, size: st.size };
}

const copies: Copy[] = [];
const before = new Map<string, Fingerprint>();

beforeAll(() => {
  rmSync(WORK, { recursive: true, force: true });
  for (const c of corpusCases()) {
    const dir = join(WORK, c.name);
    mkdirSync(dir, { recursive: true });
    const copy: Copy = { name: c.name, main: join(dir, c.expected.main) };
    copyFileSync(c.mainPath, copy.main);
    if (c.asidePath && c.expected.aside) {
      copy.aside = join(dir, c.expected.aside);
      copyFileSync(c.asidePath, copy.aside);
    }
    for (const f of [copy.main, copy.aside]) {
      if (!f) continue;
      utimesSync(f, OLD, OLD);
      before.set(f, fingerprint(f));
    }
    copies.push(copy);
  }
});

afterAll(() => {
  rmSync(WORK, { recursive: true, force: true });
});

function expectUnchanged(): void {
  for (const [path, fp] of before) expect(fingerprint(path), path).toEqual(fp);
}

describe('reading never writes', () => {
  it('opening, dumping and summarising every corpus file (main alone, aside alone, main + aside) changes no byte and no mtime', () => {
    let opened = 0;
    let refused = 0;
    const read = (main: string, aside?: string): void => {
      opened++;
      let storage: Storage | undefined;
      try {
        const asideStorage = aside ? Storage.open(new FileByteStore(aside)) : undefined;
        storage = Storage.open(new FileByteStore(main), { aside: asideStorage });
        expect(storage.store.writable).toBe(false);
        dumpToString(storage, { main: 'm', mainSize: 0 });
        computeStats(storage);
      } catch (e) {
        // damaged cases are refused; refusing must not write either
        if (!(e instanceof MetakitError)) throw e;
        refused++;
      } finally {
        storage?.close();
      }
    };
    for (const c of copies) {
      read(c.main);
      if (c.aside) {
        read(c.aside);
        read(c.main, c.aside);
      }
    }
    console.log(`read-only: ${opened} opens of ${before.size} files (${refused} refused), bytes and mtimes unchanged`);
    expect(opened).toBeGreaterThan(80);
    expectUnchanged();
  });

  it('mkinspect dump --json / dump / stats in child processes change no byte and no mtime', () => {
    const run = (...args: string[]): void => {
      try {
        execFileSync(process.execPath, [join(ROOT, 'bin', 'mkinspect.js'), ...args], { stdio: 'pipe' });
      } catch (e) {
        // exit 2 on damaged input is fine; anything else is not
        expect((e as { status?: number }).status).toBe(2);
      }
    };
    const pick = copies.filter((c) => ['aside-4', 'starkit-prefixed', 'regress-reversed', 'damaged-tail-zeroed'].includes(c.name));
    expect(pick.length).toBe(4);
    for (const c of pick) {
      const aside = c.aside ? ['--aside', c.aside] : [];
      run('dump', '--json', c.main, ...aside);
      run('stats', c.main, ...aside);
    }
    expectUnchanged();
  }, 60_000);
});

describe('FileByteStore', () => {
  const scratch = join(ROOT, '.test-build', 'file-store');

  it('READ_ONLY: a read-only store refuses write, truncate and sync, and the file stays as it was', () => {
    mkdirSync(scratch, { recursive: true });
    const path = join(scratch, 'ro.mk');
    writeFileSync(path, hex('4a 4c 1a 00'));
    utimesSync(path, OLD, OLD);
    const fp = fingerprint(path);
    const store = new FileByteStore(path);
    expect(store.writable).toBe(false);
    expect(store.name).toBe('ro.mk');
    expect(store.size()).toBe(4);
    expect(Array.from(store.read(1, 2))).toEqual([0x4c, 0x1a]);
    const message = `expected a writable file, but ${path} is open read-only`;
    expect(expectMkError(() => store.write(0, hex('00')), 'READ_ONLY', message).file).toBe(path);
    expectMkError(() => store.truncate(0), 'READ_ONLY', message);
    expectMkError(() => store.sync(), 'READ_ONLY', message);
    store.close();
    store.close();
    expect(fingerprint(path)).toEqual(fp);
  });

  it('TRUNCATED: reading past the end of the file', () => {
    mkdirSync(scratch, { recursive: true });
    const path = join(scratch, 'short.mk');
    writeFileSync(path, hex('01 02 03'));
    const store = new FileByteStore(path);
    const e = expectMkError(() => store.read(1, 8), 'TRUNCATED', 'expected 8 bytes at 1, but short.mk has only 3 bytes');
    expect(e.offset).toBe(1);
    store.close();
  });

  it('IO: a missing file, and use after close', () => {
    const missing = join(scratch, 'missing.mk');
    const e = expectMkError(() => new FileByteStore(missing), 'IO', new RegExp(`^expected to open ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} read-only, but ENOENT`));
    expect(e.file).toBe(missing);
    mkdirSync(scratch, { recursive: true });
    const path = join(scratch, 'closed.mk');
    writeFileSync(path, hex('01'));
    const store = new FileByteStore(path);
    store.close();
    expectMkError(() => store.size(), 'IO', `${path} is closed`);
    expectMkError(() => store.read(0, 1), 'IO', `${path} is closed`);
  });

  it('a writable store writes, truncates and syncs (and create makes the file)', () => {
    mkdirSync(scratch, { recursive: true });
    const path = join(scratch, 'rw.mk');
    rmSync(path, { force: true });
    const store = new FileByteStore(path, { writable: true, create: true });
    store.write(2, hex('aa bb'));
    store.sync();
    expect(store.size()).toBe(4);
    store.truncate(3);
    store.close();
    expect(Array.from(readFileSync(path))).toEqual([0, 0, 0xaa]);
  });
});
