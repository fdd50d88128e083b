/**
 * The generation chain (format §9.3): from the header, `header.offset` is the end of the first
 * generation; at each end an `0a` generation mark gives the length of the next one. Every chain
 * position whose last 16 bytes are a skip tail and a commit tail is the end of a complete datafile.
 * Metakit never reads the chain; we use it for history, snapshots of past commits and recovery.
 */
import { classifyMark, MARK_SIZE, type ReadAt } from './header.js';

export interface ChainEntry {
  /** Absolute end of this generation (just past its commit tail). */
  end: number;
  /** Root walk of this generation (relative position and length); -1/-1 if its tails are not intact. */
  rootPos: number;
  rootLen: number;
  /** True if skip and commit tails at end-16 are intact. */
  intact: boolean;
}

/** Checks the 16 bytes before `end` (absolute) for a skip tail pointing to `base` and a commit tail. */
export function tailsAt(readAt: ReadAt, base: number, end: number): { rootPos: number; rootLen: number } | null {
  if (end - 2 * MARK_SIZE < base + MARK_SIZE) return null;
  const t = readAt(end - 2 * MARK_SIZE, 2 * MARK_SIZE);
  if (!t) return null;
  const skip = classifyMark(t, 0);
  const commit = classifyMark(t, MARK_SIZE);
  if (skip.kind !== 'skip' || commit.kind !== 'commit') return null;
  if (skip.offset !== end - 2 * MARK_SIZE - base) return null;
  if (commit.offset < MARK_SIZE || commit.offset + commit.count > end - 2 * MARK_SIZE - base) return null;
  return { rootPos: commit.offset, rootLen: commit.count };
}

/**
 * Walks the chain from the header at `base` while it stays inside `limit` (absolute). The first entry is
 * the end the header names; later entries follow `0a` marks.
 */
export function walkChain(readAt: ReadAt, base: number, limit: number, maxEntries = 1_000_000): ChainEntry[] {
  const out: ChainEntry[] = [];
  const head = readAt(base, MARK_SIZE);
  if (!head) return out;
  const h = classifyMark(head);
  if (h.kind !== 'header' || h.formatByte === 0x80) return out;
  let end = base + h.offset;
  while (out.length < maxEntries && end > base && end <= limit) {
    const tails = tailsAt(readAt, base, end);
    out.push({ end, rootPos: tails?.rootPos ?? -1, rootLen: tails?.rootLen ?? -1, intact: tails !== null });
    if (end + MARK_SIZE > limit) break;
    const m = readAt(end, MARK_SIZE);
    if (!m) break;
    const mark = classifyMark(m);
    if (mark.kind !== 'extendMark' || mark.offset <= MARK_SIZE) break;
    end += mark.offset;
  }
  return out;
}

/** The end of the last intact generation below `limit`, or -1. */
export function lastIntactEnd(readAt: ReadAt, base: number, limit: number): number {
  const chain = walkChain(readAt, base, limit);
  for (let i = chain.length - 1; i >= 0; i--) if ((chain[i] as ChainEntry).intact) return (chain[i] as ChainEntry).end;
  return -1;
}
