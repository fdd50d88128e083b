/**
 * The data tab: breadcrumb, the edit bar of a writable document (append, delete, commit, revert), and
 * the grid, which keeps its scroll position and selection when another process commits, highlights
 * the rows that arrived and offers "+N rows" to jump to them.
 */
import { useState } from 'react';
import type { DocumentInfo, JobInfo } from '../../../../electron/shared/dto.js';
import { formatCount } from '../common/format.js';
import type { Notice } from '../common/useNotice.js';
import { EditBar } from '../edit/EditBar.js';
import type { PendingCommands } from '../edit/usePendingCommands.js';
import { useRowEdits } from '../edit/useRowEdits.js';
import { cancelJob } from '../jobs/useJobs.js';
import { useNewRows, type NewRows } from '../live/useNewRows.js';
import type { ViewPaths } from '../views/useViewPaths.js';
import { Breadcrumb } from './Breadcrumb.js';
import { Grid } from './Grid.js';
import type { InspectedCell } from './inspector/useInspectTarget.js';
import type { Navigation, Place } from './navigation.js';
import type { ShownView } from './useViewInfo.js';

/** The shown document and what its panels share (App's hooks), plus the grid's options. */
export interface DataTabProps {
  doc: DocumentInfo;
  view: ShownView;
  place: Place;
  nav: Navigation;
  paths: ViewPaths;
  inspected: InspectedCell;
  pending: PendingCommands;
  notice: Notice;
  fullPrecision: boolean;
  orderJob: JobInfo | null;
}

export function DataTab({ doc, view, place, nav, paths, inspected, pending, notice, fullPrecision, orderJob }: DataTabProps) {
  const { info, filters } = view;
  const fresh = useNewRows(doc, info);
  const [reveal, setReveal] = useState(0);
  const editable = doc.mode !== 'read';
  const unordered = !place.sort && filters.length === 0;
  /** Makes the row at `pos` active and scrolls it to the top (rows of the stored order only). */
  const showRow = (pos: number): void => {
    if (!unordered) return;
    nav.update({ active: { pos, col: place.active.col } });
    setReveal((r) => r + 1);
  };
  const edits = useRowEdits(doc, info, inspected.activeRow, notice, () => { if (info) showRow(info.rowCount); });
  const jump = (): void => {
    if (!info || fresh.count === 0) return;
    showRow(info.rowCount - fresh.count);
    fresh.seen();
  };

  return (
    <>
      {place.path && (
        <Breadcrumb path={place.path} onGo={paths.goPath} canBack={nav.canBack} canForward={nav.canForward} onBack={nav.back} onForward={nav.forward} />
      )}
      {editable && info && <EditBar doc={doc} activeRow={inspected.activeRow} edits={edits} pending={pending} />}
      {view.error && <p className="error" role="alert">{view.error.message}</p>}
      {info && (
        <Grid
          key={JSON.stringify([doc.id, place.path])}
          view={info}
          sort={place.sort}
          filters={filters}
          filterTexts={place.filterTexts}
          onSort={(sort) => nav.update({ sort, active: { pos: 0, col: place.active.col } })}
          onFilterText={(column, text) => nav.update({ filterTexts: { ...place.filterTexts, [column]: text }, active: { pos: 0, col: place.active.col } })}
          active={place.active}
          onActive={(active) => nav.update({ active })}
          onCellFocus={inspected.onCellFocus}
          onDrill={paths.drill}
          fullPrecision={fullPrecision}
          job={orderJob}
          onCancelJob={cancelJob}
          editVersion={doc.editVersion}
          newFrom={fresh.newFrom}
          editable={editable}
          onEdit={edits.edit}
          revealActive={reveal}
          overlay={<NewRowsNotice fresh={fresh} onJump={jump} />}
        />
      )}
    </>
  );
}

/** "+N rows arrived from another process": jump to them, or dismiss. */
function NewRowsNotice({ fresh, onJump }: { fresh: NewRows; onJump: () => void }) {
  if (fresh.count === 0) return null;
  return (
    <div className="new-rows" role="status" aria-label="New rows">
      <button type="button" className="primary" onClick={onJump}>+{formatCount(fresh.count)} rows</button>
      <span>arrived from another process</span>
      <button type="button" className="icon" aria-label="Dismiss the new rows" onClick={fresh.dismiss}>×</button>
    </div>
  );
}
