/**
 * The one error class of the engine. Every problem found in a datafile, and every refused operation,
 * is a MetakitError with a stable `code`; the message starts with what was expected and what was found.
 * Caller mistakes (wrong argument types, indexes out of range) stay TypeError/RangeError.
 */
export type MetakitErrorCode =
  /** No Metakit header/tails where they must be (foreign file). */
  | 'NOT_METAKIT'
  /** The file ends before the data it announces (torn or cut file). */
  | 'TRUNCATED'
  /** A stored position or size points outside the file or into the header/tails. */
  | 'BAD_OFFSET'
  /** A varint runs past its buffer or is longer than 6 bytes. */
  | 'BAD_VARINT'
  /** A structure description does not parse, or does not match the column groups. */
  | 'BAD_STRUCTURE'
  /** A walk (root, subview or memo walk) is malformed or not consumed exactly. */
  | 'BAD_WALK'
  /** An int column's size does not give a valid width for its row count and type. */
  | 'BAD_WIDTH'
  /** String/bytes columns disagree (sizes vs data, missing terminator, bad memo). */
  | 'BAD_BYTES'
  /** A subview refers back to one of its ancestors. */
  | 'CYCLE'
  /** The file refers to an aside it was not opened with, or to a diff the aside does not have. */
  | 'ASIDE_MISSING'
  /** The aside does not fit the main file (bad diff, wrong base, wrong length). */
  | 'ASIDE_MISMATCH'
  /** A write was attempted on a storage opened read-only. */
  | 'READ_ONLY'
  /** Other processes hold the files; the operation did nothing. */
  | 'BUSY'
  /** A configured limit (rows, depth, cell size, description length) was exceeded. */
  | 'LIMIT_EXCEEDED'
  /** A value cannot be stored (out of range for the type, NUL inside a string, wrong type). */
  | 'BAD_VALUE'
  /** A layout change Metakit would turn into an unreadable file (type change of a property). */
  | 'BAD_LAYOUT'
  /** The file changed underneath in a way this storage cannot follow (shrunk, replaced). */
  | 'CONFLICT'
  /** The operation was aborted through an AbortSignal. */
  | 'ABORTED'
  /** An I/O operation of the byte store failed. */
  | 'IO';

export interface MetakitErrorDetails {
  /** Byte offset (absolute, in the file named by `file`) where the problem was found. */
  offset?: number;
  /** View/property path, e.g. `people.tags[3].tag`. */
  path?: string;
  /** File name or role (`main`, `aside`) the offset refers to. */
  file?: string;
  /** The lower-level error, if any. */
  cause?: unknown;
}

export class MetakitError extends Error {
  readonly code: MetakitErrorCode;
  readonly offset: number | undefined;
  readonly path: string | undefined;
  readonly file: string | undefined;

  constructor(code: MetakitErrorCode, message: string, details: MetakitErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'MetakitError';
    this.code = code;
    this.offset = details.offset;
    this.path = details.path;
    this.file = details.file;
  }

  /** A copy of this error with the file name filled in (used when the store knows its path). */
  withFile(file: string): MetakitError {
    if (this.file !== undefined) return this;
    const copy = new MetakitError(this.code, this.message, { offset: this.offset, path: this.path, file, cause: this.cause });
    copy.stack = this.stack;
    return copy;
  }

  /** Plain, structured-cloneable form (for IPC/JSON). */
  toJSON(): { name: string; code: MetakitErrorCode; message: string; offset?: number; path?: string; file?: string } {
    const out: { name: string; code: MetakitErrorCode; message: string; offset?: number; path?: string; file?: string } = {
      name: this.name, code: this.code, message: this.message,
    };
    if (this.offset !== undefined) out.offset = this.offset;
    if (this.path !== undefined) out.path = this.path;
    if (this.file !== undefined) out.file = this.file;
    return out;
  }
}

export function isMetakitError(e: unknown): e is MetakitError {
  return e instanceof MetakitError;
}
