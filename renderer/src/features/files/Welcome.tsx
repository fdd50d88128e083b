/** What the window shows with no document: what can be opened, Open…, and the recent files. */
import type { RecentFile } from '../../../../electron/shared/dto.js';
import { RecentList } from './RecentList.js';

interface Props {
  recent: RecentFile[];
  onOpen: () => void;
  onOpenRecent: (file: RecentFile) => void;
  onClearRecent: () => void;
}

export function Welcome({ recent, onOpen, onOpenRecent, onClearRecent }: Props) {
  return (
    <div className="welcome">
      <h2>Open a Metakit datafile</h2>
      <p>.mk, .mka (aside) or .kit (Tcl starkit). Files are opened read-only unless you choose extend or read-write; an aside x.mka next to x.mk is attached automatically.</p>
      <button type="button" className="primary" onClick={onOpen}>Open…</button>
      <RecentList recent={recent} onOpen={onOpenRecent} onClear={onClearRecent} />
    </div>
  );
}
