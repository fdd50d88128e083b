/**
 * The writer's side of a document the user opened writable, held for as long as it is open (so the
 * presence registry shows this inspector as writer or extender):
 *  - `readwrite`, no aside: the main file in read-write mode (commits rewrite it, crash-safe);
 *  - `extend`, no aside: the main file in extend mode (commits only append);
 *  - `extend` with an aside: the main file read-only and the aside in extend mode (the seed's
 *    pattern: commits go into the aside).
 * A read-write open of a file that has an aside is refused: committing the main file alone would
 * leave the aside's diffs pointing at columns that moved.
 */
import { basename } from 'node:path';
import { openWritableStorageFile, type WritableStorageFileHandle } from '../../../engine/node/openWritableStorageFile.js';
import type { OpenMode } from '../../shared/dto.js';
import { ServiceError } from '../errors.js';
import type { EditSession } from './editSession.js';

export class DocumentWriter {
  private constructor(
    private readonly main: WritableStorageFileHandle,
    private readonly aside: WritableStorageFileHandle | null,
  ) {}

  /** Refuses a combination of files and mode that cannot be written safely (before anything is opened). */
  static checkMode(mainPath: string, asidePath: string | null, mode: OpenMode): void {
    if (mode === 'readwrite' && asidePath !== null) {
      throw new ServiceError('UNSUPPORTED', `${basename(mainPath)} has an aside (${basename(asidePath)}): a read-write commit of the main file alone would break it; open it in extend mode (commits go into the aside), or flush first`);
    }
  }

  static open(mainPath: string, asidePath: string | null, mode: OpenMode): DocumentWriter {
    if (mode === 'read') throw new TypeError('a DocumentWriter is for writable documents');
    DocumentWriter.checkMode(mainPath, asidePath, mode);
    if (asidePath === null) return new DocumentWriter(openWritableStorageFile(mainPath, { mode }), null);
    const aside = openWritableStorageFile(asidePath, { mode: 'extend' });
    let main: WritableStorageFileHandle;
    try {
      main = openWritableStorageFile(mainPath, { mode: 'read', role: 'inspector' });
      main.storage.setAside(aside.storage);
    } catch (e) {
      aside.close();
      throw e;
    }
    return new DocumentWriter(main, aside);
  }

  /** Writes the pending edits as one commit; on failure nothing is committed and the edits stay. */
  commit(session: EditSession): void {
    try {
      session.applyTo(this.main.storage);
      this.main.commit();
      this.aside?.commit();
    } catch (e) {
      this.aside?.storage.rollback();
      this.main.storage.rollback();
      throw e;
    }
  }

  close(): void {
    this.main.close();
    this.aside?.close();
  }
}
