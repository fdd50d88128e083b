/**
 * A commit (c4_SaveContext::SaveIt): pass 1 lays out every dirty column and builds the walks; if the
 * root walk changed, pass 2 writes. Placement is Metakit's (so the bytes match), the order of writes is
 * ours: nothing the current generation uses is touched, and the file always ends in a way that makes
 * a reader see the previous generation until one 8-byte write (the commit tail) switches it, with
 * fsync before and after that switch.
 */
import type { ByteStore } from '../base/byteStore.js';
import { MetakitError } from '../base/errors.js';
import { ByteSink } from '../base/varint.js';
import { encodeHeader, MARK_SIZE } from '../read/header.js';
import { encodeCommitTail, encodeSkipTail } from '../read/tails.js';
import { Allocator } from './allocator.js';
import { Col } from './col.js';
import type { Seq } from './handlers/seq.js';
import { SaveContext, type DiffWriter } from './saveContext.js';

export type CommitMode = 'readwrite' | 'extend';

export interface CommitInput {
  store: ByteStore;
  /** Absolute offset of the header (0 for new files; the prefix length of starkits). */
  base: number;
  mode: CommitMode;
  littleEndian: boolean;
  /** Free-space map S carried across the commits of a read-write session. */
  space: Allocator;
  /** The previous root walk: an identical new one makes the commit a no-op. */
  previousRootWalk: Uint8Array | null;
  /**
   * Relative end of the committed data when the file is longer (trailing data, e.g. the remains of an
   * interrupted commit): its tails are protected too, so a crash leaves the current generation intact.
   */
  logicalEnd?: number;
  /** Write every column (a compacting save into an empty store). */
  fullScan?: boolean;
  /**
   * Write every column (not only the dirty ones) as a new generation after the store's current end,
   * leaving the storage's own column state alone: the flush writes main+aside content into a copy.
   */
  copyAll?: boolean;
  /** fsync around the switch (off only for throwaway in-memory stores). */
  durable?: boolean;
  /** Called as column bytes are written: (bytes so far, bytes in all). */
  onProgress?: (written: number, total: number) => void;
}

export interface CommitOutput {
  /** False for a no-op commit (nothing written). */
  changed: boolean;
  rootWalk: Uint8Array;
  /** The free-space map for the next commit of this session. */
  space: Allocator;
  /** Absolute end of the committed data (unchanged for a no-op). */
  end: number;
  rootPos: number;
  bytesWritten: number;
}

const LIMIT = 0x7fffffff;

function sameBytes(a: Uint8Array | null, b: Uint8Array): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Pass 1 only, into an aside: every dirty column becomes a diff; nothing is written to any file. */
export function commitToAside(root: Seq, differ: DiffWriter, previousRootWalk: Uint8Array | null): { changed: boolean; rootWalk: Uint8Array } {
  const space = new Allocator();
  const sc = new SaveContext(space, space, false, differ);
  differ.beginCommit?.();
  const walk = new ByteSink();
  sc.setWalk(walk);
  sc.commitSequence(root, true);
  sc.setWalk(null);
  const rootWalk = walk.bytes();
  // A delta aside keeps the root walk only as its last diff (all GetRoot reads); Metakit also stores
  // it as a column diff nothing refers to.
  if (differ.finishCommit) return { changed: differ.finishCommit(rootWalk, previousRootWalk), rootWalk };
  const walkCol = new Col(0, rootWalk.length, true);
  sc.commitColumn(walkCol, () => rootWalk);
  if (sameBytes(previousRootWalk, rootWalk)) return { changed: false, rootWalk };
  // The last diff always holds the root walk (c4_Differ::GetRoot reads it from there).
  differ.createDiff(differ.newDiffId(), 0, rootWalk);
  return { changed: true, rootWalk };
}

