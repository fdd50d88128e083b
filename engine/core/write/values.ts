/**
 * Validation and encoding of values before they are stored: a wrong value is refused with BAD_VALUE
 * before any column changes (int32 range, int64 range, strings without NUL, bytes as Uint8Array).
 */
import { MetakitError } from '../base/errors.js';
import type { Field } from '../read/structure.js';

const utf8 = new TextEncoder();
const F32 = new Float32Array(1);
const F32_BITS = new Int32Array(F32.buffer);
const EMPTY = new Uint8Array(0);
// Constants, not `1n << 63n` per call: every bigint operation allocates.
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

function bad(field: Field, path: string, expected: string, value: unknown): never {
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : typeof value === 'bigint' ? `${value}n` : String(value);
  throw new MetakitError('BAD_VALUE', `expected ${expected} for ${path}.${field.name} (${field.type}), but got ${shown}`, { path: `${path}.${field.name}` });
}

export function toInt(field: Field, path: string, v: unknown): number {
  if (typeof v === 'bigint') v = Number(v);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) bad(field, path, 'a 32-bit integer', v);
  return v as number;
}

export function toLong(field: Field, path: string, v: unknown): bigint {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) bad(field, path, 'a 64-bit integer (use a bigint beyond 2^53)', v);
    return BigInt(v);
  }
  if (typeof v === 'string' && /^-?\d+$/.test(v)) v = BigInt(v);
  if (typeof v !== 'bigint' || v < INT64_MIN || v > INT64_MAX) bad(field, path, 'a 64-bit integer', v);
  return v as bigint;
}

/** F: the value rounded to float32 (C's `(float)` cast), stored as its bit pattern. */
export function toFloatBits(field: Field, path: string, v: unknown): number {
  if (typeof v !== 'number') bad(field, path, 'a number', v);
  F32[0] = v as number;
  return F32_BITS[0] as number;
}

export function toDouble(field: Field, path: string, v: unknown): number {
  if (typeof v !== 'number') bad(field, path, 'a number', v);
  return v as number;
}

/** S: UTF-8 plus the terminating NUL; the empty string is stored as no bytes at all. */
export function toStringBytes(field: Field, path: string, v: unknown): Uint8Array {
  if (typeof v !== 'string') bad(field, path, 'a string', v);
  const s = v as string;
  if (s.length === 0) return EMPTY;
  if (s.includes('\0')) bad(field, path, 'a string without NUL characters', v);
  // ASCII is the common case: encode directly into a right-sized buffer (the NUL is the zero at the end).
  const n = s.length;
  const out = new Uint8Array(n + 1);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return encodeNonAscii(s);
    out[i] = c;
  }
  return out;
}

/**
 * S for the writer's fast path: the string itself when it is non-empty ASCII without NUL (its stored
 * bytes are its char codes plus the NUL, written straight into the column), else its stored bytes.
 */
export function toStringValue(field: Field, path: string, v: unknown): string | Uint8Array {
  if (typeof v !== 'string') bad(field, path, 'a string', v);
  const s = v as string;
  const n = s.length;
  if (n === 0) return EMPTY;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80 || c === 0) return toStringBytes(field, path, s);
  }
  return s;
}

/** The stored bytes of a string toStringValue passed through (ASCII without NUL): char codes + NUL. */
export function asciiStringBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length + 1);
  for (let k = 0; k < s.length; k++) out[k] = s.charCodeAt(k);
  return out;
}

function encodeNonAscii(s: string): Uint8Array {
  const enc = utf8.encode(s);
  const out = new Uint8Array(enc.length + 1);
  out.set(enc);
  return out;
}

/** S given as raw bytes (no NUL inside; the NUL is added). */
export function rawStringBytes(field: Field, path: string, v: Uint8Array): Uint8Array {
  if (v.length === 0) return EMPTY;
  if (v.includes(0)) bad(field, path, 'string bytes without NUL', '(bytes with NUL)');
  const out = new Uint8Array(v.length + 1);
  out.set(v);
  return out;
}

export function toBytes(field: Field, path: string, v: unknown): Uint8Array {
  if (!(v instanceof Uint8Array)) bad(field, path, 'a Uint8Array', v);
  return v as Uint8Array;
}
