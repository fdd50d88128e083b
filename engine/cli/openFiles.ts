/** Opening the files named on the command line, read-only unless a command says otherwise. */
import { Storage } from '../core/storage.js';
import { FileByteStore } from '../node/fileByteStore.js';

export interface OpenedFiles {
  storage: Storage;
  mainPath: string;
  asidePath?: string;
}

export function openReadOnly(mainPath: string, asidePath?: string, end?: number): OpenedFiles {
  let aside: Storage | undefined;
  if (asidePath !== undefined) aside = Storage.open(new FileByteStore(asidePath));
  const main = new FileByteStore(mainPath);
  try {
    const storage = Storage.open(main, { aside, end });
    return asidePath === undefined ? { storage, mainPath } : { storage, mainPath, asidePath };
  } catch (e) {
    main.close();
    aside?.close();
    throw e;
  }
}
