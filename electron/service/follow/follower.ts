/**
 * Following another writer's commits in one read-only document: watches its files (fs.watch plus a cheap end-of-data poll,
 * engine/node/watch.ts) and, when another process commits, moves the document to the new generation
 * (or reopens it when a flush replaced the files) and tells the renderer what changed. Paused, the
 * display stays on its generation while new commits and rows keep being counted. Every change also
 * becomes a followed point of the aside growth chart (`live: true`) and a sample of the growth history.
 */
import { generationEnds } from '../../../engine/node/generationChain.js';
import { GrowthSampler, measureSample } from '../../../engine/node/growthHistory.js';
import { openStorageFile } from '../../../engine/node/openStorageFile.js';
import { watchGeneration, type GenerationChange, type Watcher } from '../../../engine/node/watch.js';
import type { AppliedChange, FollowState } from '../../shared/dtoFollow.js';
import type { GrowthPoint } from '../../shared/dtoMaintenance.js';
import type { OpenDocument } from '../document.js';

/** Poll interval of the end-of-data check (fs.watch usually reports sooner). */
export const FOLLOW_POLL_MS = 250;
const MAX_FOLLOWED_POINTS = 2000;

export interface FollowerHooks {
  /** The document shows another generation, or its follow state changed. */
  changed(doc: OpenDocument, replaced: boolean): void;
}

export class DocumentFollower {
  private watcher: Watcher | null = null;
  private sampler: GrowthSampler | null = null;
  private paused = false;
  private pendingCommits = 0;
  private pendingRows = 0;
  private pendingReplaced = false;
  private latest: string;
  private lastChange: AppliedChange | null = null;
  private changes = 0;
  private readonly points: GrowthPoint[] = [];

  constructor(private readonly doc: OpenDocument, private readonly hooks: FollowerHooks, private readonly pollMs = FOLLOW_POLL_MS) {
    this.latest = doc.generation;
    doc.followState = () => this.state();
    this.start();
  }

  state(): FollowState {
    return {
      following: this.watcher !== null,
      paused: this.paused,
      pendingCommits: this.pendingCommits,
      pendingRows: this.pendingRows,
      latestGeneration: this.paused ? this.latest : this.doc.generation,
      lastChange: this.lastChange,
      changes: this.changes,
    };
  }

  /** Points seen since the document was opened (the aside chart appends them to the history). */
  followedPoints(): GrowthPoint[] {
    return [...this.points];
  }

  /** (Re)starts watching the files the document reads now (after the aside was toggled or files replaced). */
  start(): void {
    this.stop();
    const aside = this.doc.readAside ?? undefined;
    this.watcher = watchGeneration(this.doc.mainPath, aside, (c) => this.onChange(c), { pollMs: this.pollMs });
    this.latest = this.doc.generation;
    if (aside) {
      this.sampler = new GrowthSampler(this.doc.mainPath, aside);
      this.sampler.start();
      this.addPoint();
    }
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = null;
    this.sampler?.stop();
    this.sampler = null;
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (!paused) {
      const replaced = this.pendingReplaced;
      const behind = this.latest !== this.doc.generation || replaced;
      this.pendingCommits = 0;
      this.pendingRows = 0;
      this.pendingReplaced = false;
      if (behind) {
        this.apply(replaced);
        return;
      }
    }
    this.hooks.changed(this.doc, false);
  }

  /** After the service itself reopened the document (its own flush): watch the new files. */
  afterReopen(change: AppliedChange): void {
    this.lastChange = change;
    this.changes++;
    this.pendingCommits = 0;
    this.pendingRows = 0;
    this.pendingReplaced = false;
    this.start();
    this.sampler?.sampleNow();
  }

  private onChange(c: GenerationChange): void {
    if (this.doc.flushing) return;
    this.addPoint();
    this.sampler?.sampleNow();
    if (this.paused) {
      // After a replacement the chain shown is gone: count the changes seen instead.
      this.pendingReplaced ||= c.replaced;
      this.pendingCommits = this.pendingReplaced ? this.pendingCommits + 1 : this.commitsBehind();
      this.latest = c.generation;
      this.pendingRows = this.rowsOnDisk() - this.rowsShown();
      this.hooks.changed(this.doc, false);
      return;
    }
    this.apply(c.replaced);
  }

  private apply(replaced: boolean): void {
    let r;
    try {
      r = replaced ? this.doc.reopen() : this.doc.refresh();
    } catch {
      // Mid-write or mid-rename: the next event or poll tries again.
      return;
    }
    if (!r.changed && r.views.length === 0) return;
    this.lastChange = {
      at: Date.now(), before: r.before, after: r.after, replaced,
      views: r.views.map((v) => ({ name: v.name, rowsBefore: v.rowsBefore, rowsAfter: v.rowsAfter, columnsChanged: v.columnsChanged })),
    };
    this.changes++;
    this.latest = this.doc.generation;
    if (replaced) this.start();
    this.hooks.changed(this.doc, replaced);
  }

  /** Commits between the generation shown and the newest (on the aside's chain, else the main file's). */
  private commitsBehind(): number {
    const path = this.doc.readAside ?? this.doc.mainPath;
    const shownEnd = this.doc.readAside ? this.doc.current.aside?.info.end ?? 0 : this.doc.current.info.end;
    return generationEnds(path).ends.filter((e) => e > shownEnd).length;
  }

  private rowsShown(): number {
    const s = this.doc.current;
    return s.viewNames().reduce((n, v) => n + s.view(v).rowCount, 0);
  }

  /** Rows of the newest generation on disk (opened briefly, unregistered). */
  private rowsOnDisk(): number {
    try {
      const h = openStorageFile(this.doc.mainPath, { aside: this.doc.readAside ?? undefined, presence: false });
      try {
        const s = h.storage;
        return s.viewNames().reduce((n, v) => n + s.view(v).rowCount, 0);
      } finally {
        h.close();
      }
    } catch {
      return this.rowsShown() + this.pendingRows;
    }
  }

  private addPoint(): void {
    const aside = this.doc.readAside;
    if (!aside) return;
    try {
      const s = measureSample(this.doc.mainPath, aside);
      this.points.push({ ...s, live: true });
      if (this.points.length > MAX_FOLLOWED_POINTS) this.points.splice(0, this.points.length - MAX_FOLLOWED_POINTS);
    } catch {
      // a file mid-rename: the next change adds a point
    }
  }
}
