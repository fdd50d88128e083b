/** TanStack Table column definitions for a view, with the Metakit column typed into the meta. */
import { createColumnHelper, type ColumnDef, type RowData } from '@tanstack/react-table';
import type { CellDto, ColumnInfo, RowDto } from '../../../../electron/shared/dto.js';

declare module '@tanstack/react-table' {
  // Declaration merging must repeat the library's type parameters, used or not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    info: ColumnInfo;
    index: number;
  }
}

const WIDTH: Record<ColumnInfo['type'], number> = { I: 110, L: 190, F: 130, D: 150, S: 260, B: 250, V: 120 };

const helper = createColumnHelper<RowDto>();

export function gridColumns(columns: readonly ColumnInfo[]): ColumnDef<RowDto, CellDto | undefined>[] {
  return columns.map((info, index) => helper.accessor((row) => row.cells[index], {
    id: info.name,
    header: info.name,
    size: WIDTH[info.type],
    minSize: 48,
    maxSize: 2000,
    enableSorting: true,
    meta: { info, index },
  }));
}

/** Width of the row-number column: enough digits for the largest row index. */
export function rowNumberWidth(rows: number): number {
  return Math.max(56, String(Math.max(0, rows - 1)).length * 8 + 28);
}
