/** The edit bar of a writable document above the grid: append, delete the active row, commit, revert. */
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import { formatCount } from '../common/format.js';
import type { PendingCommands } from './usePendingCommands.js';
import type { RowEdits } from './useRowEdits.js';

interface Props {
  doc: DocumentInfo;
  /** Stored index of the row under the active cell (null until its row is loaded). */
  activeRow: number | null;
  edits: RowEdits;
  pending: PendingCommands;
}

export function EditBar({ doc, activeRow, edits, pending }: Props) {
  const none = doc.pendingEdits === 0;
  return (
    <div className="edit-bar" role="toolbar" aria-label="Editing">
      <span className="muted">Double-click a cell (or Enter, F2) to edit.</span>
      <button type="button" onClick={() => void edits.append()}>Append row</button>
      <button type="button" disabled={activeRow === null} onClick={() => void edits.remove()}>Delete row{activeRow === null ? '' : ` ${activeRow}`}</button>
      <span className="spacer" />
      <span className="pending-count" role="status">{none ? 'No pending changes' : `${formatCount(doc.pendingEdits)} pending change${doc.pendingEdits === 1 ? '' : 's'}`}</span>
      <button type="button" className="primary" disabled={none || pending.committing} onClick={pending.commit}>Commit</button>
      <button type="button" disabled={none || pending.committing} onClick={pending.revert}>Revert</button>
    </div>
  );
}
