/**
 * Cell values typed by the user: text parsed per Metakit type into what the engine's writer takes
 * (checked here, so a bad value is refused at once and not at Commit), the grid cell of a pending
 * value, and the text shown in the list of pending changes.
 */
import { toHex } from '../../../engine/core/base/format.js';
import type { PropType } from '../../../engine/core/read/structure.js';
import { toBytes, toDouble, toFloatBits, toInt, toLong, toStringBytes } from '../../../engine/core/write/values.js';
import type { Field } from '../../../engine/core/read/structure.js';
import type { CellDto } from '../../shared/dto.js';
import type { CellSource } from '../cellDetail.js';
import { compressionOf, GRID_HEX_BYTES, headText, GRID_TEXT_CHARS } from '../cells.js';
import { ServiceError } from '../errors.js';
import { doubleTexts, floatTexts } from '../numbers.js';

/** What WritableView.set takes for each type. */
export type EngineValue = number | bigint | string | Uint8Array;

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const utf8 = new TextEncoder();

function refuse(column: string, type: PropType, expected: string, text: string): never {
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  throw new ServiceError('BAD_VALUE', `expected ${expected} for ${column} (${type}), but found ${shown}`);
}

function parseNumber(column: string, type: PropType, text: string): number {
  const t = text.trim();
  if (/^nan$/i.test(t)) return NaN;
  if (/^\+?inf(inity)?$/i.test(t)) return Infinity;
  if (/^-inf(inity)?$/i.test(t)) return -Infinity;
  if (!DECIMAL.test(t)) refuse(column, type, 'a number (or NaN, Inf, -Inf)', text);
  return Number(t);
}

/** Hex digits (spaces allowed between bytes) to bytes. */
export function parseHex(column: string, text: string): Uint8Array {
  const t = text.replace(/\s+/g, '');
  if (t.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(t)) refuse(column, 'B', 'bytes as hex digits (two per byte)', text);
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Parses and validates a typed value (the engine's own checks, so Commit cannot refuse it later). */
export function parseCellText(field: Field, path: string, text: string): EngineValue {
  const c = field.name;
  switch (field.type) {
    case 'I': {
      const t = text.trim();
      if (!INTEGER.test(t)) refuse(c, 'I', 'an integer', text);
      const n = Number(t);
      if (n < -0x80000000 || n > 0x7fffffff) refuse(c, 'I', 'a 32-bit integer (-2147483648..2147483647)', text);
      return toInt(field, path, n);
    }
    case 'L': {
      const t = text.trim().replace(/^\+/, '');
      if (!INTEGER.test(t)) refuse(c, 'L', 'an integer', text);
      const n = BigInt(t);
      if (n < -(1n << 63n) || n >= 1n << 63n) refuse(c, 'L', 'a 64-bit integer', text);
      return toLong(field, path, n);
    }
    case 'F': {
      const x = parseNumber(c, 'F', text);
      toFloatBits(field, path, x);
      return x;
    }
    case 'D': return toDouble(field, path, parseNumber(c, 'D', text));
    case 'S':
      if (text.includes('\0')) refuse(c, 'S', 'text without NUL characters', text);
      toStringBytes(field, path, text);
      return text;
    case 'B': return toBytes(field, path, parseHex(c, text));
    case 'V':
      throw new ServiceError('BAD_ARGUMENT', `${c} is a subview: open it and edit its rows`);
  }
}

/** The empty value of a type (a new row's cells). */
export function emptyValue(type: PropType): EngineValue {
  switch (type) {
    case 'I': case 'F': case 'D': return 0;
    case 'L': return 0n;
    case 'S': return '';
    case 'B': case 'V': return new Uint8Array(0);
  }
}

const F32 = new Float32Array(1);
const F32_BITS = new Int32Array(F32.buffer);

/** The grid cell of a pending value. */
export function cellOfValue(type: PropType, value: EngineValue): CellDto {
  switch (type) {
    case 'I': return { t: 'I', v: value as number };
    case 'L': return { t: 'L', v: (value as bigint).toString() };
    case 'F':
      F32[0] = value as number;
      return { t: 'F', ...floatTexts(F32_BITS[0] as number) };
    case 'D': return { t: 'D', ...doubleTexts(value as number) };
    case 'S': {
      const bytes = utf8.encode(value as string);
      return { t: 'S', ...headText(bytes, GRID_TEXT_CHARS), bytes: bytes.length };
    }
    case 'B': {
      const bytes = value as Uint8Array;
      return { t: 'B', size: bytes.length, hex: toHex(bytes, GRID_HEX_BYTES), compressed: compressionOf(bytes) };
    }
    case 'V': return { t: 'V', rows: 0 };
  }
}

/** A cell as one line of text (the list of pending changes). */
export function cellText(cell: CellDto): string {
  switch (cell.t) {
    case 'I': return String(cell.v);
    case 'L': case 'F': case 'D': return cell.v;
    case 'S': return cell.truncated ? `${cell.text}…` : cell.text;
    case 'B': return cell.size === 0 ? '(no bytes)' : `${cell.hex}${cell.size > cell.hex.length / 2 ? '…' : ''} (${cell.size} bytes)`;
    case 'V': return `${cell.rows} rows`;
    case 'error': return `${cell.code}`;
  }
}

/** One pending value read like a view cell, so the inspector shows it as it shows committed ones. */
export function pendingSource(fields: readonly Field[], p: number, value: EngineValue): CellSource {
  const type = (fields[p] as Field).type;
  return {
    fields,
    getInt: () => {
      if (type !== 'F') return value as number;
      F32[0] = value as number;
      return F32_BITS[0] as number;
    },
    getLong: () => value as bigint,
    getDouble: () => value as number,
    getBytes: () => (type === 'S' ? utf8.encode(value as string) : value as Uint8Array),
    getViewSize: () => 0,
  };
}
