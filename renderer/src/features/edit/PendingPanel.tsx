/**
 * The pending changes of a writable document, listed one by one, with the explicit Commit (one commit
 * with all of them, refused with the reason if other processes hold a read-write file) and Revert.
 */
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import type { PendingEdit } from '../../../../electron/shared/dtoEdit.js';
import { request } from '../../api/client.js';
import { useAsync } from '../../api/hooks.js';

function describe(e: PendingEdit): string {
  switch (e.kind) {
    case 'set': return `${e.title}[${e.row}].${e.column}: ${e.before ?? ''} → ${e.after ?? ''}`;
    case 'append': return `${e.title}: new row ${e.row} (${e.after ?? ''})`;
    case 'delete': return `${e.title}: delete row ${e.row}`;
  }
}

export function PendingPanel({ doc, busy, onCommit, onRevert }: { doc: DocumentInfo; busy: boolean; onCommit: () => void; onRevert: () => void }) {
  const pending = useAsync(`${doc.id}:${doc.editVersion}:${doc.generation}`, () => request('listPending', { docId: doc.id }), { keep: true });
  const edits = pending.value?.docId === doc.id ? pending.value.edits : [];
  return (
    <div className="panel pending-panel">
      <h2>Pending changes ({edits.length})</h2>
      <p className="note">
        {doc.mode === 'readwrite'
          ? `Commit rewrites ${doc.main.name} (crash-safe: new data first, then the switch). It is refused while other processes hold the file.`
          : `Commit appends one generation ${doc.aside ? `to ${doc.aside.name}` : `to ${doc.main.name}`}; readers that opened earlier keep their snapshot.`}
      </p>
      {edits.length === 0 ? <p className="note">No changes: double-click a cell (or press Enter or F2) to edit it; Append row and Delete row are above the grid.</p> : (
        <ol className="pending-list" aria-label="Pending changes">
          {edits.map((e) => <li key={e.id} className={`pending-${e.kind}`}>{describe(e)}</li>)}
        </ol>
      )}
      <div className="modal-actions left">
        <button type="button" className="primary" disabled={edits.length === 0 || busy} onClick={onCommit}>Commit</button>
        <button type="button" disabled={edits.length === 0 || busy} onClick={onRevert}>Revert</button>
      </div>
    </div>
  );
}
