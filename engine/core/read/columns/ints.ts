/**
 * Adaptive-width int columns (format §7.1, c4_ColOfInts): widths 0/1/2/4/8/16/32, plus the fixed
 * 64-bit columns of L and D (§7.2). The width is not stored: it is deduced from size and row count,
 * with "fake" sizes marking sub-byte widths of 1-4 row columns. Padding bits are masked on read and
 * written as zero.
 */
import { MetakitError } from '../../base/errors.js';

export type IntWidth = 0 | 1 | 2 | 4 | 8 | 16 | 32 | 64;

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** c4_ColOfInts::CalcAccessWidth's table for 1-7 rows and 1-6 bytes; 0 marks sizes Metakit never writes. */
const SMALL_WIDTHS: readonly (readonly number[])[] = [
  [8, 16, 1, 32, 2, 4],
  [4, 8, 1, 16, 2, 0],
  [2, 4, 8, 1, 0, 16],
  [2, 4, 0, 8, 1, 0],
  [1, 2, 4, 0, 8, 0],
  [1, 2, 4, 0, 0, 8],
  [1, 2, 0, 4, 0, 0],
];

/** c4_ColOfInts::FixSize's fake sizes, indexed [width 4/2/1][rows 1-4]. */
const FAKE_SIZES: Readonly<Record<1 | 2 | 4, readonly number[]>> = {
  4: [6, 1, 2, 2],
  2: [5, 5, 1, 1],
  1: [3, 3, 4, 5],
};

export function naturalSize(rows: number, width: number): number {
  return Math.floor((rows * width + 7) / 8);
}

/** The byte size Metakit stores for `rows` entries of `width` bits (natural size, or the fake size). */
export function storedSize(rows: number, width: number): number {
  if (rows >= 1 && rows <= 4 && (width === 1 || width === 2 || width === 4)) return (FAKE_SIZES[width] as readonly number[])[rows - 1] as number;
  return naturalSize(rows, width);
}

/**
 * The width of a column of `rows` entries stored in `size` bytes, or -1 where Metakit would loop
 * forever or silently read zeros. Stricter than Metakit: beyond the small-column table the size must
 * be the natural size.
 */
export function accessWidth(rows: number, size: number): number {
  if (size === 0) return 0;
  if (rows <= 0) return -1;
  if (rows <= 7 && size <= 6) {
    const w = (SMALL_WIDTHS[rows - 1] as readonly number[])[size - 1] as number;
    return w === 0 ? -1 : w;
  }
  const w = Math.floor((size * 8) / rows);
  if (w === 0 || (w & (w - 1)) !== 0 || w > 64) return -1;
  return naturalSize(rows, w) === size ? w : -1;
}

/** Bits needed to store v (fBitsNeeded): negative values never get sub-byte widths. */
export function bitsNeeded(v: number): IntWidth {
  if (v >= 0 && v < 16) return v === 0 ? 0 : v === 1 ? 1 : v < 4 ? 2 : 4;
  const u = v < 0 ? ~v : v;
  return u >= 1 << 15 ? 32 : u >= 1 << 7 ? 16 : 8;
}

export interface IntColumnCheck {
  rows: number;
  size: number;
  /**
   * 'int' for sizes columns (width <= 32); 'value' for the values of I/F (and unknown-letter) columns:
   * width <= 32, or 64 (c4_ColOfInts::CalcAccessWidth deduces 64 from 8 bytes a row, e.g. an L column
   * whose letter was changed, and Metakit then reads the low 32 bits, see decodeIntsInto); 'wide' for
   * L/D (width 64).
   */
  kind: 'int' | 'value' | 'wide';
  offset?: number;
  path?: string;
}

