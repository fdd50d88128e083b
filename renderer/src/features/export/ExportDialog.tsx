/**
 * Exporting the view on screen to CSV or JSON: as stored, or in the grid's current sort and filter.
 * The service streams it to a file on the machine running the inspector (a job with progress and
 * Cancel); values as `mkinspect dump --json` shows them.
 */
import { useState } from 'react';
import type { FilterSpec, SortSpec, ViewInfo } from '../../../../electron/shared/dto.js';
import type { ExportFormat, ExportResultDto } from '../../../../electron/shared/dtoEdit.js';
import { request } from '../../api/client.js';
import { dirOf, formatCount, formatMs, formatSize, joinPath } from '../common/format.js';
import { useJobCall } from '../jobs/useJobCall.js';

interface Props {
  view: ViewInfo;
  mainPath: string;
  sort: SortSpec | null;
  filters: FilterSpec[];
  onClose: () => void;
}

function defaultName(view: ViewInfo, format: ExportFormat): string {
  return `${view.title.replace(/[^\w.-]+/g, '_')}.${format}`;
}

export function ExportDialog({ view, mainPath, sort, filters, onClose }: Props) {
  const [format, setFormat] = useState<ExportFormat>('csv');
  const ordered = sort !== null || filters.length > 0;
  const [useOrder, setUseOrder] = useState(ordered);
  const [target, setTarget] = useState(joinPath(dirOf(mainPath), defaultName(view, 'csv')));
  const [overwrite, setOverwrite] = useState(false);
  const call = useJobCall<ExportResultDto>('export', view.docId, 'Cancelled: the partial file was removed.');
  const { running, job, result, problem } = call;

  const choose = (f: ExportFormat): void => {
    setFormat(f);
    setTarget((t) => t.replace(/\.(csv|json)$/i, `.${f}`));
  };
  const start = (): Promise<void> => call.start(() => request('exportView', {
    docId: view.docId, path: view.path, format, target, overwrite, ...(useOrder ? { sort, filters } : {}),
  }));
  const fraction = job && job.total > 0 ? job.done / job.total : 0;
  return (
    <div className="modal-backdrop" onMouseDown={() => { if (!running) onClose(); }}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="export-title" onMouseDown={(e) => e.stopPropagation()} onKeyDown={(e) => { if (e.key === 'Escape' && !running) onClose(); }}>
        <h2 id="export-title">Export {view.title}</h2>
        <form onSubmit={(e) => { e.preventDefault(); void start(); }}>
          <div className="toggle-row" role="radiogroup" aria-label="Format">
            <label className="check"><input type="radio" name="format" checked={format === 'csv'} onChange={() => choose('csv')} /> CSV</label>
            <label className="check"><input type="radio" name="format" checked={format === 'json'} onChange={() => choose('json')} /> JSON</label>
          </div>
          <div className="toggle-row" role="radiogroup" aria-label="Rows">
            <label className="check"><input type="radio" name="rows" checked={!useOrder} onChange={() => setUseOrder(false)} /> Every row as stored ({formatCount(view.rowCount)})</label>
            <label className="check"><input type="radio" name="rows" checked={useOrder} disabled={!ordered} onChange={() => setUseOrder(true)} /> The current sort and filter{ordered ? '' : ' (none set)'}</label>
          </div>
          <label>
            File on the machine running the inspector
            <input type="text" value={target} onChange={(e) => setTarget(e.target.value)} spellCheck={false} disabled={running} />
          </label>
          <label className="check"><input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} disabled={running} /> Replace the file if it exists</label>
          {running && job && (
            <div className="progress-line" role="status">
              <progress max={1} value={fraction} aria-label="Export progress" />
              <span>{formatCount(job.done)} of {formatCount(job.total)} rows</span>
              <button type="button" onClick={call.cancel}>Cancel</button>
            </div>
          )}
          {result && <p className="export-result" role="status">Exported {formatCount(result.rows)} rows ({formatSize(result.bytes)}) to {result.target} in {formatMs(result.ms)}{result.ordered ? ', in the current sort and filter' : ''}.</p>}
          {problem && <p className="error" role="alert">{problem}</p>}
          <div className="modal-actions">
            <button type="button" onClick={onClose} disabled={running}>{result ? 'Close' : 'Cancel'}</button>
            <button type="submit" className="primary" disabled={running || !target.trim()}>Export</button>
          </div>
        </form>
      </div>
    </div>
  );
}
