/**
 * The document service: implements the contract on engine storages, one per open document. Node only
 * (no Electron): Electron's main process and the loopback server host it the same way, in a worker
 * thread. Orders for sorted/filtered views come from worker threads; flush, snapshot compare and the
 * generation chain run in task workers; export streams in chunks. This thread maps row windows.
 */
import { basename } from 'node:path';
import { computeStats } from '../../engine/core/analysis/stats.js';
import { layoutOfFields } from '../../engine/core/read/structure.js';
import type { ArgsOf, EventListener, InspectorEvent, InspectorTransport } from '../shared/contract.js';
import { DEFAULT_CELL_BYTES } from '../shared/contract.js';
import type { AppInfo, DocumentInfo, FilterSpec, RowDto, SortSpec, StatsDto, ViewPath } from '../shared/dto.js';
import { fail } from '../shared/result.js';
import type { Api, ServiceContext } from './api/context.js';
import { editMethods } from './api/editMethods.js';
import { liveMethods } from './api/liveMethods.js';
import { maintenanceMethods } from './api/maintenanceMethods.js';
import { cellDetail } from './cellDetail.js';
import { encodeRow } from './cells.js';
import { OpenDocument } from './document.js';
import { pendingSource } from './editing/cellValues.js';
import { EditSession } from './editing/editSession.js';
import { checkMayWrite } from './editing/writeGuard.js';
import { DocumentWriter } from './editing/writer.js';
import { guard, ServiceError } from './errors.js';
import { checkExportTarget, runExport } from './exporting.js';
import { JobRegistry } from './jobs.js';
import { DocumentFollower } from './live/follower.js';
import { checkOrderRequest } from './permutation/compute.js';
import { Permutations, type SpawnOrderWorker } from './permutation/permutations.js';
import { RecentFiles } from './recents.js';
import { TaskRunner, type SpawnTaskWorker } from './tasks/runTask.js';
import { columnIndex, columnsOf, viewKey, viewTitle } from './viewPaths.js';
import { viewTree } from './viewTree.js';

export interface ServiceOptions {
  version: string;
  transport: AppInfo['transport'];
  /** Where recent files are kept; null keeps them in memory only. */
  configDir: string | null;
  /** Replaces the permutation worker (tests). */
  spawnOrderWorker?: SpawnOrderWorker;
  /** Replaces the task worker (tests). */
  spawnTaskWorker?: SpawnTaskWorker;
  /** Poll interval of live follow (default 250 ms). */
  followPollMs?: number;
}

type Methods<G extends (ctx: ServiceContext) => object> = ReturnType<G>;

export class DocumentService implements InspectorTransport {
  // The method groups in api/*.ts, assigned in the constructor.
  declare readonly getAsideReport: Methods<typeof maintenanceMethods>['getAsideReport'];
  declare readonly listHolders: Methods<typeof maintenanceMethods>['listHolders'];
  declare readonly cleanStale: Methods<typeof maintenanceMethods>['cleanStale'];
  declare readonly planFlush: Methods<typeof maintenanceMethods>['planFlush'];
  declare readonly flushDocument: Methods<typeof maintenanceMethods>['flushDocument'];
  declare readonly listActions: Methods<typeof maintenanceMethods>['listActions'];
  declare readonly setFollow: Methods<typeof liveMethods>['setFollow'];
  declare readonly setPin: Methods<typeof liveMethods>['setPin'];
  declare readonly listGenerations: Methods<typeof liveMethods>['listGenerations'];
  declare readonly compareSnapshots: Methods<typeof liveMethods>['compareSnapshots'];
  declare readonly editCell: Methods<typeof editMethods>['editCell'];
  declare readonly appendRow: Methods<typeof editMethods>['appendRow'];
  declare readonly deleteRows: Methods<typeof editMethods>['deleteRows'];
  declare readonly listPending: Methods<typeof editMethods>['listPending'];
  declare readonly commitChanges: Methods<typeof editMethods>['commitChanges'];
  declare readonly revertChanges: Methods<typeof editMethods>['revertChanges'];

  private readonly docs = new Map<string, OpenDocument>();
  private readonly followers = new Map<string, DocumentFollower>();
  private readonly listeners = new Set<EventListener>();
  private readonly jobs = new JobRegistry((job) => this.emit({ type: 'job', job }));
  private readonly orders: Permutations;
  private readonly recents: RecentFiles;
  private readonly tasks: TaskRunner;
  private nextDoc = 1;

