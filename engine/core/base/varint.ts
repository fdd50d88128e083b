/**
 * Metakit's variable-length integers (c4_Column::PushValue / PullValue, format §4): 7-bit groups, most
 * significant first, stop bit 0x80 on the last byte; a leading 0x00 byte means "bitwise NOT of what
 * follows" (negative values). Values are 32-bit signed.
 */
import { MetakitError } from './errors.js';

const MAX_VARINT_BYTES = 6;

/** A bounded cursor over a byte range. `origin` is the absolute file offset of `bytes[0]`, for messages. */
export class ByteCursor {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    readonly start = 0,
    readonly end = bytes.length,
    readonly origin = 0,
    readonly what = 'walk',
  ) {
    if (start < 0 || end > bytes.length || start > end) throw new RangeError(`cursor range ${start}..${end} outside 0..${bytes.length}`);
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Absolute file offset of the cursor (for error messages). */
  get offset(): number {
    return this.origin + this.pos;
  }

  varint(): number {
    const begin = this.pos;
    const bytes = this.bytes;
    let value = 0;
    let negate = false;
    let count = 0;
    for (;;) {
      if (this.pos >= this.end) {
        throw new MetakitError('BAD_VARINT', `expected a varint at ${this.origin + begin} to end inside the ${this.what} (${this.end - this.start} bytes), but it runs past the end`, {
          offset: this.origin + begin,
        });
      }
      if (count === MAX_VARINT_BYTES) {
        throw new MetakitError('BAD_VARINT', `expected a varint of at most ${MAX_VARINT_BYTES} bytes at ${this.origin + begin} in the ${this.what}, but found a longer one`, {
          offset: this.origin + begin,
        });
      }
      const b = bytes[this.pos++] as number;
      if (count === 0 && b === 0) negate = true;
      count++;
      value = value * 128 + (b & 0x7f);
      if (b & 0x80) break;
    }
    if (value > 0x7fffffff) {
      throw new MetakitError('BAD_VARINT', `expected a 32-bit varint at ${this.origin + begin} in the ${this.what}, but it holds ${value}`, {
        offset: this.origin + begin,
      });
    }
    return negate ? ~value : value;
  }

  /** A varint that must be >= 0 (sizes, row counts). */
  count(what: string): number {
    const at = this.offset;
    const v = this.varint();
    if (v < 0) throw new MetakitError('BAD_WALK', `expected a non-negative ${what} at ${at}, but found ${v}`, { offset: at });
    return v;
  }

  bytesOf(length: number, what: string): Uint8Array {
    if (length > this.remaining) {
      throw new MetakitError('BAD_WALK', `expected ${length} bytes of ${what} at ${this.offset}, but only ${this.remaining} remain in the ${this.what}`, {
        offset: this.offset,
      });
    }
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
}

/** Number of bytes `encodeVarint` produces for v. */
export function varintLength(v: number): number {
  let n = v < 0 ? ~v : v;
  let len = v < 0 ? 2 : 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

/** Appends the varint encoding of a 32-bit signed value. */
export function pushVarint(out: ByteSink, v: number): void {
  if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw new RangeError(`varint value ${v} is not a 32-bit integer`);
  let n = v;
  if (n < 0) {
    out.push(0);
    n = ~n;
  }
  // n is in [0, 2^31): its 7-bit groups come from shifts, most significant first. Walks are mostly
  // small values (one byte), and commits write hundreds of thousands of them.
  if (n < 0x80) {
    out.push(n | 0x80);
    return;
  }
  let shift = 28;
  while (n >>> shift === 0) shift -= 7;
  for (; shift > 0; shift -= 7) out.push((n >>> shift) & 0x7f);
  out.push((n & 0x7f) | 0x80);
}

/** Minimal growable byte sink used to build walks. */
export class ByteSink {
  private buf = new Uint8Array(64);
  length = 0;

  push(b: number): void {
    if (this.length === this.buf.length) this.grow(this.length + 1);
    this.buf[this.length++] = b;
  }

  pushBytes(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.buf.length) this.grow(this.length + bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  varint(v: number): void {
    pushVarint(this, v);
  }

  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }

  private grow(min: number): void {
    const next = new Uint8Array(Math.max(min, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
}

export function encodeVarint(v: number): Uint8Array {
  const sink = new ByteSink();
  pushVarint(sink, v);
  return sink.bytes();
}
