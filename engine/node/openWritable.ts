/** Opening a file as a writable storage: the file store in the right mode, then the engine. */
import { WritableStorage, type WritableOpenOptions } from '../core/write/writableStorage.js';
import { FileByteStore } from './fileByteStore.js';
import { flushWritable } from './flush.js';

export type { AsideDiffMode } from '../core/write/writableStorage.js';

/** `asideDiffs` (default 'delta') says how commits into an aside attached to this storage are stored. */
export type OpenWritableOptions = WritableOpenOptions;

export function openWritableFile(path: string, options: OpenWritableOptions = {}): WritableStorage {
  const mode = options.mode ?? 'readwrite';
  const store = new FileByteStore(path, { writable: mode !== 'read', create: mode !== 'read' });
  try {
    return WritableStorage.open(store, { flush: (s) => void flushWritable(s), ...options });
  } catch (e) {
    store.close();
    throw e;
  }
}
