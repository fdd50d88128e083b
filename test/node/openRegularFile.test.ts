/**
 * Issue 13: the byte store opens regular files only, and says in words why a path cannot be opened.
 * The errno words are checked for every code the table knows (EACCES too: the tests run as root,
 * where no real file gives EACCES; badInput.test.ts gets a real one by running as another user).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetakitError } from '../../engine/core/base/errors.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { describeFsError, openError, probeRegularFile } from '../../engine/node/openRegularFile.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mk-regular-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: raw message, open 'x'`), { code });

function thrown(work: () => unknown): MetakitError {
  try {
    work();
  } catch (e) {
    if (e instanceof MetakitError) return e;
    throw e;
  }
  throw new Error('expected a MetakitError');
}

describe('issue 13: file-system errors in words', () => {
  it.each([
    ['EACCES', 'EACCES: permission denied (the file, or a folder on its path, may not be read by this user)'],
    ['EPERM', 'EPERM: operation not permitted'],
    ['ENOENT', 'ENOENT: no such file'],
    ['ENOTDIR', 'ENOTDIR: a component of the path is a file, not a folder'],
    ['EISDIR', 'EISDIR: it is a directory'],
    ['ELOOP', 'ELOOP: too many levels of symbolic links'],
    ['ENAMETOOLONG', 'ENAMETOOLONG: the name is too long'],
    ['EMFILE', 'EMFILE: this process has too many open files'],
    ['ENXIO', 'ENXIO: no such device'],
    ['EIO', 'EIO: an I/O error of the device'],
  ])('%s', (code, words) => {
    expect(describeFsError(errno(code))).toBe(words);
    const e = openError('/data/x.mk', 'read-only', errno(code));
    expect([e.code, e.file, e.message]).toEqual(['IO', '/data/x.mk', `expected to open /data/x.mk read-only, but ${words}`]);
  });

  it('an unknown errno keeps the system message; a trailing slash on a file gets a hint', () => {
    expect(describeFsError(errno('EXDEV'))).toBe("EXDEV: raw message, open 'x'");
    expect(openError('/data/x.mk/', 'read-only', errno('ENOTDIR')).message).toBe(
      "expected to open /data/x.mk/ read-only, but ENOTDIR: a component of the path is a file, not a folder (the path ends with '/', but names a file, not a folder: drop the slash)",
    );
  });
});

describe('issue 13: only regular files open, refused before the open', () => {
  it('a directory, a FIFO, a character device: IO naming the path and what it is', () => {
    const folder = join(dir, 'folder.mk');
    mkdirSync(folder);
    const fifo = join(dir, 'fifo.mk');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const [path, kind] of [[folder, 'a directory'], [fifo, 'a FIFO (named pipe)'], ['/dev/null', 'a character device']] as const) {
      for (const writable of [false, true]) {
        const e = thrown(() => new FileByteStore(path, { writable }));
        expect([e.code, e.file, e.message]).toEqual(['IO', path, `expected ${path} to be a regular file, but it is ${kind}`]);
      }
      expect(probeRegularFile(path)?.message).toBe(`expected ${path} to be a regular file, but it is ${kind}`);
    }
  });

  it('a regular file opens; a missing one may be created only by a writable store asked to', () => {
    const path = join(dir, 'ok.mk');
    writeFileSync(path, 'x');
    expect(probeRegularFile(path)).toBeNull();
    const s = new FileByteStore(path);
    expect(s.size()).toBe(1);
    s.close();
    const created = join(dir, 'new.mk');
    expect(probeRegularFile(created, 'read-write', true)).toBeNull();
    expect(thrown(() => new FileByteStore(created)).message).toBe(`expected to open ${created} read-only, but ENOENT: no such file`);
    const w = new FileByteStore(created, { writable: true, create: true });
    expect(w.size()).toBe(0);
    w.close();
  });
});
