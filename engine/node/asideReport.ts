/**
 * Aside statistics of an open document: the pure numbers of engine/core/analysis/asideStats.ts plus what only
 * the machine knows: file times, the last flush (action log) and the growth rate (growth history,
 * else the time since the last flush).
 */
import { statSync } from 'node:fs';
import {
  chainGrowth, EMPTY_ASIDE_BYTES, flushReclaim, growthRateFromSamples, growthRateSinceFlush, storageChainEnds,
  type ChainGrowth, type FlushReclaim, type GrowthRate,
} from '../core/analysis/asideStats.js';
import { estimateCompactSize, type CompactEstimate } from '../core/analysis/compactSize.js';
import type { Storage } from '../core/read/storage.js';
import { lastFlush } from './actionLog.js';
import { growthHistoryPath, readGrowthHistory } from './growthHistory.js';

export interface AsideReport {
  mainSize: number;
  asideSize: number;
  /** Last modification of the aside (the last commit into it), ISO time. */
  asideModified: string | null;
  /** The aside's generation chain: generations, commits after its base, bytes per commit. */
  aside: ChainGrowth;
  /** The main file's own chain (extend-mode commits appended to it after its base). */
  main: ChainGrowth;
  compact: CompactEstimate;
  reclaim: FlushReclaim;
  lastFlush: { time: string; user: string; host: string } | null;
  growthRate: GrowthRate | null;
  history: { path: string; samples: number; first: string | null; last: string | null };
}

export interface AsideReportOptions {
  now?: number;
  emptyAsideBytes?: number;
}

function modified(path: string): string | null {
  try {
    return statSync(path).mtime.toISOString();
  } catch {
    return null;
  }
}

/** `storage` is the main storage opened with its aside; the paths name the two files on disk. */
export function asideReport(storage: Storage, paths: { main: string; aside: string }, options: AsideReportOptions = {}): AsideReport {
  if (!storage.aside) throw new TypeError('asideReport needs a main storage opened with an aside');
  const now = options.now ?? Date.now();
  const empty = options.emptyAsideBytes ?? EMPTY_ASIDE_BYTES;
  const aside = chainGrowth(storageChainEnds(storage.aside));
  const main = chainGrowth(storageChainEnds(storage));
  const mainSize = storage.info.fileSize;
  const asideSize = storage.aside.info.fileSize;
  const compact = estimateCompactSize(storage);
  const flush = lastFlush(paths.main);
  const history = readGrowthHistory(paths.main, paths.aside);
  const samples = history.samples;
  const rate = growthRateFromSamples(samples)
    ?? (flush ? growthRateSinceFlush(Date.parse(flush.time), now, asideSize, aside.commitsAfterBase, empty) : null);
  return {
    mainSize,
    asideSize,
    asideModified: modified(paths.aside),
    aside,
    main,
    compact,
    reclaim: flushReclaim(mainSize, asideSize, compact, empty),
    lastFlush: flush ? { time: flush.time, user: flush.user, host: flush.host } : null,
    growthRate: rate,
    history: {
      path: growthHistoryPath(paths.main, paths.aside),
      samples: samples.length,
      first: samples[0] ? new Date(samples[0].time).toISOString() : null,
      last: samples.length ? new Date((samples[samples.length - 1] as { time: number }).time).toISOString() : null,
    },
  };
}
