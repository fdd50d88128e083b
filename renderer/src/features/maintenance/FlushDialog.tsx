/**
 * The flush dialog: what will happen (sizes before and after, rows per view), the pre-flight checklist
 * with its evidence (no other holders, free disk space, a backup), and the guarded flush itself:
 * disabled while other processes hold the files (named), "wait until free" with a live countdown and
 * cancel, force only after typing the file name, a progress bar through the phases with cancel before
 * the swap, and the result report (also written to the action log).
 */
import { useState, type ReactNode } from 'react';
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import type { FlushOutcomeDto, FlushPlanDto } from '../../../../electron/shared/dtoMaintenance.js';
import { ApiError, request } from '../../api/client.js';
import { useAsync, useInterval } from '../../api/hooks.js';
import { formatBytesExact, formatCount, formatSize, formatTime } from '../common/format.js';
import { useLatestJob } from '../jobs/useJobs.js';
import { HoldersTable } from '../readers/ReadersPanel.js';
import { FlushProgress } from './FlushProgress.js';
import { FlushReport } from './FlushReport.js';

/** How long "Wait until free" waits before giving up. */
export const WAIT_SECONDS = 120;

interface Props {
  doc: DocumentInfo;
  onClose: () => void;
  onShowLog: () => void;
}

function Check({ ok, title, children }: { ok: boolean | null; title: string; children: ReactNode }) {
  return (
    <li className={`check-item ${ok === null ? 'info' : ok ? 'ok' : 'fail'}`} aria-label={title}>
      <span className="check-mark" aria-hidden="true">{ok === null ? '•' : ok ? '✓' : '✗'}</span>
      <div><strong>{title}</strong><div className="evidence">{children}</div></div>
    </li>
  );
}

function WhatHappens({ plan }: { plan: FlushPlanDto }) {
  const before = plan.main.size + (plan.aside?.size ?? 0);
  return (
    <section aria-label="What will happen">
      <h3>What will happen</h3>
      <table className="data-table plan">
        <thead><tr><th /><th>Now</th><th>After (estimate)</th><th /></tr></thead>
        <tbody>
          <tr><td>{plan.main.name}</td><td className="num">{formatSize(plan.main.size)}</td><td className="num">{formatSize(plan.after.main)}</td><td className="muted">compacted, every row</td></tr>
          {plan.aside && <tr><td>{plan.aside.name}</td><td className="num">{formatSize(plan.aside.size)}</td><td className="num">{formatSize(plan.after.aside)}</td><td className="muted">empty</td></tr>}
          <tr className="total"><td>Together</td><td className="num">{formatSize(before)}</td><td className="num">{formatSize(plan.after.total)}</td><td>{plan.reclaimBytes >= 0 ? `${formatSize(plan.reclaimBytes)} reclaimed` : `${formatSize(-plan.reclaimBytes)} more`}</td></tr>
        </tbody>
      </table>
      <table className="data-table plan-rows" aria-label="Rows per view">
        <thead><tr><th>View</th><th>Rows in {plan.main.name} alone now</th><th>Rows in {plan.main.name} after</th></tr></thead>
        <tbody>
          {plan.rows.map((r) => <tr key={r.view}><td>{r.view}</td><td className="num">{formatCount(r.mainNow)}</td><td className="num">{formatCount(r.after)}</td></tr>)}
        </tbody>
      </table>
    </section>
  );
}

