/**
 * The one contract between the renderer and the document service: an interface of async methods, each
 * taking one plain argument object and resolving to a Result, plus the events pushed to the renderer.
 * Electron (IPC, preload) and the loopback server (HTTP POST + SSE) carry exactly this.
 */
import type {
  AppInfo, CellDetail, DocumentInfo, FilterSpec, JobInfo, OpenMode, RecentFile, RowWindow, SortSpec, StatsDto,
  ViewInfo, ViewNode, ViewPath,
} from './dto.js';
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
}

export type MethodName = keyof InspectorApi;
export type ArgsOf<M extends MethodName> = Parameters<InspectorApi[M]>[0];
export type ValueOf<M extends MethodName> = Awaited<ReturnType<InspectorApi[M]>> extends Result<infer T> ? T : never;

/** Every method, in a stable order (channels, routes, tests iterate this). */
export const METHOD_NAMES = [
  'appInfo', 'chooseFile', 'openDocument', 'closeDocument', 'listDocuments', 'setAsideAttached', 'listViews',
  'describeView', 'getRows', 'getCell', 'getStats', 'listRecent', 'clearRecent', 'cancelJob',
] as const satisfies readonly MethodName[];

/** Commands of the native menu that the renderer carries out. */
export type MenuCommand =
  | 'open' | 'close' | 'toggleAside' | 'toggleSidebar' | 'toggleInspector' | 'fullPrecision' | 'find' | 'about';

export type InspectorEvent =
  | { type: 'documents'; documents: DocumentInfo[] }
  /** A document was opened by someone other than the renderer (menu, drop, command line): show it. */
  | { type: 'documentOpened'; document: DocumentInfo }
  /** The document now reads another generation (aside toggled; later: live follow). */
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
