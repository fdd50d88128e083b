/**
 * The toolbar's live state of a read-only document: following another writer (with the last change),
 * or paused with the commits and rows counted meanwhile; Pause/Resume. The dot beats once for each
 * commit seen (a new key restarts its one-shot animation) and stays still in between.
 */
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import { formatAgo, formatCount, plural } from '../common/format.js';

export function LiveControl({ doc, onPause }: { doc: DocumentInfo; onPause: (paused: boolean) => void }) {
  const live = doc.live;
  if (!live.following) return null;
  const last = live.lastChange;
  return (
    <div className={`live-control${live.paused ? ' paused' : ''}`} role="group" aria-label="Live follow">
      <span key={last ? String(last.at) : 'none'} className={`live-dot${last ? ' beat' : ''}`} aria-hidden="true" />
      <span className="live-text" role="status" aria-live="polite">
        {live.paused
          ? live.pendingCommits > 0
            ? `Paused: ${plural(live.pendingCommits, 'new commit')}, ${live.pendingRows >= 0 ? '+' : ''}${formatCount(live.pendingRows)} rows waiting`
            : 'Paused: no new commits yet'
          : last ? `Following: last commit ${formatAgo(last.at)}${last.replaced ? ' (files replaced by a flush)' : ''}` : 'Following: waiting for commits'}
      </span>
      <button type="button" onClick={() => onPause(!live.paused)} aria-pressed={live.paused}>{live.paused ? 'Resume' : 'Pause'}</button>
    </div>
  );
}
