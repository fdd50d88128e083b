/**
 * The grid's keyboard as data (issue 15: Grid split into scroll geometry, keyboard and editing): where
 * each key moves the active cell, clamped inside the grid, and which keys open a cell.
 */
import { describe, expect, it } from 'vitest';
import { clampCell, keyAction, type CellPosition, type GridSize } from '../../renderer/src/features/grid/gridKeys.js';

const size: GridSize = { rows: 1000, columns: 5, page: 20 };
const at: CellPosition = { pos: 500, col: 2 };

type Case = [key: string, ctrl: boolean, from: CellPosition, to: CellPosition];

/** Each key from row 500, column 2 of a 1000 × 5 grid with 20-row pages, and at its edges. */
const moves: Record<string, Case[]> = {
  'moves one cell with the arrows': [
    ['ArrowDown', false, at, { pos: 501, col: 2 }], ['ArrowUp', false, at, { pos: 499, col: 2 }],
    ['ArrowRight', false, at, { pos: 500, col: 3 }], ['ArrowLeft', false, at, { pos: 500, col: 1 }],
  ],
  'moves a page with PageUp/PageDown, keeping the column': [
    ['PageDown', false, at, { pos: 520, col: 2 }], ['PageUp', false, at, { pos: 480, col: 2 }],
  ],
  'Home/End go to the first/last column of the row; with Ctrl to the first/last row too': [
    ['Home', false, at, { pos: 500, col: 0 }], ['End', false, at, { pos: 500, col: 4 }],
    ['Home', true, at, { pos: 0, col: 0 }], ['End', true, at, { pos: 999, col: 4 }],
  ],
  'never leaves the grid': [
    ['ArrowUp', false, { pos: 0, col: 0 }, { pos: 0, col: 0 }], ['ArrowLeft', false, { pos: 0, col: 0 }, { pos: 0, col: 0 }],
    ['ArrowDown', false, { pos: 999, col: 4 }, { pos: 999, col: 4 }], ['ArrowRight', false, { pos: 999, col: 4 }, { pos: 999, col: 4 }],
    ['PageDown', false, { pos: 990, col: 1 }, { pos: 999, col: 1 }], ['PageUp', false, { pos: 5, col: 1 }, { pos: 0, col: 1 }],
  ],
};

describe('keyAction', () => {
  for (const [title, cases] of Object.entries(moves)) {
    it(title, () => {
      for (const [key, ctrl, from, to] of cases) expect(keyAction(key, ctrl, from, size), `${key}${ctrl ? ' with Ctrl' : ''}`).toEqual({ kind: 'move', to });
    });
  }

  it('Enter opens the cell (drill or edit), F2 edits; other keys are left alone', () => {
    expect(keyAction('Enter', false, at, size)).toEqual({ kind: 'enter' });
    expect(keyAction('F2', false, at, size)).toEqual({ kind: 'edit' });
    for (const key of ['a', 'Tab', 'Escape', ' ', 'Delete']) expect(keyAction(key, false, at, size)).toBeNull();
  });
});

describe('clampCell', () => {
  it('keeps a cell inside the grid', () => {
    expect(clampCell({ pos: -3, col: 9 }, size)).toEqual({ pos: 0, col: 4 });
    expect(clampCell({ pos: 1e9, col: -1 }, size)).toEqual({ pos: 999, col: 0 });
    expect(clampCell({ pos: 42, col: 3 }, size)).toEqual({ pos: 42, col: 3 });
  });

  it('an empty view (no rows while a filter matches nothing) stays at row 0', () => {
    expect(clampCell({ pos: 5, col: 1 }, { rows: 0, columns: 3, page: 10 })).toEqual({ pos: 0, col: 1 });
    expect(keyAction('End', true, { pos: 0, col: 0 }, { rows: 0, columns: 3, page: 10 })).toEqual({ kind: 'move', to: { pos: 0, col: 2 } });
  });
});
