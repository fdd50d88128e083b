/**
 * WritableStorage's `asideFullCommit: 'metakit'` (what `mkinspect replay` uses): the seed's
 * `db.commit(1)` with the aside attached, written through the engine API, gives exactly the bytes
 * Metakit 2.4.9.8 wrote for it (test/fixtures/replay-scenarios/seed-1-*): a main file that refers
 * into the aside and an aside left as it was. Without the option the same call is the real flush.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryByteStore } from '../../engine/core/base/byteStore.js';
import { Storage } from '../../engine/core/read/storage.js';
import { WritableStorage, type WritableOpenOptions } from '../../engine/core/write/writableStorage.js';
import { REPLAY_SCENARIOS_DIR } from '../helpers/corpus.js';

const fixture = (name: string, file: string): Buffer => readFileSync(join(REPLAY_SCENARIOS_DIR, name, file));

/** The two files between sessions; a session works on copies and keeps what it leaves in them. */
class Files {
  main: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  aside: Uint8Array<ArrayBufferLike> = new Uint8Array(0);

  /** Opens main (and the aside, attached, when `modes.aside` is given) like the seed's storages. */
  open(modes: { main: WritableOpenOptions['mode']; aside?: WritableOpenOptions['mode'] }, options: WritableOpenOptions = {}): { db: WritableStorage; dba: WritableStorage | null; stores: MemoryByteStore[] } {
    const stores = [new MemoryByteStore(this.main), new MemoryByteStore(this.aside)] as const;
    const db = WritableStorage.open(stores[0], { mode: modes.main, durable: false, asideDiffs: 'whole', ...options });
    const dba = modes.aside ? WritableStorage.open(stores[1], { mode: modes.aside, durable: false }) : null;
    if (dba) db.setAside(dba);
    return { db, dba, stores: [...stores] };
  }

  /** Runs `work`, then keeps the bytes (Mk4py storages do not commit when they are deleted). */
  session(modes: { main: WritableOpenOptions['mode']; aside?: WritableOpenOptions['mode'] }, work: (db: WritableStorage, dba: WritableStorage | null) => void, options: WritableOpenOptions = {}): void {
    const { db, dba, stores } = this.open(modes, options);
    work(db, dba);
    this.main = (stores[0] as MemoryByteStore).bytes();
    this.aside = (stores[1] as MemoryByteStore).bytes();
  }
}

/** The seed up to its first "empty aside into main" (seed-1-round): init, then one round in the aside. */
function seedRound(): Files {
  const f = new Files();
  f.session({ main: 'readwrite' }, (db) => {
    db.getAs('a[i:S]');
    db.commit();
  });
  f.session({ main: 'read', aside: 'extend' }, (db, dba) => {
    db.view('a').append({ i: 'run 1 row 1' });
    db.view('a').append({ i: 'run 1 row 2' });
    db.commit();
    dba?.commit();
  });
  return f;
}

function rowsOf(main: Uint8Array, aside?: Uint8Array): string[] {
  const a = aside ? Storage.open(new MemoryByteStore(aside, { writable: false })) : undefined;
  const s = Storage.open(new MemoryByteStore(main, { writable: false }), { aside: a });
  try {
    const v = s.view('a');
    return Array.from({ length: v.rowCount }, (_, r) => v.getString(r, 'i'));
  } finally {
    s.close();
  }
}

describe("asideFullCommit: 'metakit' — the seed's commit(1) with the aside attached", () => {
  it('the round before it is Metakit\'s (seed-1-round)', () => {
    const f = seedRound();
    expect(Buffer.from(f.main).equals(fixture('seed-1-round', 'test.mk'))).toBe(true);
    expect(Buffer.from(f.aside).equals(fixture('seed-1-round', 'test.mka'))).toBe(true);
  });

  it('writes Metakit\'s main file and leaves the aside as it was (seed-1-flush-main, seed-1-flush-both)', () => {
    const f = seedRound();
    const asideBefore = f.aside.slice();
    let changed = false;
    f.session({ main: 'readwrite', aside: 'readwrite' }, (db) => {
      changed = db.commit({ full: true });
    }, { asideFullCommit: 'metakit' });
    expect(changed).toBe(true);
    expect(Buffer.from(f.main).equals(fixture('seed-1-flush-main', 'test.mk'))).toBe(true);
    expect(Buffer.from(f.aside).equals(asideBefore)).toBe(true);
    expect(Buffer.from(f.aside).equals(fixture('seed-1-flush-both', 'test.mka'))).toBe(true);
    // Alone the main file is refused (Metakit crashes on it); with its aside it has both rows.
    expect(() => rowsOf(f.main)).toThrow(expect.objectContaining({ code: 'ASIDE_MISSING' }));
    expect(rowsOf(f.main, f.aside)).toEqual(['run 1 row 1', 'run 1 row 2']);
  });

  it('the storage goes on committing into the aside as Metakit\'s does (seed-1-after)', () => {
    const f = seedRound();
    f.session({ main: 'readwrite', aside: 'readwrite' }, (db) => void db.commit({ full: true }), { asideFullCommit: 'metakit' });
    f.session({ main: 'read', aside: 'extend' }, (db, dba) => {
      db.view('a').append({ i: 'run 1 row 3' });
      db.view('a').append({ i: 'run 1 row 4' });
      db.commit();
      dba?.commit();
    });
    expect(Buffer.from(f.main).equals(fixture('seed-1-after', 'test.mk'))).toBe(true);
    expect(Buffer.from(f.aside).equals(fixture('seed-1-after', 'test.mka'))).toBe(true);
  });

  it('refuses on a main storage opened read-only, as Metakit\'s commit fails there; nothing is written', () => {
    const f = seedRound();
    const { db, stores } = f.open({ main: 'read', aside: 'readwrite' }, { asideFullCommit: 'metakit' });
    expect(() => db.commit({ full: true })).toThrow(expect.objectContaining({ code: 'READ_ONLY' }));
    expect(stores.map((s, i) => Buffer.from(s.bytes()).equals(i === 0 ? f.main : f.aside))).toEqual([true, true]);
  });

  it('without the option the same call is the real flush: main alone holds both rows, the aside none', () => {
    const f = seedRound();
    f.session({ main: 'readwrite', aside: 'readwrite' }, (db) => void db.commit({ full: true }));
    expect(rowsOf(f.main)).toEqual(['run 1 row 1', 'run 1 row 2']);
    const aside = Storage.open(new MemoryByteStore(f.aside, { writable: false }));
    expect(aside.view('_C').rowCount).toBe(0);
    aside.close();
  });
});
