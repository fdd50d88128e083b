/**
 * Building datafile bytes inline in tests: xxd dumps copied from the format doc, hex strings, and a
 * small layout helper that places columns from rel. 8 and appends root walk, skip and commit tails.
 */
import { expect } from 'vitest';
import { MemoryByteStore } from '../../engine/core/base/byteStore.js';
import { MetakitError, type MetakitErrorCode } from '../../engine/core/base/errors.js';
import { encodeCommitTail, encodeSkipTail } from '../../engine/core/read/tails.js';
import { encodeHeader } from '../../engine/core/read/header.js';
import { Storage, type OpenOptions } from '../../engine/core/read/storage.js';
import { ByteSink } from '../../engine/core/base/varint.js';

/** Bytes of an `xxd` dump (offset, 8 groups of 4 hex digits, ASCII); offsets must be contiguous. */
export function fromXxd(dump: string): Uint8Array {
  const out: number[] = [];
  for (const raw of dump.split('\n')) {
    const line = raw.trimStart();
    if (line.length === 0) continue;
    const m = /^([0-9a-f]{8}): /.exec(line);
    if (!m) throw new Error(`not an xxd line: ${line}`);
    const offset = parseInt(m[1] as string, 16);
    if (offset !== out.length) throw new Error(`xxd line at ${offset} follows ${out.length} bytes`);
    const hexPart = line.slice(10, 49).replace(/ /g, '');
    for (let i = 0; i < hexPart.length; i += 2) out.push(parseInt(hexPart.slice(i, i + 2), 16));
  }
  return Uint8Array.from(out);
}

/** Bytes from hex digits, spaces ignored: `hex('4a 4c 1a00')`. */
export function hex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  if (digits.length % 2 !== 0 || /[^0-9a-fA-F]/.test(digits)) throw new Error(`bad hex: ${text}`);
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A read-only in-memory store over a copy of `bytes`. */
export function store(bytes: Uint8Array, name = 'test.mk'): MemoryByteStore {
  return new MemoryByteStore(bytes, { writable: false, name });
}

export function openBytes(bytes: Uint8Array, options: OpenOptions = {}): Storage {
  return Storage.open(store(bytes), options);
}

/** Varints (and raw byte arrays / strings) concatenated: `walk(0, 1, ascii('x'), ~3)`. */
export function walk(...items: (number | Uint8Array | string)[]): Uint8Array {
  const sink = new ByteSink();
  for (const item of items) {
    if (typeof item === 'number') sink.varint(item);
    else if (typeof item === 'string') sink.pushBytes(ascii(item));
    else sink.pushBytes(item);
  }
  return sink.bytes();
}

/** A root walk: sias 0, description, 1 row, then the given column-group varints. */
export function rootWalk(description: string, ...groups: (number | Uint8Array)[]): Uint8Array {
  return walk(0, description.length, description, 1, ...groups);
}

/**
 * Lays out a new-format datafile: columns from rel. 8 in the order added, then the root walk, the
 * skip tail and the commit tail; the header holds the end. `add` returns a column's position.
 */
export class FileBuilder {
  private readonly parts: Uint8Array[] = [];
  private length = 8;

  constructor(private readonly littleEndian = true) {}

  add(bytes: Uint8Array): number {
    const pos = this.length;
    this.parts.push(bytes);
    this.length += bytes.length;
    return pos;
  }

  /** Position the next `add` will return. */
  get next(): number {
    return this.length;
  }

  finish(root: Uint8Array): Uint8Array {
    const rootPos = this.add(root);
    const skipAt = this.length;
    const end = skipAt + 16;
    return concat(encodeHeader(this.littleEndian, end), ...this.parts, encodeSkipTail(skipAt), encodeCommitTail(root.length, rootPos));
  }
}

/** Runs `fn`, expects a MetakitError with `code` whose message matches; returns it. */
export function expectMkError(fn: () => unknown, code: MetakitErrorCode, message: string | RegExp): MetakitError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  if (!(caught instanceof MetakitError)) {
    throw new Error(`expected MetakitError ${code}, but ${caught === undefined ? 'nothing was thrown' : `got ${String((caught as Error).stack ?? caught)}`}`);
  }
  expect(caught.code).toBe(code);
  if (typeof message === 'string') expect(caught.message).toBe(message);
  else expect(caught.message).toMatch(message);
  return caught;
}

/**
 * A file with one top-level view: `build` adds the view's columns and returns its column groups (as
 * varints/bytes); the view column and root walk are laid out after them.
 */
export function singleViewFile(layout: string, rows: number, build: (b: FileBuilder) => (number | Uint8Array)[], littleEndian = true): Uint8Array {
  const b = new FileBuilder(littleEndian);
  const groups = build(b);
  const viewCol = walk(0, rows, ...groups);
  const pos = b.add(viewCol);
  return b.finish(rootWalk(layout, viewCol.length, pos));
}
