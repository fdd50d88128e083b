/**
 * The flush dialog: what will happen (sizes before and after, rows per view), the pre-flight checklist
 * with its evidence (no other holders, free disk space, a backup), and the guarded flush itself:
 * disabled while other processes hold the files (named), "wait until free" with a live countdown and
 * cancel, force only after typing the file name, a progress bar through the phases with cancel before
 * the swap, and the result report (also written to the action log).
 */
import type { ReactNode } from 'react';
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import type { FlushPlanDto } from '../../../../electron/shared/dtoMaintenance.js';
import { formatBytesExact, formatCount, formatSize, formatTime } from '../common/format.js';
import { HoldersTable } from '../readers/ReadersPanel.js';
import { FlushProgress } from './FlushProgress.js';
import { FlushReport } from './FlushReport.js';
import { useFlush, WAIT_SECONDS, type FlushRun } from './useFlush.js';

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

/** The pre-flight checklist with its evidence, the backup choice, and force with the typed file name. */
function Checklist({ plan: p, flush }: { plan: FlushPlanDto; flush: FlushRun }) {
  const { choices, choose, running } = flush;
  const { busy, blocking, diskOk } = flush.ready;
  return (
    <section aria-label="Pre-flight checklist">
      <h3>Pre-flight checklist</h3>
      <ul className="checklist">
        <Check ok={!busy} title="No other process holds the files">
          {busy
            ? <HoldersTable holders={blocking} caption="Processes that hold the files" compact />
            : <>Checked {formatTime(p.holders.checkedAt)}: nobody else ({p.holders.discovery.supported ? `OS scan of ${formatCount(p.holders.discovery.processesScanned)} processes and the registry` : p.holders.discovery.note}); this inspector's own handles do not count.</>}
        </Check>
        <Check ok={diskOk} title="Enough disk space">
          {formatSize(p.disk.freeBytes)} free in {p.disk.dir}; the flush writes up to {formatBytesExact(p.disk.neededBytes)}{choices.backup ? ` plus ${formatSize(p.disk.backupBytes)} for the backup` : ''}.
        </Check>
        <Check ok={null} title="Backup">
          <label className="check"><input type="checkbox" checked={choices.backup} disabled={running} onChange={(e) => choose({ backup: e.target.checked })} /> Copy both files first, to {p.backup.main.split(/[\\/]/).pop()}{p.backup.aside ? ` and ${p.backup.aside.split(/[\\/]/).pop()}` : ''}</label>
        </Check>
      </ul>
      {busy && (
        <div className="force">
          <label className="check"><input type="checkbox" checked={choices.force} disabled={running} onChange={(e) => choose({ force: e.target.checked })} /> Force: flush although they hold the files (they may read garbage or crash)</label>
          {choices.force && (
            <label className="confirm-name">Type <code>{p.main.name}</code> to confirm
              <input type="text" value={choices.confirmName} disabled={running} onChange={(e) => choose({ confirmName: e.target.value })} spellCheck={false} aria-label="Type the file name to confirm the forced flush" />
            </label>
          )}
        </div>
      )}
    </section>
  );
}

export function FlushDialog({ doc, onClose, onShowLog }: Props) {
  const flush = useFlush(doc);
  const { plan: p, running, job, phases, outcome, problem } = flush;
  const { busy, forceOk, canFlush, why } = flush.ready;
  const done = outcome?.outcome === 'done' ? outcome : null;

  return (
    <div className="modal-backdrop" onMouseDown={() => { if (!running) onClose(); }}>
      <div className="modal wide" role="dialog" aria-modal="true" aria-labelledby="flush-title" onMouseDown={(e) => e.stopPropagation()} onKeyDown={(e) => { if (e.key === 'Escape' && !running) onClose(); }}>
        <h2 id="flush-title">Flush {doc.title}{p?.aside ? ` and ${p.aside.name}` : ''}</h2>
        {flush.planError && !p && <p className="error" role="alert">{flush.planError.message}</p>}
        {!p && !flush.planError && <p className="note">Checking…</p>}
        {p && !done && (
          <>
            <p className="note">Empties the aside into a compact main file: a copy of the main file gets one generation with every row, is verified, and is renamed into place with an empty aside; then it is compacted and verified again. {p.lastFlush ? `Last flush ${formatTime(p.lastFlush)}.` : 'No flush recorded before.'}</p>
            {!p.possible && <p className="error" role="alert">{p.reason}</p>}
            <WhatHappens plan={p} />
            <Checklist plan={p} flush={flush} />
          </>
        )}
        {(running || (job && job.state !== 'running' && !done && phases.length > 1)) && job && <FlushProgress job={job} phases={phases} onCancel={flush.cancel} />}
        {outcome && outcome.outcome !== 'done' && <p className="error" role="alert">Not flushed: {outcome.message}</p>}
        {problem && <p className="error" role="alert">{problem}</p>}
        {done && <FlushReport result={done} plan={p ?? null} onShowLog={onShowLog} />}
        <div className="modal-actions">
          {why && !running && !done && <span className="why" role="status">Flush is disabled: {why}</span>}
          <button type="button" onClick={onClose} disabled={running}>{done ? 'Close' : 'Cancel'}</button>
          {!done && busy && p?.possible && !forceOk && (
            <button type="button" disabled={running} onClick={() => void flush.start(WAIT_SECONDS)}>Wait until free</button>
          )}
          {!done && <button type="button" className="primary" disabled={!canFlush} onClick={() => void flush.start(0)}>{forceOk && busy ? 'Force flush' : 'Flush'}</button>}
        </div>
      </div>
    </div>
  );
}
