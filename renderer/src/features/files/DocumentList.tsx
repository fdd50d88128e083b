/** The open documents; the active one is marked, each can be closed. */
import type { DocumentInfo } from '../../../../electron/shared/dto.js';

/** The folder a file is in: tells apart the many `data.mk`s. */
function parentName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.length > 1 ? (parts[parts.length - 2] as string) : '';
}

interface Props {
  documents: DocumentInfo[];
  activeId: string | null;
  onSelect: (doc: DocumentInfo) => void;
  onClose: (doc: DocumentInfo) => void;
}

export function DocumentList({ documents, activeId, onSelect, onClose }: Props) {
  return (
    <ul className="doc-list" aria-label="Open documents">
      {documents.map((d) => (
        <li key={d.id} className={d.id === activeId ? 'current' : ''}>
          <button type="button" className="doc-open" aria-current={d.id === activeId ? 'true' : undefined} title={d.main.path} onClick={() => onSelect(d)}>
            <span className="doc-title">{d.title}</span>
            <span className="doc-dir muted">{parentName(d.main.path)}</span>
            {d.aside && <span className="badge" title={`read through ${d.aside.path}`}>+aside</span>}
          </button>
          <button type="button" className="icon" aria-label={`Close ${d.title}`} onClick={() => onClose(d)}>×</button>
        </li>
      ))}
    </ul>
  );
}
