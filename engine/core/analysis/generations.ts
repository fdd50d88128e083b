/**
 * History of an extend-mode file or an aside: every committed generation on the generation chain,
 * with its end offset, size, the bytes it added and the row count of every view, and a way to open
 * any of them read-only.
 */
import type { ByteStore } from '../base/byteStore.js';
import { MetakitError } from '../base/errors.js';
import { walkChain } from '../read/chain.js';
import type { ReadAt } from '../read/header.js';
import { Storage, type OpenOptions } from '../read/storage.js';

export interface Generation {
  /** 1-based position on the chain. */
  index: number;
  /** Absolute end offset of the generation (its identifier within the file). */
  end: number;
  /** Bytes this commit added (end minus the previous end). */
  added: number;
  /** False for a chain entry whose tails are damaged (a torn commit): it cannot be opened. */
  intact: boolean;
  /** Row count per view (main + aside when listing an aside); empty for damaged entries. */
  rows: Record<string, number>;
}

function readAtOf(store: ByteStore): ReadAt {
  const size = store.size();
  return (pos, len) => (pos < 0 || pos + len > size ? null : store.read(pos, len));
}

/** The chain of `store` (whose header is at `base`). A rewritten (read-write) file shows its last commit. */
function chainOf(store: ByteStore): { end: number; intact: boolean }[] {
  const latest = Storage.open(store);
  if (latest.info.empty) return [];
  if (latest.info.oldFormat) return [{ end: latest.info.end, intact: true }];
  const chain = walkChain(readAtOf(store), latest.info.base, store.size());
  const ends = chain.map((c) => ({ end: c.end, intact: c.intact }));
  // A read-write file's header names its last full commit; its chain may stop before the real end.
  if (!ends.some((e) => e.end === latest.info.end)) ends.push({ end: latest.info.end, intact: true });
  return ends.filter((e) => e.end <= latest.info.end);
}

function rowsOf(s: Storage): Record<string, number> {
  return Object.fromEntries(s.viewNames().map((n) => [n, s.view(n).rowCount]));
}

/**
 * Generations of a main file, or — with `main` given — of the aside `store` read together with the
 * main file (each aside commit is one generation of main + aside).
 */
export function listGenerations(store: ByteStore, main?: ByteStore): Generation[] {
  const out: Generation[] = [];
  let previous = 0;
  chainOf(store).forEach((g, i) => {
    let rows: Record<string, number> = {};
    if (g.intact) {
      const opened = openGeneration(store, g.end, main);
      rows = rowsOf(opened);
    }
    out.push({ index: i + 1, end: g.end, added: g.end - previous, intact: g.intact, rows });
    previous = g.end;
  });
  return out;
}

/** Opens a past generation read-only: of `store` alone, or of `main` read through the aside `store`. */
export function openGeneration(store: ByteStore, end: number, main?: ByteStore, options: OpenOptions = {}): Storage {
  if (!main) return Storage.open(store, { ...options, end });
  const aside = Storage.open(store, { ...options, end });
  return Storage.open(main, { ...options, aside });
}

/** Opens generation `index` (1-based; negative counts from the newest, -1 = newest). */
export function openGenerationByIndex(store: ByteStore, index: number, main?: ByteStore): Storage {
  const chain = chainOf(store);
  const i = index < 0 ? chain.length + index : index - 1;
  const g = chain[i];
  if (!g) throw new RangeError(`generation ${index} does not exist: ${store.name} has ${chain.length} generation(s) on its chain`);
  if (!g.intact) throw new MetakitError('TRUNCATED', `expected generation ${index} of ${store.name} to end with intact tails at ${g.end}, but its commit is torn`, { offset: g.end, file: store.name });
  return openGeneration(store, g.end, main);
}
