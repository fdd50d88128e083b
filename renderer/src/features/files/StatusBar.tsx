/** File, size, mode, generation and byte order of the active document; running jobs. */
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import { formatSize } from '../grid/GridCell.js';
import { useJobs } from '../jobs/useJobs.js';

interface Props {
  doc: DocumentInfo | null;
  onToggleAside: () => void;
  onCancelJob: (id: string) => void;
  transport: 'ipc' | 'http';
}

export function StatusBar({ doc, onToggleAside, onCancelJob, transport }: Props) {
  const jobs = useJobs();
  return (
    <footer className="status-bar" aria-label="Status">
      {doc ? (
        <>
          <span className="status-item" title={doc.main.path}>{doc.main.name}</span>
          <span className="status-item">{formatSize(doc.main.size)}</span>
          <span className={`status-item mode mode-${doc.mode}`} title="Files are opened read-only unless you choose otherwise">{doc.mode === 'read' ? 'read-only' : doc.mode === 'extend' ? 'extend' : 'read-write'}</span>
          <span className="status-item" title="End of data (main + aside)">generation {doc.generation}</span>
          {doc.live.following && <span className="status-item live" title="Another process's commits are shown as they arrive">{doc.live.paused ? `paused (${doc.live.pendingCommits} new)` : 'live'}</span>}
          {doc.pinned && <span className="status-item" title="The generation pinned for comparison">pinned {doc.pinned.generation}</span>}
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
          {j.kind === 'order' ? '' : `${j.kind}: `}{j.phase} {j.total > 0 ? `${Math.round((100 * j.done) / j.total)}%` : ''}
          <button type="button" className="link" onClick={() => onCancelJob(j.id)}>cancel</button>
        </span>
      ))}
      <span className="status-item muted">{transport === 'ipc' ? 'desktop' : 'loopback'}</span>
    </footer>
  );
}
