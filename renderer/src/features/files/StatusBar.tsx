/** File, size, mode, generation and byte order of the active document; running jobs. */
import type { DocumentInfo, JobInfo } from '../../../../electron/shared/dto.js';
import { formatSize } from '../grid/GridCell.js';

interface Props {
  doc: DocumentInfo | null;
  jobs: JobInfo[];
  onToggleAside: () => void;
  onCancelJob: (id: string) => void;
  transport: 'ipc' | 'http';
}

export function StatusBar({ doc, jobs, onToggleAside, onCancelJob, transport }: Props) {
  return (
    <footer className="status-bar" aria-label="Status">
      {doc ? (
        <>
          <span className="status-item" title={doc.main.path}>{doc.main.name}</span>
          <span className="status-item">{formatSize(doc.main.size)}</span>
          <span className="status-item mode" title="Files are opened read-only unless you choose otherwise">{doc.main.mode === 'read' ? 'read-only' : doc.main.mode}</span>
          <span className="status-item" title="End of data (main + aside)">generation {doc.generation}</span>
          <span className="status-item">{doc.main.byteOrder}</span>
          {doc.main.base > 0 && <span className="status-item">base {doc.main.base}</span>}
          {doc.asideAvailable && (
            <label className="status-item aside-toggle" title={doc.asideAvailable}>
              <input type="checkbox" checked={doc.aside !== null} onChange={onToggleAside} /> aside {doc.aside ? `${doc.aside.name} (${formatSize(doc.aside.size)})` : '(main alone)'}
            </label>
          )}
        </>
      ) : <span className="status-item muted">No document</span>}
      <span className="spacer" />
      {jobs.map((j) => (
        <span key={j.id} className="status-item job" role="status">
          {j.phase} {j.total > 0 ? `${Math.round((100 * j.done) / j.total)}%` : ''}
          <button type="button" className="link" onClick={() => onCancelJob(j.id)}>cancel</button>
        </span>
      ))}
      <span className="status-item muted">{transport === 'ipc' ? 'desktop' : 'loopback'}</span>
    </footer>
  );
}
