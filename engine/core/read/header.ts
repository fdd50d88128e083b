/**
 * The 8-byte marks of a datafile (format §2, §3) and the header among them: how every mark is
 * classified (as c4_Strategy::EndOfData does), the header's encoding, and the search for headers in
 * a file whose tails are lost. Header and tail fields are big-endian; the old-format root position
 * is little-endian. The tails and the end-of-data scan are in tails.ts.
 */
export const MARK_SIZE = 8;

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

export type ReadAt = (position: number, length: number) => Uint8Array | null;

/** Reads `target.length` bytes at `position` into `target` (ByteStore.readInto). */
export type ReadInto = (position: number, target: Uint8Array) => void;

const MAGICS: readonly number[][] = [[0x4a, 0x4c, 0x1a, 0x00], [0x4c, 0x4a, 0x1a, 0x00]];

/**
 * Finds Metakit headers (new format) in the file, for the diagnosis of files whose tails are lost.
 * With `readInto` one chunk buffer is reused: a fresh 1 MiB array per chunk made a 4 GiB file 3x slower.
 */
export function findHeaders(readAt: ReadAt, size: number, max = 4, readInto?: ReadInto): number[] {
  const found: number[] = [];
  const CHUNK = 1 << 20;
  const reused = readInto ? new Uint8Array(Math.min(CHUNK, size)) : null;
  for (let start = 0; start < size && found.length < max; start += CHUNK - 3) {
    const len = Math.min(CHUNK, size - start);
    let b: Uint8Array | null;
    if (reused && readInto) {
      b = reused.subarray(0, len);
      readInto(start, b);
    } else b = readAt(start, len);
    if (!b) break;
    // Jump between 0x1a bytes with the native indexOf: a byte loop took ~8 s over a 3 GB foreign file.
    for (let k = b.indexOf(0x1a, 2); k >= 0 && k + 2 <= b.length && found.length < max; k = b.indexOf(0x1a, k + 1)) {
      const i = k - 2;
      if (b[k + 1] !== 0) continue;
      for (const m of MAGICS) {
        if (b[i] === m[0] && b[i + 1] === m[1] && !found.includes(start + i)) found.push(start + i);
      }
    }
    if (len < CHUNK) break;
  }
  return found;
}
