/**
 * ByteStore on a file. Read-only stores open the file with O_RDONLY, so a reader can never write it;
 * writable stores fsync on `sync()`.
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { checkRead, type ByteStore } from '../core/byteStore.js';
import { MetakitError } from '../core/errors.js';

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
    const flags = this.writable ? (options.create ? 'a+' : 'r+') : 'r';
    try {
      // 'a+' would force appends; open to create, then reopen read-write at arbitrary positions.
      if (flags === 'a+') closeSync(openSync(path, 'a'));
      this.fd = openSync(path, flags === 'a+' ? 'r+' : flags);
    } catch (e) {
      throw new MetakitError('IO', `expected to open ${path} ${this.writable ? 'read-write' : 'read-only'}, but ${(e as Error).message}`, { file: path, cause: e });
    }
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
      const n = readSync(fd, target, done, length - done, position + done);
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
