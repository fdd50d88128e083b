/**
 * Aside statistics against sizes measured from the corpus files Metakit wrote: every snapshot of the
 * aside-N and extend-N series is the previous one plus one commit, so the bytes per commit read from
 * the generation chain must equal the differences of the snapshot file sizes. The compacted-size
 * estimate must equal the size of every file Metakit wrote in one go, and the size of the same content
 * rewritten by our writer. The 100-commit test through our writer is asideGrowth100.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chainGrowth, EMPTY_ASIDE_BYTES, flushReclaim, growthRateFromSamples, growthRateSinceFlush, storageChainEnds,
} from '../../engine/core/analysis/asideStats.js';
import { estimateCompactSize } from '../../engine/core/analysis/compactSize.js';
import { computeStats } from '../../engine/core/analysis/stats.js';
import { Storage } from '../../engine/core/read/storage.js';
import { appendAction } from '../../engine/node/actionLog.js';
import type { AsideReport } from '../../engine/node/asideReport.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { generationEnds } from '../../engine/node/generationChain.js';
import { corpusCases, fileSize, loadCase } from '../helpers/corpus.js';
import { rewriteCompact } from '../helpers/rewrite.js';
import { runInProcess, scratchAside } from './helpers.js';

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'mk-data-'));
  process.env.MKINSPECT_DATA_DIR = dataDir;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function openCase(name: string): Storage {
  const c = loadCase(name);
  const aside = c.asidePath ? Storage.open(new FileByteStore(c.asidePath)) : undefined;
  return Storage.open(new FileByteStore(c.mainPath), { aside });
}

describe('aside growth from the generation chain', () => {
  const series = ['aside-0-init', 'aside-1', 'aside-2', 'aside-3', 'aside-4'];
  const sizes = series.map((n) => fileSize(loadCase(n).asidePath as string));

  it.each(series.map((name, k) => [name, k] as const))('%s: %i commits, bytes per commit = growth of the snapshot files', (name, k) => {
    const storage = openCase(name);
    try {
      const g = chainGrowth(storageChainEnds(storage.aside as Storage));
      expect(g.commitsAfterBase).toBe(k);
      expect(g.chainGenerations).toBe(k + 1);
      expect(g.baseEnd).toBe(sizes[0]);
      expect(g.newestEnd).toBe(sizes[k]);
      expect(g.perCommit.map((c) => c.bytes)).toEqual(sizes.slice(1, k + 1).map((sz, i) => sz - (sizes[i] as number)));
      expect(g.perCommit.map((c) => c.end)).toEqual(sizes.slice(1, k + 1));
      expect(g.bytesAdded).toBe((sizes[k] as number) - (sizes[0] as number));
      // The same numbers through the file-level reader the growth sampler uses.
      expect(generationEnds(loadCase(name).asidePath as string).ends).toEqual(sizes.slice(0, k + 1));
    } finally {
      storage.close();
    }
  });

  it('extend-5: 6 generations on the main file, each commit = growth of the extend-N snapshots', () => {
    const ext = ['extend-0-base', 'extend-1', 'extend-2', 'extend-3', 'extend-4', 'extend-5'].map((n) => fileSize(loadCase(n).mainPath));
    const storage = openCase('extend-5');
    try {
      const g = chainGrowth(storageChainEnds(storage));
      expect(g.chainGenerations).toBe(6);
      expect(g.perCommit.map((c) => c.bytes)).toEqual(ext.slice(1).map((sz, i) => sz - (ext[i] as number)));
      expect(g.meanBytesPerCommit).toBe((ext[5] as number - (ext[0] as number)) / 5);
      expect(g.maxBytesPerCommit).toBe(Math.max(...g.perCommit.map((c) => c.bytes)));
    } finally {
      storage.close();
    }
  });

  it('an empty aside as Metakit creates it is EMPTY_ASIDE_BYTES long', () => {
    expect(fileSize(loadCase('aside-0-init').asidePath as string)).toBe(EMPTY_ASIDE_BYTES);
  });
});

describe('compacted size estimate', () => {
  const compact = corpusCases().filter((c) => {
    if (c.asidePath || c.expected.error || typeof c.expected.endOfData !== 'number') return false;
    try {
      const s = Storage.open(new FileByteStore(c.mainPath));
      const st = computeStats(s);
      s.close();
      return st.main.freeBytes === 0 && st.main.base === 0 && st.main.format === 'new' && st.main.chainGenerations === 1 && st.main.size > 0;
    } catch {
      return false;
    }
  });

  it('covers the files Metakit wrote in one go', () => {
    expect(compact.length).toBeGreaterThan(25);
  });

  it.each(compact.map((c) => [c.name, c] as const))('%s: estimate equals the file size', (_name, c) => {
    const s = Storage.open(new FileByteStore(c.mainPath));
    try {
      expect(estimateCompactSize(s).total).toBe(fileSize(c.mainPath));
    } finally {
      s.close();
    }
  });

  // Files with free space, or main + aside: a fresh read-write commit of the same rows by our writer
  // is what a flush writes. (Known deviations: memo-shift-3 keeps a memo column a fresh write stores
  // inline, estimate 782 vs 767; regress-reversed, 225 vs 258.)
  const rewritten = ['rw-2-edits', 'rw-freespace-3', 'memo-shift-2', 'extend-5', 'aside-2', 'aside-4', 'view-delete-2'];
  it.each(rewritten)('%s: estimate equals the size of the same content rewritten by the writer', (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'mk-rewrite-'));
    const s = openCase(name);
    try {
      const out = join(dir, 'compact.mk');
      rewriteCompact(s, out);
      expect(estimateCompactSize(s).total).toBe(fileSize(out));
    } finally {
      s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('aside-4: what a flush would reclaim', () => {
    const s = openCase('aside-4');
    try {
      const est = estimateCompactSize(s);
      expect(est.markBytes).toBe(24);
      expect(est.total).toBe(est.markBytes + est.columnBytes + est.rootWalkBytes);
      const r = flushReclaim(37, 1428, est);
      expect(r).toEqual({
        currentBytes: 1465, compactMainBytes: est.total, emptyAsideBytes: 87, afterFlushBytes: est.total + 87, reclaimBytes: 1465 - est.total - 87,
      });
    } finally {
      s.close();
    }
  });
});

describe('growth rates', () => {
  const day = 86_400_000;
  it('uses the samples after the last shrink (a flush)', () => {
    const samples = [
      { time: 0, mainSize: 100, asideSize: 5000, asideCommits: 50 },
      { time: day, mainSize: 3000, asideSize: 87, asideCommits: 0 },
      { time: 2 * day, mainSize: 3000, asideSize: 1087, asideCommits: 10 },
      { time: 3 * day, mainSize: 3000, asideSize: 2087, asideCommits: 20 },
    ];
    expect(growthRateFromSamples(samples)).toEqual({ bytesPerDay: 1000, commitsPerDay: 10, windowMs: 2 * day, samples: 3, from: 'samples' });
    expect(growthRateFromSamples(samples.slice(0, 2))).toBeNull();
  });

  it('falls back to the time since the last flush', () => {
    expect(growthRateSinceFlush(0, 2 * day, 87 + 600, 4)).toEqual({ bytesPerDay: 300, commitsPerDay: 2, windowMs: 2 * day, samples: 0, from: 'since-last-flush' });
    expect(growthRateSinceFlush(5, 5, 100, 1)).toBeNull();
  });
});

describe('mkinspect stats --aside', () => {
  it('adds aside growth to the JSON, with the last flush from the action log and a recorded sample', async () => {
    const s = scratchAside('aside-4');
    try {
      const flushed = new Date(Date.now() - 2 * 86_400_000);
      appendAction({ action: 'flush', outcome: 'done', files: { main: s.main, aside: s.aside }, time: flushed });
      const r = await runInProcess(['stats', s.main, '--aside', s.aside, '--json', '--record-sample']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const g = (JSON.parse(r.out) as { asideGrowth: AsideReport }).asideGrowth;
      expect(g.asideSize).toBe(1428);
      expect(g.mainSize).toBe(37);
      expect(g.aside.commitsAfterBase).toBe(4);
      expect(g.aside.perCommit.map((c) => c.bytes)).toEqual([207, 293, 378, 463]);
      expect(g.main.commitsAfterBase).toBe(0);
      expect(g.reclaim.currentBytes).toBe(1465);
      expect(g.lastFlush?.time).toBe(flushed.toISOString());
      expect(g.history.samples).toBe(1);
      expect(g.history.path.startsWith(dataDir)).toBe(true);
      // One sample is no rate yet: the rate comes from the time since the flush.
      expect(g.growthRate?.from).toBe('since-last-flush');
      expect(g.growthRate?.commitsPerDay).toBeCloseTo(2, 3);

      const text = await runInProcess(['stats', s.main, '--aside', s.aside]);
      expect(text.out).toContain('  aside 1,428 bytes, +1,341 bytes after its base generation\n');
      expect(text.out).toContain("  commits after base 4: the aside's 5 chain generations but the base (the first, 87 bytes, written when the aside was created or last emptied by a flush)\n");
      expect(text.out).toContain('bytes per commit: mean 335, max 463; last 4: 207 293 378 463');
      expect(text.out).toMatch(/a flush would reclaim [\d,]+ bytes: 1,465 now/);
      expect(text.out).toContain(`last flush: ${flushed.toISOString()}`);
    } finally {
      s.cleanup();
    }
  });

  it('issue 14: the two counts are named and explained alike in the JSON and the table (whole chain vs after its base)', async () => {
    const s = scratchAside('aside-4');
    try {
      const json = await runInProcess(['stats', s.main, '--aside', s.aside, '--json']);
      const parsed = JSON.parse(json.out) as { aside: { chainGenerations: number }; asideGrowth: AsideReport };
      // aside-0-init wrote the empty aside (the base generation); aside-1..4 each appended one commit.
      expect(parsed.aside.chainGenerations).toBe(5);
      expect(parsed.asideGrowth.aside.chainGenerations).toBe(5);
      expect(parsed.asideGrowth.aside.commitsAfterBase).toBe(4);
      expect(Object.keys(parsed.asideGrowth.aside)).not.toContain('commits');
      expect(Object.keys(parsed.aside)).not.toContain('generations');
      const text = await runInProcess(['stats', s.main, '--aside', s.aside]);
      const asideLines = text.out.slice(text.out.indexOf('aside: aside.mka'));
      expect(asideLines).toContain("  chain generations 5: every commit since the file's header was written (its creation, or the last flush or read-write commit), that one included\n");
      expect(text.out).toContain('  commits after base 4: ');
      expect(text.out).not.toMatch(/commits found|since its base generation/);
    } finally {
      s.cleanup();
    }
  });

  it('without --aside the output is unchanged', async () => {
    const c = loadCase('rows-100');
    const r = await runInProcess(['stats', c.mainPath, '--json']);
    expect(Object.keys(JSON.parse(r.out) as object)).toEqual(['main', 'aside', 'views', 'properties', 'asideDiffs', 'unknownTypes']);
  });
});
