/**
 * The recent files (the service lists only those that still exist, newest first) with a Clear action;
 * shown on the welcome screen and in the Open dialog.
 */
import type { RecentFile } from '../../../../electron/shared/dto.js';

interface Props {
  recent: RecentFile[];
  onOpen: (file: RecentFile) => void;
  onClear: () => void;
}

export function RecentList({ recent, onOpen, onClear }: Props) {
  if (recent.length === 0) return null;
  return (
    <section className="recent" aria-label="Recent files">
      <h3>Recent <button type="button" className="link" onClick={onClear}>Clear</button></h3>
      <ul className="recent-list">
        {recent.map((r) => (
          <li key={r.path}>
            <button type="button" className="link" title={r.path} onClick={() => onOpen(r)}>{r.name}</button>
            <span className="muted path">{r.path}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
