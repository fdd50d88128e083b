/**
 * The grid's keyboard, as data: where a key moves the active cell (arrows, PageUp/PageDown, Home/End,
 * Ctrl+Home/End), always inside the grid, and which keys open a cell (Enter drills into a subview or
 * edits; F2 edits). Pure: the grid applies the result.
 */
export interface CellPosition {
  /** Position in the current order. */
  pos: number;
  col: number;
}

export interface GridSize {
  rows: number;
  columns: number;
  /** Rows that PageUp/PageDown move. */
  page: number;
}

/** The nearest cell inside the grid (row 0, column 0 when it is empty). */
export function clampCell(cell: CellPosition, size: GridSize): CellPosition {
  return {
    pos: Math.max(0, Math.min(size.rows - 1, cell.pos)),
    col: Math.max(0, Math.min(size.columns - 1, cell.col)),
  };
}

export type KeyAction =
  | { kind: 'move'; to: CellPosition }
  /** Enter: into the subview of a subview cell, else edit. */
  | { kind: 'enter' }
  /** F2: edit. */
  | { kind: 'edit' };

/** What `key` does at `at` (`ctrl`: Ctrl or Cmd held); null for keys the grid leaves alone. */
export function keyAction(key: string, ctrl: boolean, at: CellPosition, size: GridSize): KeyAction | null {
  const { pos, col } = at;
  const move = (p: number, c: number): KeyAction => ({ kind: 'move', to: clampCell({ pos: p, col: c }, size) });
  switch (key) {
    case 'ArrowDown': return move(pos + 1, col);
    case 'ArrowUp': return move(pos - 1, col);
    case 'ArrowRight': return move(pos, col + 1);
    case 'ArrowLeft': return move(pos, col - 1);
    case 'PageDown': return move(pos + size.page, col);
    case 'PageUp': return move(pos - size.page, col);
    case 'Home': return move(ctrl ? 0 : pos, 0);
    case 'End': return move(ctrl ? size.rows - 1 : pos, size.columns - 1);
    case 'Enter': return { kind: 'enter' };
    case 'F2': return { kind: 'edit' };
    default: return null;
  }
}
