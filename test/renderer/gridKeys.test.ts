/**
 * The grid's keyboard as data (issue 15: Grid split into scroll geometry, keyboard and editing): where
 * each key moves the active cell, clamped inside the grid, and which keys open a cell.
 */
import { describe, expect, it } from 'vitest';
import { clampCell, keyAction, type GridSize } from '../../renderer/src/features/grid/gridKeys.js';

const size: GridSize = { rows: 1000, columns: 5, page: 20 };
const at = { pos: 500, col: 2 };

describe('keyAction', () => {
  it('moves one cell with the arrows', () => {
    expect(keyAction('ArrowDown', false, at, size)).toEqual({ kind: 'move', to: { pos: 501, col: 2 } });
    expect(keyAction('ArrowUp', false, at, size)).toEqual({ kind: 'move', to: { pos: 499, col: 2 } });
    expect(keyAction('ArrowRight', false, at, size)).toEqual({ kind: 'move', to: { pos: 500, col: 3 } });
    expect(keyAction('ArrowLeft', false, at, size)).toEqual({ kind: 'move', to: { pos: 500, col: 1 } });
  });

  it('moves a page with PageUp/PageDown, keeping the column', () => {
    expect(keyAction('PageDown', false, at, size)).toEqual({ kind: 'move', to: { pos: 520, col: 2 } });
    expect(keyAction('PageUp', false, at, size)).toEqual({ kind: 'move', to: { pos: 480, col: 2 } });
  });

  it('Home/End go to the first/last column of the row; with Ctrl to the first/last row too', () => {
    expect(keyAction('Home', false, at, size)).toEqual({ kind: 'move', to: { pos: 500, col: 0 } });
    expect(keyAction('End', false, at, size)).toEqual({ kind: 'move', to: { pos: 500, col: 4 } });
    expect(keyAction('Home', true, at, size)).toEqual({ kind: 'move', to: { pos: 0, col: 0 } });
    expect(keyAction('End', true, at, size)).toEqual({ kind: 'move', to: { pos: 999, col: 4 } });
  });

  it('never leaves the grid', () => {
    expect(keyAction('ArrowUp', false, { pos: 0, col: 0 }, size)).toEqual({ kind: 'move', to: { pos: 0, col: 0 } });
    expect(keyAction('ArrowLeft', false, { pos: 0, col: 0 }, size)).toEqual({ kind: 'move', to: { pos: 0, col: 0 } });
    expect(keyAction('ArrowDown', false, { pos: 999, col: 4 }, size)).toEqual({ kind: 'move', to: { pos: 999, col: 4 } });
    expect(keyAction('ArrowRight', false, { pos: 999, col: 4 }, size)).toEqual({ kind: 'move', to: { pos: 999, col: 4 } });
    expect(keyAction('PageDown', false, { pos: 990, col: 1 }, size)).toEqual({ kind: 'move', to: { pos: 999, col: 1 } });
    expect(keyAction('PageUp', false, { pos: 5, col: 1 }, size)).toEqual({ kind: 'move', to: { pos: 0, col: 1 } });
  });

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
