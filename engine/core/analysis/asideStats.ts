/**
 * Aside growth (pure): commits and bytes per commit from an aside's generation chain, the space a
 * flush would reclaim (with the compacted size of compactSize.ts), and growth rates from timed
 * samples. Times, file sizes on disk and the action log come from engine/node.
 */
import { walkChain } from '../read/chain.js';
import type { ReadAt } from '../read/header.js';
import type { Storage } from '../read/storage.js';
import type { CompactEstimate } from './compactSize.js';

/**
 * Bytes of an aside holding no diffs, as Metakit creates it (header, the `_C` structure, tails): the
 * corpus case aside-0-init. A flush leaves such an aside behind.
 */
export const EMPTY_ASIDE_BYTES = 87;

export interface CommitGrowth {
  /** 1 for the first commit after the chain's base generation. */
  commit: number;
  /** End of the generation this commit wrote. */
  end: number;
  /** Bytes this commit appended (generation mark, data, walks, tails). */
  bytes: number;
}

/**
 * Growth along one file's generation chain. The chain starts at the *base generation*, the one its
 * header was written with: for an aside, its first commit, or the empty aside a flush left; for a
 * main file, its creation or its last read-write commit (which rewrites the header). Two counts:
 * `chainGenerations` counts the whole chain, base included; `commitsAfterBase` only the commits
 * appended after the base (so, after a flush, the commits since that flush).
 */
export interface ChainGrowth {
  /** Intact generations on the chain, the base generation included. */
  chainGenerations: number;
  /** Commits appended after the base generation: chainGenerations - 1 (0 for an empty chain). */
  commitsAfterBase: number;
  /** End of the base generation. */
  baseEnd: number;
  newestEnd: number;
  bytesAdded: number;
  perCommit: CommitGrowth[];
  meanBytesPerCommit: number | null;
  maxBytesPerCommit: number | null;
}

/**
 * Ends of the intact generations from the header at `base` up to `end`, oldest first, always ending
 * with `end` itself: a read-write commit rewrites the header, so the chain may not reach it.
 */
export function intactChainEnds(readAt: ReadAt, base: number, end: number): number[] {
  const ends = walkChain(readAt, base, end).filter((e) => e.intact).map((e) => e.end);
  if (ends[ends.length - 1] !== end) ends.push(end);
  return ends;
}

/** The chain of the generation an open storage reads (its own file only, not its aside). */
export function storageChainEnds(storage: Storage): number[] {
  const info = storage.info;
  if (info.empty) return [];
  if (info.oldFormat) return [info.end];
  const readAt: ReadAt = (pos, len) => (pos < 0 || len < 0 || pos + len > info.end ? null : storage.store.read(pos, len));
  return intactChainEnds(readAt, info.base, info.end);
}

/** Growth along a chain, from the ends of its intact generations (oldest first). */
export function chainGrowth(ends: readonly number[]): ChainGrowth {
  const perCommit: CommitGrowth[] = [];
  for (let i = 1; i < ends.length; i++) {
    perCommit.push({ commit: i, end: ends[i] as number, bytes: (ends[i] as number) - (ends[i - 1] as number) });
  }
  const baseEnd = ends[0] ?? 0;
  const newestEnd = ends[ends.length - 1] ?? 0;
  const added = newestEnd - baseEnd;
  return {
    chainGenerations: ends.length,
    commitsAfterBase: perCommit.length,
    baseEnd,
    newestEnd,
    bytesAdded: added,
    perCommit,
    meanBytesPerCommit: perCommit.length ? added / perCommit.length : null,
    maxBytesPerCommit: perCommit.length ? Math.max(...perCommit.map((c) => c.bytes)) : null,
  };
}

export interface FlushReclaim {
  /** Main plus aside, as they are on disk now. */
  currentBytes: number;
  /** The compacted main a flush would write. */
  compactMainBytes: number;
  /** The empty aside a flush leaves (EMPTY_ASIDE_BYTES unless told otherwise). */
  emptyAsideBytes: number;
  afterFlushBytes: number;
  /** currentBytes - afterFlushBytes (negative if a flush would grow the files). */
  reclaimBytes: number;
}

export function flushReclaim(mainSize: number, asideSize: number, compact: CompactEstimate, emptyAsideBytes = EMPTY_ASIDE_BYTES): FlushReclaim {
  const current = mainSize + asideSize;
  const after = compact.total + emptyAsideBytes;
  return { currentBytes: current, compactMainBytes: compact.total, emptyAsideBytes, afterFlushBytes: after, reclaimBytes: current - after };
}

export interface GrowthSample {
  /** Milliseconds since the epoch. */
  time: number;
  mainSize: number;
  asideSize: number;
  /** The aside's commits after its base generation (ChainGrowth.commitsAfterBase); named so on disk. */
  asideCommits: number;
}

export interface GrowthRate {
  bytesPerDay: number;
  commitsPerDay: number;
  /** Time spanned by the samples used. */
  windowMs: number;
  samples: number;
  from: 'samples' | 'since-last-flush';
}

const DAY_MS = 86_400_000;

/**
 * Aside growth per day over the samples after the last shrink (a flush empties the aside; growth
 * before it says nothing about the current aside). Null with fewer than two such samples or no time.
 */
export function growthRateFromSamples(samples: readonly GrowthSample[]): GrowthRate | null {
  const sorted = [...samples].sort((a, b) => a.time - b.time);
  let from = 0;
  for (let i = 1; i < sorted.length; i++) if ((sorted[i] as GrowthSample).asideSize < (sorted[i - 1] as GrowthSample).asideSize) from = i;
  const run = sorted.slice(from);
  if (run.length < 2) return null;
  const first = run[0] as GrowthSample;
  const last = run[run.length - 1] as GrowthSample;
  const windowMs = last.time - first.time;
  if (windowMs <= 0) return null;
  return {
    bytesPerDay: ((last.asideSize - first.asideSize) * DAY_MS) / windowMs,
    commitsPerDay: ((last.asideCommits - first.asideCommits) * DAY_MS) / windowMs,
    windowMs,
    samples: run.length,
    from: 'samples',
  };
}

/** Growth since a flush left an empty aside: (size now - empty size) over the time since. */
export function growthRateSinceFlush(flushTime: number, now: number, asideSize: number, asideCommits: number, emptyAsideBytes = EMPTY_ASIDE_BYTES): GrowthRate | null {
  const windowMs = now - flushTime;
  if (!(windowMs > 0)) return null;
  return {
    bytesPerDay: ((asideSize - emptyAsideBytes) * DAY_MS) / windowMs,
    commitsPerDay: (asideCommits * DAY_MS) / windowMs,
    windowMs,
    samples: 0,
    from: 'since-last-flush',
  };
}
