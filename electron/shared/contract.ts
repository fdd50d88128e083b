/**
 * The one contract between the renderer and the document service: an interface of async methods, each
 * taking one plain argument object and resolving to a Result, plus the events pushed to the renderer.
 * Electron (IPC, preload) and the loopback server (HTTP POST + SSE) carry exactly this.
 */
import type {
  AppInfo, CellDetail, DocumentInfo, FilterSpec, JobInfo, OpenMode, RecentFile, RowWindow, SortSpec, StatsDto,
  ViewInfo, ViewNode, ViewPath,
} from './dto.js';
import type {
  CommitResultDto, CompareSide, ExportFormat, ExportResultDto, GenerationList, PendingState, SnapshotDiffDto,
} from './dtoLive.js';
import type { ActionDto, AsideReportDto, CleanStaleDto, FlushOutcomeDto, FlushPlanDto, HoldersDto } from './dtoMaintenance.js';
import type { Result } from './result.js';

export type NoArgs = Record<string, never>;

export interface OpenDocumentArgs {
  path: string;
  /** Omitted: attach `x.mka` next to `x.mk` when it exists; null: main alone; a path: that aside. */
  aside?: string | null;
  mode?: OpenMode;
}

export interface DocRef {
  docId: string;
}

export interface SetAsideArgs extends DocRef {
  attached: boolean;
}

export interface ViewRef extends DocRef {
  path: ViewPath;
}

export interface GetRowsArgs extends ViewRef {
  /** First position in the current order. */
  start: number;
  /** At most MAX_WINDOW rows. */
  count: number;
  sort?: SortSpec | null;
  filters?: FilterSpec[];
}

export interface GetCellArgs extends ViewRef {
  /** Stored row index. */
  row: number;
  column: string;
  /** Bytes to send for S/B values (default DEFAULT_CELL_BYTES). */
  maxBytes?: number;
}

export interface JobRef {
  jobId: string;
}

export interface FlushArgs extends DocRef {
  /** Copy main and aside to `<file>.bak-<time>` first. */
  backup: boolean;
  /** Wait up to this long for other holders to leave (0: check once). */
  waitSeconds: number;
  /** Proceed although other processes hold the files; needs `confirmName`. */
  force: boolean;
  /** The main file's name, typed by the user to confirm a forced flush. */
  confirmName?: string;
}

export interface FollowArgs extends DocRef {
  /** Freeze the display at the current generation (changes keep being counted), or follow again. */
  paused: boolean;
}

export interface PinArgs extends DocRef {
  /** Pin the generation shown now, or drop the pin. */
  pinned: boolean;
}

export interface CompareArgs extends DocRef {
  from: CompareSide;
  to: CompareSide;
  /** Row differences listed per view (counts are complete). Default 200. */
  maxRows?: number;
}

export interface EditCellArgs extends ViewRef {
  /** Stored row index (an appended row: its index after the committed rows). */
  row: number;
  column: string;
  /** The new value as text: a number, int64 decimal, the string itself, or hex for bytes. */
  value: string;
}

export interface DeleteRowsArgs extends ViewRef {
  rows: number[];
}

export interface ExportArgs extends ViewRef {
  format: ExportFormat;
  /** File to write, on the machine running the inspector. */
  target: string;
  /** Export in this order (the grid's current sort and filters); default: as stored. */
  sort?: SortSpec | null;
  filters?: FilterSpec[];
  /** Replace an existing file. */
  overwrite?: boolean;
}

export interface InspectorApi {
  appInfo(args: NoArgs): Promise<Result<AppInfo>>;
  /** Native file dialog (Electron only); resolves to the chosen path, or null when cancelled. */
  chooseFile(args: NoArgs): Promise<Result<string | null>>;
  openDocument(args: OpenDocumentArgs): Promise<Result<DocumentInfo>>;
  closeDocument(args: DocRef): Promise<Result<null>>;
  listDocuments(args: NoArgs): Promise<Result<DocumentInfo[]>>;
  /** Attach or detach the document's aside (view the main file alone). */
  setAsideAttached(args: SetAsideArgs): Promise<Result<DocumentInfo>>;
  listViews(args: DocRef): Promise<Result<ViewNode[]>>;
  describeView(args: ViewRef): Promise<Result<ViewInfo>>;
  /** A window of rows in the current order; sorting and filtering run in a worker (job events). */
  getRows(args: GetRowsArgs): Promise<Result<RowWindow>>;
  getCell(args: GetCellArgs): Promise<Result<CellDetail>>;
  /** Sizes, generations, rows per view, bytes per property, aside diffs. */
  getStats(args: DocRef): Promise<Result<StatsDto>>;
  listRecent(args: NoArgs): Promise<Result<RecentFile[]>>;
  clearRecent(args: NoArgs): Promise<Result<null>>;
  cancelJob(args: JobRef): Promise<Result<null>>;

