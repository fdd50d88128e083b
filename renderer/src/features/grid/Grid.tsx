/**
 * The virtual grid: only the rows and columns in view exist in the DOM, rows are fetched by pages as
 * they come into view, sorting and filtering happen in the service. Rows are positioned with
 * transforms on a scaled scroll space (scaledScroll.ts), columns by TanStack Virtual.
 * ARIA: role=grid with aria-rowcount = the rows of the view (after filtering); data rows carry
 * aria-rowindex 1..n, the header row none.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { getCoreRowModel, useReactTable, type ColumnSizingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { FilterSpec, JobInfo, RowDto, SortSpec, ViewInfo } from '../../../../electron/shared/dto.js';
import { cellTitle, GridCell } from './GridCell.js';
import { GridHeader } from './GridHeader.js';
import { gridColumns, rowNumberWidth } from './columns.js';
import { queryKey, RowCache } from './rowCache.js';
import { clampVirtual, pageRows, revealRow, spacerHeight, toReal, toVirtual, visibleRows, type Geometry } from './scaledScroll.js';

export const ROW_HEIGHT = 26;
const OVERSCAN_ROWS = 8;
const NO_ROWS: RowDto[] = [];

export interface CellPosition {
  /** Position in the current order. */
  pos: number;
  col: number;
}

interface Props {
  view: ViewInfo;
  sort: SortSpec | null;
  filters: FilterSpec[];
  filterTexts: Readonly<Record<string, string>>;
  onSort: (sort: SortSpec | null) => void;
  onFilterText: (column: string, text: string) => void;
  active: CellPosition;
  onActive: (cell: CellPosition) => void;
  /** The stored row and column under the active cell, once its row is loaded. */
  onCellFocus: (row: number, column: string) => void;
  onDrill: (row: number, column: string) => void;
  fullPrecision: boolean;
  job: JobInfo | null;
  onCancelJob: (jobId: string) => void;
}

