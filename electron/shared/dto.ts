/**
 * The data that crosses the contract: plain, structured-cloneable objects (no classes, no bigint, no
 * typed arrays), identical over IPC and over HTTP/JSON.
 */
import type { LiveState, PinInfo, RowEditState } from './dtoLive.js';
import type { ErrorInfo } from './result.js';

/** Metakit property types: S string, I int32, L int64, F float32, D float64, B bytes, V subview. */
export type PropType = 'S' | 'I' | 'L' | 'F' | 'D' | 'B' | 'V';

/** How a file is opened. Read-only unless the user explicitly asks for more. */
export type OpenMode = 'read' | 'readwrite' | 'extend';

export interface AppInfo {
  version: string;
  transport: 'ipc' | 'http';
  /** True where a native file dialog exists (Electron). */
  canChooseFiles: boolean;
  /** Modes this build can open files in. */
  supportedModes: OpenMode[];
}

export interface FileInfo {
  role: 'main' | 'aside';
  path: string;
  name: string;
  /** Physical size when opened. */
  size: number;
  mode: OpenMode;
  byteOrder: 'little-endian' | 'big-endian';
  format: 'new' | 'old (pre-2.0)' | 'empty';
  /** Absolute offset of the Metakit header (non-zero for starkits). */
  base: number;
  /** Absolute end of the data this document reads. */
  end: number;
}

export interface DocumentInfo {
  id: string;
  title: string;
  main: FileInfo;
  /** The aside read through, when attached. */
  aside: FileInfo | null;
  /** An aside that can be attached (x.mka next to x.mk, or the one named at open), attached or not. */
  asideAvailable: string | null;
  /** Identifies the snapshot read (main end, plus aside end when attached). */
  generation: string;
  viewCount: number;
  /** Something the user should know about how it was opened (an aside that did not fit). */
  notice: string | null;
  /**
   * How the user opened it: read-only; `extend` (commits append: into the aside when one is attached,
   * else to the main file); `readwrite` (commits rewrite the main file).
   */
  mode: OpenMode;
  live: LiveState;
  pinned: PinInfo | null;
  /** Edits waiting for Commit (writable documents). */
  pendingEdits: number;
  /** Counts every change of the pending edits (the grid's row caches are keyed by it). */
  editVersion: number;
}

/** A recently opened file that still exists (listRecent drops the others), newest first. */
export interface RecentFile {
  path: string;
  name: string;
  /** Aside named explicitly at open (null: automatic). */
  aside: string | null;
  openedAt: number;
}

/** A view instance: a top-level view, then (row, subview property) steps down. */
export interface ViewPath {
  view: string;
  steps: ViewStep[];
}

export interface ViewStep {
  /** Row of the parent view (its stored index, not a sorted position). */
  row: number;
  prop: string;
}

export interface ColumnInfo {
  name: string;
  /** The type values are read with: `I` for a stored letter Metakit does not know (see unknownType). */
  type: PropType;
  /** The property as Metakit's `mk::view layout` shows it: `n:I`, `kids[name:S,n:I]`, `x:Q`, `self[]`. */
  layout: string;
  /** Only on a property whose stored type letter Metakit does not know: Metakit reads it as an int, so do we. */
  unknownType?: true;
  /** With unknownType: the stored letter (upper-cased, as Metakit keeps it), e.g. `Q`. */
  storedType?: string;
}

/** A node of the sidebar tree: a top-level view or a subview property inside one. */
export interface ViewNode {
  name: string;
  /** Path without row numbers: `top`, `top.kids`. */
  schemaPath: string;
  layout: string;
  /** Rows of a top-level view; null for a subview property (each row has its own count). */
  rows: number | null;
  columns: ColumnInfo[];
  children: ViewNode[];
  /** `name[^]`: rows have the enclosing view's structure (children not repeated). */
  recursive: boolean;
  /** With recursive: the schemaPath of the view whose structure the rows repeat (`r` for `r.self`). */
  recursiveOf?: string;
}

export interface ViewInfo {
  docId: string;
  path: ViewPath;
  /** Readable path: `top[2].kids`. */
  title: string;
  rowCount: number;
  columns: ColumnInfo[];
  layout: string;
  generation: string;
}

export type SortDirection = 'asc' | 'desc';

export interface SortSpec {
  column: string;
  direction: SortDirection;
}

