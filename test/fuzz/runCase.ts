/**
 * What the fuzzer does with one input: open (with the aside, if any), dump everything as JSON, compute
 * the statistics. Only MetakitError may come out; anything else is a reader bug.
 */
import { MemoryByteStore } from '../../engine/core/base/byteStore.js';
import { dumpToString } from '../../engine/core/analysis/dump.js';
import { MetakitError } from '../../engine/core/base/errors.js';
import { computeStats } from '../../engine/core/analysis/stats.js';
import { Storage } from '../../engine/core/read/storage.js';

/**
 * Limits for untrusted input: a 0-byte column may legally claim 2^31-1 rows, and dumping that many
 * rows is slow by nature, not a bug; 200,000 rows is twice the largest corpus view.
 */
export const FUZZ_LIMITS = { maxRows: 200_000 };

export type CaseResult = { outcome: 'ok' } | { outcome: 'refused'; code: string } | { outcome: 'bug'; error: string };

export function runCase(main: Uint8Array, aside?: Uint8Array): CaseResult {
  try {
    const asideStorage = aside ? Storage.open(new MemoryByteStore(aside, { writable: false, name: 'fuzz.mka' }), { limits: FUZZ_LIMITS }) : undefined;
    const storage = Storage.open(new MemoryByteStore(main, { writable: false, name: 'fuzz.mk' }), { aside: asideStorage, limits: FUZZ_LIMITS });
    dumpToString(storage, { main: 'fuzz.mk', mainSize: main.length, ...(aside ? { aside: 'fuzz.mka', asideSize: aside.length } : {}) });
    computeStats(storage);
    return { outcome: 'ok' };
  } catch (e) {
    if (e instanceof MetakitError) return { outcome: 'refused', code: e.code };
    return { outcome: 'bug', error: e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e) };
  }
}
