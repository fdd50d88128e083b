/**
 * The only way the core touches bytes: a small synchronous interface. `engine/node` implements it on
 * files (read-only or read-write, with fsync); tests and in-memory storages use MemoryByteStore.
 */
import { MetakitError } from './errors.js';

export interface ByteStore {
  /** A name for messages (file path or `memory`). */
  readonly name: string;
  /** True if write/truncate/sync are allowed. */
  readonly writable: boolean;
  /** Current physical size in bytes (re-read on every call: other processes may append). */
  size(): number;
  /**
   * Reads exactly `length` bytes at absolute `position` into a new array the caller owns (the writer
   * edits column bytes in place); throws MetakitError TRUNCATED if fewer exist.
   */
  read(position: number, length: number): Uint8Array;
  /**
   * Like read, into `target` (filling it): lets the writer read a column into an array with room to
   * grow. Optional; without it callers read and copy.
   */
  readInto?(position: number, target: Uint8Array): void;
  /** Writes bytes at an absolute position (extends the store if needed). */
  write(position: number, bytes: Uint8Array): void;
  /** Makes every earlier write durable (fsync). */
  sync(): void;
  /** Cuts or extends the store to `length` bytes. */
  truncate(length: number): void;
  /** Releases the underlying handle; further use throws. */
  close(): void;
}

export function checkRead(store: { name: string }, position: number, length: number, size: number): void {
  if (!Number.isSafeInteger(position) || !Number.isSafeInteger(length) || position < 0 || length < 0) {
    throw new RangeError(`read of ${length} bytes at ${position} is not a valid range`);
  }
  if (position + length > size) {
    throw new MetakitError('TRUNCATED', `expected ${length} bytes at ${position}, but ${store.name} has only ${size} bytes`, {
      offset: position,
      file: store.name,
    });
  }
}

/** A growable in-memory store: bytes in, bytes out. */
export class MemoryByteStore implements ByteStore {
  readonly name: string;
  readonly writable: boolean;
  private buffer: Uint8Array;
  private length: number;
  private closed = false;

  constructor(bytes: Uint8Array = new Uint8Array(0), options: { writable?: boolean; name?: string } = {}) {
    this.buffer = bytes.slice();
    this.length = bytes.length;
    this.writable = options.writable ?? true;
    this.name = options.name ?? 'memory';
  }

  size(): number {
    this.assertOpen();
    return this.length;
  }

  read(position: number, length: number): Uint8Array {
    this.assertOpen();
    checkRead(this, position, length, this.length);
    return this.buffer.slice(position, position + length);
  }

  readInto(position: number, target: Uint8Array): void {
    this.assertOpen();
    checkRead(this, position, target.length, this.length);
    target.set(this.buffer.subarray(position, position + target.length));
  }

  write(position: number, bytes: Uint8Array): void {
    this.assertWritable();
    const end = position + bytes.length;
    this.ensureCapacity(end);
    this.buffer.set(bytes, position);
    if (end > this.length) this.length = end;
  }

  sync(): void {
    this.assertOpen();
  }

  truncate(length: number): void {
    this.assertWritable();
    if (length > this.length) {
      this.ensureCapacity(length);
      this.buffer.fill(0, this.length, length);
    }
    this.length = length;
  }

  close(): void {
    this.closed = true;
  }

  /** A copy of the current contents. */
  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private ensureCapacity(end: number): void {
    if (end <= this.buffer.length) return;
    const next = new Uint8Array(Math.max(end, this.buffer.length * 2, 64));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  private assertOpen(): void {
    if (this.closed) throw new MetakitError('IO', `${this.name} is closed`, { file: this.name });
  }

  private assertWritable(): void {
    this.assertOpen();
    if (!this.writable) throw new MetakitError('READ_ONLY', `expected a writable store, but ${this.name} is read-only`, { file: this.name });
  }
}

/** Wraps a store and counts what is read through it (tests of laziness, stats). */
export class CountingByteStore implements ByteStore {
  bytesRead = 0;
  reads = 0;
  constructor(private readonly inner: ByteStore) {}
  get name(): string { return this.inner.name; }
  get writable(): boolean { return this.inner.writable; }
  size(): number { return this.inner.size(); }
  read(position: number, length: number): Uint8Array {
    this.reads++;
    this.bytesRead += length;
    return this.inner.read(position, length);
  }
  readInto(position: number, target: Uint8Array): void {
    this.reads++;
    this.bytesRead += target.length;
    if (this.inner.readInto) this.inner.readInto(position, target);
    else target.set(this.inner.read(position, target.length));
  }
  write(position: number, bytes: Uint8Array): void { this.inner.write(position, bytes); }
  sync(): void { this.inner.sync(); }
  truncate(length: number): void { this.inner.truncate(length); }
  close(): void { this.inner.close(); }
  reset(): void { this.bytesRead = 0; this.reads = 0; }
}

/** True when two byte arrays hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
