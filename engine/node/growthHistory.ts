/**
 * Aside growth over days: a small JSON file per document (main + aside pair) in the user data
 * directory, `growth/<hash>.json`, holding samples {time, mainSize, asideSize, asideCommits}. It stays
 * small: past `maxSamples`, the older half is thinned to every other point (recent points keep full
 * resolution, old ones get sparser). Written atomically; two processes sampling the same document at
 * once may lose a point to each other, never the file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { chainGrowth, type GrowthSample } from '../core/analysis/asideStats.js';
import { userDataDir } from './dataDir.js';
import { generationEnds } from './generationChain.js';
import { canonicalPath, writeAtomic } from './presence/registryFiles.js';

export const DEFAULT_MAX_SAMPLES = 512;
export const DEFAULT_MIN_INTERVAL_MS = 60_000;

const sampleSchema = z.object({
  time: z.number(),
  mainSize: z.number(),
  asideSize: z.number(),
  asideCommits: z.number(),
});

const historySchema = z.object({
  v: z.literal(1),
  main: z.string(),
  aside: z.string(),
  samples: z.array(sampleSchema),
});

export type GrowthHistory = z.infer<typeof historySchema>;

function historyDir(): string {
  return join(userDataDir(), 'growth');
}

export function growthHistoryPath(main: string, aside: string): string {
  const key = createHash('sha256').update(`${canonicalPath(main)}\0${canonicalPath(aside)}`).digest('hex').slice(0, 24);
  return join(historyDir(), `${key}.json`);
}

export function readGrowthHistory(main: string, aside: string): GrowthHistory {
  const empty: GrowthHistory = { v: 1, main: canonicalPath(main), aside: canonicalPath(aside), samples: [] };
  let text: string;
  try {
    text = readFileSync(growthHistoryPath(main, aside), 'utf8');
  } catch {
    return empty;
  }
  try {
    const r = historySchema.safeParse(JSON.parse(text));
    return r.success ? r.data : empty;
  } catch {
    return empty;
  }
}

/**
 * Keeps at most `max` samples: while over, the older half (all but the newest max/2) is thinned to
 * every other sample; the first sample is always kept, so the plot still starts where it started.
 */
export function downsample(samples: readonly GrowthSample[], max: number): GrowthSample[] {
  if (!Number.isSafeInteger(max) || max < 4) throw new RangeError(`max samples must be an integer >= 4, got ${max}`);
  let out = [...samples];
  while (out.length > max) {
    const keepRecent = Math.floor(max / 2);
    const old = out.slice(0, out.length - keepRecent);
    const recent = out.slice(out.length - keepRecent);
    out = [...old.filter((_, i) => i % 2 === 0), ...recent];
  }
  return out;
}

export interface RecordOptions {
  /** Skip a sample taken sooner than this after the previous one, unless the aside shrank (a flush). */
  minIntervalMs?: number;
  maxSamples?: number;
}

export function recordGrowthSample(main: string, aside: string, sample: GrowthSample, options: RecordOptions = {}): { recorded: boolean; history: GrowthHistory; path: string } {
  const path = growthHistoryPath(main, aside);
  const history = readGrowthHistory(main, aside);
  const last = history.samples[history.samples.length - 1];
  const minInterval = options.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS;
  if (last && sample.time - last.time < minInterval && sample.asideSize >= last.asideSize) return { recorded: false, history, path };
  const samples = downsample([...history.samples, sample].sort((a, b) => a.time - b.time), options.maxSamples ?? DEFAULT_MAX_SAMPLES);
  const next: GrowthHistory = { ...history, samples };
  mkdirSync(historyDir(), { recursive: true });
  writeAtomic(historyDir(), basename(path), `${JSON.stringify(next)}\n`, true);
  return { recorded: true, history: next, path };
}

/** A sample of the files as they are now. */
export function measureSample(main: string, aside: string, now = Date.now()): GrowthSample {
  const size = (p: string): number => {
    try {
      return statSync(p).size;
    } catch {
      return 0;
    }
  };
  return { time: now, mainSize: size(main), asideSize: size(aside), asideCommits: chainGrowth(generationEnds(aside).ends).commitsAfterBase };
}

/** Samples a document periodically while it is open (the GUI starts one per open document). */
export class GrowthSampler {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly main: string,
    readonly aside: string,
    private readonly options: RecordOptions & { intervalMs?: number } = {},
  ) {}

  sampleNow(): boolean {
    try {
      return recordGrowthSample(this.main, this.aside, measureSample(this.main, this.aside), this.options).recorded;
    } catch {
      return false; // a full or read-only data directory must not disturb the document
    }
  }

  start(): void {
    if (this.timer) return;
    this.sampleNow();
    this.timer = setInterval(() => this.sampleNow(), this.options.intervalMs ?? 10 * 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
