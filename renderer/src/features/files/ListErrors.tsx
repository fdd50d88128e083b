/** Why the open documents or the recent files could not be listed, with Retry (issue 14.3). */
import type { ListErrors as Errors } from './useDocuments.js';

export function ListErrors({ errors, onRetry }: { errors: Errors; onRetry: () => void }) {
  if (!errors.documents && !errors.recent) return null;
  return (
    <div className="notice list-error" role="alert">
      <span>
        {errors.documents && <span className="list-error-line">Could not list the open documents: {errors.documents}</span>}
        {errors.recent && <span className="list-error-line">Could not list the recent files: {errors.recent}</span>}
      </span>
      <button type="button" onClick={onRetry}>Retry</button>
    </div>
  );
}