export function FlushDialog({ doc, onClose, onShowLog }: Props) {
  const [round, setRound] = useState(0);
  const [run, setRun] = useState(0);
  const [running, setRunning] = useState(false);
  const [backup, setBackup] = useState(true);
  const [force, setForce] = useState(false);
  const [confirmName, setConfirmName] = useState('');
  const [outcome, setOutcome] = useState<FlushOutcomeDto | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const plan = useAsync(`${doc.id}:${round}`, () => request('planFlush', { docId: doc.id }), { keep: true });
  // The checklist stays current while the dialog is open (holders come and go).
  useInterval(!running && outcome?.outcome !== 'done', 1000, () => setRound((r) => r + 1));
  const { job, phases } = useLatestJob('flush', doc.id, run);
  const p = plan.value;

  const start = async (waitSeconds: number): Promise<void> => {
    setRun((r) => r + 1);
    setRunning(true);
    setOutcome(null);
    setProblem(null);
    try {
      const r = await request('flushDocument', { docId: doc.id, backup, waitSeconds, force, ...(force ? { confirmName } : {}) });
      setOutcome(r);
    } catch (e) {
      setProblem(e instanceof ApiError ? (e.code === 'ABORTED' ? 'Cancelled: nothing was changed.' : `${e.code}: ${e.message}`) : String(e));
    } finally {
      setRunning(false);
      setRound((x) => x + 1);
    }
  };
  const cancel = (): void => {
    if (job) void request('cancelJob', { jobId: job.id }).catch(() => {});
  };

  const blocking = p?.holders.holders.filter((h) => h.blocking) ?? [];
  const busy = blocking.length > 0;
  const needed = p ? p.disk.neededBytes + (backup ? p.disk.backupBytes : 0) : 0;
  const diskOk = p ? p.disk.freeBytes > needed : false;
  const forceOk = force && p !== undefined && confirmName === p.main.name;
  const canFlush = p !== undefined && p.possible && diskOk && (!busy || forceOk) && !running;
  const why = !p ? 'reading the plan' : !p.possible ? p.reason : !diskOk ? 'not enough free disk space' : busy && !forceOk
    ? `${blocking.map((h) => `pid ${h.pid}${h.command ? ` (${h.command.split(/\s+/).slice(0, 3).join(' ')})` : ''}`).join(', ')} ${blocking.length === 1 ? 'holds' : 'hold'} the files`
    : null;
  const done = outcome?.outcome === 'done' ? outcome : null;

  return (
    <div className="modal-backdrop" onMouseDown={() => { if (!running) onClose(); }}>
      <div className="modal wide" role="dialog" aria-modal="true" aria-labelledby="flush-title" onMouseDown={(e) => e.stopPropagation()} onKeyDown={(e) => { if (e.key === 'Escape' && !running) onClose(); }}>
        <h2 id="flush-title">Flush {doc.title}{p?.aside ? ` and ${p.aside.name}` : ''}</h2>
        {plan.error && !p && <p className="error" role="alert">{plan.error.message}</p>}
        {!p && !plan.error && <p className="note">Checking…</p>}
        {p && !done && (
          <>
            <p className="note">Empties the aside into a compact main file: a copy of the main file gets one generation with every row, is verified, and is renamed into place with an empty aside; then it is compacted and verified again. {p.lastFlush ? `Last flush ${formatTime(p.lastFlush)}.` : 'No flush recorded before.'}</p>
            {!p.possible && <p className="error" role="alert">{p.reason}</p>}
            <WhatHappens plan={p} />
            <section aria-label="Pre-flight checklist">
              <h3>Pre-flight checklist</h3>
              <ul className="checklist">
                <Check ok={!busy} title="No other process holds the files">
                  {busy
                    ? <HoldersTable holders={blocking} caption="Processes that hold the files" compact />
                    : <>Checked {formatTime(p.holders.checkedAt)}: nobody else ({p.holders.discovery.supported ? `OS scan of ${formatCount(p.holders.discovery.processesScanned)} processes and the registry` : p.holders.discovery.note}); this inspector's own handles do not count.</>}
                </Check>
                <Check ok={diskOk} title="Enough disk space">
                  {formatSize(p.disk.freeBytes)} free in {p.disk.dir}; the flush writes up to {formatBytesExact(p.disk.neededBytes)}{backup ? ` plus ${formatSize(p.disk.backupBytes)} for the backup` : ''}.
                </Check>
                <Check ok={null} title="Backup">
                  <label className="check"><input type="checkbox" checked={backup} disabled={running} onChange={(e) => setBackup(e.target.checked)} /> Copy both files first, to {p.backup.main.split(/[\\/]/).pop()}{p.backup.aside ? ` and ${p.backup.aside.split(/[\\/]/).pop()}` : ''}</label>
                </Check>
              </ul>
              {busy && (
                <div className="force">
                  <label className="check"><input type="checkbox" checked={force} disabled={running} onChange={(e) => setForce(e.target.checked)} /> Force: flush although they hold the files (they may read garbage or crash)</label>
                  {force && (
                    <label className="confirm-name">Type <code>{p.main.name}</code> to confirm
                      <input type="text" value={confirmName} disabled={running} onChange={(e) => setConfirmName(e.target.value)} spellCheck={false} aria-label="Type the file name to confirm the forced flush" />
                    </label>
                  )}
                </div>
              )}
            </section>
          </>
        )}
        {(running || (job && job.state !== 'running' && !done && phases.length > 1)) && job && <FlushProgress job={job} phases={phases} onCancel={cancel} />}
        {outcome && outcome.outcome !== 'done' && <p className="error" role="alert">Not flushed: {outcome.message}</p>}
        {problem && <p className="error" role="alert">{problem}</p>}
        {done && <FlushReport result={done} plan={p ?? null} onShowLog={onShowLog} />}
        <div className="modal-actions">
          {why && !running && !done && <span className="why" role="status">Flush is disabled: {why}</span>}
          <button type="button" onClick={onClose} disabled={running}>{done ? 'Close' : 'Cancel'}</button>
          {!done && busy && p?.possible && !forceOk && (
            <button type="button" disabled={running} onClick={() => void start(WAIT_SECONDS)}>Wait until free</button>
          )}
          {!done && <button type="button" className="primary" disabled={!canFlush} onClick={() => void start(0)}>{forceOk && busy ? 'Force flush' : 'Flush'}</button>}
        </div>
      </div>
    </div>
  );
}
