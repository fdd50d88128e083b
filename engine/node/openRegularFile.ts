/**
 * Opening a datafile path for a byte store, refusing everything that is not a regular file before it
 * is opened: a FIFO would block the open until some writer appears, a device can have effects on
 * open, a directory fails only at the first read (EISDIR). Every refusal is a MetakitError `IO`
 * naming the path and saying, in words, what was found.
 */
import { accessSync, closeSync, constants, fstatSync, openSync, statSync, type Stats } from 'node:fs';
import { MetakitError } from '../core/base/errors.js';

/** What a path is when it is not a regular file, in words; null for a regular file. */
export function nonRegularKind(st: Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied (the file, or a folder on its path, may not be read by this user)',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a component of the path is a file, not a folder',
  EISDIR: 'it is a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EROFS: 'the file system is read-only',
  EMFILE: 'this process has too many open files',
  ENFILE: 'the system has too many open files',
  ENXIO: 'no such device',
  ENODEV: 'no such device',
  EBUSY: 'the device is busy',
  EIO: 'an I/O error of the device',
  EEXIST: 'a file of that name exists',
};

function errnoOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `ENOENT: no such file`, for any error of a file-system call (the errno code first, then words). */
export function describeFsError(e: unknown): string {
  const code = errnoOf(e);
  const words = code === undefined ? undefined : ERRNO_WORDS[code];
  if (code !== undefined && words !== undefined) return `${code}: ${words}`;
  return e instanceof Error ? e.message : String(e);
}

/** The IO error for a path that could not be opened or examined. */
export function openError(path: string, access: string, e: unknown): MetakitError {
  const trailing = /[/\\]$/.test(path) && errnoOf(e) === 'ENOTDIR' ? " (the path ends with '/', but names a file, not a folder: drop the slash)" : '';
  return new MetakitError('IO', `expected to open ${path} ${access}, but ${describeFsError(e)}${trailing}`, { file: path, cause: e });
}

export function notRegularError(path: string, kind: string): MetakitError {
  return new MetakitError('IO', `expected ${path} to be a regular file, but it is ${kind}`, { file: path });
}

/**
 * Checks without opening that `path` names a regular file; returns the error (not thrown) so that a
 * caller checking several files can name every one that is wrong. A missing path is fine when
 * `mayBeMissing` (it will be created).
 */
export function probeRegularFile(path: string, access = 'read-only', mayBeMissing = false): MetakitError | null {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    return mayBeMissing && errnoOf(e) === 'ENOENT' ? null : openError(path, access, e);
  }
  const kind = nonRegularKind(st);
  if (kind !== null) return notRegularError(path, kind);
  // Readable by this user? (stat needs no read permission; the open would fail the same way.)
  try {
    accessSync(path, access === 'read-only' ? constants.R_OK : constants.R_OK | constants.W_OK);
  } catch (e) {
    return openError(path, access, e);
  }
  return null;
}

export type OpenFlags = 'r' | 'r+' | 'a';

/**
 * openSync for a byte store, for regular files only. Looks at the path first, then opens; read-only
 * opens add O_NONBLOCK, so that a path swapped for a FIFO between the look and the open cannot block,
 * and the descriptor's own type is checked again after the open.
 */
export function openRegularFile(path: string, flags: OpenFlags, access: string): number {
  const problem = probeRegularFile(path, access, flags === 'a');
  if (problem) throw problem;
  let fd: number;
  try {
    fd = flags === 'r' ? openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)) : openSync(path, flags);
  } catch (e) {
    throw openError(path, access, e);
  }
  const kind = nonRegularKind(fstatSync(fd));
  if (kind !== null) {
    closeSync(fd);
    throw notRegularError(path, kind);
  }
  return fd;
}
