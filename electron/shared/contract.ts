/**
 * The one contract between the renderer and the document service: a table with one entry per method
 * (the zod schema of its one argument object, and the type of the value its Result carries), the types
 * derived from it, and the events pushed to the renderer. Electron (IPC, preload) and the loopback
 * server (HTTP POST + SSE) carry exactly this; the service implements it (electron/service/api/).
 *
 * Adding a method: name it in methods.ts, give it an entry here, implement it in one method group of
 * the service. Nothing else lists methods; the compiler points at whatever is missing.
 */
import { z } from 'zod';
import type { AppInfo, CellDetail, DocumentInfo, JobInfo, RecentFile, RowWindow, StatsDto, ViewInfo, ViewNode } from './dto.js';
import type { CommitResultDto, ExportResultDto, PendingState } from './dtoEdit.js';
import type { GenerationList, SnapshotDiffDto } from './dtoFollow.js';
import type { ActionDto, AsideReportDto, CleanStaleDto, FlushOutcomeDto, FlushPlanDto, HoldersDto } from './dtoMaintenance.js';
import type { MethodName } from './methods.js';
import type { Result } from './result.js';
import {
  compareSideSchema, docId, docRef, exportFormatSchema, filePath, name, noArgs, openModeSchema, orderFields, rowIndex,
  viewPathSchema, viewRef,
} from './schemas.js';

export { CHANNEL_PREFIX, channelOf, EVENT_CHANNEL, isMethodName, METHOD_NAMES, type MethodName } from './methods.js';

/** Largest window of rows per getRows call. */
export const MAX_WINDOW = 2000;
/** Bytes of an S/B value getCell sends unless asked for more, and the most it sends. */
export const DEFAULT_CELL_BYTES = 64 * 1024;
export const MAX_CELL_BYTES = 16 * 1024 * 1024;
const MAX_EDIT_CHARS = 1 << 20;
const MAX_DELETE_ROWS = 10_000;

/** One method: the schema of its argument, and (a type only, never set) the value its Result carries. */
export interface MethodSpec<A extends z.ZodType = z.ZodType, V = unknown> {
  readonly args: A;
  readonly value?: { readonly type: V };
}

/** `takes(schema).returns<Value>()`: an entry of the table (two steps, as TS infers no half of a generic). */
function takes<A extends z.ZodType>(args: A): { returns<V>(): MethodSpec<A, V> } {
  return { returns: () => ({ args }) };
}

