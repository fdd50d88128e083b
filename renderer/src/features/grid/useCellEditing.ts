/**
 * Which cell of the grid is being edited. Only a writable document's stored cells are editable: not a
 * subview cell, not a row deleted by a pending edit, not a row still loading. Another view, sort or
 * filter closes the editor; closing it gives the focus back to the grid.
 */
import { useState, type RefObject } from 'react';
import type { ColumnInfo } from '../../../../electron/shared/dto.js';
import { editorText, type EditTarget } from './CellEditor.js';
import type { RowCache } from './rowCache.js';

export interface CellEditing {
  editing: EditTarget | null;
  /** Opens the editor on the cell at (`pos`, `col`) if it can be edited. */
  start: (pos: number, col: number) => void;
  finish: () => void;
}

export function useCellEditing(cache: RowCache, columns: readonly ColumnInfo[], editable: boolean, place: string, scrollerRef: RefObject<HTMLDivElement | null>): CellEditing {
  const [editing, setEditing] = useState<EditTarget | null>(null);
  const [lastPlace, setLastPlace] = useState(place);
  if (lastPlace !== place) {
    setLastPlace(place);
    setEditing(null);
  }
  const start = (pos: number, col: number): void => {
    const row = cache.row(pos);
    const c = columns[col];
    if (!editable || !row || !c || c.type === 'V' || row.edit?.state === 'deleted') return;
    const cell = row.cells[col];
    if (!cell) return;
    setEditing({ pos, col, row: row.index, column: c.name, type: c.type, initial: editorText(cell), cell });
  };
  const finish = (): void => {
    setEditing(null);
    scrollerRef.current?.focus();
  };
  return { editing, start, finish };
}
