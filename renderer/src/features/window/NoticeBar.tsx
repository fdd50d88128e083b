/** The notice under the toolbar, with its dismiss button. */
import type { Notice } from '../common/useNotice.js';

export function NoticeBar({ notice }: { notice: Notice }) {
  if (!notice.text) return null;
  return (
    <div className="notice" role="alert">
      <span>{notice.text}</span>
      <button type="button" className="icon" aria-label="Dismiss" onClick={() => notice.say(null)}>×</button>
    </div>
  );
}
