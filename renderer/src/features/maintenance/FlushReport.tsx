/** What a finished flush did: time, sizes before and after, rows verified per view, phases, backup. */
import type { FlushOutcomeDto, FlushPlanDto } from '../../../../electron/shared/dtoMaintenance.js';
import { formatCount, formatDelta, formatMs, formatSize } from '../common/format.js';

type Done = Extract<FlushOutcomeDto, { outcome: 'done' }>;

export function FlushReport({ result, plan, onShowLog }: { result: Done; plan: FlushPlanDto | null; onShowLog: () => void }) {
  const before = result.mainBefore + result.asideBefore;
  const after = result.mainAfter + result.asideAfter;
  return (
    <section className="flush-report" aria-label="Flush result" role="status">
      <h3>Flushed in {formatMs(result.ms)}{result.forced ? ' (forced past other holders)' : ''}</h3>
      <table className="data-table">
        <thead><tr><th /><th>Before</th><th>After</th></tr></thead>
        <tbody>
          <tr><td>{plan?.main.name ?? 'main'}</td><td className="num">{formatSize(result.mainBefore)}</td><td className="num">{formatSize(result.mainAfter)}</td></tr>
          <tr><td>{plan?.aside?.name ?? 'aside'}</td><td className="num">{formatSize(result.asideBefore)}</td><td className="num">{formatSize(result.asideAfter)}</td></tr>
          <tr className="total"><td>Together</td><td className="num">{formatSize(before)}</td><td className="num">{formatSize(after)} ({formatDelta(after - before)})</td></tr>
        </tbody>
      </table>
      <p>Rows verified in the new main file: {Object.entries(result.rows).map(([v, n]) => `${v} ${formatCount(n)}`).join(', ') || 'no views'}.</p>
      <p className="note">Phases: {result.phases.map((p) => `${p.phase} ${formatMs(p.ms)}`).join(' · ')}</p>
      {result.backup && <p className="note">Backup: {result.backup.main}, {result.backup.aside}</p>}
      <p className="note">Recorded in the action log. <button type="button" className="link" onClick={onShowLog}>Show the action log</button></p>
    </section>
  );
}
