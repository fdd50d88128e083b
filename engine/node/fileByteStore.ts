/**
 * ByteStore on a file. Read-only stores open the file with O_RDONLY, so a reader can never write it;
 * writable stores fsync on `sync()`. Only regular files open (a directory, FIFO or device is an IO
 * error naming the path).
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, readSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { checkRead, type ByteStore } from '../core/base/byteStore.js';
import { MetakitError } from '../core/base/errors.js';
import { describeFsError, openRegularFile } from './openRegularFile.js';

export interface FileStoreOptions {
  writable?: boolean;
  /** Create the file if missing (writable stores only). */
  create?: boolean;
}

export class FileByteStore implements ByteStore {
  readonly name: string;
  readonly writable: boolean;
  private fd: number | null;

  constructor(readonly path: string, options: FileStoreOptions = {}) {
    this.writable = options.writable ?? false;
    this.name = basename(path);
    const access = this.writable ? 'read-write' : 'read-only';
    // Only regular files (openRegularFile.ts): a directory, FIFO or device is refused before opening.
    // Creating: 'a' creates the file, then it is reopened read-write ('a+' would force appends).
    if (this.writable && options.create) closeSync(openRegularFile(path, 'a', access));
    this.fd = openRegularFile(path, this.writable ? 'r+' : 'r', access);
  }

  get handle(): number {
    if (this.fd === null) throw new MetakitError('IO', `${this.path} is closed`, { file: this.path });
    return this.fd;
  }

  size(): number {
    return fstatSync(this.handle).size;
  }

  read(position: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    this.readInto(position, out);
    return out;
  }

  readInto(position: number, target: Uint8Array): void {
    const fd = this.handle;
    const length = target.length;
    let done = 0;
    while (done < length) {
      let n: number;
      try {
        n = readSync(fd, target, done, length - done, position + done);
      } catch (e) {
        throw new MetakitError('IO', `expected to read ${length} bytes at ${position} of ${this.path}, but ${describeFsError(e)}`, { file: this.path, offset: position, cause: e });
      }
      if (n === 0) {
        checkRead(this, position, length, position + done);
        break;
      }
      done += n;
    }
  }

  write(position: number, bytes: Uint8Array): void {
    this.assertWritable();
    let done = 0;
    while (done < bytes.length) done += writeSync(this.handle, bytes, done, bytes.length - done, position + done);
  }

  sync(): void {
    this.assertWritable();
    fsyncSync(this.handle);
  }

  truncate(length: number): void {
    this.assertWritable();
    ftruncateSync(this.handle, length);
  }

  close(): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
  }

  private assertWritable(): void {
    if (!this.writable) throw new MetakitError('READ_ONLY', `expected a writable file, but ${this.path} is open read-only`, { file: this.path });
  }
}
