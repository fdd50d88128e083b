/**
 * DTOs of the live views: following another writer, generations and snapshot compare, editing, and
 * export. Plain, structured-cloneable objects like dto.ts.
 */
import type { CellDto, ColumnInfo, FilterSpec, SortSpec, ViewPath } from './dto.js';

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
export interface LiveState {
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

/** Names a snapshot: scan the main file (and the aside) from these ends. */
export interface GenerationRef {
  mainEnd: number;
  asideEnd: number | null;
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

/** Either side of a comparison: the pinned snapshot, what the document shows now, or a generation. */
export type CompareSide = { kind: 'pinned' } | { kind: 'current' } | { kind: 'generation'; ref: GenerationRef };

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

// ---- editing -----------------------------------------------------------------------------------

export type EditKind = 'set' | 'append' | 'delete';

/** One change waiting for Commit. */
export interface PendingEdit {
  id: number;
  kind: EditKind;
  path: ViewPath;
  /** `log[12].tags` */
  title: string;
  /** Stored row index (for an appended row: its index after the committed rows). */
  row: number;
  column: string | null;
  /** Display text before and after (set). */
  before: string | null;
  after: string | null;
}

export interface PendingState {
  docId: string;
  edits: PendingEdit[];
}

export interface CommitResultDto {
  docId: string;
  /** Edits written. */
  edits: number;
  generationBefore: string;
  generationAfter: string;
  ms: number;
}

/** How a grid row differs from the committed data (editable documents). */
export interface RowEditState {
  state: 'changed' | 'added' | 'deleted';
  /** Column indexes with pending values. */
  cells: number[];
}

// ---- export ------------------------------------------------------------------------------------

export type ExportFormat = 'csv' | 'json';

export interface ExportResultDto {
  target: string;
  format: ExportFormat;
  rows: number;
  bytes: number;
  ms: number;
  /** The order exported: the view as stored, or the current sort/filter. */
  ordered: boolean;
}

export interface ExportRequest {
  path: ViewPath;
  format: ExportFormat;
  target: string;
  sort: SortSpec | null;
  filters: FilterSpec[];
}
