/**
 * Whole-file checking and recovery: read every column of every view (the reader validates as it goes),
 * look at the tails, the generation chain and overlapping ranges; and find the newest generation of a
 * torn or cut file that still reads completely, to copy it out.
 */
import type { ByteStore } from './byteStore.js';
import { dumpStorage } from './dump.js';
import { isMetakitError, type MetakitErrorCode } from './errors.js';
import type { ReadAt } from './fileMark.js';
import { walkChain } from './history.js';
import { computeStats } from './stats.js';
import { findHeaders, Storage } from './storage.js';

export interface CheckProblem {
  severity: 'error' | 'warning';
  code: MetakitErrorCode | 'OVERLAP' | 'TORN_GENERATION' | 'TRAILING_DATA';
  message: string;
}

export interface CheckReport {
  ok: boolean;
  problems: CheckProblem[];
  views: Record<string, number>;
  generations: number;
  /** Where `recover` would cut the file, when the current generation is not readable. */
  recoverable: RecoveryCandidate | null;
}

export interface RecoveryCandidate {
  base: number;
  end: number;
  /** Which evidence found it. */
  source: 'current' | 'chain';
  rows: Record<string, number>;
}

function readAtOf(store: ByteStore): ReadAt {
  const size = store.size();
  return (pos, len) => (pos < 0 || pos + len > size ? null : store.read(pos, len));
}

/** Reads every cell (the dump does exactly that), discarding the text. */
function readEverything(s: Storage): void {
  dumpStorage(s, { main: s.store.name, mainSize: 0 }, () => {});
}

function rowsOf(s: Storage): Record<string, number> {
  return Object.fromEntries(s.viewNames().map((n) => [n, s.view(n).rowCount]));
}

function fullyReadable(store: ByteStore, end: number): Storage | null {
  try {
    const s = Storage.open(store, { end });
    readEverything(s);
    return s;
  } catch (e) {
    if (isMetakitError(e)) return null;
    throw e;
  }
}

/** The newest generation that opens and reads completely: the current one, else one on a chain. */
export function findRecoverable(store: ByteStore): RecoveryCandidate | null {
  const size = store.size();
  const current = fullyReadable(store, size);
  if (current) return { base: current.info.base, end: current.info.end, source: 'current', rows: rowsOf(current) };
  const readAt = readAtOf(store);
  const ends: { base: number; end: number }[] = [];
  for (const base of findHeaders(readAt, size, 8)) {
    for (const g of walkChain(readAt, base, size)) if (g.intact) ends.push({ base, end: g.end });
  }
  ends.sort((a, b) => b.end - a.end);
  for (const c of ends) {
    const s = fullyReadable(store, c.end);
    if (s) return { base: s.info.base, end: c.end, source: 'chain', rows: rowsOf(s) };
  }
  return null;
}

export function checkFile(store: ByteStore, aside?: ByteStore): CheckReport {
  const problems: CheckProblem[] = [];
  let views: Record<string, number> = {};
  let generations = 0;
  let storage: Storage | null = null;
  try {
    const asideStorage = aside ? Storage.open(aside) : undefined;
    storage = Storage.open(store, { aside: asideStorage });
    views = rowsOf(storage);
    readEverything(storage);
    const stats = computeStats(storage);
    generations = stats.main.chainGenerations;
    if (stats.main.overlaps > 0) problems.push({ severity: 'error', code: 'OVERLAP', message: `${stats.main.overlaps} referenced column ranges overlap (Metakit's allocator would corrupt data on the next read-write commit)` });
    if (storage.info.trailing > 0) {
      problems.push({ severity: 'warning', code: 'TRAILING_DATA', message: `${storage.info.trailing} bytes follow the last commit (trailing data, or the remains of an interrupted commit); they are ignored` });
    }
    if (!storage.info.empty && !storage.info.oldFormat) {
      const torn = walkChain(readAtOf(store), storage.info.base, storage.info.end).filter((g) => !g.intact);
      for (const g of torn) problems.push({ severity: 'warning', code: 'TORN_GENERATION', message: `a commit ending at ${g.end} never completed (its tails are not intact); later commits are fine` });
    }
  } catch (e) {
    if (!isMetakitError(e)) throw e;
    problems.push({ severity: 'error', code: e.code, message: e.message + (e.path ? ` (at ${e.path})` : '') });
  } finally {
    storage?.close();
  }
  const ok = problems.every((p) => p.severity !== 'error');
  return { ok, problems, views, generations, recoverable: ok ? null : findRecoverable(store) };
}
