/**
 * Whole-file checking: read every column of every view (the reader validates as it goes), look at the
 * tails, the generation chain and overlapping ranges; say which file a problem is in and where, and
 * which generation still reads completely (what `recover` would write). With an aside, also whether
 * the main file alone reads and which aside generation still reads with it.
 *
 * The stores belong to the caller: checking never closes them (closing a storage closes its stores,
 * and the recovery search after a failed read needs the same handles).
 */
import type { ByteStore } from '../base/byteStore.js';
import { isMetakitError } from '../base/errors.js';
import type { MetakitError, MetakitErrorCode } from '../base/errors.js';
import { walkChain } from '../read/chain.js';
import { Storage, type OpenOptions } from '../read/storage.js';
import { placeColumn, placeInAside, placeReference } from './problemPlace.js';
import {
  findRecoverable, newestReadableAside, readAtOf, readState, rowsOf, type FileRole, type RecoveryCandidate,
} from './recovery.js';
import { computeStats } from './stats.js';

export type { FileRole, RecoveryCandidate } from './recovery.js';

export interface CheckProblem {
  severity: 'error' | 'warning';
  code: MetakitErrorCode | 'OVERLAP' | 'TORN_GENERATION' | 'TRAILING_DATA' | 'UNKNOWN_TYPE';
  message: string;
  /** The file the problem is in. */
  file: FileRole;
  /** That file's name. */
  name: string;
  /** Absolute byte offset in that file the problem is about (for a reference out of range: where it points); null when the reader could not place it. */
  offset: number | null;
  /** View/property path, when the problem is in a column. */
  path?: string;
}

export interface AsideVerdict {
  name: string;
  /** The aside opens and reads completely as a datafile of its own. */
  asideAlone: 'reads' | 'damaged';
  /**
   * The main file without the aside: reads completely, is damaged, or refers to aside diffs (it was
   * committed through the aside and cannot be read without one).
   */
  mainAlone: 'reads' | 'damaged' | 'needs-aside';
  /** The newest aside generation that reads completely with the main file as it is. */
  readsWithMain: RecoveryCandidate | null;
}

export interface CheckReport {
  /** No error-severity problem. */
  ok: boolean;
  /** The current state (the main file, through the aside if one is given) opens and reads completely: `dump` reads it. */
  readable: boolean;
  problems: CheckProblem[];
  /** Rows per view of the current state (what was read before a problem stopped the read). */
  views: Record<string, number>;
  generations: number;
  /** What `recover` writes, when there is an error: the newest state that reads completely. */
  recoverable: RecoveryCandidate | null;
  /** Only with an aside. */
  aside: AsideVerdict | null;
}

export interface CheckOptions {
  limits?: OpenOptions['limits'];
}

interface Stores {
  main: ByteStore;
  aside: ByteStore | undefined;
}

/** Which file an error belongs to: the one it names, else the one whose read failed. */
function roleOf(e: MetakitError, stores: Stores, fallback: FileRole): FileRole {
  if (!stores.aside || e.file === undefined) return fallback;
  const names = (s: ByteStore): string[] => [s.name, ...('path' in s && typeof s.path === 'string' ? [s.path] : [])];
  if (names(stores.aside).includes(e.file)) return 'aside';
  if (names(stores.main).includes(e.file)) return 'main';
  return fallback;
}

/**
 * The report line of an error. `fallback` is the file whose read failed. Errors the reader could not
 * place are placed here (problemPlace.ts): for a read of the pair, an error without a position in the
 * main file (offset -1, or none) came from data assembled from the aside's diffs and is placed at
 * those diff bytes in the aside; a reference to a missing diff at the walk that holds it.
 */
export function problemOf(e: MetakitError, stores: Stores, fallback: FileRole, limits?: CheckOptions['limits']): CheckProblem {
  let file = roleOf(e, stores, fallback);
  let offset = e.offset !== undefined && e.offset >= 0 ? e.offset : null;
  if (offset === null && e.code === 'ASIDE_MISSING') {
    // A file read alone that refers to aside diffs: placed at its walk that names the diff.
    offset = placeReference(e, file === 'aside' && stores.aside ? stores.aside : stores.main, undefined, limits);
  } else if (offset === null && stores.aside && fallback === 'main') {
    const inAside = placeInAside(e, stores.main, stores.aside, limits);
    if (inAside !== null || (e.offset !== undefined && e.offset < 0)) file = 'aside';
    if (inAside !== null) offset = inAside;
    else if (e.code === 'ASIDE_MISMATCH') {
      // A diff id the aside does not have: placed at the main file's walk that names it.
      offset = placeReference(e, stores.main, stores.aside, limits);
      if (offset !== null) file = 'main';
    }
  }
  if (offset === null && file === fallback) {
    // The file whose read failed: its property's column (a main file read through the aside is the pair).
    offset = file === 'aside' && stores.aside ? placeColumn(e, stores.aside, undefined, limits) : placeColumn(e, stores.main, stores.aside, limits);
  }
  const store = file === 'aside' ? (stores.aside as ByteStore) : stores.main;
  return {
    severity: 'error', code: e.code, message: e.message, file, name: store.name, offset, ...(e.path ? { path: e.path } : {}),
  };
}

