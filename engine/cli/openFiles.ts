/**
 * Opening the files named on the command line: read-only, and registered in the presence registry
 * (role `inspector`) so other processes, and the flush guard, see that mkinspect has them open.
 */
import { MetakitError } from '../core/base/errors.js';
import type { Storage } from '../core/read/storage.js';
import { listGenerations } from '../core/analysis/generations.js';
import { FileByteStore } from '../node/fileByteStore.js';
import { openStorageFile, type PresenceStatus } from '../node/openStorageFile.js';
import { CliExit } from './io.js';

export interface OpenedFiles {
  storage: Storage;
  mainPath: string;
  asidePath?: string;
  presence: PresenceStatus;
  /** Closes the storage and removes the presence entries. */
  close(): void;
}

export function openReadOnly(mainPath: string, asidePath?: string, end?: number, asideEnd?: number): OpenedFiles {
  const handle = openStorageFile(mainPath, { aside: asidePath, role: 'inspector', end, asideEnd });
  const opened: OpenedFiles = { storage: handle.storage, mainPath, presence: handle.presence, close: () => handle.close() };
  if (asidePath !== undefined) opened.asidePath = asidePath;
  return opened;
}

/**
 * `demo.mk: an empty storage (0 bytes): no views` for a file Metakit opens as a storage without
 * views (0 bytes, or a first commit that never completed); null otherwise. Not an error: Metakit
 * itself opens such a file (corpus case empty-storage).
 */
export function emptyStorageNote(path: string, storage: Storage): string | null {
  if (!storage.info.empty || storage.viewNames().length > 0) return null;
  const size = storage.info.fileSize;
  return `${path}: an empty storage (${size.toLocaleString('en-US')} byte${size === 1 ? '' : 's'}): no views`;
}

/** Generation `index` (1-based, negative from the newest) of MAIN, or of ASIDE when one is given. */
export function openGenerationReadOnly(mainPath: string, asidePath: string | undefined, index: number): OpenedFiles {
  const chainFile = new FileByteStore(asidePath ?? mainPath);
  let end: number;
  try {
    const gens = listGenerations(chainFile);
    const g = gens[index < 0 ? gens.length + index : index - 1];
    if (!g) throw CliExit.badInput('BAD_ARGUMENT', `generation ${index} does not exist: ${asidePath ?? mainPath} has ${gens.length} generation(s) (see mkinspect history)`);
    if (!g.intact) throw new MetakitError('TRUNCATED', `expected generation ${index} of ${asidePath ?? mainPath} to be intact, but its tails are torn: it cannot be opened`, { file: asidePath ?? mainPath, offset: g.end });
    end = g.end;
  } finally {
    chainFile.close();
  }
  return asidePath === undefined ? openReadOnly(mainPath, undefined, end) : openReadOnly(mainPath, asidePath, undefined, end);
}
