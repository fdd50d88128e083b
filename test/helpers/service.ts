/** Helpers for service tests: an in-process service, unwrapping Results, corpus paths. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentService, type DocumentService } from '../../electron/service/documentService.js';
import type { ViewPath } from '../../electron/shared/dto.js';
import type { Result } from '../../electron/shared/result.js';
import { CORPUS_DIR } from './corpus.js';

export function corpusFile(caseName: string, file = 'data.mk'): string {
  return join(CORPUS_DIR, caseName, file);
}

// Growth history and the fallback action log go to a scratch directory, never the user's.
process.env.MKINSPECT_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'mk-data-'));

export function newService(configDir: string | null = null): DocumentService {
  return createDocumentService({ version: 'test', transport: 'http', configDir });
}

export function tempDir(prefix = 'mk-app-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

export function errorOf<T>(r: Result<T>): { code: string; message: string } {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}

export const top = (view: string): ViewPath => ({ view, steps: [] });