export const contract = {
  appInfo: takes(noArgs).returns<AppInfo>(),
  /** Native file dialog (Electron only); resolves to the chosen path, or null when cancelled. */
  chooseFile: takes(noArgs).returns<string | null>(),
  openDocument: takes(z.strictObject({
    path: filePath,
    /** Omitted: attach `x.mka` next to `x.mk` when it exists; null: main alone; a path: that aside. */
    aside: filePath.nullable().optional(),
    mode: openModeSchema.optional(),
  })).returns<DocumentInfo>(),
  closeDocument: takes(docRef).returns<null>(),
  listDocuments: takes(noArgs).returns<DocumentInfo[]>(),
  /** Attach or detach the document's aside (view the main file alone). */
  setAsideAttached: takes(z.strictObject({ docId, attached: z.boolean() })).returns<DocumentInfo>(),
  listViews: takes(docRef).returns<ViewNode[]>(),
  describeView: takes(viewRef).returns<ViewInfo>(),
  /** A window of rows in the current order; sorting and filtering run in a worker (job events). */
  getRows: takes(z.strictObject({
    docId,
    path: viewPathSchema,
    /** First position in the current order. */
    start: rowIndex,
    /** At most MAX_WINDOW rows. */
    count: z.number().int().min(0).max(MAX_WINDOW),
    ...orderFields,
  })).returns<RowWindow>(),
  getCell: takes(z.strictObject({
    docId,
    path: viewPathSchema,
    /** Stored row index. */
    row: rowIndex,
    column: name,
    /** Bytes to send for S/B values (default DEFAULT_CELL_BYTES). */
    maxBytes: z.number().int().min(1).max(MAX_CELL_BYTES).optional(),
  })).returns<CellDetail>(),
  /** Sizes, generations, rows per view, bytes per property, aside diffs. */
  getStats: takes(docRef).returns<StatsDto>(),
  listRecent: takes(noArgs).returns<RecentFile[]>(),
  clearRecent: takes(noArgs).returns<null>(),
  cancelJob: takes(z.strictObject({ jobId: z.string().min(1).max(64) })).returns<null>(),

  // ---- maintenance (aside, readers, flush, action log) ----
  /** Aside size, commits, bytes per commit, what a flush reclaims; growth history and followed points. */
  getAsideReport: takes(docRef).returns<AsideReportDto>(),
  /** Every other process holding the document's files (registered and discovered), stale entries. */
  listHolders: takes(docRef).returns<HoldersDto>(),
  /** Removes registry entries of processes that no longer run (logged). */
  cleanStale: takes(docRef).returns<CleanStaleDto>(),
  /** What a flush would do, and the pre-flight checklist with its evidence. */
  planFlush: takes(docRef).returns<FlushPlanDto>(),
  /** The guarded flush as a job (progress events, cancel before the swap); busy is an outcome, not an error. */
  flushDocument: takes(z.strictObject({
    docId,
    /** Copy main and aside to `<file>.bak-<time>` first. */
    backup: z.boolean(),
    /** Wait up to this long for other holders to leave (0: check once). */
    waitSeconds: z.number().min(0).max(24 * 3600),
    /** Proceed although other processes hold the files; needs `confirmName`. */
    force: z.boolean(),
    /** The main file's name, typed by the user to confirm a forced flush. */
    confirmName: z.string().max(1024).optional(),
  })).returns<FlushOutcomeDto>(),
  /** The maintenance action log of the document's main file, newest last. */
  listActions: takes(docRef).returns<ActionDto[]>(),

  // ---- following another writer, pins and snapshots ----
  /** Freeze the display at the current generation (changes keep being counted), or follow again. */
  setFollow: takes(z.strictObject({ docId, paused: z.boolean() })).returns<DocumentInfo>(),
  /** Pin the generation shown now, or drop the pin. */
  setPin: takes(z.strictObject({ docId, pinned: z.boolean() })).returns<DocumentInfo>(),
  /** The generation chain (the aside's when attached, else the main file's). */
  listGenerations: takes(docRef).returns<GenerationList>(),
  /** Rows added, removed and changed per view between two snapshots (in a worker, as a job). */
  compareSnapshots: takes(z.strictObject({
    docId,
    from: compareSideSchema,
    to: compareSideSchema,
    /** Row differences listed per view (counts are complete). Default 200. */
    maxRows: z.number().int().min(0).max(10_000).optional(),
  })).returns<SnapshotDiffDto>(),

  // ---- editing (documents opened readwrite or extend) ----
  editCell: takes(z.strictObject({
    docId,
    path: viewPathSchema,
    /** Stored row index (an appended row: its index after the committed rows). */
    row: rowIndex,
    column: name,
    /** The new value as text: a number, int64 decimal, the string itself, or hex for bytes. */
    value: z.string().max(MAX_EDIT_CHARS),
  })).returns<PendingState>(),
  /** Appends an empty row (pending); its cells are edited like any other. */
  appendRow: takes(viewRef).returns<PendingState>(),
  deleteRows: takes(z.strictObject({ docId, path: viewPathSchema, rows: z.array(rowIndex).min(1).max(MAX_DELETE_ROWS) })).returns<PendingState>(),
  listPending: takes(docRef).returns<PendingState>(),
  commitChanges: takes(docRef).returns<CommitResultDto>(),
  revertChanges: takes(docRef).returns<PendingState>(),

  // ---- export ----
  /** Streams a view (or the current sort/filter) to CSV or JSON, as a job with progress. */
  exportView: takes(z.strictObject({
    docId,
    path: viewPathSchema,
    format: exportFormatSchema,
    /** File to write, on the machine running the inspector. */
    target: filePath,
    /** Export in this order (the grid's current sort and filters); default: as stored. */
    ...orderFields,
    /** Replace an existing file. */
    overwrite: z.boolean().optional(),
  })).returns<ExportResultDto>(),
} satisfies { readonly [M in MethodName]: MethodSpec };

export type Contract = typeof contract;
/** The argument object of a method, as its schema accepts it. */
export type ArgsOf<M extends MethodName> = z.infer<Contract[M]['args']>;
/** The value a method's Result carries. */
export type ValueOf<M extends MethodName> = NonNullable<Contract[M]['value']>['type'];

/** The methods: each takes one plain argument object and resolves to a Result (never throws). */
export type InspectorApi = { [M in keyof Contract]: (args: ArgsOf<M>) => Promise<Result<ValueOf<M>>> };

/** Commands of the native menu that the renderer carries out. */
export type MenuCommand =
  | 'open' | 'close' | 'toggleAside' | 'toggleSidebar' | 'toggleInspector' | 'fullPrecision' | 'find' | 'about';

export type InspectorEvent =
  | { type: 'documents'; documents: DocumentInfo[] }
  /** A document was opened by someone other than the renderer (menu, drop, command line): show it. */
  | { type: 'documentOpened'; document: DocumentInfo }
  /** The document now reads another generation (aside toggled, another process committed, a flush), or its follow state changed. */
  | { type: 'documentChanged'; document: DocumentInfo }
  | { type: 'job'; job: JobInfo }
  | { type: 'recent'; recent: RecentFile[] }
  | { type: 'menu'; command: MenuCommand };

export type EventListener = (event: InspectorEvent) => void;

/** What the renderer gets from a transport: the methods plus event subscription. */
export interface InspectorTransport extends InspectorApi {
  subscribe(listener: EventListener): () => void;
}

/** What the preload exposes as `window.api` (adds the one DOM helper the sandbox needs). */
export interface PreloadBridge extends InspectorTransport {
  /** Path of a dropped file (Electron's webUtils); the argument is a DOM File. */
  pathForFile(file: object): string;
}
