/**
 * Who holds the document's files: every other process, registered (our tools) or discovered by the
 * operating system scan (everyone else: Tcl, Python, C++ Metakit), with pid, command, user, role and
 * mode, since when, the generation it reads and how many commits it lags; refreshed every two seconds.
 * Stale registry entries (processes that died without cleaning up) are listed with a Clean action.
 */
import { useState } from 'react';
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import type { HolderDto } from '../../../../electron/shared/dtoMaintenance.js';
import { request } from '../../api/client.js';
import { useAsync, useInterval } from '../../api/hooks.js';
import { errorText } from '../common/errorText.js';
import { formatAgo, formatTime, plural } from '../common/format.js';

export const HOLDERS_REFRESH_MS = 2000;

function roleText(h: HolderDto): string {
  const parts = [h.role, h.mode ?? (h.access ? `${h.access} handle` : null)].filter((x) => x !== null);
  return parts.join(', ') || '—';
}

function filesText(h: HolderDto): string {
  return h.files.map((f) => `${f.file}${f.fds.length ? ` fd ${f.fds.join(',')}` : ''}${f.via.includes('mmap') ? ' mapped' : ''}${f.replaced ? ' (replaced)' : ''}`).join('; ');
}

/** `compact`: the columns that name a process and why it blocks (the flush dialog). */
export function HoldersTable({ holders, caption, compact = false }: { holders: HolderDto[]; caption: string; compact?: boolean }) {
  return (
    <table className={`data-table holders${compact ? ' compact' : ''}`} aria-label={caption}>
      <thead>
        <tr>
          <th>PID</th><th>Command</th>{!compact && <th>User</th>}<th>Role / mode</th><th>Since</th>
          {!compact && <><th>Generation</th><th>Lag</th></>}<th>Seen by</th>{!compact && <th>Files</th>}
        </tr>
      </thead>
      <tbody>
        {holders.map((h) => (
          <tr key={`${h.host}:${h.pid}`} className={h.blocking ? 'blocking' : ''}>
            <td className="num">{h.pid}{h.local ? '' : ` @${h.host}`}</td>
            <td className="command" title={h.command ?? ''}>{h.command ?? '—'}</td>
            {!compact && <td>{h.user ?? '—'}</td>}
            <td className="nowrap">{roleText(h)}</td>
            <td className="nowrap" title={h.since ? `${formatTime(h.since)} (${h.sinceSource === 'opened' ? 'opened the file' : 'process start'})` : ''}>{h.since ? formatAgo(h.since) : '—'}</td>
            {!compact && (
              <>
                <td className="num">{h.generation ?? '—'}</td>
                <td className="num">{h.lag === null ? '—' : h.lag === 0 ? 'current' : `${h.lag} behind`}</td>
              </>
            )}
            <td><span className={`badge source-${h.source}`}>{h.source}</span></td>
            {!compact && <td className="nowrap">{filesText(h)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ReadersPanel({ doc, onNotice }: { doc: DocumentInfo; onNotice: (text: string) => void }) {
  const [round, setRound] = useState(0);
  const holders = useAsync(`${doc.id}:${round}`, () => request('listHolders', { docId: doc.id }), { keep: true });
  useInterval(true, HOLDERS_REFRESH_MS, () => setRound((r) => r + 1));
  const [cleaning, setCleaning] = useState(false);
  const h = holders.value && holders.value.docId === doc.id ? holders.value : undefined;
  const clean = async (): Promise<void> => {
    setCleaning(true);
    try {
      const r = await request('cleanStale', { docId: doc.id });
      onNotice(`Removed ${plural(r.removed.length, 'stale entry', 'stale entries')}${r.failed.length ? `; could not remove ${r.failed.join(', ')}` : ''} (logged in the action log).`);
      setRound((x) => x + 1);
    } catch (e) {
      onNotice(errorText(e));
    } finally {
      setCleaning(false);
    }
  };
  if (holders.error && !h) return <p className="error" role="alert">{holders.error.message}</p>;
  if (!h) return <p className="note">Looking for processes…</p>;
  return (
    <div className="panel readers-panel">
      <h2>Who holds {doc.title}{doc.aside ? ` and ${doc.aside.name}` : ''}</h2>
      <p className="note" aria-live="polite">
        {h.holders.length === 0 ? 'No other process holds these files.' : `${plural(h.holders.length, 'other process', 'other processes')} ${h.holders.length === 1 ? 'holds' : 'hold'} these files${h.busy ? ': a flush would have to wait' : ''}.`}
        {' '}Checked {formatTime(h.checkedAt)} in {h.elapsedMs} ms; refreshed every {HOLDERS_REFRESH_MS / 1000} s. This inspector (pid {h.selfPid}) is left out: its own handles never block a flush.
      </p>
      {h.holders.length > 0 && <HoldersTable holders={h.holders} caption="Processes holding the files" />}
      <h3>Stale registry entries</h3>
      {h.stale.length === 0
        ? <p className="note">None: every registered process is alive.</p>
        : (
          <>
            <table className="data-table stale" aria-label="Stale registry entries">
              <thead><tr><th>File</th><th>Entry</th><th>PID</th><th>Why stale</th></tr></thead>
              <tbody>
                {h.stale.map((s) => (
                  <tr key={`${s.file}:${s.name}`} className="stale-row">
                    <td>{s.file}</td><td className="command">{s.name}</td><td className="num">{s.pid ?? '—'}</td><td title={s.detail}>{s.reason}: {s.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="button" onClick={() => void clean()} disabled={cleaning}>Clean {plural(h.stale.length, 'stale entry', 'stale entries')}</button>
          </>
        )}
      <p className="note discovery">
        {h.discovery.supported
          ? `OS scan (${h.discovery.method}): ${plural(h.discovery.processesScanned, 'process', 'processes')} looked at${h.discovery.processesInaccessible ? `, ${h.discovery.processesInaccessible} not inspectable (other users' processes need root)` : ''}.`
          : h.discovery.note}
      </p>
    </div>
  );
}
