/**
 * Opening the files named on the command line: read-only, and registered in the presence registry
 * (role `inspector`) so other processes, and the flush guard, see that mkinspect has them open.
 */
import type { Storage } from '../core/storage.js';
import { openStorageFile, type PresenceStatus } from '../node/openStorageFile.js';

export interface OpenedFiles {
  storage: Storage;
  mainPath: string;
  asidePath?: string;
  presence: PresenceStatus;
  /** Closes the storage and removes the presence entries. */
  close(): void;
}

export function openReadOnly(mainPath: string, asidePath?: string, end?: number): OpenedFiles {
  const handle = openStorageFile(mainPath, { aside: asidePath, role: 'inspector', end });
  const opened: OpenedFiles = { storage: handle.storage, mainPath, presence: handle.presence, close: () => handle.close() };
  if (asidePath !== undefined) opened.asidePath = asidePath;
  return opened;
}
