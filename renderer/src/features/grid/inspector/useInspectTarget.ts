/**
 * The cell the inspector shows: the stored row and column under the grid's active cell, in the
 * snapshot (generation, pending edits) the grid shows. A target of another document is not shown; one
 * of another view does not mark a row for Delete row.
 */
import { useCallback, useState } from 'react';
import type { DocumentInfo, ViewInfo } from '../../../../../electron/shared/dto.js';
import type { InspectTarget } from './CellInspector.js';

export interface InspectedCell {
  /** For the inspector: the target in the shown document, else null. */
  target: InspectTarget | null;
  /** The grid's active cell, once its row is loaded. */
  onCellFocus: (row: number, column: string) => void;
  /** Stored index of the row under the active cell of the shown view (null until its row is loaded). */
  activeRow: number | null;
}

export function useInspectTarget(doc: DocumentInfo | null, info: ViewInfo | undefined): InspectedCell {
  const [target, setTarget] = useState<InspectTarget | null>(null);
  const editVersion = doc?.editVersion ?? 0;
  const onCellFocus = useCallback((row: number, column: string) => {
    if (!info) return;
    setTarget((t) => (t && t.docId === info.docId && t.generation === info.generation && t.editVersion === editVersion && t.row === row && t.column === column && JSON.stringify(t.path) === JSON.stringify(info.path)
      ? t : { docId: info.docId, generation: info.generation, editVersion, path: info.path, row, column }));
  }, [info, editVersion]);
  return {
    target: target && doc && target.docId === doc.id ? target : null,
    onCellFocus,
    activeRow: target && info && target.docId === info.docId && JSON.stringify(target.path) === JSON.stringify(info.path) ? target.row : null,
  };
}
