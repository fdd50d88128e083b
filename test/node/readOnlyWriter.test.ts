/**
 * The writer never writes a storage opened read-only: every change (getAs, append, insert, set,
 * delete, setSize, commit) throws MetakitError READ_ONLY before anything changes, whether the file
 * store itself is read-only (openWritableFile mode read: O_RDONLY) or writable; a read-only store cannot
 * be opened for writing at all; and with an aside attached, commits go to the aside while the main
 * file keeps every byte and its mtime.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryByteStore } from '../../engine/core/base/byteStore.js';
import { WritableStorage } from '../../engine/core/write/writableStorage.js';
import type { WritableView } from '../../engine/core/write/writableView.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { openWritableFile } from '../../engine/node/openWritable.js';
import { expectMkError } from '../helpers/bytes.js';
import { ROOT } from '../helpers/cli.js';
import { loadCase } from '../helpers/corpus.js';

const SCRATCH = join(ROOT, '.test-build', 'read-only-writer');
const OLD = new Date('2001-02-03T04:05:06Z');
const CHANGE = /^expected a storage opened readwrite or extend \(or with an aside\) for changes, but data\.mk is open read-only$/;

interface Fingerprint {
  sha: string;
  mtimeMs: number;
  size: number;
}

function fingerprint(path: string): Fingerprint {
  const st = statSync(path);
  return { sha: createHash('sha256').update(readFileSync(path)).digest('hex'), mtimeMs: st.mtimeMs, size: st.size };
}

/** A fresh copy of nested-3 (top[name:S,kids[name:S,n:I,leaves[v:D,tag:S]]]) with an old mtime. */
function copy(name = 'data.mk'): string {
  mkdirSync(SCRATCH, { recursive: true });
  const path = join(SCRATCH, name);
  copyFileSync(loadCase('nested-3').mainPath, path);
  utimesSync(path, OLD, OLD);
  return path;
}

/** Every kind of change, each expected to throw READ_ONLY. */
function everyChangeRefused(db: WritableStorage): number {
  const top = db.view('top');
  const kids: WritableView = top.getView(0, 'kids');
  const attempts: (() => unknown)[] = [
    () => db.getAs('extra[a:I]'),
    () => db.getAs('top[name:S]'),
    () => db.getAs('top'),
    () => top.append({ name: 'new' }),
    () => top.insert(0, 1),
    () => top.set(0, { name: 'changed' }),
    () => top.setValue(1, 'name', 'changed'),
    () => top.delete(0),
    () => top.setSize(0),
    () => kids.append({ name: 'k', n: 1 }),
    () => kids.set(0, { n: 99 }),
    () => db.commit(),
    () => db.commit({ full: true }),
  ];
  for (const attempt of attempts) expectMkError(attempt, 'READ_ONLY', CHANGE);
  // nothing changed in memory either
  expect(top.rowCount).toBe(4);
  expect(top.getString(0, 'name')).toBe('root-a');
  expect(kids.rowCount).toBe(3);
  return attempts.length;
}

beforeEach(() => rmSync(SCRATCH, { recursive: true, force: true }));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe('READ_ONLY: a storage opened read-only refuses every change and changes no byte', () => {
  it('openWritableFile(mode read): the store is O_RDONLY, every change throws, bytes and mtime stay', () => {
    const path = copy();
    const before = fingerprint(path);
    const db = openWritableFile(path, { mode: 'read' });
    expect(db.store.writable).toBe(false);
    expect(everyChangeRefused(db)).toBe(13);
    // reading still works
    expect(db.view('top').getView(2, 'kids').getString(0, 'name')).toBe('c1');
    db.close();
    expect(fingerprint(path)).toEqual(before);
  });

  it('WritableStorage.open(writable FileByteStore, mode read): refused too, the file is not written', () => {
    const path = copy();
    const before = fingerprint(path);
    const db = WritableStorage.open(new FileByteStore(path, { writable: true }), { mode: 'read' });
    expect(db.store.writable).toBe(true);
    everyChangeRefused(db);
    db.close();
    expect(fingerprint(path)).toEqual(before);
  });

  it('a read-only store cannot be opened readwrite or extend (READ_ONLY at open), and the file stays', () => {
    const path = copy();
    const before = fingerprint(path);
    for (const mode of ['readwrite', 'extend'] as const) {
      const store = new FileByteStore(path);
      const e = expectMkError(() => WritableStorage.open(store, { mode }), 'READ_ONLY', `expected a writable file for mode ${mode}, but data.mk is read-only`);
      expect(e.file).toBe('data.mk');
      store.close();
    }
    const memory = new MemoryByteStore(readFileSync(path), { writable: false, name: 'mem.mk' });
    expectMkError(() => WritableStorage.open(memory, { mode: 'readwrite' }), 'READ_ONLY', 'expected a writable file for mode readwrite, but mem.mk is read-only');
    expect(fingerprint(path)).toEqual(before);
  });

  it('the read-only FileByteStore under a read-mode storage refuses raw writes, truncation and sync', () => {
    const path = copy();
    const before = fingerprint(path);
    const db = openWritableFile(path, { mode: 'read' });
    const message = `expected a writable file, but ${path} is open read-only`;
    expectMkError(() => db.store.write(0, new Uint8Array([0])), 'READ_ONLY', message);
    expectMkError(() => db.store.truncate(0), 'READ_ONLY', message);
    expectMkError(() => db.store.sync(), 'READ_ONLY', message);
    db.close();
    expect(fingerprint(path)).toEqual(before);
  });

  it('with an aside attached, the read-only main takes changes into the aside and keeps every byte', () => {
    mkdirSync(SCRATCH, { recursive: true });
    const main = join(SCRATCH, 'main.mk');
    const aside = join(SCRATCH, 'aside.mka');
    copyFileSync(loadCase('aside-0-init').mainPath, main);
    copyFileSync(join(loadCase('aside-0-init').dir, 'aside.mka'), aside);
    utimesSync(main, OLD, OLD);
    const before = fingerprint(main);
    const asideSize = statSync(aside).size;
    for (let i = 0; i < 3; i++) {
      const db = openWritableFile(main, { mode: 'read' });
      const dba = openWritableFile(aside, { mode: 'extend' });
      db.setAside(dba);
      db.view('a').append({ i: `row ${i}` });
      expect(db.commit()).toBe(true);
      expect(dba.commit()).toBe(true);
      db.close();
      dba.close();
    }
    expect(fingerprint(main)).toEqual(before);
    expect(statSync(aside).size).toBeGreaterThan(asideSize);
    const check = openWritableFile(main, { mode: 'read' });
    const checkAside = openWritableFile(aside, { mode: 'read' });
    check.setAside(checkAside);
    const a = check.view('a');
    expect(a.getString(a.rowCount - 1, 'i')).toBe('row 2');
    check.close();
    checkAside.close();
    expect(fingerprint(main)).toEqual(before);
  });
});
