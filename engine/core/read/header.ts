/**
 * The 8-byte marks of a datafile (format §2, §3): the header, the `0a` generation mark, skip and commit
 * tails, and the end-of-data scan that finds the last committed generation (c4_Strategy::EndOfData).
 * Header and tail fields are big-endian; the old-format root position is little-endian.
 */
import { MetakitError } from '../base/errors.js';

export const MARK_SIZE = 8;
/** The old-format fallback probes headers in the first 4 KiB only. */
const OLD_SCAN_LIMIT = 4096;

export type MarkKind = 'skip' | 'commit' | 'header' | 'extendMark' | 'other';

export interface Mark {
  kind: MarkKind;
  /** Type byte (byte 0). */
  type: number;
  /** 24-bit big-endian count (bytes 1-3). */
  count: number;
  /** BE32 signed offset (bytes 4-7). */
  offset: number;
  /** For headers: `true` for "JL" (little-endian data). */
  littleEndian: boolean;
  /** For headers: byte 3 (0x00 new format, 0x80 old format). */
  formatByte: number;
}

export function readBE32(b: Uint8Array, at: number): number {
  return (((b[at] as number) << 24) | ((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number)) | 0;
}

export function readLE32(b: Uint8Array, at: number): number {
  return ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) | ((b[at + 3] as number) << 24)) | 0;
}

export function writeBE32(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 24) & 0xff;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}

function isHeaderBytes(m: Uint8Array, at: number, typeByte: number): boolean {
  const b0 = m[at] as number;
  const b1 = m[at + 1] as number;
  return (b0 === 0x4a || b0 === 0x4c) && (b0 ^ b1) === (0x4a ^ 0x4c) && m[at + 2] === typeByte && ((m[at + 3] as number) & 0x40) === 0;
}

/** Classifies the 8 bytes at `at` exactly as Metakit's EndOfData does. */
export function classifyMark(m: Uint8Array, at = 0): Mark {
  const type = m[at] as number;
  const count = ((m[at + 1] as number) << 16) | ((m[at + 2] as number) << 8) | (m[at + 3] as number);
  const offset = readBE32(m, at + 4);
  const littleEndian = type === 0x4a;
  const formatByte = m[at + 3] as number;
  let kind: MarkKind = 'other';
  if ((((type & 0xf0) === 0x90) || (type === 0x80 && count === 0)) && offset > 0) kind = 'skip';
  else if (type === 0x80 && count > 0 && offset > 0) kind = 'commit';
  else if (isHeaderBytes(m, at, 0x1a)) kind = 'header';
  else if (isHeaderBytes(m, at, 0x0a)) kind = 'extendMark';
  return { kind, type, count, offset, littleEndian, formatByte };
}

export function encodeHeader(littleEndian: boolean, end: number, extendMark = false): Uint8Array {
  const m = new Uint8Array(MARK_SIZE);
  m[0] = littleEndian ? 0x4a : 0x4c;
  m[1] = littleEndian ? 0x4c : 0x4a;
  m[2] = extendMark ? 0x0a : 0x1a;
  m[3] = 0;
  writeBE32(m, 4, end);
  return m;
}

export function encodeSkipTail(offset: number): Uint8Array {
  const m = new Uint8Array(MARK_SIZE);
  m[0] = 0x80;
  writeBE32(m, 4, offset);
  return m;
}

export function encodeCommitTail(rootLen: number, rootPos: number): Uint8Array {
  if (rootLen <= 0 || rootLen >= 1 << 24) throw new RangeError(`root walk length ${rootLen} does not fit the 24-bit commit tail`);
  const m = new Uint8Array(MARK_SIZE);
  m[0] = 0x80;
  m[1] = (rootLen >>> 16) & 0xff;
  m[2] = (rootLen >>> 8) & 0xff;
  m[3] = rootLen & 0xff;
  writeBE32(m, 4, rootPos);
  return m;
}

export interface TailScan {
  /** Absolute offset of the header (the base B). */
  base: number;
  /** Root walk position, relative to base (old format: position of the old root stream). */
  rootPos: number;
  /** Root walk length; -1 for the old (pre-2.0) format. */
  rootLen: number;
  /** True for "JL" files (little-endian column data). */
  littleEndian: boolean;
  /** True for pre-2.0 files (§13). */
  oldFormat: boolean;
  /** Absolute logical end of the data (Metakit's `mk::file end`): the scan start minus trailing data. */
  end: number;
  /** Absolute position the scan started from (the physical end considered). */
  scannedFrom: number;
  /** Bytes of trailing non-Metakit data skipped at the end (0 normally). */
  trailing: number;
  /** The header's own offset field (informational: end of the first/last full commit). */
  headerEndField: number;
}

