/**
 * How a diff's chunks are stored in the aside (pure). An extend-mode aside commit rewrites every column
 * of `_D[id]` that changed, and `_B`'s inline items all live in one data column, so bytes that do not
 * change must sit in memo items (one column each, kept by position while unchanged). A long `_B` is
 * therefore split into blocks: blocks the previous commit already stored are reused as they are, new
 * bytes become one block, the short tail stays inline. Trailing blocks merge like a binary counter
 * (two equal neighbours become one) so a growing column keeps few chunks; merges are paid from a
 * per-commit budget shared by all diffs, which bounds what one commit writes.
 */
import type { DiffChunk } from './asideDiffs.js';

/** `_B` items of at least this many bytes are memos in a delta aside; shorter ones are inline. */
export const MEMO_MIN = 64;
/** Blocks grow by merging up to this size. */
export const MERGE_LIMIT = 2048;
/** Bytes of merged blocks one commit may write (shared by every diff of the commit). */
export const MERGE_BUDGET = 2048;

export interface Budget {
  left: number;
}

interface Block {
  from: number;
  to: number;
  /** Bytes already stored as a memo by the previous commit of this diff. */
  reused: boolean;
}

interface Stored {
  bytes: Uint8Array;
  /** Offset in the column where the chunk's bytes were written. */
  at: number;
}

/** Previous memo blocks with the column offset each was written at. */
function storedBlocks(previous: readonly DiffChunk[]): Stored[] {
  const out: Stored[] = [];
  let o = 0;
  for (const c of previous) {
    o += c.keep;
    if (c.bytes.length >= MEMO_MIN) out.push({ bytes: c.bytes, at: o });
    o += c.bytes.length;
  }
  return out;
}

function equalAt(block: Uint8Array, bytes: Uint8Array, pos: number): boolean {
  if (pos < 0 || pos + block.length > bytes.length) return false;
  for (let i = 0; i < block.length; i++) if (block[i] !== bytes[pos + i]) return false;
  return true;
}

/**
 * The stored form of `logical` (a plan's chunks, in order): equivalent under ApplyDiff, with each long
 * `_B` split into blocks that reuse `previous` (the chunks this diff holds now) wherever their bytes
 * recur, in order or at the same column offset.
 */
export function layoutChunks(logical: readonly DiffChunk[], previous: readonly DiffChunk[], budget: Budget): DiffChunk[] {
  const stored = storedBlocks(previous);
  let next = 0;
  const out: DiffChunk[] = [];
  let offset = 0;
  for (const chunk of logical) {
    offset += chunk.keep;
    const at = offset;
    const bytes = chunk.bytes;
    offset += bytes.length;
    if (bytes.length < MEMO_MIN) {
      out.push(chunk);
      continue;
    }
    const blocks: Block[] = [];
    let pos = 0;
    while (pos < bytes.length) {
      let k = -1;
      for (let c = next; c < Math.min(stored.length, next + 4); c++) {
        if (equalAt((stored[c] as Stored).bytes, bytes, pos)) {
          k = c;
          break;
        }
      }
      if (k >= 0) {
        const len = (stored[k] as Stored).bytes.length;
        blocks.push({ from: pos, to: pos + len, reused: true });
        pos += len;
        next = k + 1;
        continue;
      }
      // Resynchronise on a later stored block near its old column offset: an edit before it changed
      // some bytes, maybe the length of an item, but not what follows.
      const found = resync(stored, next, bytes, pos, at);
      if (found) {
        const len = (stored[found.block] as Stored).bytes.length;
        blocks.push({ from: pos, to: found.pos, reused: false });
        blocks.push({ from: found.pos, to: found.pos + len, reused: true });
        pos = found.pos + len;
        next = found.block + 1;
        continue;
      }
      // The rest is new: whole memo units, merged into what precedes them, then an inline tail.
      const memo = Math.floor((bytes.length - pos) / MEMO_MIN) * MEMO_MIN;
      if (memo > 0) blocks.push({ from: pos, to: pos + memo, reused: false });
      mergeTrailing(blocks, budget);
      if (pos + memo < bytes.length) blocks.push({ from: pos + memo, to: bytes.length, reused: false });
      pos = bytes.length;
    }
    emit(out, chunk, blocks);
  }
  return out;
}

/** How far from its old offset a stored block is looked for, and how many blocks are tried. */
const RESYNC_WINDOW = 256;
const RESYNC_BLOCKS = 32;

/** The first of the next stored blocks found again after `pos`, within RESYNC_WINDOW of where it was. */
function resync(stored: readonly Stored[], next: number, bytes: Uint8Array, pos: number, at: number): { block: number; pos: number } | null {
  const last = Math.min(stored.length, next + RESYNC_BLOCKS);
  for (let c = next; c < last; c++) {
    const s = stored[c] as Stored;
    const expected = s.at - at;
    for (let d = 0; d <= RESYNC_WINDOW; d++) {
      for (const p of d === 0 ? [expected] : [expected - d, expected + d]) {
        if (p > pos && equalAt(s.bytes, bytes, p)) return { block: c, pos: p };
      }
    }
  }
  return null;
}

/** Binary-counter merging of the trailing memo blocks, within MERGE_LIMIT and the budget. */
function mergeTrailing(blocks: Block[], budget: Budget): void {
  while (blocks.length >= 2) {
    const b = blocks[blocks.length - 1] as Block;
    const a = blocks[blocks.length - 2] as Block;
    const size = b.to - a.from;
    if (a.to - a.from > b.to - b.from || size > MERGE_LIMIT || size > budget.left) return;
    budget.left -= size;
    blocks.splice(blocks.length - 2, 2, { from: a.from, to: b.to, reused: false });
  }
}

/**
 * One chunk per block: the first keeps what the chunk kept; the grow is spread so every block first
 * overwrites base bytes the chunk overwrote and then inserts (a shrink stays on the first block).
 */
function emit(out: DiffChunk[], chunk: DiffChunk, blocks: readonly Block[]): void {
  let overwrite = chunk.resize >= 0 ? chunk.bytes.length - chunk.resize : 0;
  blocks.forEach((b, i) => {
    const len = b.to - b.from;
    let resize: number;
    if (chunk.resize < 0) resize = i === 0 ? chunk.resize : 0;
    else {
      const ow = Math.min(len, overwrite);
      overwrite -= ow;
      resize = len - ow;
    }
    out.push({ keep: i === 0 ? chunk.keep : 0, resize, bytes: chunk.bytes.subarray(b.from, b.to) });
  });
}
