/**
 * The newest state of a damaged datafile (or main + aside pair) that still reads completely, for
 * `check` to report and `recover` to write. A state reads completely when it opens, every cell of
 * every view decodes (what `dump` needs) and every column of both files, the aside's unused diffs
 * too, can be visited (what `stats` and a flush need). Searching never closes or writes the stores:
 * the caller owns them (a search after a failed read goes on reading the same handles).
 */
import type { ByteStore } from '../base/byteStore.js';
import { isMetakitError, type MetakitError } from '../base/errors.js';
import { walkChain } from '../read/chain.js';
import { findHeaders, type ReadAt } from '../read/header.js';
import { Storage, type OpenOptions } from '../read/storage.js';
import { dumpStorage } from './dump.js';
import { computeStats } from './stats.js';

export type FileRole = 'main' | 'aside';

export interface RecoveryCandidate {
  /** The file `recover` cuts: the main file, or (main + aside) the aside, the main staying as it is. */
  file: FileRole;
  /** Name of that file (its store name). */
  name: string;
  /** Absolute offset of that file's header. */
  base: number;
  /** Absolute end of the generation: `recover` writes bytes 0..end of the file. */
  end: number;
  /** 1-based position of the generation on that file's chain, as `history` and `dump --generation` count. */
  generation: number;
  /** `current`: the file as it is (only the bytes after `end` are left out); `chain`: an older commit. */
  source: 'current' | 'chain';
  /** True when this state reads the main file through the aside; false for a main file alone. */
  withAside: boolean;
  /** Rows per view of that state. */
  rows: Record<string, number>;
}

export type ReadAttempt = { ok: true; storage: Storage } | { ok: false; error: MetakitError };

export interface StateSpec {
  /** Scan the main file from this end (default: its size). */
  end?: number;
  aside?: ByteStore;
  /** Scan the aside from this end (default: its size). */
  asideEnd?: number;
  limits?: OpenOptions['limits'];
  /** `dump`: every cell of every view (what dump reads); `full` (default): also every column of both files. */
  depth?: 'dump' | 'full';
}

export function readAtOf(store: ByteStore): ReadAt {
  const size = store.size();
  return (pos, len) => (pos < 0 || pos + len > size ? null : store.read(pos, len));
}

/** Reads every cell (the dump does exactly that), discarding the text. */
export function readEverything(s: Storage): void {
  dumpStorage(s, { main: s.store.name, mainSize: 0 }, () => {});
}

export function rowsOf(s: Storage): Record<string, number> {
  return Object.fromEntries(s.viewNames().map((n) => [n, s.view(n).rowCount]));
}

/** Opens one state (main alone or through an aside) and reads all of it; the first error if it cannot. */
export function readState(main: ByteStore, spec: StateSpec = {}): ReadAttempt {
  try {
    const aside = spec.aside ? Storage.open(spec.aside, { end: spec.asideEnd, limits: spec.limits }) : undefined;
    const s = Storage.open(main, { end: spec.end, aside, limits: spec.limits });
    readEverything(s);
    if (spec.depth !== 'dump') computeStats(s);
    return { ok: true, storage: s };
  } catch (e) {
    if (isMetakitError(e)) return { ok: false, error: e };
    throw e;
  }
}

/** Intact generation ends of `store`'s chains (every header found), newest first, below `limit`. */
export function intactEnds(store: ByteStore, limit = store.size()): { base: number; end: number }[] {
  const readAt = readAtOf(store);
  const ends: { base: number; end: number }[] = [];
  for (const base of findHeaders(readAt, limit, 8)) {
    for (const g of walkChain(readAt, base, limit)) if (g.intact && !ends.some((e) => e.end === g.end)) ends.push({ base, end: g.end });
  }
  return ends.sort((a, b) => b.end - a.end);
}

/**
 * The 1-based chain position of the generation ending at `end` (header at `base`): one more than the
 * chain entries before it, the way `history` numbers a read-write file's last commit after its chain.
 */
export function generationIndex(store: ByteStore, base: number, end: number): number {
  const before = walkChain(readAtOf(store), base, end).filter((g) => g.end < end).length;
  return before + 1;
}

function candidate(file: FileRole, store: ByteStore, s: Storage, source: 'current' | 'chain', withAside: boolean): RecoveryCandidate {
  const info = file === 'aside' && s.aside ? s.aside.info : s.info;
  const generation = info.oldFormat || info.empty ? 1 : generationIndex(store, info.base, info.end);
  return { file, name: store.name, base: info.base, end: info.end, generation, source, withAside, rows: rowsOf(s) };
}

/** The newest generation of a main file alone that reads completely: the current one, else one on a chain. */
export function newestReadableMain(main: ByteStore, limits?: OpenOptions['limits']): RecoveryCandidate | null {
  const current = readState(main, { limits });
  if (current.ok) return candidate('main', main, current.storage, 'current', false);
  const size = main.size();
  for (const c of intactEnds(main)) {
    if (c.end >= size) continue;
    const r = readState(main, { end: c.end, limits });
    if (r.ok) return candidate('main', main, r.storage, 'chain', false);
  }
  return null;
}

/** The newest generation of `aside` that reads completely together with the main file as it is. */
export function newestReadableAside(main: ByteStore, aside: ByteStore, limits?: OpenOptions['limits']): RecoveryCandidate | null {
  const current = readState(main, { aside, limits });
  if (current.ok) return candidate('aside', aside, current.storage, 'current', true);
  const size = aside.size();
  for (const c of intactEnds(aside)) {
    if (c.end >= size) continue;
    const r = readState(main, { aside, asideEnd: c.end, limits });
    if (r.ok) return candidate('aside', aside, r.storage, 'chain', true);
  }
  return null;
}

/**
 * What `recover` writes: the newest state that reads completely. Alone: the main file's newest
 * readable generation. With an aside: the newest aside generation that reads with the main file as it
 * is; if none does, the main file alone (current, else its newest readable generation).
 */
export function findRecoverable(main: ByteStore, aside?: ByteStore, limits?: OpenOptions['limits']): RecoveryCandidate | null {
  if (aside) {
    const withAside = newestReadableAside(main, aside, limits);
    if (withAside) return withAside;
  }
  return newestReadableMain(main, limits);
}
