/**
 * One row of the virtual grid: its row number and the cells of the columns in view, placed by
 * transforms; the active cell, edited cells, rows of pending edits and new rows are marked.
 */
import type { ReactNode } from 'react';
import type { VirtualItem } from '@tanstack/react-virtual';
import type { ColumnInfo, RowDto } from '../../../../electron/shared/dto.js';
import { cellTitle, GridCell } from './GridCell.js';
import type { CellPosition } from './gridKeys.js';

interface Props {
  pos: number;
  /** Undefined while its page loads. */
  row: RowDto | undefined;
  /** Offset from the top of the grid body. */
  y: number;
  height: number;
  width: number;
  rowNumberWidth: number;
  vcols: VirtualItem[];
  columns: readonly ColumnInfo[];
  active: CellPosition;
  /** Highlighted: arrived from another process. */
  fresh: boolean;
  /** The column being edited in this row, and its editor. */
  editingCol: number | null;
  editor: ReactNode;
  fullPrecision: boolean;
  onActive: (cell: CellPosition) => void;
  onDrill: (row: number, column: string) => void;
  onStartEdit: (pos: number, col: number) => void;
}

export function GridRow({ pos, row, y, height, width, rowNumberWidth, vcols, columns, active, fresh, editingCol, editor, fullPrecision, onActive, onDrill, onStartEdit }: Props) {
  const state = row?.edit ? ` row-${row.edit.state}` : '';
  return (
    <div
      className={`grid-row${pos % 2 ? ' odd' : ''}${pos === active.pos ? ' active-row' : ''}${fresh ? ' new-row' : ''}${state}`}
      role="row"
      aria-rowindex={pos + 1}
      style={{ transform: `translateY(${y}px)`, width, height }}
    >
      <div className="rownum" role="rowheader" aria-colindex={1} style={{ width: rowNumberWidth }}>{row ? row.index : ''}</div>
      {vcols.map((vc) => {
        const cell = row?.cells[vc.index];
        const isActive = pos === active.pos && vc.index === active.col;
        const type = columns[vc.index]?.type;
        const edited = row?.edit?.cells.includes(vc.index) ? ' edited' : '';
        return (
          <div
            key={vc.index}
            id={`cell-${pos}-${vc.index}`}
            className={`cell t-${type}${isActive ? ' active' : ''}${cell ? '' : ' pending'}${edited}`}
            role="gridcell"
            aria-colindex={vc.index + 2}
            aria-selected={isActive}
            title={cell ? cellTitle(cell) : undefined}
            style={{ width: vc.size, transform: `translateX(${vc.start}px)` }}
            onMouseDown={() => onActive({ pos, col: vc.index })}
            onDoubleClick={() => {
              if (row && type === 'V') onDrill(row.index, columns[vc.index]?.name ?? '');
              else onStartEdit(pos, vc.index);
            }}
          >
            {editingCol === vc.index
              ? editor
              : cell ? <GridCell cell={cell} fullPrecision={fullPrecision} onDrill={() => row && onDrill(row.index, columns[vc.index]?.name ?? '')} /> : <span className="placeholder" />}
          </div>
        );
      })}
    </div>
  );
}
