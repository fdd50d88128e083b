/**
 * Opening a file where there is no native dialog (the browser): a path on the machine running the
 * server, an optional aside, and the recent files.
 */
import { useState, type FormEvent } from 'react';
import type { OpenMode, RecentFile } from '../../../../electron/shared/dto.js';
import { RecentList } from './RecentList.js';

interface Props {
  recent: RecentFile[];
  /** Why the last open from this dialog was refused. */
  error: string | null;
  onOpen: (path: string, aside: string | null | undefined, mode?: OpenMode) => void;
  onClearRecent: () => void;
  onCancel: () => void;
}

export function OpenDialog({ recent, error, onOpen, onClearRecent, onCancel }: Props) {
  const [path, setPath] = useState('');
  const [aside, setAside] = useState('');
  const [mode, setMode] = useState<OpenMode>('read');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (path.trim()) onOpen(path.trim(), aside.trim() ? aside.trim() : undefined, mode);
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
          <fieldset className="modes">
            <legend>Open as</legend>
            <label className="check"><input type="radio" name="mode" checked={mode === 'read'} onChange={() => setMode('read')} /> Read-only (nothing can change the files)</label>
            <label className="check"><input type="radio" name="mode" checked={mode === 'extend'} onChange={() => setMode('extend')} /> Extend: edit, and commits only append (into the aside when there is one)</label>
            <label className="check"><input type="radio" name="mode" checked={mode === 'readwrite'} onChange={() => setMode('readwrite')} /> Read-write: edit, and commits rewrite the file (refused while others hold it)</label>
          </fieldset>
          {error && <p className="error open-error" role="alert">{error}</p>}
          <div className="modal-actions">
            <button type="button" onClick={onCancel}>Cancel</button>
            <button type="submit" className="primary" disabled={!path.trim()}>{mode === 'read' ? 'Open read-only' : mode === 'extend' ? 'Open in extend mode' : 'Open read-write'}</button>
          </div>
        </form>
        <RecentList recent={recent} onOpen={(r) => onOpen(r.path, r.aside ?? undefined)} onClear={onClearRecent} />
      </div>
    </div>
  );
}