/** Validated width of an int column; throws BAD_WIDTH with the numbers. */
export function checkedWidth(c: IntColumnCheck): IntWidth {
  if (c.kind === 'wide') {
    if (c.size !== c.rows * 8) {
      throw new MetakitError('BAD_WIDTH', `expected a 64-bit column of ${c.rows} rows to hold ${c.rows * 8} bytes, but it holds ${c.size}`, {
        offset: c.offset,
        path: c.path,
      });
    }
    return 64;
  }
  const w = accessWidth(c.rows, c.size);
  if (w === 64 && c.kind === 'value') return 64;
  if (w < 0 || w > 32) {
    throw new MetakitError('BAD_WIDTH', `expected an int column of ${c.rows} rows to have a size giving a width of 0-32 bits, but its size ${c.size} gives none`, {
      offset: c.offset,
      path: c.path,
    });
  }
  return w as IntWidth;
}

/**
 * Decodes `rows` entries of an int column (width 0-32, or 64) into a new Int32Array. A 64-bit entry
 * gives its low 32 bits: c4_ColOfInts::Get_64i/Get_64r (src/column.cpp) copy the 8 bytes into the item
 * in host order and c4_ColOfInts::GetInt reads its first t4_i32, i.e. the low half on the little-endian
 * host the reference ran on (verified: an L column 1, -2, 300, 99999999999 relabelled `Q` reads as
 * 1, -2, 300, 1215752191).
 */
export function decodeInts(bytes: Uint8Array, rows: number, width: IntWidth, littleEndian: boolean): Int32Array {
  const out = new Int32Array(rows);
  decodeIntsInto(out, bytes, rows, width, littleEndian);
  return out;
}

export function decodeIntsInto(out: Int32Array, bytes: Uint8Array, rows: number, width: IntWidth, littleEndian: boolean): void {
  switch (width) {
    case 0:
      return;
    case 1:
      for (let i = 0; i < rows; i++) out[i] = ((bytes[i >>> 3] as number) >>> (i & 7)) & 1;
      return;
    case 2:
      for (let i = 0; i < rows; i++) out[i] = ((bytes[i >>> 2] as number) >>> ((i & 3) << 1)) & 3;
      return;
    case 4:
      for (let i = 0; i < rows; i++) out[i] = ((bytes[i >>> 1] as number) >>> ((i & 1) << 2)) & 15;
      return;
    case 8:
      for (let i = 0; i < rows; i++) out[i] = ((bytes[i] as number) << 24) >> 24;
      return;
    case 16: {
      if (littleEndian === HOST_LITTLE_ENDIAN && bytes.byteOffset % 2 === 0) {
        out.set(new Int16Array(bytes.buffer, bytes.byteOffset, rows));
        return;
      }
      const dv = new DataView(bytes.buffer, bytes.byteOffset, rows * 2);
      for (let i = 0; i < rows; i++) out[i] = dv.getInt16(i * 2, littleEndian);
      return;
    }
    case 32: {
      if (littleEndian === HOST_LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
        out.set(new Int32Array(bytes.buffer, bytes.byteOffset, rows));
        return;
      }
      const dv = new DataView(bytes.buffer, bytes.byteOffset, rows * 4);
      for (let i = 0; i < rows; i++) out[i] = dv.getInt32(i * 4, littleEndian);
      return;
    }
    case 64: {
      const dv = new DataView(bytes.buffer, bytes.byteOffset, rows * 8);
      const low = littleEndian ? 0 : 4;
      for (let i = 0; i < rows; i++) out[i] = dv.getInt32(i * 8 + low, littleEndian);
      return;
    }
    default:
      throw new RangeError(`decodeInts: width ${String(width)} is not an int width`);
  }
}

/** One entry of an int column without decoding the whole column. */
export function intAt(bytes: Uint8Array, row: number, width: IntWidth, littleEndian: boolean): number {
  switch (width) {
    case 0: return 0;
    case 1: return ((bytes[row >>> 3] as number) >>> (row & 7)) & 1;
    case 2: return ((bytes[row >>> 2] as number) >>> ((row & 3) << 1)) & 3;
    case 4: return ((bytes[row >>> 1] as number) >>> ((row & 1) << 2)) & 15;
    case 8: return ((bytes[row] as number) << 24) >> 24;
    case 16: return new DataView(bytes.buffer, bytes.byteOffset + row * 2, 2).getInt16(0, littleEndian);
    case 32: return new DataView(bytes.buffer, bytes.byteOffset + row * 4, 4).getInt32(0, littleEndian);
    case 64: return new DataView(bytes.buffer, bytes.byteOffset + row * 8, 8).getInt32(littleEndian ? 0 : 4, littleEndian);
    default: throw new RangeError(`intAt: width ${String(width)} is not an int width`);
  }
}

