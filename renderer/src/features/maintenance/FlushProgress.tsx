/**
 * A running flush: a progress bar through its phases (each phase a step of the bar, its own progress
 * within), the phases passed, what it waits for with a live countdown, and Cancel while the old files
 * are still in place (before the swap; afterwards the flush finishes, since both pairs are consistent).
 */
import type { JobInfo } from '../../../../electron/shared/dto.js';
import { formatCount, formatSize } from '../common/format.js';

/** The phases of a flush in order (waiting and backup only when they happen). */
export const FLUSH_PHASES = ['waiting', 'backup', 'prepare', 'write', 'verify', 'aside', 'swap', 'compact', 'verify-compact', 'done'] as const;

const PHASE_TEXT: Record<string, string> = {
  starting: 'starting', waiting: 'waiting until the files are free', backup: 'copying the backup', prepare: 'copying the main file',
  write: 'writing main + aside as one generation', verify: 'verifying it against main + aside', aside: 'writing an empty aside',
  swap: 'renaming the new files into place', compact: 'compacting', 'verify-compact': 'verifying the compacted file', done: 'done',
  cancelled: 'cancelled', failed: 'failed',
};

const CANCELLABLE = new Set(['starting', 'waiting', 'backup', 'prepare', 'write', 'verify', 'aside']);

function overall(job: JobInfo): number {
  const i = FLUSH_PHASES.indexOf(job.phase as (typeof FLUSH_PHASES)[number]);
  if (job.state === 'done' || job.phase === 'done') return 1;
  if (i < 0) return 0;
  const within = job.total > 0 ? Math.min(1, job.done / job.total) : 0;
  return (i + within) / (FLUSH_PHASES.length - 1);
}

/** Seconds left of a wait: the service reports every check (twice a second) while it waits. */
function secondsLeft(job: JobInfo): number | null {
  if (job.phase !== 'waiting' || job.state !== 'running' || job.total <= 0) return null;
  return Math.max(0, Math.ceil((job.total - job.done) / 1000));
}

export function FlushProgress({ job, phases, onCancel }: { job: JobInfo; phases: string[]; onCancel: () => void }) {
  const seconds = secondsLeft(job);
  const fraction = overall(job);
  const running = job.state === 'running';
  const cancellable = running && CANCELLABLE.has(job.phase) && job.detail !== 'cancelling…';
  const bytes = job.total > 0 && ['prepare', 'write', 'compact'].includes(job.phase) ? ` ${formatSize(job.done)} of ${formatSize(job.total)}` : '';
  return (
    <section className="flush-progress" aria-label="Flush progress">
      <div className="progress-line">
        <progress max={1} value={fraction} aria-label="Flush progress" />
        <span className="percent">{Math.round(fraction * 100)}%</span>
      </div>
      <p className="phase-now" role="status">
        {PHASE_TEXT[job.phase] ?? job.phase}{bytes}
        {seconds !== null && <> — <span className="countdown">{seconds} s</span> left</>}
        {job.detail && job.phase !== 'done' && <span className="detail"> · {job.detail}</span>}
      </p>
      <ol className="phases" aria-label="Flush phases">
        {FLUSH_PHASES.filter((ph) => (ph !== 'waiting' && ph !== 'backup') || phases.includes(ph)).map((ph) => {
          const current = job.phase === ph && running;
          const passed = phases.includes(ph) && !current;
          return <li key={ph} className={current ? 'current' : passed ? 'passed' : 'todo'}>{passed ? '✓ ' : current ? '● ' : '○ '}{ph}</li>;
        })}
      </ol>
      {running && (
        <div className="modal-actions left">
          <button type="button" onClick={onCancel} disabled={!cancellable}>{cancellable ? (job.phase === 'waiting' ? 'Stop waiting' : 'Cancel flush') : 'Cancel (too late: the swap has begun)'}</button>
          {job.phase === 'waiting' && <span className="note">The flush starts by itself as soon as they are gone ({formatCount(Math.round(job.total / 1000))} s at most).</span>}
        </div>
      )}
    </section>
  );
}
