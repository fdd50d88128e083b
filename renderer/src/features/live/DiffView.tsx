/** The differences of one view: counts, then each row added, removed or changed, changed cells highlighted. */
import type { CellDto } from '../../../../electron/shared/dto.js';
import type { DiffRowDto, ViewDiffDto } from '../../../../electron/shared/dtoFollow.js';
import { formatCount } from '../common/format.js';
import { GridCell } from '../grid/GridCell.js';

function Cell({ cell }: { cell: CellDto | undefined }) {
  return cell ? <GridCell cell={cell} fullPrecision={false} onDrill={() => {}} /> : <span className="muted">—</span>;
}

function DiffRow({ r, columns }: { r: DiffRowDto; columns: ViewDiffDto['columns'] }) {
  const cells = r.kind === 'removed' ? r.before : r.after;
  return (
    <tr className={`diff-${r.kind}`}>
      <td className="num">{r.row}</td>
      <td><span className={`badge diff-${r.kind}`}>{r.kind}</span></td>
      {columns.map((c, i) => {
        const changed = r.kind === 'changed' && r.properties.includes(c.name);
        return (
          <td key={c.name} className={`t-${c.type}${changed ? ' changed-cell' : ''}`} aria-label={changed ? `${c.name} changed` : undefined}>
            {changed && r.before
              ? <><del><Cell cell={r.before[i]} /></del> <ins><Cell cell={r.after?.[i]} /></ins></>
              : <Cell cell={cells?.[i]} />}
          </td>
        );
      })}
    </tr>
  );
}

export function DiffView({ diff }: { diff: ViewDiffDto }) {
  const same = diff.added === 0 && diff.removed === 0 && diff.changed === 0;
  const listed = diff.rows.length;
  const total = diff.added + diff.removed + diff.changed;
  return (
    <div className="view-diff" role="group" aria-label={`Differences in ${diff.name}`}>
      <h4>
        {diff.name}: <span className="diff-added">+{formatCount(diff.added)} added</span>, <span className="diff-removed">−{formatCount(diff.removed)} removed</span>, <span className="diff-changed">{formatCount(diff.changed)} changed</span>
        <span className="muted"> ({diff.rowsBefore < 0 ? 'new view' : formatCount(diff.rowsBefore)} → {diff.rowsAfter < 0 ? 'view gone' : `${formatCount(diff.rowsAfter)} rows`}{diff.layoutBefore !== diff.layoutAfter && diff.layoutBefore && diff.layoutAfter ? `; structure ${diff.layoutBefore} → ${diff.layoutAfter}` : ''})</span>
      </h4>
      {same ? <p className="note">No differences.</p> : (
        <div className="diff-scroll">
          <table className="data-table diff-table">
            <thead><tr><th>Row</th><th>Change</th>{diff.columns.map((c) => <th key={c.name}>{c.name}<span className="head-type"> {c.type}</span></th>)}</tr></thead>
            <tbody>{diff.rows.map((r) => <DiffRow key={`${r.kind}:${r.row}`} r={r} columns={diff.columns} />)}</tbody>
          </table>
          {diff.truncated && <p className="note">Showing the first {formatCount(listed)} of {formatCount(total)} differences.</p>}
        </div>
      )}
    </div>
  );
}
