/**
 * Compact saves of a writable storage's content (c4_Storage::SaveTo), and the flush of storages that
 * live in memory (files have the crash-safe flush of engine/node).
 */
import { DIFF_LAYOUT } from '../aside/asideDiffs.js';
import { MemoryByteStore, type ByteStore } from '../base/byteStore.js';
import { Allocator } from './allocator.js';
import { commitToFile } from './commit.js';
import type { Seq } from './handlers/seq.js';

/** Writes the content of `root` compactly into the empty store `target`, as a full-scan commit; returns its end. */
export function saveCompact(root: Seq, littleEndian: boolean, target: ByteStore, durable: boolean): number {
  const out = commitToFile(root, { store: target, base: 0, mode: 'readwrite', littleEndian, space: new Allocator(), previousRootWalk: null, fullScan: true, durable });
  return out.end;
}

/** What the flush without files reads and replaces of a writable storage (a WritableStorage). */
export interface InMemoryFlushable {
  readonly store: ByteStore;
  /** The storage of the attached aside, if any. */
  readonly asideStorage: InMemoryFlushable | null;
  readonly rootSeq: Seq;
  readonly byteOrderLittle: boolean;
  replaceStore(store: ByteStore): void;
}

/** A fresh writable storage on an empty store, as the flush writes the new empty aside with it. */
export interface EmptyStorage {
  getAs(description: string): unknown;
  commit(): unknown;
}

/**
 * Flush without files (memory stores): the content of main + aside becomes the main store's only
 * generation and the aside store an empty aside. Not crash-safe: nothing in memory is.
 * `openEmpty` opens a fresh writable storage on an empty store (the new aside is written with it).
 */
export function flushInMemory(main: InMemoryFlushable, openEmpty: (store: ByteStore) => EmptyStorage): void {
  const aside = main.asideStorage;
  if (!aside) return;
  const copy = new MemoryByteStore();
  saveCompact(main.rootSeq, main.byteOrderLittle, copy, false);
  const bytes = copy.bytes();
  main.store.truncate(0);
  main.store.write(0, bytes);
  const empty = new MemoryByteStore();
  const fresh = openEmpty(empty);
  fresh.getAs(DIFF_LAYOUT);
  fresh.commit();
  aside.store.truncate(0);
  aside.store.write(0, empty.bytes());
  aside.replaceStore(aside.store);
  main.replaceStore(main.store);
}
