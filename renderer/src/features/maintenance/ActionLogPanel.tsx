/** The maintenance action log of the document's main file (flush, force, clean-stale, recover), newest first. */
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import type { ActionDto } from '../../../../electron/shared/dtoMaintenance.js';
import { request } from '../../api/client.js';
import { useAsync } from '../../api/hooks.js';
import { formatSize, formatTime } from '../common/format.js';

function sizes(s: ActionDto['sizesBefore']): string {
  if (!s) return '—';
  const main = s.main === null ? '—' : formatSize(s.main);
  return s.aside === undefined ? main : `${main} + ${s.aside === null ? '—' : formatSize(s.aside)}`;
}

export function ActionLogPanel({ doc, refresh }: { doc: DocumentInfo; refresh: number }) {
  const log = useAsync(`${doc.id}:${doc.generation}:${refresh}`, () => request('listActions', { docId: doc.id }), { keep: true });
  const actions = [...(log.value ?? [])].reverse();
  return (
    <div className="panel action-log">
      <h2>Action log of {doc.title}</h2>
      <p className="note">Every maintenance action on these files, by anyone: kept next to the main file ({doc.main.path}.actions.jsonl).</p>
      {log.error && <p className="error" role="alert">{log.error.message}</p>}
      {actions.length === 0 && !log.loading && <p className="note">No actions recorded yet.</p>}
      {actions.length > 0 && (
        <table className="data-table actions" aria-label="Action log">
          <thead><tr><th>Time</th><th>Action</th><th>Outcome</th><th>By</th><th>Sizes before</th><th>Sizes after</th><th>Holders seen</th><th>Detail</th></tr></thead>
          <tbody>
            {actions.map((a, i) => (
              <tr key={`${a.time}:${i}`} className={`outcome-${a.outcome}`}>
                <td>{formatTime(a.time)}</td>
                <td>{a.action}</td>
                <td><span className={`badge outcome outcome-${a.outcome}`}>{a.outcome}</span></td>
                <td>{a.user}@{a.host} (pid {a.pid})</td>
                <td className="num">{sizes(a.sizesBefore)}</td>
                <td className="num">{sizes(a.sizesAfter)}</td>
                <td>{a.holders.length ? a.holders.join('; ') : '—'}</td>
                <td className="detail">{a.detail ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
