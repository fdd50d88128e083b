/**
 * The grid's columns: TanStack Table for the headers and their resizable widths, TanStack Virtual for
 * the columns in view (after the sticky row-number column).
 */
import { useEffect, useMemo, useState, type RefObject } from 'react';
import { getCoreRowModel, useReactTable, type ColumnSizingState, type Header } from '@tanstack/react-table';
import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import type { RowDto, ViewInfo } from '../../../../electron/shared/dto.js';
import { gridColumns, rowNumberWidth } from './columns.js';

const NO_ROWS: RowDto[] = [];

export interface ColumnLayout {
  headers: Header<RowDto, unknown>[];
  /** The columns to render, with their x offset and width. */
  vcols: VirtualItem[];
  totalWidth: number;
  rowNumberWidth: number;
  /** Scrolls horizontally until column `col` is in view. */
  scrollToColumn: (col: number) => void;
}

export function useColumnLayout(view: ViewInfo, scrollerRef: RefObject<HTMLDivElement | null>): ColumnLayout {
  const columns = useMemo(() => gridColumns(view.columns), [view.columns]);
  const [sizing, setSizing] = useState<ColumnSizingState>({});
  // eslint-disable-next-line react-hooks/incompatible-library -- the table object is read during render only
  const table = useReactTable({
    data: NO_ROWS, columns, getCoreRowModel: getCoreRowModel(), manualSorting: true, manualFiltering: true,
    enableColumnResizing: true, columnResizeMode: 'onChange', state: { columnSizing: sizing }, onColumnSizingChange: setSizing,
  });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const widths = headers.map((h) => h.getSize());
  const rowNumW = rowNumberWidth(view.rowCount);
  const colVirtualizer = useVirtualizer({
    horizontal: true, count: widths.length, getScrollElement: () => scrollerRef.current, estimateSize: (i) => widths[i] ?? 100,
    overscan: 2, paddingStart: rowNumW, scrollPaddingStart: rowNumW,
  });
  const widthKey = widths.join(',');
  useEffect(() => colVirtualizer.measure(), [widthKey, colVirtualizer]);
  return {
    headers, vcols: colVirtualizer.getVirtualItems(), totalWidth: colVirtualizer.getTotalSize(), rowNumberWidth: rowNumW,
    scrollToColumn: (col) => colVirtualizer.scrollToIndex(col, { align: 'auto' }),
  };
}
