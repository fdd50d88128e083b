/**
 * The real flush: main + aside become one compact main file and an empty aside, with no moment at
 * which a crash leaves an unreadable or incomplete pair.
 *
 *  1. copy the main file and append to the copy a generation holding all of main + aside (the old
 *     bytes stay, so the old aside still reads correctly against it); fsync; verify it alone;
 *  2. write an empty aside; fsync;
 *  3. rename the copy over the main file, then the empty aside over the aside (each rename atomic,
 *     directory fsynced). Between the two renames the pair is new main + old aside, which reads the
 *     same content as before;
 *  4. compact: write the main file's content alone into a fresh file, verify, rename it over main.
 *
 * Metakit's own "commit full with an aside" is not a flush: it leaves references into the aside in the
 * main file (which then crashes it when read alone) and leaves the aside unchanged.
 */
import { closeSync, copyFileSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DIFF_LAYOUT } from '../core/aside/asideDiffs.js';
import { cellCount, firstDifference } from '../core/analysis/firstDifference.js';
import { MetakitError } from '../core/base/errors.js';
import { Storage } from '../core/read/storage.js';
import { Allocator } from '../core/write/allocator.js';
import { commitToFile } from '../core/write/commit.js';
import { WritableStorage } from '../core/write/writableStorage.js';
import { FileByteStore } from './fileByteStore.js';
import { flushTempName, logSweep, sweepDebris, type DebrisSweep } from './flushDebris.js';

export type FlushPhase = 'prepare' | 'write' | 'verify' | 'aside' | 'swap' | 'compact' | 'verify-compact' | 'done';

export interface FlushProgress {
  phase: FlushPhase;
  /** Bytes written so far in this phase, and in all (when known). */
  written: number;
  total: number;
  /** Cells (rows × properties of the top-level views) compared so far, and in all (verify phases). */
  cellsDone?: number;
  cells?: number;
}

export interface FlushOptions {
  /** Aborts before the swap (afterwards the flush finishes: the files are already consistent). */
  signal?: AbortSignal;
  onProgress?: (p: FlushProgress) => void;
  /** Called right before the first rename; returning false cancels (e.g. a reader arrived). */
  beforeSwap?: () => boolean;
  /** Skip the compaction step (the main file then keeps its old bytes as dead space). */
  compact?: boolean;
  /**
   * First remove what killed processes left next to the files (default true): flush temp files whose
   * owner is gone and stale registry entries, logged in the action log.
   */
  sweep?: boolean;
}

export interface FlushResult {
  mainBefore: number;
  asideBefore: number;
  mainAfter: number;
  asideAfter: number;
  /** Rows per view after the flush (verified). */
  rows: Record<string, number>;
  ms: number;
  /** What the flush removed before it started (null when it did not sweep). */
  swept: DebrisSweep | null;
}

export class FlushCancelled extends Error {}

