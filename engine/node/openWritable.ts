/** Opening a file as a writable (live) storage: the file store in the right mode, then the engine. */
import { LiveStorage, type LiveOpenOptions } from '../core/write/writableStorage.js';
import { FileByteStore } from './fileByteStore.js';
import { flushLive } from './flush.js';

export type { AsideDiffMode } from '../core/write/writableStorage.js';

/** `asideDiffs` (default 'delta') says how commits into an aside attached to this storage are stored. */
export type OpenLiveOptions = LiveOpenOptions;

export function openLiveFile(path: string, options: OpenLiveOptions = {}): LiveStorage {
  const mode = options.mode ?? 'readwrite';
  const store = new FileByteStore(path, { writable: mode !== 'read', create: mode !== 'read' });
  try {
    return LiveStorage.open(store, { flush: (s) => void flushLive(s), ...options });
  } catch (e) {
    store.close();
    throw e;
  }
}
