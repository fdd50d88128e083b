/**
 * Opening a datafile (and its aside) from disk the way every process of ours should: read-only
 * through O_RDONLY file stores, registered in the presence registry so the flush guard and `readers`
 * see us. Closing the storage (or the handle) removes the registration.
 */
import type { PresenceRole } from '../core/analysis/presence.js';
import { Storage, type OpenMode, type OpenOptions } from '../core/read/storage.js';
import { FileByteStore } from './fileByteStore.js';
import { registerPresence, type PresenceRegistration } from './presence/registry.js';

export interface OpenStorageFileOptions {
  /** Only `read`: writable opens are openWritableStorageFile's. */
  mode?: OpenMode;
  /** Path of an aside file to read through. */
  aside?: string;
  /** How this process presents itself to others (default `reader`). */
  role?: PresenceRole;
  /** Register in the presence registry (default true; MKINSPECT_PRESENCE=off disables it globally). */
  presence?: boolean;
  limits?: OpenOptions['limits'];
  /** Open a past generation: scan the main file from this end. */
  end?: number;
  /** Open a past generation of the aside: scan the aside file from this end. */
  asideEnd?: number;
}

export interface PresenceStatus {
  /** True if every opened file carries an entry. */
  registered: boolean;
  entries: { file: 'main' | 'aside'; path: string; entryPath: string | null }[];
  /** Why a file is not registered (read-only directory, disabled), one sentence each. */
  problems: string[];
}

export interface StorageFileHandle {
  readonly storage: Storage;
  readonly mainPath: string;
  readonly asidePath: string | undefined;
  readonly presence: PresenceStatus;
  /** Re-announces the generation read (after the storage moved to a newer one). */
  updatePresence(): void;
  /** Closes the storage and removes the registrations. */
  close(): void;
}

/** A file store that runs a hook once when closed (storages close their stores). */
export class HookedFileByteStore extends FileByteStore {
  onClose: (() => void) | null = null;

  override close(): void {
    super.close();
    const hook = this.onClose;
    this.onClose = null;
    hook?.();
  }
}

export function openStorageFile(mainPath: string, options: OpenStorageFileOptions = {}): StorageFileHandle {
  const mode = options.mode ?? 'read';
  if (mode !== 'read') {
    throw new RangeError(`openStorageFile opens files read-only; for mode '${mode}' use openWritableStorageFile (the writer)`);
  }
  const role = options.role ?? 'reader';
  let asideStorage: Storage | undefined;
  let asideStore: HookedFileByteStore | undefined;
  if (options.aside !== undefined) {
    asideStore = new HookedFileByteStore(options.aside);
    try {
      asideStorage = Storage.open(asideStore, { mode, limits: options.limits, end: options.asideEnd });
    } catch (e) {
      asideStore.close();
      throw e;
    }
  }
  const mainStore = new HookedFileByteStore(mainPath);
  let storage: Storage;
  try {
    storage = Storage.open(mainStore, { mode, aside: asideStorage, limits: options.limits, end: options.end });
  } catch (e) {
    mainStore.close();
    asideStorage?.close();
    throw e;
  }

  const registrations: { file: 'main' | 'aside'; path: string; reg: PresenceRegistration }[] = [];
  const presence: PresenceStatus = { registered: false, entries: [], problems: [] };
  if (options.presence !== false) {
    const files: { file: 'main' | 'aside'; path: string; end: number }[] = [{ file: 'main', path: mainPath, end: storage.info.end }];
    if (options.aside !== undefined && asideStorage) files.push({ file: 'aside', path: options.aside, end: asideStorage.info.end });
    for (const f of files) {
      const reg = registerPresence(f.path, { role, mode, generation: storage.generation, end: f.end });
      registrations.push({ file: f.file, path: f.path, reg });
      presence.entries.push({ file: f.file, path: f.path, entryPath: reg.entryPath });
      if (reg.reason) presence.problems.push(`${f.file}: ${reg.reason}`);
    }
    presence.registered = registrations.every((r) => r.reg.registered);
  } else {
    presence.problems.push('presence registration was not requested');
  }

  const unregister = (which: 'main' | 'aside'): void => {
    for (const r of registrations) if (r.file === which) r.reg.unregister();
  };
  mainStore.onClose = () => unregister('main');
  if (asideStore) asideStore.onClose = () => unregister('aside');

  return {
    storage,
    mainPath,
    asidePath: options.aside,
    presence,
    updatePresence(): void {
      for (const r of registrations) {
        const end = r.file === 'main' ? storage.info.end : storage.aside?.info.end ?? null;
        r.reg.update({ generation: storage.generation, end });
      }
    },
    close(): void {
      storage.close();
    },
  };
}
