/**
 * The virtual grid: only the rows and columns in view exist in the DOM, rows are fetched by pages as
 * they come into view, sorting and filtering happen in the service. Rows are positioned with
 * transforms on a scaled scroll space (useScrollGeometry), columns by TanStack Virtual
 * (useColumnLayout); the keys are gridKeys.ts, the in-cell editor useCellEditing.
 * ARIA: role=grid with aria-rowcount = the rows of the view (after filtering); data rows carry
 * aria-rowindex 1..n, the header row none.
 */
import { useEffect, type KeyboardEvent, type ReactNode } from 'react';
import type { FilterSpec, JobInfo, SortSpec, ViewInfo } from '../../../../electron/shared/dto.js';
import { CellEditor } from './CellEditor.js';
import { GridHeader } from './GridHeader.js';
import { GridRow } from './GridRow.js';
import { keyAction, type CellPosition } from './gridKeys.js';
import { pageRows, spacerHeight } from './scaledScroll.js';
import { useCellEditing } from './useCellEditing.js';
import { useColumnLayout } from './useColumnLayout.js';
import { useRowCache, useRowWindow } from './useRowCache.js';
import { ROW_HEIGHT, useRevealRequest, useScrollGeometry } from './useScrollGeometry.js';

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
  /** The running sort or filter of the document (a progress overlay with Cancel while the count is unknown). */
  job: JobInfo | null;
  onCancelJob: (jobId: string) => void;
  /** Counts changes of the pending edits (their rows are fetched again). */
  editVersion: number;
  /** Rows whose stored index is at least this arrived from another process and are highlighted. */
  newFrom: number | null;
  /** Cells can be edited (a document opened writable). */
  editable: boolean;
  /** Saves a cell as a pending edit; resolves false when refused (the editor stays open). */
  onEdit: (row: number, column: string, text: string) => Promise<boolean>;
  /** Scrolls the active row to the top of the grid whenever this number changes. */
  revealActive: number;
  /** Shown over the grid (the live "+N rows" notice). */
  overlay?: ReactNode;
}

export function Grid(props: Props) {
  const { view, sort, active, onActive, onCellFocus, onDrill, job, newFrom } = props;
  const { cache, place } = useRowCache(view, sort, props.filters, props.editVersion);
  const rows = cache.total ?? 0;
  const { scrollerRef, headerRef, geometry, first, last, realTop, virtualTop, onScroll, reveal, toTop } = useScrollGeometry(rows, place);
  useRowWindow(cache, first, last);
  const cols = useColumnLayout(view, scrollerRef);
  const edit = useCellEditing(cache, view.columns, props.editable, place, scrollerRef);
  useRevealRequest(props.revealActive, active.pos, toTop);

  const activeRow = cache.row(active.pos);
  const activeColumn = view.columns[active.col]?.name;
  useEffect(() => {
    if (activeRow && activeColumn !== undefined) onCellFocus(activeRow.index, activeColumn);
  }, [activeRow, activeColumn, onCellFocus]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.target !== e.currentTarget) return;
    const action = keyAction(e.key, e.ctrlKey || e.metaKey, active, { rows, columns: view.columns.length, page: pageRows(geometry) });
    if (!action) return;
    if (action.kind === 'move') {
      onActive(action.to);
      reveal(action.to.pos);
      cols.scrollToColumn(action.to.col);
    } else {
      const c = view.columns[active.col];
      if (action.kind === 'enter' && activeRow && c?.type === 'V') onDrill(activeRow.index, c.name);
      else edit.start(active.pos, active.col);
    }
    e.preventDefault();
  };

  const rendered: number[] = [];
  for (let pos = first; pos <= last; pos++) rendered.push(pos);
  const activeId = activeRow && active.pos >= first && active.pos <= last ? `cell-${active.pos}-${active.col}` : undefined;
  const editing = edit.editing;
  const editor = editing && (
    <CellEditor target={editing} docId={view.docId} path={view.path} onSave={(text) => props.onEdit(editing.row, editing.column, text)} onDone={edit.finish} />
  );

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
        <div ref={headerRef} className="grid-header-wrap" style={{ width: cols.totalWidth }}>
          <GridHeader
            headers={cols.headers} columns={cols.vcols} width={cols.totalWidth} rowNumberWidth={cols.rowNumberWidth} rowCount={rows}
            sort={sort} onSort={props.onSort} filterTexts={props.filterTexts} onFilterText={props.onFilterText}
          />
        </div>
        <div className="grid-body" role="rowgroup" style={{ height: spacerHeight(geometry), width: cols.totalWidth }}>
          {rendered.map((pos) => {
            const row = cache.row(pos);
            return (
              <GridRow
                key={pos} pos={pos} row={row} y={realTop + pos * ROW_HEIGHT - virtualTop} height={ROW_HEIGHT}
                width={cols.totalWidth} rowNumberWidth={cols.rowNumberWidth} vcols={cols.vcols} columns={view.columns}
                active={active} fresh={row !== undefined && newFrom !== null && row.index >= newFrom}
                editingCol={editing && editing.pos === pos ? editing.col : null} editor={editor}
                fullPrecision={props.fullPrecision} onActive={onActive} onDrill={onDrill} onStartEdit={edit.start}
              />
            );
          })}
        </div>
      </div>
      {rows === 0 && cache.total !== null && <div className="grid-empty">{!sort && props.filters.length === 0 ? 'This view has no rows.' : 'No rows match the filters.'}</div>}
      {job && job.state === 'running' && cache.total === null && <OrderProgress job={job} onCancel={props.onCancelJob} />}
      {cache.error && <div className="grid-overlay error" role="alert">{cache.error.code}: {cache.error.message}</div>}
      {props.overlay}
    </div>
  );
}

/** A sort or filter running in the service: its phase, progress and Cancel. */
function OrderProgress({ job, onCancel }: { job: JobInfo; onCancel: (jobId: string) => void }) {
  return (
    <div className="grid-overlay" role="status">
      <span>{job.title} — {job.phase}{job.total > 0 ? ` ${Math.round((100 * job.done) / job.total)}%` : ''}</span>
      <progress max={Math.max(1, job.total)} value={job.done} />
      <button type="button" onClick={() => onCancel(job.id)}>Cancel</button>
    </div>
  );
}