export type ReadAt = (position: number, length: number) => Uint8Array | null;

/** Returned by scanEndOfData when trailing-data markers skip back to the very start of the file. */
export const EMPTY_SCAN = 'empty' as const;

/** True if a new-format header at 0 records an end of data at or before `limit`. */
function headerNamesEarlierEnd(readAt: ReadAt, limit: number): boolean {
  const head = readAt(0, MARK_SIZE);
  if (!head) return false;
  const h = classifyMark(head);
  return h.kind === 'header' && h.formatByte !== 0x80 && h.offset >= 3 * MARK_SIZE && h.offset <= limit;
}

/**
 * Metakit's end-of-data scan (c4_Strategy::EndOfData), started at absolute `end`. Returns null where
 * Metakit returns -1 (no recognisable datafile); callers turn that into a diagnosed MetakitError.
 * `readAt` returns null when fewer than `length` bytes exist at `position`.
 */
export function scanEndOfData(readAt: ReadAt, end: number): TailScan | typeof EMPTY_SCAN | null {
  const enum State { AtEnd, Commit, Head, Old }
  let pos = end;
  let last = pos;
  let rootPos = 0;
  let rootLen = -1;
  let state = State.AtEnd;
  // Every iteration moves at least 8 bytes backwards or, in the old-format search, 8 forwards up to
  // 4 KiB; the guard only protects against an arithmetic mistake turning this into a hang.
  for (let guard = 0; guard < 1_000_000; guard++) {
    pos -= MARK_SIZE;
    if (pos < 0 && state !== State.Old) {
      pos = 0;
      state = State.Old;
    }
    const m = readAt(pos, MARK_SIZE);
    if (m === null) return null;
    const mark = classifyMark(m);
    switch (state) {
      case State.AtEnd:
        if (mark.kind === 'skip') {
          const at = pos;
          pos -= mark.offset;
          last = pos;
          // Everything is trailing data: a first commit that never completed (our writer ends the
          // file with such a marker until the commit tail is in place). No committed data — unless
          // the header names an earlier end: then Metakit's early skip tail of a torn later commit
          // points back to the header (format §3.6) over intact generations, and the scan fails
          // so the caller diagnoses it instead of taking the file for an empty one.
          if (pos === 0) return headerNamesEarlierEnd(readAt, at) ? null : EMPTY_SCAN;
          // A skip back before the file start: Metakit goes on to the old-format probe but, even if
          // that finds a header, returns this negative end, which means no data.
          if (pos < 0) return null;
        } else if (mark.kind === 'commit') {
          rootPos = mark.offset;
          rootLen = mark.count;
          state = State.Commit;
        } else {
          pos = MARK_SIZE;
          state = State.Old;
        }
        break;
      case State.Commit:
        if (mark.kind !== 'skip') return null;
        pos -= mark.offset - MARK_SIZE;
        state = State.Head;
        break;
      case State.Head:
        if (mark.kind === 'header') {
          return {
            base: pos,
            rootPos,
            rootLen,
            littleEndian: mark.littleEndian,
            oldFormat: false,
            end: last,
            scannedFrom: end,
            trailing: end - last,
            headerEndField: mark.offset,
          };
        }
        pos = MARK_SIZE;
        state = State.Old;
        break;
      case State.Old:
        if (mark.kind === 'header' && mark.formatByte === 0x80) {
          return {
            base: pos,
            rootPos: readLE32(m, 4),
            rootLen: -1,
            littleEndian: mark.littleEndian,
            oldFormat: true,
            end: last,
            scannedFrom: end,
            trailing: end - last,
            headerEndField: readLE32(m, 4),
          };
        }
        pos += 2 * MARK_SIZE;
        if (pos > OLD_SCAN_LIMIT) return null;
        break;
    }
  }
  throw new MetakitError('NOT_METAKIT', `expected the end-of-data scan to finish, but it did not within its step limit (from ${end})`, { offset: end });
}
