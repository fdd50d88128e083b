/**
 * The data that crosses the contract: plain, structured-cloneable objects (no classes, no bigint, no
 * typed arrays), identical over IPC and over HTTP/JSON. Where the engine already has the type (file
 * statistics), the DTO is that type.
 */
import type { FileStat, StorageStats } from '../../engine/core/analysis/stats.js';
import type { RowEditState } from './dtoEdit.js';
import type { FollowState, PinInfo } from './dtoFollow.js';
import type { CellDto, PropType } from './dtoViews.js';
import type { ErrorInfo } from './result.js';
import type { OpenMode, ViewPath } from './schemas.js';

export type { CellDto, ColumnInfo, PropType, ViewInfo, ViewNode } from './dtoViews.js';
export type { FilterOp, FilterSpec, OpenMode, SortDirection, SortSpec, ViewPath, ViewStep } from './schemas.js';

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
  byteOrder: FileStat['byteOrder'];
  format: FileStat['format'];
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
  /** How it follows other processes' commits (read-only documents). */
  live: FollowState;
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

/** A file's sizes, layout facts and generations (the engine's FileStat). */
export type FileStatDto = FileStat;

/** Sizes, generations, rows per view, bytes per property, aside diffs (the engine's StorageStats). */
export type StatsDto = StorageStats & { docId: string; generation: string };

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