export function Grid(props: Props) {
  const { view, sort, filters, active, onActive, onCellFocus, onDrill, job } = props;
  const query = useMemo(() => ({ docId: view.docId, path: view.path, sort, filters, generation: view.generation }), [view, sort, filters]);
  const key = queryKey(query);
  const unordered = !sort && filters.length === 0;
  // Sorting keeps the row count; only filters make it unknown until the first page answers. A cache
  // of an older query is simply dropped (answers still arriving for it update nobody).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- one cache per query key
  const cache = useMemo(() => new RowCache(query, filters.length === 0 ? view.rowCount : null), [key]);
  useSyncExternalStore(cache.subscribe, cache.snapshot);
  const rows = cache.total ?? 0;

  const scrollerRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(400);
  const [virtualTop, setVirtualTop] = useState(0);
  const [lastKey, setLastKey] = useState(key);
  if (lastKey !== key) {
    setLastKey(key);
    setVirtualTop(0);
  }
  const geometry: Geometry = useMemo(() => ({ rows, rowHeight: ROW_HEIGHT, viewport }), [rows, viewport]);
  const geometryRef = useRef(geometry);
  useLayoutEffect(() => {
    geometryRef.current = geometry;
  });

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
  const vcols = colVirtualizer.getVirtualItems();
  const totalWidth = colVirtualizer.getTotalSize();

  // Viewport height for rows: the scroller minus its sticky header.
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    const head = headerRef.current;
    if (!el || !head) return;
    const measure = (): void => setViewport(Math.max(ROW_HEIGHT, el.clientHeight - head.offsetHeight));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // The DOM scroll position follows the virtual one (set by wheel, keys, or the scrollbar itself).
  const lastReal = useRef(0);
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const real = toReal(virtualTop, geometry);
    if (Math.abs(el.scrollTop - real) > 1) el.scrollTop = real;
    lastReal.current = el.scrollTop;
  }, [virtualTop, geometry]);
  const onScroll = (): void => {
    const el = scrollerRef.current;
    if (!el || Math.abs(el.scrollTop - lastReal.current) <= 1) return;
    lastReal.current = el.scrollTop;
    setVirtualTop(toVirtual(el.scrollTop, geometryRef.current));
  };
  // On a scaled space the wheel would jump rows by the scale: scroll by virtual pixels instead.
  useEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent): void => {
      const g = geometryRef.current;
      if (spacerHeight(g) >= g.rows * g.rowHeight || e.ctrlKey) return;
      e.preventDefault();
      const unit = e.deltaMode === 1 ? ROW_HEIGHT : e.deltaMode === 2 ? g.viewport : 1;
      setVirtualTop((v) => clampVirtual(v + e.deltaY * unit, g));
      if (e.deltaX) el.scrollLeft += e.deltaX * unit;
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const { first, last } = visibleRows(virtualTop, geometry, OVERSCAN_ROWS);
  // With the count unknown (filtering), ask for the first page: its answer tells the count.
  useEffect(() => cache.ensure(first, cache.total === null ? Math.max(0, last) : last), [cache, first, last]);

  const activeRow = cache.row(active.pos);
  const activeColumn = view.columns[active.col]?.name;
  useEffect(() => {
    if (activeRow && activeColumn !== undefined) onCellFocus(activeRow.index, activeColumn);
  }, [activeRow, activeColumn, onCellFocus]);

  const moveTo = (pos: number, col: number): void => {
    const p = Math.max(0, Math.min(rows - 1, pos));
    const c = Math.max(0, Math.min(view.columns.length - 1, col));
    onActive({ pos: p, col: c });
    setVirtualTop((v) => revealRow(p, v, geometryRef.current));
    colVirtualizer.scrollToIndex(c, { align: 'auto' });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.target !== e.currentTarget) return;
    const page = pageRows(geometry);
    const { pos, col } = active;
    const lastCol = view.columns.length - 1;
    const ctrl = e.ctrlKey || e.metaKey;
    switch (e.key) {
      case 'ArrowDown': moveTo(pos + 1, col); break;
      case 'ArrowUp': moveTo(pos - 1, col); break;
      case 'ArrowRight': moveTo(pos, col + 1); break;
      case 'ArrowLeft': moveTo(pos, col - 1); break;
      case 'PageDown': moveTo(pos + page, col); break;
      case 'PageUp': moveTo(pos - page, col); break;
      case 'Home': moveTo(ctrl ? 0 : pos, 0); break;
      case 'End': moveTo(ctrl ? rows - 1 : pos, lastCol); break;
      case 'Enter': {
        const c = view.columns[col];
        if (activeRow && c?.type === 'V') onDrill(activeRow.index, c.name);
        break;
      }
      default: return;
    }
    e.preventDefault();
  };

  const realTop = toReal(virtualTop, geometry);
  const rendered: number[] = [];
  for (let pos = first; pos <= last; pos++) rendered.push(pos);
  const activeId = activeRow && active.pos >= first && active.pos <= last ? `cell-${active.pos}-${active.col}` : undefined;
  const ordering = job && job.state === 'running' && cache.total === null;

  return (
    <div className="grid-frame">
      <div
        ref={scrollerRef}
        className="grid-scroller"
        role="grid"
        tabIndex={0}
        aria-label={`${view.title}, ${rows.toLocaleString('en-US')} rows`}
        aria-rowcount={rows}
        aria-colcount={view.columns.length + 1}
        aria-activedescendant={activeId}
        aria-busy={cache.total === null}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        <div ref={headerRef} className="grid-header-wrap" style={{ width: totalWidth }}>
          <GridHeader
            headers={headers} columns={vcols} width={totalWidth} rowNumberWidth={rowNumW} rowCount={rows}
            sort={sort} onSort={props.onSort} filterTexts={props.filterTexts} onFilterText={props.onFilterText}
          />
        </div>
        <div className="grid-body" role="rowgroup" style={{ height: spacerHeight(geometry), width: totalWidth }}>
          {rendered.map((pos) => {
            const row = cache.row(pos);
            const y = realTop + pos * ROW_HEIGHT - virtualTop;
            return (
              <div
                key={pos}
                className={`grid-row${pos % 2 ? ' odd' : ''}${pos === active.pos ? ' active-row' : ''}`}
                role="row"
                aria-rowindex={pos + 1}
                style={{ transform: `translateY(${y}px)`, width: totalWidth, height: ROW_HEIGHT }}
              >
                <div className="rownum" role="rowheader" aria-colindex={1} style={{ width: rowNumW }}>{row ? row.index : ''}</div>
                {vcols.map((vc) => {
                  const cell = row?.cells[vc.index];
                  const isActive = pos === active.pos && vc.index === active.col;
                  const type = view.columns[vc.index]?.type;
                  return (
                    <div
                      key={vc.index}
                      id={`cell-${pos}-${vc.index}`}
                      className={`cell t-${type}${isActive ? ' active' : ''}${cell ? '' : ' pending'}`}
                      role="gridcell"
                      aria-colindex={vc.index + 2}
                      aria-selected={isActive}
                      title={cell ? cellTitle(cell) : undefined}
                      style={{ width: vc.size, transform: `translateX(${vc.start}px)` }}
                      onMouseDown={() => onActive({ pos, col: vc.index })}
                      onDoubleClick={() => { if (row && type === 'V') onDrill(row.index, view.columns[vc.index]?.name ?? ''); }}
                    >
                      {cell ? <GridCell cell={cell} fullPrecision={props.fullPrecision} onDrill={() => row && onDrill(row.index, view.columns[vc.index]?.name ?? '')} /> : <span className="placeholder" />}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      {rows === 0 && cache.total !== null && <div className="grid-empty">{unordered ? 'This view has no rows.' : 'No rows match the filters.'}</div>}
      {ordering && job && (
        <div className="grid-overlay" role="status">
          <span>{job.title} — {job.phase}{job.total > 0 ? ` ${Math.round((100 * job.done) / job.total)}%` : ''}</span>
          <progress max={Math.max(1, job.total)} value={job.done} />
          <button type="button" onClick={() => props.onCancelJob(job.id)}>Cancel</button>
        </div>
      )}
      {cache.error && <div className="grid-overlay error" role="alert">{cache.error.code}: {cache.error.message}</div>}
    </div>
  );
}
