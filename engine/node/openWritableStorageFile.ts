/**
 * Opening a file for the writer (WritableStorage) the way our processes should: like openWritableFile,
 * plus a presence registration (role writer for read-write, extender for extend, reader for a read-only
 * main that commits into an aside) kept current after each commit and removed on close.
 */
import type { PresenceRole } from '../core/analysis/presence.js';
import { WritableStorage, type CommitOptions } from '../core/write/writableStorage.js';
import type { OpenWritableOptions } from './openWritable.js';
import { HookedFileByteStore, type PresenceStatus } from './openStorageFile.js';
import { registerPresence } from './presence/registry.js';

export interface OpenWritableStorageFileOptions extends OpenWritableOptions {
  role?: PresenceRole;
  /** Register in the presence registry (default true). */
  presence?: boolean;
}

export interface WritableStorageFileHandle {
  readonly storage: WritableStorage;
  readonly path: string;
  readonly presence: PresenceStatus;
  /** Commits and announces the new generation in the registry. */
  commit(options?: CommitOptions): boolean;
  /** Re-announces the generation (after commits made on `storage` directly). */
  updatePresence(): void;
  close(): void;
}

function defaultRole(mode: string): PresenceRole {
  return mode === 'readwrite' ? 'writer' : mode === 'extend' ? 'extender' : 'reader';
}

export function openWritableStorageFile(path: string, options: OpenWritableStorageFileOptions = {}): WritableStorageFileHandle {
  const mode = options.mode ?? 'readwrite';
  const store = new HookedFileByteStore(path, { writable: mode !== 'read', create: mode !== 'read' });
  let storage: WritableStorage;
  try {
    storage = WritableStorage.open(store, options);
  } catch (e) {
    store.close();
    throw e;
  }
  const presence: PresenceStatus = { registered: false, entries: [], problems: [] };
  const reg = options.presence === false
    ? null
    : registerPresence(path, { role: options.role ?? defaultRole(mode), mode, generation: String(storage.endOfData), end: storage.endOfData });
  if (reg) {
    presence.registered = reg.registered;
    presence.entries.push({ file: 'main', path, entryPath: reg.entryPath });
    if (reg.reason) presence.problems.push(reg.reason);
    store.onClose = () => reg.unregister();
  } else {
    presence.problems.push('presence registration was not requested');
  }
  const updatePresence = (): void => reg?.update({ generation: String(storage.endOfData), end: storage.endOfData });
  return {
    storage,
    path,
    presence,
    commit(commitOptions?: CommitOptions): boolean {
      const changed = storage.commit(commitOptions);
      if (changed) updatePresence();
      return changed;
    },
    updatePresence,
    close(): void {
      storage.close();
    },
  };
}
