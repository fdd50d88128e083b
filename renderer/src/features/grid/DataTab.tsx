/**
 * The data tab: breadcrumb, the edit bar of a writable document (append, delete, commit, revert), and
 * the grid, which keeps its scroll position and selection when another process commits, highlights
 * the rows that arrived and offers "+N rows" to jump to them.
 */
import { useState } from 'react';
import type { DocumentInfo, FilterSpec, JobInfo, ViewInfo, ViewPath } from '../../../../electron/shared/dto.js';
import { request } from '../../api/client.js';
import { formatCount } from '../common/format.js';
import { useNewRows } from '../live/useNewRows.js';
import { Breadcrumb } from './Breadcrumb.js';
import { Grid, type CellPosition } from './Grid.js';
import type { Place, useNavigation } from './navigation.js';

interface Props {
  doc: DocumentInfo;
  info: ViewInfo | undefined;
  error: Error | null;
  place: Place | null;
  filters: FilterSpec[];
  nav: ReturnType<typeof useNavigation>;
  goPath: (path: ViewPath) => void;
  onActive: (cell: CellPosition) => void;
  onCellFocus: (row: number, column: string) => void;
  onDrill: (row: number, column: string) => void;
  fullPrecision: boolean;
  orderJob: JobInfo | null;
  onCancelJob: (id: string) => void;
  onNotice: (text: string | null) => void;
  onReport: (e: unknown) => void;
  onCommit: () => void;
  onRevert: () => void;
  committing: boolean;
  /** Stored index of the row under the active cell (null until its row is loaded). */
  activeRow: number | null;
}

export function DataTab(props: Props) {
  const { doc, info, place, nav } = props;
  const fresh = useNewRows(doc, info);
  const [reveal, setReveal] = useState(0);
  const editable = doc.mode !== 'read';
  const unordered = place !== null && !place.sort && props.filters.length === 0;

  const edit = async (row: number, column: string, text: string): Promise<boolean> => {
    if (!info) return false;
    try {
      await request('editCell', { docId: doc.id, path: info.path, row, column, value: text });
      props.onNotice(null);
      return true;
    } catch (e) {
      props.onReport(e);
      return false;
    }
  };
  const append = async (): Promise<void> => {
    if (!info || !place) return;
    try {
      await request('appendRow', { docId: doc.id, path: info.path });
      if (unordered) {
        nav.update({ active: { pos: info.rowCount, col: place.active.col } });
        setReveal((r) => r + 1);
      }
    } catch (e) {
      props.onReport(e);
    }
  };
  const remove = async (): Promise<void> => {
    if (!info || props.activeRow === null) return;
    try {
      await request('deleteRows', { docId: doc.id, path: info.path, rows: [props.activeRow] });
    } catch (e) {
      props.onReport(e);
    }
  };
  const jump = (): void => {
    if (!place || !info || fresh.count === 0) return;
    if (unordered) {
      nav.update({ active: { pos: info.rowCount - fresh.count, col: place.active.col } });
      setReveal((r) => r + 1);
    }
    fresh.seen();
  };

  return (
    <>
      {place?.path && (
        <Breadcrumb path={place.path} onGo={props.goPath} canBack={nav.canBack} canForward={nav.canForward} onBack={nav.back} onForward={nav.forward} />
      )}
      {editable && info && (
        <div className="edit-bar" role="toolbar" aria-label="Editing">
          <span className="muted">Double-click a cell (or Enter, F2) to edit.</span>
          <button type="button" onClick={() => void append()}>Append row</button>
          <button type="button" disabled={props.activeRow === null} onClick={() => void remove()}>Delete row{props.activeRow === null ? '' : ` ${props.activeRow}`}</button>
          <span className="spacer" />
          <span className="pending-count" role="status">{doc.pendingEdits === 0 ? 'No pending changes' : `${formatCount(doc.pendingEdits)} pending change${doc.pendingEdits === 1 ? '' : 's'}`}</span>
          <button type="button" className="primary" disabled={doc.pendingEdits === 0 || props.committing} onClick={props.onCommit}>Commit</button>
          <button type="button" disabled={doc.pendingEdits === 0 || props.committing} onClick={props.onRevert}>Revert</button>
        </div>
      )}
      {props.error && <p className="error" role="alert">{props.error.message}</p>}
      {info && place && (
        <Grid
          key={JSON.stringify([doc.id, place.path])}
          view={info}
          sort={place.sort}
          filters={props.filters}
          filterTexts={place.filterTexts}
          onSort={(sort) => nav.update({ sort, active: { pos: 0, col: place.active.col } })}
          onFilterText={(column, text) => nav.update({ filterTexts: { ...place.filterTexts, [column]: text }, active: { pos: 0, col: place.active.col } })}
          active={place.active}
          onActive={props.onActive}
          onCellFocus={props.onCellFocus}
          onDrill={props.onDrill}
          fullPrecision={props.fullPrecision}
          job={props.orderJob}
          onCancelJob={props.onCancelJob}
          editVersion={doc.editVersion}
          newFrom={fresh.newFrom}
          editable={editable}
          onEdit={edit}
          revealActive={reveal}
          overlay={fresh.count > 0 && (
            <div className="new-rows" role="status" aria-label="New rows">
              <button type="button" className="primary" onClick={jump}>+{formatCount(fresh.count)} rows</button>
              <span>arrived from another process</span>
              <button type="button" className="icon" aria-label="Dismiss the new rows" onClick={fresh.dismiss}>×</button>
            </div>
          )}
        />
      )}
    </>
  );
}
