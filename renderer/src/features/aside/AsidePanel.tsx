/**
 * The aside panel: what waiting costs (aside size, commits after its base generation, bytes per
 * commit, the growth rate) and what a flush would win (the space it reclaims), with the aside's
 * growth over time (growth history plus the points seen live as commits arrive) and per generation
 * (the generation chain), charted with uPlot; hovering shows the values.
 */
import { useMemo } from 'react';
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import type { AsideReportDto } from '../../../../electron/shared/dtoMaintenance.js';
import { request } from '../../api/client.js';
import { useAsync } from '../../api/hooks.js';
import { formatAgo, formatBytesExact, formatCount, formatSize, formatTime, plural } from '../common/format.js';
import { UChart, type ChartSeries } from './UChart.js';

const SIZE_SERIES: ChartSeries = { label: 'Aside size', scale: 'bytes', color: '--accent', kind: 'line', format: formatSize };
const COMMITS_SERIES: ChartSeries = { label: 'Commits after the base', scale: 'commits', color: '--chart-2', kind: 'step', format: (v) => formatCount(Math.round(v)) };
const END_SERIES: ChartSeries = { label: 'Aside size after the commit', scale: 'bytes', color: '--accent', kind: 'line', format: formatSize };
const ADDED_SERIES: ChartSeries = { label: 'Bytes the commit added', scale: 'added', color: '--chart-2', kind: 'bars', format: formatSize };

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="stat" role="group" aria-label={label}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {note && <div className="stat-note">{note}</div>}
    </div>
  );
}

function Charts({ r }: { r: AsideReportDto }) {
  const aside = r.aside;
  const overTime = useMemo(() => {
    const h = aside?.history ?? [];
    return [h.map((p) => p.time / 1000), h.map((p) => p.asideSize), h.map((p) => p.asideCommits)] as [number[], number[], number[]];
  }, [aside]);
  const perGeneration = useMemo(() => {
    const c = aside?.chain.perCommit ?? [];
    return [c.map((p) => p.commit), c.map((p) => p.end), c.map((p) => p.bytes)] as [number[], number[], number[]];
  }, [aside]);
  if (!aside) return null;
  const live = aside.history.filter((p) => p.live).length;
  return (
    <div className="charts">
      <section aria-label="Aside over time">
        <UChart title="Aside size and commits over time" data={overTime} series={[SIZE_SERIES, COMMITS_SERIES]} timeX xLabel="Time" formatX={(v) => formatTime(v * 1000)} />
        <p className="note">{plural(aside.history.length, 'point')}: {formatCount(aside.history.length - live)} from the growth history ({aside.historyPath}), {formatCount(live)} seen live as commits arrived.</p>
      </section>
      <section aria-label="Aside per generation">
        <UChart title="Per generation (the aside's commits)" data={perGeneration} series={[END_SERIES, ADDED_SERIES]} timeX={false} xLabel="Commit" formatX={(v) => `#${Math.round(v)}`} />
        {aside.chain.commitsAfterBase === 0 && <p className="note">No commits after the aside's base generation (written when it was created or last emptied by a flush).</p>}
      </section>
    </div>
  );
}

export function AsidePanel({ doc }: { doc: DocumentInfo }) {
  // Asked again when the document moves, and while paused whenever another commit is counted.
  const key = JSON.stringify([doc.id, doc.generation, doc.live.pendingCommits, doc.live.latestGeneration]);
  const report = useAsync(key, () => request('getAsideReport', { docId: doc.id }), { keep: true });
  const r = report.value && report.value.docId === doc.id ? report.value : undefined;
  if (report.error) return <p className="error" role="alert">{report.error.message}</p>;
  if (!r) return <p className="note">Reading the aside…</p>;
  const a = r.aside;
  return (
    <div className="panel aside-panel">
      <h2>Aside growth</h2>
      {!a && (
        <p className="note">
          {doc.asideAvailable ? 'The aside is detached (the status bar shows the main file alone): attach it to see its growth.' : `${doc.title} has no aside: commits go to the main file itself.`}
          {r.main.commitsAfterBase > 0 && ` The main file has ${plural(r.main.commitsAfterBase, 'extend commit')} after its base generation (${formatSize(r.main.bytesAdded)}).`}
        </p>
      )}
      <div className="stats">
        <Stat label="Main file" value={formatSize(r.mainSize)} note={formatBytesExact(r.mainSize)} />
        {a && (
          <>
            <Stat label="Aside file" value={formatSize(a.size)} note={a.modified ? `last commit ${formatAgo(a.modified)}` : undefined} />
            <Stat label="Commits after the base" value={formatCount(a.chain.commitsAfterBase)} note={`of ${plural(a.chain.chainGenerations, 'generation')} on the aside's chain; base ${formatSize(a.chain.baseEnd)} (its creation or last flush)`} />
            <Stat label="Bytes per commit" value={a.chain.meanBytesPerCommit === null ? '—' : formatSize(a.chain.meanBytesPerCommit)} note={a.chain.maxBytesPerCommit === null ? 'no commits yet' : `mean; largest ${formatSize(a.chain.maxBytesPerCommit)}`} />
            <Stat label="A flush would reclaim" value={formatSize(Math.max(0, a.reclaimBytes))} note={`${formatSize(a.currentBytes)} now → ${formatSize(a.afterFlushBytes)} after (compacted main ${formatSize(a.compactMainBytes)})`} />
            <Stat label="Growth rate" value={a.growthRate ? `${formatSize(a.growthRate.bytesPerDay)}/day` : '—'} note={a.growthRate ? `${formatCount(Math.round(a.growthRate.commitsPerDay))} commits/day (${a.growthRate.from === 'samples' ? `${plural(a.growthRate.samples, 'sample')}` : 'since the last flush'})` : 'needs two samples over time'} />
          </>
        )}
        <Stat label="Last flush" value={r.lastFlush ? formatAgo(r.lastFlush.time) : 'never'} note={r.lastFlush ? `${formatTime(r.lastFlush.time)} by ${r.lastFlush.user}@${r.lastFlush.host}` : 'none in the action log'} />
      </div>
      <Charts r={r} />
    </div>
  );
}
