/**
 * The aside panel's numbers: sizes, commits and bytes per commit on the aside's generation chain, the
 * space a flush would reclaim, the growth rate, and the growth history (user data directory) merged
 * with the points this session saw as commits arrived.
 */
import { chainGrowth, growthRateFromSamples, storageChainEnds, type ChainGrowth } from '../../../engine/core/analysis/asideStats.js';
import { lastFlush } from '../../../engine/node/actionLog.js';
import { asideReport } from '../../../engine/node/asideReport.js';
import { readGrowthHistory } from '../../../engine/node/growthHistory.js';
import type { AsideReportDto, ChainGrowthDto, GrowthPoint } from '../../shared/dtoMaintenance.js';
import type { OpenDocument } from '../document.js';

const MAX_COMMITS_LISTED = 2000;

/** The chain as the engine measured it, its commits cut to the last MAX_COMMITS_LISTED. */
function chainDto(c: ChainGrowth): ChainGrowthDto {
  return { ...c, perCommit: c.perCommit.slice(-MAX_COMMITS_LISTED).map((p) => ({ ...p })) };
}

/** History samples and followed points in time order (a followed point replaces a sample at the same time). */
export function mergePoints(history: readonly Omit<GrowthPoint, 'live'>[], followed: readonly GrowthPoint[]): GrowthPoint[] {
  const byTime = new Map<number, GrowthPoint>();
  for (const h of history) byTime.set(h.time, { ...h, live: false });
  for (const f of followed) byTime.set(f.time, f);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

export function asideReportDto(doc: OpenDocument, followed: readonly GrowthPoint[]): AsideReportDto {
  const s = doc.current;
  const flush = lastFlush(doc.mainPath);
  const base = {
    docId: doc.id, generation: s.generation, mainPath: doc.mainPath, mainSize: s.info.fileSize,
    main: chainDto(chainGrowth(storageChainEnds(s))),
    lastFlush: flush ? { time: flush.time, user: flush.user, host: flush.host } : null,
  };
  const asidePath = doc.readAside;
  if (!asidePath || !s.aside) return { ...base, aside: null };
  const r = asideReport(s, { main: doc.mainPath, aside: asidePath });
  const history = readGrowthHistory(doc.mainPath, asidePath).samples;
  const points = mergePoints(history, followed);
  // The history file keeps a sample a minute at most; the points seen live give a rate sooner.
  const rate = r.growthRate ?? growthRateFromSamples(points);
  return {
    ...base,
    main: chainDto(r.main),
    aside: {
      path: asidePath, size: r.asideSize, modified: r.asideModified, chain: chainDto(r.aside),
      compactMainBytes: r.reclaim.compactMainBytes, emptyAsideBytes: r.reclaim.emptyAsideBytes, currentBytes: r.reclaim.currentBytes,
      afterFlushBytes: r.reclaim.afterFlushBytes, reclaimBytes: r.reclaim.reclaimBytes,
      growthRate: rate ? { ...rate } : null,
      history: points,
      historyPath: r.history.path,
    },
  };
}