/** Problems a readable storage may still have: overlaps, trailing data, torn commits on its chains. */
function structuralProblems(storage: Storage, stores: Stores): { problems: CheckProblem[]; generations: number } {
  const problems: CheckProblem[] = [];
  const stats = computeStats(storage);
  const files: [FileRole, Storage, ByteStore][] = [['main', storage, stores.main]];
  if (storage.aside && stores.aside) files.push(['aside', storage.aside, stores.aside]);
  for (const [file, s, store] of files) {
    const stat = file === 'main' ? stats.main : stats.aside;
    const name = store.name;
    if (stat && stat.overlaps > 0) {
      problems.push({ severity: 'error', code: 'OVERLAP', file, name, offset: stat.firstOverlap, message: `${stat.overlaps} referenced column ranges of ${name} overlap (Metakit's allocator would corrupt data on the next read-write commit)` });
    }
    if (s.info.trailing > 0) {
      problems.push({ severity: 'warning', code: 'TRAILING_DATA', file, name, offset: s.info.end, message: `${s.info.trailing} bytes follow the last commit of ${name} (trailing data, or the remains of an interrupted commit); they are ignored` });
    }
    if (!s.info.empty && !s.info.oldFormat) {
      const torn = walkChain(readAtOf(store), s.info.base, s.info.end).filter((g) => !g.intact);
      for (const g of torn) problems.push({ severity: 'warning', code: 'TORN_GENERATION', file, name, offset: g.end, message: `a commit of ${name} ending at ${g.end} never completed (its tails are not intact); later commits are fine` });
    }
  }
  // Metakit reads a type letter it does not know as an int, and so do we; say so, it is not damage.
  // Placed at the root walk, which holds the structure description (the aside's, when it supplies it).
  const fromAside = storage.info.rootFromAside && storage.aside !== null && stores.aside !== undefined;
  const described = fromAside ? (storage.aside as Storage).info : storage.info;
  for (const u of stats.unknownTypes) {
    problems.push({ severity: 'warning', code: 'UNKNOWN_TYPE', file: fromAside ? 'aside' : 'main', name: (fromAside ? stores.aside as ByteStore : stores.main).name, offset: described.base + described.rootPos, path: u.path, message: `property ${u.path} has the type letter ${u.storedType}, which Metakit does not know; it is read as an int (${u.readAs}), as Metakit reads it` });
  }
  return { problems, generations: stats.main.chainGenerations };
}

/** With an aside: how each file reads on its own and which aside generation reads with the main. */
function judgeAside(stores: Stores & { aside: ByteStore }, limits: CheckOptions['limits']): { verdict: AsideVerdict; own: CheckProblem[] } {
  const own: CheckProblem[] = [];
  const aside = readState(stores.aside, { limits });
  if (!aside.ok) own.push(problemOf(aside.error, stores, 'aside'));
  const main = readState(stores.main, { limits });
  const mainAlone = main.ok ? 'reads' : main.error.code === 'ASIDE_MISSING' ? 'needs-aside' : 'damaged';
  if (!main.ok && mainAlone === 'damaged') own.push(problemOf(main.error, { main: stores.main, aside: undefined }, 'main'));
  const verdict: AsideVerdict = {
    name: stores.aside.name, asideAlone: aside.ok ? 'reads' : 'damaged', mainAlone,
    readsWithMain: newestReadableAside(stores.main, stores.aside, limits),
  };
  return { verdict, own };
}

function sameProblem(a: CheckProblem, b: CheckProblem): boolean {
  return a.code === b.code && a.message === b.message;
}

/**
 * The problems behind an error of the pair read. An error that names no file may come from either
 * file: when a file read alone failed, its own error (in its own offsets) explains it instead.
 */
function explain(e: MetakitError, stores: Stores, own: readonly CheckProblem[], limits: CheckOptions['limits']): CheckProblem[] {
  if (own.length > 0 && e.file === undefined) return [...own];
  const problem = problemOf(e, stores, 'main', limits);
  return own.some((p) => sameProblem(p, problem)) ? [...own] : [problem, ...own];
}

export function checkFile(store: ByteStore, aside?: ByteStore, options: CheckOptions = {}): CheckReport {
  const stores: Stores = { main: store, aside };
  const problems: CheckProblem[] = [];
  let views: Record<string, number> = {};
  let generations = 0;
  // `dump` depth: the report's `readable` says exactly whether dump reads the files.
  const current = readState(store, { aside, limits: options.limits, depth: 'dump' });
  const judged = aside ? judgeAside({ main: store, aside }, options.limits) : null;
  const own = judged?.own ?? [];
  if (current.ok) {
    views = rowsOf(current.storage);
    try {
      const found = structuralProblems(current.storage, stores);
      problems.push(...found.problems);
      generations = found.generations;
    } catch (e) {
      if (!isMetakitError(e)) throw e;
      problems.push(...explain(e, stores, own, options.limits));
    }
  } else {
    problems.push(...explain(current.error, stores, own, options.limits));
    views = partialRows(store, aside, options.limits);
  }
  const ok = problems.every((p) => p.severity !== 'error');
  return {
    ok, readable: current.ok, problems, views, generations,
    recoverable: ok ? null : findRecoverable(store, aside, options.limits),
    aside: judged?.verdict ?? null,
  };
}

/** Row counts of the views of a state that opens but does not read completely (empty if it does not open). */
function partialRows(store: ByteStore, aside: ByteStore | undefined, limits: CheckOptions['limits']): Record<string, number> {
  try {
    const a = aside ? Storage.open(aside, { limits }) : undefined;
    return rowsOf(Storage.open(store, { aside: a, limits }));
  } catch (e) {
    if (isMetakitError(e)) return {};
    throw e;
  }
}