  constructor(private readonly options: ServiceOptions) {
    this.orders = new Permutations(this.jobs, options.spawnOrderWorker);
    this.tasks = new TaskRunner(options.spawnTaskWorker);
    this.recents = RecentFiles.inDirectory(options.configDir);
    const ctx: ServiceContext = {
      doc: (id) => this.doc(id),
      editable: (id) => this.editable(id),
      isOpen: (doc) => this.docs.get(doc.id) === doc,
      follower: (doc) => this.followers.get(doc.id),
      jobs: this.jobs,
      tasks: this.tasks,
      orders: this.orders,
      order: (doc, path, sort, filters) => this.order(doc, path, sort, filters),
      changed: (doc) => this.changed(doc),
    };
    Object.assign(this, maintenanceMethods(ctx), liveMethods(ctx), editMethods(ctx));
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  appInfo: Api<'appInfo'> = () => guard(() => ({
    version: this.options.version,
    transport: this.options.transport,
    canChooseFiles: false,
    supportedModes: ['read', 'extend', 'readwrite'],
  }));

  chooseFile: Api<'chooseFile'> = async () => fail('UNSUPPORTED', 'no native file dialog here: type a path, pick a recent file, or drop a file onto the desktop app');

  openDocument: Api<'openDocument'> = (args) => guard(async () => {
    const mode = args.mode ?? 'read';
    const { mainPath, asidePath } = OpenDocument.paths(args.path, args.aside);
    if (mode !== 'read') {
      DocumentWriter.checkMode(mainPath, asidePath, mode);
      const open = [...this.docs.values()].find((d) => d.mainPath === mainPath && d.mode !== 'read');
      if (open) throw new ServiceError('BUSY', `${basename(mainPath)} is open for editing already (${open.id})`);
      await checkMayWrite(mainPath, asidePath, mode, 'open');
    }
    const doc = new OpenDocument(`d${this.nextDoc++}`, mainPath, asidePath, asidePath !== null, mode, typeof args.aside === 'string');
    if (mode !== 'read') {
      try {
        doc.writer = DocumentWriter.open(mainPath, asidePath, mode);
      } catch (e) {
        doc.close();
        throw e;
      }
      doc.edits = new EditSession();
    } else {
      this.followers.set(doc.id, new DocumentFollower(doc, { changed: (d, replaced) => this.followed(d, replaced) }, this.options.followPollMs));
      // A document with an aside may well be flushed or compared: have a task worker ready.
      if (doc.asidePath !== null) this.tasks.prewarm();
    }
    this.docs.set(doc.id, doc);
    this.emitDocuments();
    try {
      this.recents.add(doc.mainPath, typeof args.aside === 'string' ? doc.asidePath : null);
      this.emit({ type: 'recent', recent: this.recents.list() });
    } catch {
      // The file is open; a recent files list that cannot be read or written says so when it is listed.
    }
    return doc.info();
  });

  closeDocument: Api<'closeDocument'> = (args) => guard(() => {
    const doc = this.doc(args.docId);
    this.docs.delete(doc.id);
    this.followers.get(doc.id)?.stop();
    this.followers.delete(doc.id);
    this.orders.dropDocument(doc.id, doc.mainPath);
    doc.close();
    this.emitDocuments();
    return null;
  });

  listDocuments: Api<'listDocuments'> = () => guard(() => this.documents());

  setAsideAttached: Api<'setAsideAttached'> = (args) => guard(() => {
    const doc = this.doc(args.docId);
    if (doc.mode !== 'read') throw new ServiceError('UNSUPPORTED', `${doc.info().title} is open for editing: its aside stays attached`);
    doc.setAsideAttached(args.attached);
    this.followers.get(doc.id)?.start();
    this.orders.dropDocument(doc.id, doc.mainPath);
    return this.changed(doc);
  });

  listViews: Api<'listViews'> = (args) => guard(() => viewTree(this.doc(args.docId).current));

  describeView: Api<'describeView'> = (args) => guard(() => {
    const doc = this.doc(args.docId);
    const view = doc.view(args.path);
    return {
      docId: doc.id, path: args.path, title: viewTitle(args.path), rowCount: doc.edits ? doc.edits.rowCount(args.path, view.rowCount) : view.rowCount,
      columns: columnsOf(view.fields), layout: layoutOfFields(view.fields), generation: doc.generation,
    };
  });

  getRows: Api<'getRows'> = (args) => guard(async () => {
    const doc = this.doc(args.docId);
    const view = doc.view(args.path);
    const sort = args.sort ?? null;
    const filters = args.filters ?? [];
    const generation = doc.generation;
    const order = await this.order(doc, args.path, sort, filters);
    const edits = doc.edits;
    const total = order ? order.length : edits ? edits.rowCount(args.path, view.rowCount) : view.rowCount;
    const start = Math.min(args.start, total);
    const end = Math.min(total, start + args.count);
    const rows: RowDto[] = [];
    const encode = (r: number): RowDto => encodeRow(view, r);
    for (let pos = start; pos < end; pos++) {
      const index = order ? (order[pos] as number) : pos;
      rows.push(edits ? edits.row(args.path, view, index, encode) : encode(index));
    }
    return { start, total, viewRows: edits ? edits.rowCount(args.path, view.rowCount) : view.rowCount, rows, generation };
  });

  getCell: Api<'getCell'> = (args) => guard(() => {
    const doc = this.doc(args.docId);
    const view = doc.view(args.path);
    const title = viewTitle(args.path);
    const p = columnIndex(view, args.column, title);
    const maxBytes = args.maxBytes ?? DEFAULT_CELL_BYTES;
    // A pending edit shows as it will be committed.
    const pending = doc.edits?.pendingValue(args.path, args.row, p);
    if (pending !== undefined) return cellDetail(doc.id, args.path, pendingSource(view.fields, p, pending), args.row, p, maxBytes);
    if (args.row >= view.rowCount) throw new ServiceError('BAD_ARGUMENT', `row ${args.row} is out of range 0..${view.rowCount - 1} for ${title}`, title);
    return cellDetail(doc.id, args.path, view, args.row, p, maxBytes);
  });

  getStats: Api<'getStats'> = (args) => guard((): StatsDto => {
    const doc = this.doc(args.docId);
    const s = computeStats(doc.current);
    return { docId: doc.id, generation: doc.generation, ...s };
  });

  listRecent: Api<'listRecent'> = () => guard(() => this.recents.list());

  clearRecent: Api<'clearRecent'> = () => guard(() => {
    this.recents.clear();
    this.emit({ type: 'recent', recent: [] });
    return null;
  });

  cancelJob: Api<'cancelJob'> = (args: ArgsOf<'cancelJob'>) => guard(() => {
    if (!this.jobs.cancel(args.jobId)) throw new ServiceError('BAD_ARGUMENT', `no running job ${args.jobId}`);
    return null;
  });

  // ---- export ---------------------------------------------------------------------------------

  exportView: Api<'exportView'> = (args) => guard(async () => {
    const doc = this.doc(args.docId);
    const view = doc.view(args.path);
    const target = checkExportTarget(doc, args.target, args.overwrite ?? false);
    const order = await this.order(doc, args.path, args.sort ?? null, args.filters ?? []);
    const job = this.jobs.start('export', doc.id, `Export ${viewTitle(args.path)} to ${basename(target)}`);
    return runExport(view, target, args, order, job);
  });

  /** Closes every document and stops every worker. */
  dispose(): void {
    for (const f of this.followers.values()) f.stop();
    this.followers.clear();
    this.orders.dispose();
    this.tasks.dispose();
    this.jobs.cancelAll();
    for (const doc of this.docs.values()) doc.close();
    this.docs.clear();
    this.listeners.clear();
  }

  private doc(id: string): OpenDocument {
    const doc = this.docs.get(id);
    if (!doc) throw new ServiceError('NO_DOCUMENT', `no open document ${id} (it was closed)`);
    return doc;
  }

  private editable(id: string): OpenDocument {
    const doc = this.doc(id);
    if (!doc.edits || !doc.writer) {
      throw new ServiceError('READ_ONLY', `${doc.info().title} is open read-only: open it in extend or read-write mode to edit`);
    }
    return doc;
  }

  /** The order of a sorted/filtered view (computed in a worker), or null for the stored order. */
  private async order(doc: OpenDocument, path: ViewPath, sort: SortSpec | null, filters: FilterSpec[]): Promise<Int32Array | null> {
    if (!sort && filters.length === 0) return null;
    const view = doc.view(path);
    const generation = doc.generation;
    checkOrderRequest(view, { sort: sort ?? null, filters }, viewTitle(path));
    const order = await this.orders.get(
      { docId: doc.id, viewKey: `${generation}\n${viewKey(path)}`, sort: sort ?? null, filters },
      doc.orderJob(path, { sort: sort ?? null, filters }),
    );
    // The document may have been closed or moved to another snapshot while the worker ran.
    if (this.docs.get(doc.id) !== doc || doc.generation !== generation) {
      throw new ServiceError('ABORTED', `${doc.info().title} changed while its order was computed; ask again`);
    }
    return order;
  }



  /** Another process committed (or a flush replaced the files) and the follower moved the document. */
  private followed(doc: OpenDocument, replaced: boolean): void {
    if (this.docs.get(doc.id) !== doc) return;
    if (replaced) {
      this.orders.dropDocument(doc.id, doc.mainPath);
      // The pinned generation was in the replaced files.
      doc.pinned = null;
    }
    this.changed(doc);
  }



  private changed(doc: OpenDocument): DocumentInfo {
    const info = doc.info();
    this.emit({ type: 'documentChanged', document: info });
    this.emitDocuments();
    return info;
  }

  private documents(): DocumentInfo[] {
    return [...this.docs.values()].map((d) => d.info());
  }

  private emitDocuments(): void {
    this.emit({ type: 'documents', documents: this.documents() });
  }

  private emit(event: InspectorEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // One broken listener must not stop the others.
      }
    }
  }
}
