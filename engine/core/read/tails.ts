/**
 * The skip and commit tails that end every committed generation (format §3), Metakit's end-of-data
 * scan that finds the last one (c4_Strategy::EndOfData), and the diagnosis of a file where it finds
 * none (foreign, or a Metakit file with a torn end).
 */
import { MetakitError } from '../base/errors.js';
import { lastIntactEnd } from './chain.js';
import { classifyMark, findHeaders, MARK_SIZE, readLE32, writeBE32, type ReadAt, type ReadInto } from './header.js';

/** The old-format fallback probes headers in the first 4 KiB only. */
const OLD_SCAN_LIMIT = 4096;

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

function hex(b: Uint8Array | null): string {
  if (!b) return '(nothing)';
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}

/** Explains why the end-of-data scan found nothing: a foreign file, or a Metakit file with a torn end. */
export function diagnoseNoData(name: string, readAt: ReadAt, size: number, readInto?: ReadInto): MetakitError {
  const tail = readAt(Math.max(0, size - MARK_SIZE), Math.min(MARK_SIZE, size));
  const headers = findHeaders(readAt, size, 4, readInto);
  if (headers.length === 0) {
    const head = readAt(0, Math.min(8, size));
    return new MetakitError('NOT_METAKIT',
      `expected a Metakit datafile (a "JL"/"LJ" header and skip+commit tails at the end), but ${name} (${size} bytes) starts with ${hex(head)} and ends with ${hex(tail)}: not a Metakit datafile`,
      { offset: 0, file: name });
  }
  let intact = -1;
  let base = headers[0] as number;
  for (const h of headers) {
    const e = lastIntactEnd(readAt, h, size);
    if (e > intact) {
      intact = e;
      base = h;
    }
  }
  const hint = intact > 0
    ? `; the last intact commit ends at ${intact} (run \`mkinspect recover\` to extract it)`
    : '; no intact commit was found';
  return new MetakitError('TRUNCATED',
    `expected skip and commit tails in the last 16 bytes of ${name} (${size} bytes), but it ends with ${hex(tail)}: the Metakit data starting at ${base} is cut or its last commit is torn${hint}`,
    { offset: Math.max(0, size - MARK_SIZE), file: name });
}