function fsyncDir(path: string): void {
  try {
    const fd = openSync(dirname(path), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}

function abortedBeforeSwap(): MetakitError {
  return new MetakitError('ABORTED', 'flush aborted before the swap: nothing was changed');
}

function checkAbort(signal: AbortSignal | undefined, temps: string[]): void {
  if (signal?.aborted) {
    for (const t of temps) rmSync(t, { force: true });
    throw abortedBeforeSwap();
  }
}

/**
 * Compares the file at `path` with `expected`, reporting the cells compared; an abort seen between
 * reports stops it (the verify of millions of rows takes seconds, and the flush is still cancellable).
 */
function verify(path: string, expected: WritableStorage, phase: FlushPhase, report: (p: FlushProgress) => void, signal?: AbortSignal): Record<string, number> {
  const written = Storage.open(new FileByteStore(path));
  try {
    const names = expected.viewNames();
    report({ phase, written: 0, total: 0, cellsDone: 0, cells: cellCount(expected) });
    const diff = firstDifference(written, expected, (cellsDone, cells) => {
      if (signal?.aborted) throw abortedBeforeSwap();
      report({ phase, written: 0, total: 0, cellsDone, cells });
    });
    if (diff) throw new MetakitError('CONFLICT', `expected the flushed file to hold exactly main + aside, but ${diff}; nothing was replaced`, { file: path });
    return Object.fromEntries(names.map((n) => [n, written.view(n).rowCount]));
  } finally {
    written.close();
  }
}

function storePath(storage: WritableStorage, role: string): string {
  const store = storage.store;
  if (!(store instanceof FileByteStore)) throw new TypeError(`flush needs the ${role} storage on a file`);
  return store.path;
}

/** The new files, written and verified, waiting for the swap. */
export interface PreparedFlush {
  readonly main: WritableStorage;
  readonly aside: WritableStorage;
  readonly mainPath: string;
  readonly asidePath: string;
  readonly rows: Record<string, number>;
  /** What was removed before the flush started (null when it did not sweep). */
  readonly swept: DebrisSweep | null;
  /** Removes the temporary files (after a cancelled or failed swap). */
  cancel(): void;
  /** Internal state of the two-step flush. */
  readonly staged: string;
  readonly emptyAside: string;
  readonly mainBefore: number;
  readonly asideBefore: number;
  readonly started: number;
}

/**
 * Steps 1 and 2: writes and verifies the new main (old bytes + one generation with everything,
 * including changes not yet committed) and an empty aside. Nothing visible changes.
 */
export function prepareFlush(main: WritableStorage, options: FlushOptions = {}): PreparedFlush {
  const started = performance.now();
  const aside = main.asideStorage;
  if (!aside) throw new MetakitError('ASIDE_MISSING', `expected an aside attached to ${main.name} to flush, but there is none`, { file: main.name });
  const mainPath = storePath(main, 'main');
  const asidePath = storePath(aside, 'aside');
  const report = options.onProgress ?? (() => {});
  // Stale registry entries never block a flush (the guard does not count them); they go here too.
  const swept = options.sweep === false ? null : sweepDebris([mainPath, asidePath]);
  if (swept) logSweep({ main: mainPath, aside: asidePath }, swept, 'before a flush');
  const mainBefore = statSync(mainPath).size;
  const asideBefore = statSync(asidePath).size;
  const staged = flushTempName(mainPath, 'flush');
  const emptyAside = flushTempName(asidePath, 'flush');
  const temps = [staged, emptyAside];
  const cancel = (): void => {
    for (const t of temps) rmSync(t, { force: true });
  };
  try {
    report({ phase: 'prepare', written: 0, total: 0 });
    copyFileSync(mainPath, staged);
    const store = new FileByteStore(staged, { writable: true });
    try {
      const out = commitToFile(main.rootSeq, {
        store, base: main.baseOffset, mode: 'extend', littleEndian: main.byteOrderLittle, space: new Allocator(),
        previousRootWalk: null, copyAll: true, onProgress: (w, t) => report({ phase: 'write', written: w, total: t }),
      });
      report({ phase: 'write', written: out.bytesWritten, total: out.bytesWritten });
    } finally {
      store.close();
    }
    checkAbort(options.signal, temps);
    const rows = verify(staged, main, 'verify', report, options.signal);
    checkAbort(options.signal, temps);
    const fresh = WritableStorage.open(new FileByteStore(emptyAside, { writable: true, create: true }), { mode: 'readwrite' });
    fresh.getAs(DIFF_LAYOUT);
    fresh.commit();
    fresh.close();
    report({ phase: 'aside', written: statSync(emptyAside).size, total: statSync(emptyAside).size });
    checkAbort(options.signal, temps);
    return { main, aside, mainPath, asidePath, rows, swept, cancel, staged, emptyAside, mainBefore, asideBefore, started };
  } catch (e) {
    cancel();
    throw e;
  }
}

/** Steps 3 and 4: the swap (main first, then the aside), then compaction. */
export function completeFlush(p: PreparedFlush, options: FlushOptions = {}): FlushResult {
  const report = options.onProgress ?? (() => {});
  if (options.signal?.aborted) {
    p.cancel();
    throw abortedBeforeSwap();
  }
  report({ phase: 'swap', written: 0, total: 0 });
  try {
    renameSync(p.staged, p.mainPath);
  } catch (e) {
    p.cancel();
    throw e;
  }
  fsyncDir(p.mainPath);
  renameSync(p.emptyAside, p.asidePath);
  fsyncDir(p.asidePath);
  p.aside.replaceStore(new FileByteStore(p.asidePath, { writable: p.aside.mode !== 'read' }));
  p.main.replaceStore(new FileByteStore(p.mainPath, { writable: p.main.mode !== 'read' }));
  if (options.compact !== false) compactFile(p.main, report);
  report({ phase: 'done', written: 0, total: 0 });
  return {
    mainBefore: p.mainBefore, asideBefore: p.asideBefore, mainAfter: statSync(p.mainPath).size, asideAfter: statSync(p.asidePath).size,
    rows: p.rows, ms: performance.now() - p.started, swept: p.swept,
  };
}

/**
 * Flushes the aside attached to `main` (a WritableStorage on a file, with an aside on a file) into the
 * main file, including changes not yet committed. Afterwards both storages read the new files.
 */
export function flushWritable(main: WritableStorage, options: FlushOptions = {}): FlushResult {
  const p = prepareFlush(main, options);
  if (options.beforeSwap && !options.beforeSwap()) {
    p.cancel();
    throw new FlushCancelled('flush cancelled before the swap: other processes hold the files');
  }
  return completeFlush(p, options);
}

/** Rewrites a main file (no aside references left) compactly: temp, fsync, verify, rename. */
function compactFile(main: WritableStorage, report: (p: FlushProgress) => void): void {
  const mainPath = storePath(main, 'main');
  const compact = flushTempName(mainPath, 'compact');
  try {
    const base = main.baseOffset;
    const store = new FileByteStore(compact, { writable: true, create: true });
    try {
      if (base > 0) store.write(0, main.store.read(0, base));
      commitToFile(main.rootSeq, {
        store, base, mode: 'readwrite', littleEndian: main.byteOrderLittle, space: new Allocator(), previousRootWalk: null,
        fullScan: true, onProgress: (w, t) => report({ phase: 'compact', written: w, total: t }),
      });
    } finally {
      store.close();
    }
    verify(compact, main, 'verify-compact', report);
    renameSync(compact, mainPath);
    fsyncDir(mainPath);
    main.replaceStore(new FileByteStore(mainPath, { writable: main.mode !== 'read' }));
  } catch (e) {
    rmSync(compact, { force: true });
    throw e;
  }
}

/** Opens MAIN + ASIDE and flushes them (the CLI's and the app's entry point). */
export function flushFiles(mainPath: string, asidePath: string, options: FlushOptions = {}): FlushResult {
  const aside = WritableStorage.open(new FileByteStore(asidePath), { mode: 'read' });
  const main = WritableStorage.open(new FileByteStore(mainPath), { mode: 'read' });
  try {
    main.setAside(aside);
    return flushWritable(main, options);
  } finally {
    main.close();
    aside.close();
  }
}
