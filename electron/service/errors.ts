/** Turning what the engine and Node throw into the contract's ErrorInfo. */
import { MetakitError } from '../../engine/core/base/errors.js';
import type { ErrorInfo, Result } from '../shared/result.js';

/** A caller-visible failure of the service itself (unknown document, bad column, cancelled job). */
export class ServiceError extends Error {
  constructor(readonly code: string, message: string, readonly path?: string) {
    super(message);
    this.name = 'ServiceError';
  }
}

export function toErrorInfo(e: unknown): ErrorInfo {
  if (e instanceof MetakitError) {
    const info: ErrorInfo = { code: e.code, message: e.file && !e.message.includes(e.file) ? `${e.file}: ${e.message}` : e.message };
    if (e.offset !== undefined) info.offset = e.offset;
    if (e.path !== undefined) info.path = e.path;
    return info;
  }
  if (e instanceof ServiceError) return e.path === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, path: e.path };
  // Caller mistakes inside the engine (row or property out of range) reach us as Range/TypeError.
  if (e instanceof RangeError || e instanceof TypeError) return { code: 'BAD_ARGUMENT', message: e.message };
  const errno = (e as { code?: unknown }).code;
  if (typeof errno === 'string' && /^E[A-Z]+$/.test(errno)) return { code: 'IO', message: (e as Error).message };
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

/** Runs a service operation and returns its value or its error as a Result. */
export async function guard<T>(work: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (e) {
    return { ok: false, error: toErrorInfo(e) };
  }
}
