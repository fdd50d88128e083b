/**
 * The edits of a writable document's view, each kept pending until Commit: a cell's new value (from the
 * grid's editor), an appended row, the active row deleted. A refused edit is reported; the editor stays.
 */
import type { DocumentInfo, ViewInfo } from '../../../../electron/shared/dto.js';
import { request } from '../../api/client.js';
import type { Notice } from '../common/useNotice.js';

export interface RowEdits {
  /** Saves a cell; resolves false when refused. */
  edit: (row: number, column: string, text: string) => Promise<boolean>;
  append: () => Promise<void>;
  /** Deletes the stored row under the active cell. */
  remove: () => Promise<void>;
}

/** `activeRow`: the stored row under the active cell; `onAppended` runs after a row was appended. */
export function useRowEdits(doc: DocumentInfo, info: ViewInfo | undefined, activeRow: number | null, notice: Notice, onAppended: () => void): RowEdits {
  const edit = async (row: number, column: string, text: string): Promise<boolean> => {
    if (!info) return false;
    try {
      await request('editCell', { docId: doc.id, path: info.path, row, column, value: text });
      notice.say(null);
      return true;
    } catch (e) {
      notice.report(e);
      return false;
    }
  };
  const append = async (): Promise<void> => {
    if (!info) return;
    try {
      await request('appendRow', { docId: doc.id, path: info.path });
      onAppended();
    } catch (e) {
      notice.report(e);
    }
  };
  const remove = async (): Promise<void> => {
    if (!info || activeRow === null) return;
    try {
      await request('deleteRows', { docId: doc.id, path: info.path, rows: [activeRow] });
    } catch (e) {
      notice.report(e);
    }
  };
  return { edit, append, remove };
}
