/** The toolbar: Open…, the shown document (name, mode, live follow), Export… and Flush…, and the view toggles. */
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import { ModeBadge } from '../edit/ModeBadge.js';
import { LiveControl } from '../live/LiveControl.js';
import type { Layout } from './useLayout.js';

interface Props {
  doc: DocumentInfo | null;
  /** The view on screen is described: it can be exported. */
  canExport: boolean;
  layout: Layout;
  onOpen: () => void;
  onPause: (paused: boolean) => void;
  onExport: () => void;
  onFlush: () => void;
}

export function Toolbar({ doc, canExport, layout, onOpen, onPause, onExport, onFlush }: Props) {
  return (
    <header className="toolbar">
      <button type="button" className="primary" onClick={onOpen}>Open…</button>
      <h1 className="app-title">Metakit Inspector</h1>
      {doc && <span className="doc-name" title={doc.main.path}>{doc.title}</span>}
      {doc && <ModeBadge doc={doc} />}
      {doc && <LiveControl doc={doc} onPause={onPause} />}
      <span className="spacer" />
      {doc && canExport && <button type="button" onClick={onExport}>Export…</button>}
      {doc && doc.asideAvailable && <button type="button" onClick={onFlush}>Flush…</button>}
      <label className="check"><input type="checkbox" checked={layout.fullPrecision} onChange={layout.toggleFullPrecision} /> Full precision</label>
      <button type="button" onClick={layout.toggleSidebar} aria-pressed={layout.sidebar}>Sidebar</button>
      <button type="button" onClick={layout.toggleInspector} aria-pressed={layout.inspector}>Inspector</button>
    </header>
  );
}
