/**
 * Opening a file where there is no native dialog (the browser): a path on the machine running the
 * server, an optional aside, and the recent files.
 */
import { useState, type FormEvent } from 'react';
import type { RecentFile } from '../../../../electron/shared/dto.js';

interface Props {
  recent: RecentFile[];
  onOpen: (path: string, aside: string | null | undefined) => void;
  onClearRecent: () => void;
  onCancel: () => void;
}

export function OpenDialog({ recent, onOpen, onClearRecent, onCancel }: Props) {
  const [path, setPath] = useState('');
  const [aside, setAside] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (path.trim()) onOpen(path.trim(), aside.trim() ? aside.trim() : undefined);
  };
  return (
    <div className="modal-backdrop" onMouseDown={onCancel}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="open-title" onMouseDown={(e) => e.stopPropagation()} onKeyDown={(e) => { if (e.key === 'Escape') onCancel(); }}>
        <h2 id="open-title">Open a datafile</h2>
        <form onSubmit={submit}>
          <label>
            Path on the machine running the inspector
            <input autoFocus type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/data/app.mk" spellCheck={false} />
          </label>
          <label>
            Aside (optional; x.mka next to x.mk is attached by itself)
            <input type="text" value={aside} onChange={(e) => setAside(e.target.value)} placeholder="/data/app.mka" spellCheck={false} />
          </label>
          <div className="modal-actions">
            <button type="button" onClick={onCancel}>Cancel</button>
            <button type="submit" className="primary" disabled={!path.trim()}>Open read-only</button>
          </div>
        </form>
        {recent.length > 0 && (
          <section aria-label="Recent files">
            <h3>Recent <button type="button" className="link" onClick={onClearRecent}>clear</button></h3>
            <ul className="recent-list">
              {recent.map((r) => (
                <li key={r.path}>
                  <button type="button" className="link" disabled={!r.exists} title={r.path} onClick={() => onOpen(r.path, r.aside ?? undefined)}>{r.name}</button>
                  <span className="muted path">{r.path}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}
