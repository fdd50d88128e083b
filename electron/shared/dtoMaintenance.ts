/**
 * DTOs of the maintenance panels: aside growth, who holds the files, the guarded flush and the action
 * log. Plain, structured-cloneable objects like dto.ts; the engine's own types where it has them.
 */
import type { ChainGrowth, GrowthRate, GrowthSample } from '../../engine/core/analysis/asideStats.js';
import type { HeldFile, Holder } from '../../engine/core/analysis/presence.js';

/** One point of the aside growth chart: a growth history sample, or one seen while following. */
export type GrowthPoint = GrowthSample & {
  /** Seen by this session as commits arrived (else from the growth history file). */
  live: boolean;
};

/** A file's generation chain: the whole chain vs the commits after its base (the last 2000 commits listed). */
export type ChainGrowthDto = ChainGrowth;

export interface AsideDetailDto {
  path: string;
  size: number;
  modified: string | null;
  chain: ChainGrowthDto;
  /** The compacted main a flush would write, and what it would reclaim. */
  compactMainBytes: number;
  emptyAsideBytes: number;
  currentBytes: number;
  afterFlushBytes: number;
  reclaimBytes: number;
  growthRate: GrowthRate | null;
  /** Growth history (user data directory) merged with the points seen live, oldest first. */
  history: GrowthPoint[];
  historyPath: string;
}

export interface AsideReportDto {
  docId: string;
  generation: string;
  mainPath: string;
  mainSize: number;
  /** Extend commits appended to the main file itself. */
  main: ChainGrowthDto;
  /** Null when the document reads no aside. */
  aside: AsideDetailDto | null;
  lastFlush: { time: string; user: string; host: string } | null;
}

/** A file a holder keeps open (the engine's HeldFile without the generation end). */
export type HeldFileDto = Omit<HeldFile, 'end'>;

/** One process holding the files: registered (ours) or discovered by the OS scan, or both. */
export type HolderDto = Omit<Holder, 'self' | 'entryIds' | 'files'> & {
  files: HeldFileDto[];
  /** One line naming it (`pid 123 (node reader.mjs): reader, read, main+aside`). */
  text: string;
  /** It keeps a current file open: a flush must wait for it. */
  blocking: boolean;
};

export interface StaleEntryDto {
  file: 'main' | 'aside';
  name: string;
  reason: string;
  detail: string;
  pid: number | null;
}

export interface HoldersDto {
  docId: string;
  checkedAt: string;
  elapsedMs: number;
  /** Other processes (this inspector's own handles are left out: they never block a flush). */
  holders: HolderDto[];
  stale: StaleEntryDto[];
  busy: boolean;
  discovery: {
    supported: boolean;
    method: string;
    processesScanned: number;
    processesInaccessible: number;
    complete: boolean;
    note: string | null;
  };
  /** This inspector's process (left out of `holders`). */
  selfPid: number;
}

export interface CleanStaleDto {
  removed: string[];
  failed: string[];
}

export interface FlushPlanDto {
  docId: string;
  /** False when this document cannot be flushed (no aside, or unsaved edits); `reason` says why. */
  possible: boolean;
  reason: string | null;
  main: { path: string; name: string; size: number };
  aside: { path: string; name: string; size: number } | null;
  /** Sizes after the flush (the compacted main estimate plus an empty aside). */
  after: { main: number; aside: number; total: number };
  reclaimBytes: number;
  /** Rows per view: the main file alone now, and after the flush (main + aside). */
  rows: { view: string; mainNow: number; after: number }[];
  holders: HoldersDto;
  disk: {
    dir: string;
    freeBytes: number;
    /** Temporary space the flush needs (a copy of main with the merged generation, the compacted file). */
    neededBytes: number;
    /** Extra space for the backup copies. */
    backupBytes: number;
  };
  backup: { main: string; aside: string | null };
  lastFlush: string | null;
}

export type FlushPhaseName = 'waiting' | 'backup' | 'prepare' | 'write' | 'verify' | 'aside' | 'swap' | 'compact' | 'verify-compact' | 'done';

export type FlushOutcomeDto =
  | {
    outcome: 'done';
    ms: number;
    mainBefore: number;
    asideBefore: number;
    mainAfter: number;
    asideAfter: number;
    /** Rows per view, verified in the new main against main + aside. */
    rows: Record<string, number>;
    forced: boolean;
    backup: { main: string; aside: string } | null;
    /** Time spent per phase, in order. */
    phases: { phase: FlushPhaseName; ms: number }[];
  }
  /** Other processes held the files (before starting, or again right before the swap): nothing changed. */
  | { outcome: 'busy' | 'busy-before-swap'; message: string; holders: HolderDto[] };

/** One line of the action log. */
export interface ActionDto {
  time: string;
  action: string;
  outcome: string;
  user: string;
  host: string;
  pid: number;
  sizesBefore: { main: number | null; aside?: number | null } | null;
  sizesAfter: { main: number | null; aside?: number | null } | null;
  holders: string[];
  detail: string | null;
}