  // ---- maintenance (aside, readers, flush, action log) ----
  /** Aside size, commits, bytes per commit, what a flush reclaims; growth history and live points. */
  getAsideReport(args: DocRef): Promise<Result<AsideReportDto>>;
  /** Every other process holding the document's files (registered and discovered), stale entries. */
  listHolders(args: DocRef): Promise<Result<HoldersDto>>;
  /** Removes registry entries of processes that no longer run (logged). */
  cleanStale(args: DocRef): Promise<Result<CleanStaleDto>>;
  /** What a flush would do, and the pre-flight checklist with its evidence. */
  planFlush(args: DocRef): Promise<Result<FlushPlanDto>>;
  /** The guarded flush as a job (progress events, cancel before the swap); busy is an outcome, not an error. */
  flushDocument(args: FlushArgs): Promise<Result<FlushOutcomeDto>>;
  /** The maintenance action log of the document's main file, newest last. */
  listActions(args: DocRef): Promise<Result<ActionDto[]>>;

  // ---- live follow and snapshots ----
  setFollow(args: FollowArgs): Promise<Result<DocumentInfo>>;
  setPin(args: PinArgs): Promise<Result<DocumentInfo>>;
  /** The generation chain (the aside's when attached, else the main file's). */
  listGenerations(args: DocRef): Promise<Result<GenerationList>>;
  /** Rows added, removed and changed per view between two snapshots (in a worker, as a job). */
  compareSnapshots(args: CompareArgs): Promise<Result<SnapshotDiffDto>>;

  // ---- editing (documents opened readwrite or extend) ----
  editCell(args: EditCellArgs): Promise<Result<PendingState>>;
  /** Appends an empty row (pending); its cells are edited like any other. */
  appendRow(args: ViewRef): Promise<Result<PendingState>>;
  deleteRows(args: DeleteRowsArgs): Promise<Result<PendingState>>;
  listPending(args: DocRef): Promise<Result<PendingState>>;
  commitChanges(args: DocRef): Promise<Result<CommitResultDto>>;
  revertChanges(args: DocRef): Promise<Result<PendingState>>;

  // ---- export ----
  /** Streams a view (or the current sort/filter) to CSV or JSON, as a job with progress. */
  exportView(args: ExportArgs): Promise<Result<ExportResultDto>>;
}

export type MethodName = keyof InspectorApi;
export type ArgsOf<M extends MethodName> = Parameters<InspectorApi[M]>[0];
export type ValueOf<M extends MethodName> = Awaited<ReturnType<InspectorApi[M]>> extends Result<infer T> ? T : never;

/** Every method, in a stable order (channels, routes, tests iterate this). */
export const METHOD_NAMES = [
  'appInfo', 'chooseFile', 'openDocument', 'closeDocument', 'listDocuments', 'setAsideAttached', 'listViews',
  'describeView', 'getRows', 'getCell', 'getStats', 'listRecent', 'clearRecent', 'cancelJob',
  'getAsideReport', 'listHolders', 'cleanStale', 'planFlush', 'flushDocument', 'listActions',
  'setFollow', 'setPin', 'listGenerations', 'compareSnapshots',
  'editCell', 'appendRow', 'deleteRows', 'listPending', 'commitChanges', 'revertChanges',
  'exportView',
] as const satisfies readonly MethodName[];

/** Commands of the native menu that the renderer carries out. */
export type MenuCommand =
  | 'open' | 'close' | 'toggleAside' | 'toggleSidebar' | 'toggleInspector' | 'fullPrecision' | 'find' | 'about';

export type InspectorEvent =
  | { type: 'documents'; documents: DocumentInfo[] }
  /** A document was opened by someone other than the renderer (menu, drop, command line): show it. */
  | { type: 'documentOpened'; document: DocumentInfo }
  /** The document now reads another generation (aside toggled, another process committed, a flush), or its live state changed. */
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

/** IPC channel of a method (invoke) and of the event stream (send). */
export const CHANNEL_PREFIX = 'mk:';
export const EVENT_CHANNEL = 'mk:event';
export function channelOf(method: MethodName): string {
  return `${CHANNEL_PREFIX}${method}`;
}

/** Largest window of rows per getRows call. */
export const MAX_WINDOW = 2000;
/** Bytes of an S/B value getCell sends unless asked for more, and the most it sends. */
export const DEFAULT_CELL_BYTES = 64 * 1024;
export const MAX_CELL_BYTES = 16 * 1024 * 1024;

// Compile-time check that METHOD_NAMES lists every method of InspectorApi.
type MissingMethods = Exclude<MethodName, (typeof METHOD_NAMES)[number]>;
export const ALL_METHODS_LISTED: [MissingMethods] extends [never] ? true : MissingMethods = true;
