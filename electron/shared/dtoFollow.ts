/**
 * DTOs of following another writer's commits, the generation chain and snapshot compare. Plain,
 * structured-cloneable objects like dto.ts.
 */
import type { CellDto, ColumnInfo } from './dtoViews.js';
import type { GenerationRef } from './schemas.js';

export type { CompareSide, GenerationRef } from './schemas.js';

/** A view whose rows or columns moved between two generations. */
export interface ViewRowChange {
  name: string;
  /** -1 when the view did not exist on that side. */
  rowsBefore: number;
  rowsAfter: number;
  /** True when any data of the view changed (not only its row count). */
  columnsChanged: boolean;
}

/** A change the document moved to (another process committed, or a flush replaced the files). */
export interface AppliedChange {
  /** Milliseconds since the epoch, when the service noticed it. */
  at: number;
  before: string;
  after: string;
  /** The files were replaced (a flush renamed new ones in): the document was reopened. */
  replaced: boolean;
  views: ViewRowChange[];
}

/** How a document follows commits of other processes. */
export interface FollowState {
  /** Another process's commits are followed (read-only documents; a writable one is ours alone). */
  following: boolean;
  /** The display is frozen at `generation` while new commits are counted. */
  paused: boolean;
  /** Commits seen on disk and not yet shown (only while paused). */
  pendingCommits: number;
  /** Rows added on disk and not yet shown, over all views (only while paused; negative if rows went away). */
  pendingRows: number;
  /** The newest generation on disk (equals the document's generation unless paused). */
  latestGeneration: string;
  /** The last change shown. */
  lastChange: AppliedChange | null;
  /** Changes shown since the document was opened. */
  changes: number;
}

export interface PinInfo {
  ref: GenerationRef;
  /** `Storage.generation` of the pinned snapshot. */
  generation: string;
  pinnedAt: number;
}

/** One committed generation of the document (the aside's chain when an aside is attached). */
export interface GenerationDto {
  /** 1-based position on the chain. */
  index: number;
  ref: GenerationRef;
  generation: string;
  /** Bytes this commit added. */
  added: number;
  /** False for a torn commit (cannot be opened). */
  intact: boolean;
  rows: Record<string, number>;
}

export interface GenerationList {
  docId: string;
  /** Which file's chain is listed. */
  chain: 'main' | 'aside';
  generations: GenerationDto[];
}

export interface DiffRowDto {
  row: number;
  kind: 'added' | 'removed' | 'changed';
  /** Changed properties (changed rows). */
  properties: string[];
  /** Cells on each side (null where the row does not exist on that side). */
  before: CellDto[] | null;
  after: CellDto[] | null;
}

export interface ViewDiffDto {
  name: string;
  rowsBefore: number;
  rowsAfter: number;
  layoutBefore: string | null;
  layoutAfter: string | null;
  /** Columns of the newer side (else the older). */
  columns: ColumnInfo[];
  added: number;
  removed: number;
  changed: number;
  /** The first row differences, in row order. */
  rows: DiffRowDto[];
  truncated: boolean;
}

export interface SnapshotDiffDto {
  docId: string;
  from: { ref: GenerationRef; generation: string };
  to: { ref: GenerationRef; generation: string };
  views: ViewDiffDto[];
  elapsedMs: number;
}