/**
 * Filter operators. Numbers (I, L, F, D), B sizes and V row counts compare with eq..ge; strings with
 * eq/ne/lt..ge (code point order), contains (case-insensitive), startsWith, regex; empty/notEmpty
 * apply to every type (zero, empty string, no bytes, no rows).
 */
export type FilterOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'contains' | 'startsWith' | 'regex' | 'empty' | 'notEmpty';

export interface FilterSpec {
  column: string;
  op: FilterOp;
  value: string;
}

/** One cell encoded for display in the grid. */
export type CellDto =
  | { t: 'I'; v: number }
  /** int64 as exact decimal text. */
  | { t: 'L'; v: string }
  /** `v`: shortest text that reads back as the same value; `short`: at most 7 significant digits. */
  | { t: 'F' | 'D'; v: string; short: string }
  /** `text` is cut at the grid's limit; `bytes` is the full UTF-8 length. */
  | { t: 'S'; text: string; bytes: number; truncated: boolean }
  /** `hex`: the first bytes; `compressed`: the bytes start with a zlib or gzip header. */
  | { t: 'B'; size: number; hex: string; compressed: 'zlib' | 'gzip' | null }
  | { t: 'V'; rows: number }
  /** This cell could not be decoded (a damaged column); the rest of the row still shows. */
  | { t: 'error'; code: string; message: string };

export interface RowDto {
  /** Stored row index (what a subview step or getCell names). */
  index: number;
  cells: CellDto[];
  /** Pending edits on this row (writable documents only). */
  edit?: RowEditState;
}

export interface RowWindow {
  /** Position of the first row in the current order (after sort and filter). */
  start: number;
  /** Rows in the current order: the filtered count, or the view's rows. */
  total: number;
  /** Rows of the view before filtering. */
  viewRows: number;
  rows: RowDto[];
  generation: string;
}

export interface BytesDetail {
  size: number;
  /** Hex of the first `shown` bytes. */
  hex: string;
  shown: number;
  utf8: string;
  utf8Valid: boolean;
  latin1: string;
}

export type InflatedPreview =
  | { ok: true; format: 'zlib' | 'gzip' | 'deflate'; compressedSize: number; bytes: BytesDetail; complete: boolean }
  | { ok: false; format: 'zlib' | 'gzip' | 'deflate'; message: string };

export interface NumberDetail {
  /** Shortest round-trip decimal. */
  shortest: string;
  /** 17 significant digits for F/D, decimal for I/L. */
  precise: string;
  /** Stored bits in hex (big-endian digits). */
  hex: string;
}

/** One cell in full, for the inspector. */
export interface CellDetail {
  docId: string;
  path: ViewPath;
  row: number;
  column: string;
  type: PropType;
  /** `big[99].name` */
  title: string;
  /** The value as text: the full number, the string (up to the byte limit), `n rows`. */
  text: string;
  textTruncated: boolean;
  number: NumberDetail | null;
  bytes: BytesDetail | null;
  /** For B (and S) values that start with a zlib/gzip header, e.g. starkit file contents. */
  inflated: InflatedPreview | null;
  subviewRows: number | null;
}

export interface FileStatDto {
  name: string;
  size: number;
  base: number;
  end: number;
  byteOrder: 'little-endian' | 'big-endian';
  format: 'new' | 'old (pre-2.0)' | 'empty';
  /** Generations on the file's chain, the one its header was written with included (FileStat). */
  chainGenerations: number;
  referencedBytes: number;
  freeBytes: number;
  overlaps: number;
}

export interface StatsDto {
  docId: string;
  generation: string;
  main: FileStatDto;
  aside: FileStatDto | null;
  views: { name: string; layout: string; rows: number }[];
  /** `storedType` only on a property whose stored type letter Metakit does not know (read as `I`). */
  properties: { path: string; type: PropType; columns: number; bytes: number; asideBytes: number; storedType?: string }[];
  /** Rows of the aside's `_C` view. */
  asideDiffs: number;
  /** Every property with a type letter Metakit does not know, whether or not it holds bytes. */
  unknownTypes: { path: string; storedType: string; readAs: 'I' }[];
}

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

/** A long operation (sort, filter, flush, export, compare) with its progress. */
export interface JobInfo {
  id: string;
  kind: string;
  docId: string | null;
  title: string;
  /** Current step, e.g. `reading`, `filtering`, `sorting`. */
  phase: string;
  done: number;
  total: number;
  state: JobState;
  /** What the job is waiting for or doing, in words (e.g. the processes a flush waits for). */
  detail: string | null;
  error: ErrorInfo | null;
  elapsedMs: number;
}