/** A 64-bit column as Float64Array (D) — a zero-copy view when byte order and alignment allow. */
export function decodeDoubles(bytes: Uint8Array, rows: number, littleEndian: boolean): Float64Array {
  if (littleEndian === HOST_LITTLE_ENDIAN && bytes.byteOffset % 8 === 0) return new Float64Array(bytes.buffer, bytes.byteOffset, rows);
  const out = new Float64Array(rows);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, rows * 8);
  for (let i = 0; i < rows; i++) out[i] = dv.getFloat64(i * 8, littleEndian);
  return out;
}

/** A 64-bit column as BigInt64Array (L) — a zero-copy view when byte order and alignment allow. */
export function decodeLongs(bytes: Uint8Array, rows: number, littleEndian: boolean): BigInt64Array {
  if (littleEndian === HOST_LITTLE_ENDIAN && bytes.byteOffset % 8 === 0) return new BigInt64Array(bytes.buffer, bytes.byteOffset, rows);
  const out = new BigInt64Array(rows);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, rows * 8);
  for (let i = 0; i < rows; i++) out[i] = dv.getBigInt64(i * 8, littleEndian);
  return out;
}

/** Encodes int values at a given width with Metakit's stored size (fake sizes included), padding zero. */
export function encodeInts(values: ArrayLike<number>, rows: number, width: IntWidth, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(storedSize(rows, width));
  switch (width) {
    case 0:
      break;
    case 1:
      for (let i = 0; i < rows; i++) out[i >>> 3] = (out[i >>> 3] as number) | (((values[i] as number) & 1) << (i & 7));
      break;
    case 2:
      for (let i = 0; i < rows; i++) out[i >>> 2] = (out[i >>> 2] as number) | (((values[i] as number) & 3) << ((i & 3) << 1));
      break;
    case 4:
      for (let i = 0; i < rows; i++) out[i >>> 1] = (out[i >>> 1] as number) | (((values[i] as number) & 15) << ((i & 1) << 2));
      break;
    case 8:
      for (let i = 0; i < rows; i++) out[i] = (values[i] as number) & 0xff;
      break;
    case 16: {
      const dv = new DataView(out.buffer);
      for (let i = 0; i < rows; i++) dv.setInt16(i * 2, values[i] as number, littleEndian);
      break;
    }
    case 32: {
      if (littleEndian === HOST_LITTLE_ENDIAN && values instanceof Int32Array) {
        out.set(new Uint8Array(values.buffer, values.byteOffset, rows * 4));
        break;
      }
      const dv = new DataView(out.buffer);
      for (let i = 0; i < rows; i++) dv.setInt32(i * 4, values[i] as number, littleEndian);
      break;
    }
    default:
      throw new RangeError(`encodeInts: width ${width} is not an int width`);
  }
  return out;
}

/** Smallest width holding every value (what a fresh column grows to). */
export function widthOf(values: ArrayLike<number>, rows: number): IntWidth {
  let w: IntWidth = 0;
  for (let i = 0; i < rows && w < 32; i++) {
    const b = bitsNeeded(values[i] as number);
    if (b > w) w = b;
  }
  return w;
}

export function encodeDoubles(values: ArrayLike<number>, rows: number, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(rows * 8);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < rows; i++) dv.setFloat64(i * 8, values[i] as number, littleEndian);
  return out;
}

export function encodeLongs(values: ArrayLike<bigint>, rows: number, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(rows * 8);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < rows; i++) dv.setBigInt64(i * 8, values[i] as bigint, littleEndian);
  return out;
}

export const hostLittleEndian = HOST_LITTLE_ENDIAN;
