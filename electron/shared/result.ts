/**
 * What every contract method returns. Thrown errors lose everything but `message` across IPC and
 * HTTP, so failures travel as values with a stable code and the engine's offset/path.
 */
export interface ErrorInfo {
  /** A MetakitError code (NOT_METAKIT, TRUNCATED, ...) or one of the app's own (see AppErrorCode). */
  code: string;
  message: string;
  /** Byte offset in the file the error refers to. */
  offset?: number;
  /** View/property path the error refers to. */
  path?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Codes the app adds to the engine's MetakitError codes. */
export type AppErrorCode =
  /** The arguments did not pass the schema, or do not fit the view (unknown column, bad filter). */
  | 'BAD_ARGUMENT'
  /** The call came from a frame or origin that may not use the contract. */
  | 'FORBIDDEN'
  /** No open document has this id (closed meanwhile). */
  | 'NO_DOCUMENT'
  /** This transport cannot do it (a native file dialog over HTTP). */
  | 'UNSUPPORTED'
  /** A newer request replaced this one, or the user cancelled the job. */
  | 'ABORTED'
  /** A file could not be read (missing, permission). */
  | 'IO'
  /** A bug: the message says where. */
  | 'INTERNAL';

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: string, message: string, where: { offset?: number; path?: string } = {}): Result<T> {
  const error: ErrorInfo = { code, message };
  if (where.offset !== undefined) error.offset = where.offset;
  if (where.path !== undefined) error.path = where.path;
  return { ok: false, error };
}