export function commitToFile(root: Seq, input: CommitInput): CommitOutput {
  const { store, base, mode } = input;
  const fullScan = input.fullScan ?? false;
  const copyAll = input.copyAll ?? false;
  const durable = input.durable ?? true;
  const size = store.size();
  const end = fullScan ? 0 : size - base;
  if (!fullScan && end > 0 && end < 2 * MARK_SIZE) {
    throw new MetakitError('CONFLICT', `expected a committed datafile of at least 16 bytes after the header at ${base}, but found ${end}`, { offset: base });
  }

  const space = input.space;
  if (mode !== 'readwrite' || fullScan) space.reset();
  const next = mode === 'readwrite' && !fullScan ? new Allocator() : space;
  if (mode === 'extend' && end > 0) {
    space.occupy(1, end - 1);
    next.occupy(1, end - 1);
  }
  space.occupy(1, 7);
  next.occupy(1, 7);
  // Trailing data after the committed generation (the leftovers of an interrupted commit end in a
  // chain of markers that leads readers back to it): none of it may be overwritten, nor the real tails
  // before it, or a crash in this commit would leave no readable generation. Metakit only protects the
  // last 16 bytes of the file.
  const logicalEnd = input.logicalEnd ?? end;
  if (!fullScan && logicalEnd >= 16 && logicalEnd < end) {
    space.occupy(logicalEnd - 16, end - logicalEnd + 16);
    next.occupy(logicalEnd - 16, end - logicalEnd + 16);
  }
  if (end > 0) {
    space.occupy(end - 16, 16);
    next.occupy(end - 16, 16);
    space.occupy(end, 8);
    next.occupy(end, 8);
  }

  // Pass 1: placement and walks.
  const sc = new SaveContext(space, next, fullScan || copyAll, null);
  const walk = new ByteSink();
  sc.setWalk(walk);
  let rootWalk: Uint8Array;
  let limit: number;
  const walkCol = new Col();
  try {
    sc.commitSequence(root, true);
    sc.setWalk(null);
    rootWalk = walk.bytes();
    walkCol.reset(rootWalk.length);
    sc.commitColumn(walkCol, () => rootWalk);
    limit = next.limit;
  } catch (e) {
    if (e instanceof RangeError && /allocator/.test(e.message)) limit = LIMIT;
    else throw e;
    rootWalk = walk.bytes();
  }
  if (limit + 16 >= LIMIT || base + limit + 16 >= LIMIT) {
    throw new MetakitError('LIMIT_EXCEEDED', `expected the datafile to stay below 2 GiB (Metakit's 32-bit offsets), but this commit would end at ${base + limit + 16}; nothing was written`, {
      offset: base,
      file: store.name,
    });
  }
  let changed = fullScan || copyAll || !sameBytes(input.previousRootWalk, rootWalk);
  sc.preflight = false;
  if (!fullScan && limit <= 11) {
    // A logically empty storage (root walk 80 80 81) is never written.
    space.reset();
    next.reset();
    changed = false;
  }
  if (!changed) return { changed: false, rootWalk, space, end: base + end, rootPos: -1, bytesWritten: 0 };

  let end0 = end;
  const inPlace = !fullScan && end0 === limit - 8;
  if (inPlace) {
    space.release(end0, 8);
    next.release(end0, 8);
    end0 -= 16;
  } else if (end0 < limit) {
    end0 = limit;
  }
  const end1 = end0 + 8;
  const end2 = end1 + 8;
  space.occupy(end0, 16);
  next.occupy(end0, 16);

  // Pass 2: the same traversal, now collecting the writes at the pass-1 positions.
  sc.commitSequence(root, true);
  sc.commitColumn(walkCol, () => rootWalk);
  const rootPos = walkCol.pos > 0 && !copyAll ? walkCol.pos : limit - rootWalk.length;

  const abs = (rel: number): number => base + rel;
  let written = 0;
  const total = sc.writes.reduce((n, w) => n + w.bytes.length, 0);
  let reported = 0;
  const write = (rel: number, bytes: Uint8Array): void => {
    store.write(abs(rel), bytes);
    written += bytes.length;
    if (input.onProgress && written - reported >= 1 << 20) {
      reported = written;
      input.onProgress(written, total);
    }
  };
  const sync = (): void => {
    if (durable) store.sync();
  };

  if (inPlace) {
    for (const w of sc.writes) write(w.pos, w.bytes);
    // Normally this rewrites the skip tail with the bytes it already holds; after an interrupted
    // commit the file's last 16 bytes are that commit's leftovers and need a real skip tail.
    write(end0, encodeSkipTail(end0));
    sync();
    write(end1, encodeCommitTail(rootWalk.length, rootPos));
    sync();
    if (mode === 'readwrite') {
      write(0, encodeHeader(input.littleEndian, end2));
      sync();
    }
    return { changed: true, rootWalk, space: next, end: abs(end2), rootPos, bytesWritten: written };
  }

  // Growth: first make the file end in a marker that skips everything new, back to the old end, so a
  // reader (or a crash) sees the previous generation until the commit tail replaces that marker.
  write(end1, encodeSkipTail(end1 - end));
  if (end === 0) write(0, encodeHeader(input.littleEndian, end2));
  else write(end, encodeHeader(input.littleEndian, end2 - end, true));
  for (const w of sc.writes) write(w.pos, w.bytes);
  write(end0, encodeSkipTail(end0));
  sync();
  write(end1, encodeCommitTail(rootWalk.length, rootPos));
  sync();
  if (mode === 'readwrite' && end !== 0 && !fullScan) {
    write(0, encodeHeader(input.littleEndian, end2));
    sync();
  }
  return { changed: true, rootWalk, space: next, end: abs(end2), rootPos, bytesWritten: written };
}
