/**
 * The document service: implements the contract on engine storages, one per open document. Node only
 * (no Electron): Electron's main process and the loopback server host it the same way, in a worker
 * thread. Orders for sorted/filtered views come from worker threads; flush, snapshot compare and the
 * generation chain run in task workers; export streams in chunks. This thread maps row windows.
 */
import { basename } from 'node:path';
import { computeStats } from '../../engine/core/stats.js';
import { cleanStaleEntries } from '../../engine/node/presence/staleness.js';
import { appendAction } from '../../engine/node/actionLog.js';
import type { ArgsOf, EventListener, InspectorApi, InspectorEvent, InspectorTransport } from '../shared/contract.js';
import { DEFAULT_CELL_BYTES } from '../shared/contract.js';
import type { AppInfo, DocumentInfo, RowDto, StatsDto } from '../shared/dto.js';
import type { CompareSide, GenerationList, GenerationRef, PendingState, SnapshotDiffDto } from '../shared/dtoLive.js';
import type { FlushOutcomeDto } from '../shared/dtoMaintenance.js';
import { fail } from '../shared/result.js';
import { cellDetail } from './cellDetail.js';
import { encodeRow } from './cells.js';
import { OpenDocument } from './document.js';
import { EditSession } from './editing/editSession.js';
import { checkMayWrite } from './editing/writeGuard.js';
import { DocumentWriter } from './editing/writer.js';
import { guard, ServiceError } from './errors.js';
import { checkExportTarget, runExport } from './exporting.js';
import { JobRegistry } from './jobs.js';
import { DocumentFollower } from './live/follower.js';
import { actionsOf } from './maintenance/actions.js';
import { asideReportDto } from './maintenance/asideReportDto.js';
import { flushPlan, flushRefusal } from './maintenance/flushPlan.js';
import { holdersOf } from './maintenance/holdersDto.js';
import { checkOrderRequest } from './permutation/compute.js';
import { Permutations, type SpawnOrderWorker } from './permutation/permutations.js';
import { RecentFiles } from './recents.js';
import { runTask, type SpawnTaskWorker } from './tasks/runTask.js';
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

type Api<M extends keyof InspectorApi> = InspectorApi[M];

export class DocumentService implements InspectorTransport {
  private readonly docs = new Map<string, OpenDocument>();
  private readonly followers = new Map<string, DocumentFollower>();
  private readonly listeners = new Set<EventListener>();
  private readonly jobs = new JobRegistry((job) => this.emit({ type: 'job', job }));
  private readonly orders: Permutations;
  private readonly recents: RecentFiles;
  private nextDoc = 1;

  constructor(private readonly options: ServiceOptions) {
    this.orders = new Permutations(this.jobs, options.spawnOrderWorker);
    this.recents = RecentFiles.inDirectory(options.configDir);
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
    }
    this.docs.set(doc.id, doc);
    this.recents.add(doc.mainPath, typeof args.aside === 'string' ? doc.asidePath : null);
    this.emitDocuments();
    this.emit({ type: 'recent', recent: this.recents.list() });
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
      columns: columnsOf(view.fields), layout: view.description, generation: doc.generation,
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
    if (args.row >= view.rowCount) {
      const pending = doc.edits && args.row < doc.edits.rowCount(args.path, view.rowCount);
      throw new ServiceError('BAD_ARGUMENT', pending ? `row ${args.row} of ${title} is a new row: its values show in the grid until Commit` : `row ${args.row} is out of range 0..${view.rowCount - 1} for ${title}`, title);
    }
    return cellDetail(doc.id, args.path, view, args.row, p, args.maxBytes ?? DEFAULT_CELL_BYTES);
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

  // ---- maintenance ----------------------------------------------------------------------------

  getAsideReport: Api<'getAsideReport'> = (args) => guard(() => {
    const doc = this.doc(args.docId);
    return asideReportDto(doc, this.followers.get(doc.id)?.livePoints() ?? []);
  });

  listHolders: Api<'listHolders'> = (args) => guard(() => {
    const doc = this.doc(args.docId);
    return holdersOf(doc.id, doc.mainPath, doc.asidePath);
  });

  cleanStale: Api<'cleanStale'> = (args) => guard(() => {
    const doc = this.doc(args.docId);
    const removed: string[] = [];
    const failed: string[] = [];
    for (const p of [doc.mainPath, doc.asidePath]) {
      if (p === null) continue;
      const r = cleanStaleEntries(p);
      removed.push(...r.removed.map((v) => `${v.file.name} (${v.reason})`));
      failed.push(...r.failed.map((f) => `${f.verdict.file.name}: ${f.error}`));
    }
    if (removed.length > 0 || failed.length > 0) {
      appendAction({
        action: 'clean-stale', outcome: failed.length ? 'failed' : 'done',
        files: doc.asidePath === null ? { main: doc.mainPath } : { main: doc.mainPath, aside: doc.asidePath },
        detail: [`removed ${removed.length}: ${removed.join(', ')}`, ...failed.map((f) => `failed ${f}`)].join('; '),
      });
    }
    return { removed, failed };
  });

  planFlush: Api<'planFlush'> = (args) => guard(async () => {
    const doc = this.doc(args.docId);
    return flushPlan(doc, await holdersOf(doc.id, doc.mainPath, doc.asidePath));
  });

  flushDocument: Api<'flushDocument'> = (args) => guard(async (): Promise<FlushOutcomeDto> => {
    const doc = this.doc(args.docId);
    const refusal = flushRefusal(doc);
    if (refusal || doc.asidePath === null) throw new ServiceError('UNSUPPORTED', refusal ?? 'no aside');
    const name = basename(doc.mainPath);
    if (args.force && args.confirmName !== name) {
      throw new ServiceError('BAD_ARGUMENT', `a forced flush needs the file name typed to confirm it: expected '${name}', but got '${args.confirmName ?? ''}'`);
    }
    if (doc.flushing) throw new ServiceError('BUSY', `${name} is being flushed already`);
    const job = this.jobs.start('flush', doc.id, `Flush ${name}`, { cooperative: true });
    doc.flushing = true;
    try {
      const outcome = await runTask<FlushOutcomeDto>({
        kind: 'flush', main: doc.mainPath, aside: doc.asidePath, backup: args.backup, waitMs: Math.round(args.waitSeconds * 1000), force: args.force,
      }, job, this.options.spawnTaskWorker);
      if (outcome.outcome === 'done' && this.docs.get(doc.id) === doc) this.reopenAfterFlush(doc);
      return outcome;
    } finally {
      doc.flushing = false;
    }
  });

  listActions: Api<'listActions'> = (args) => guard(() => actionsOf(this.doc(args.docId).mainPath));

  // ---- live follow and snapshots ----------------------------------------------------------------

  setFollow: Api<'setFollow'> = (args) => guard(() => {
    const doc = this.doc(args.docId);
    const follower = this.followers.get(doc.id);
    if (!follower) throw new ServiceError('UNSUPPORTED', `${doc.info().title} is open for editing: it shows its own commits, not another writer's`);
    follower.setPaused(args.paused);
    return doc.info();
  });

  setPin: Api<'setPin'> = (args) => guard(() => {
    const doc = this.doc(args.docId);
    doc.pinned = args.pinned ? { ref: doc.ref(), generation: doc.generation, pinnedAt: Date.now() } : null;
    return this.changed(doc);
  });

  listGenerations: Api<'listGenerations'> = (args) => guard(async (): Promise<GenerationList> => {
    const doc = this.doc(args.docId);
    const job = this.jobs.start('generations', doc.id, `Generations of ${doc.info().title}`);
    const list = await runTask<GenerationList>({ kind: 'generations', main: doc.mainPath, aside: doc.readAside }, job, this.options.spawnTaskWorker);
    return { ...list, docId: doc.id };
  });

  compareSnapshots: Api<'compareSnapshots'> = (args) => guard(async (): Promise<SnapshotDiffDto> => {
    const doc = this.doc(args.docId);
    const from = this.side(doc, args.from);
    const to = this.side(doc, args.to);
    const job = this.jobs.start('compare', doc.id, `Compare ${doc.info().title}`);
    const diff = await runTask<SnapshotDiffDto>({
      kind: 'compare', main: doc.mainPath, aside: doc.asidePath, from, to, maxRows: args.maxRows ?? 200,
    }, job, this.options.spawnTaskWorker);
    return { ...diff, docId: doc.id };
  });

  // ---- editing --------------------------------------------------------------------------------

  editCell: Api<'editCell'> = (args) => guard(() => {
    const doc = this.editable(args.docId);
    (doc.edits as EditSession).setCell(args.path, doc.view(args.path), args.row, args.column, args.value);
    return this.pendingChanged(doc);
  });

  appendRow: Api<'appendRow'> = (args) => guard(() => {
    const doc = this.editable(args.docId);
    (doc.edits as EditSession).appendRow(args.path, doc.view(args.path));
    return this.pendingChanged(doc);
  });

  deleteRows: Api<'deleteRows'> = (args) => guard(() => {
    const doc = this.editable(args.docId);
    (doc.edits as EditSession).deleteRows(args.path, doc.view(args.path), args.rows);
    return this.pendingChanged(doc);
  });

  listPending: Api<'listPending'> = (args) => guard(() => this.pending(this.doc(args.docId)));

  commitChanges: Api<'commitChanges'> = (args) => guard(async () => {
    const doc = this.editable(args.docId);
    const edits = doc.edits as EditSession;
    const count = edits.count;
    if (count === 0) throw new ServiceError('BAD_ARGUMENT', 'there are no pending changes to commit');
    // Someone may have opened the files since: a read-write commit under their feet is refused.
    await checkMayWrite(doc.mainPath, doc.asidePath, doc.mode, 'commit');
    const started = performance.now();
    const before = doc.generation;
    (doc.writer as DocumentWriter).commit(edits);
    edits.revert();
    doc.refresh();
    this.orders.dropDocument(doc.id, doc.mainPath);
    this.changed(doc);
    return { docId: doc.id, edits: count, generationBefore: before, generationAfter: doc.generation, ms: Math.round(performance.now() - started) };
  });

  revertChanges: Api<'revertChanges'> = (args) => guard(() => {
    const doc = this.editable(args.docId);
    (doc.edits as EditSession).revert();
    return this.pendingChanged(doc);
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
  private async order(doc: OpenDocument, path: ArgsOf<'getRows'>['path'], sort: ArgsOf<'getRows'>['sort'] | null, filters: NonNullable<ArgsOf<'getRows'>['filters']>): Promise<Int32Array | null> {
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

  private side(doc: OpenDocument, side: CompareSide): GenerationRef {
    if (side.kind === 'current') return doc.ref();
    if (side.kind === 'generation') return side.ref;
    if (!doc.pinned) throw new ServiceError('BAD_ARGUMENT', `${doc.info().title} has no pinned generation: pin one first`);
    return doc.pinned.ref;
  }

  private reopenAfterFlush(doc: OpenDocument): void {
    this.orders.dropDocument(doc.id, doc.mainPath);
    const r = doc.reopen();
    doc.pinned = null;
    this.followers.get(doc.id)?.afterReopen({
      at: Date.now(), before: r.before, after: r.after, replaced: true,
      views: r.views.map((v) => ({ name: v.name, rowsBefore: v.rowsBefore, rowsAfter: v.rowsAfter, columnsChanged: v.columnsChanged })),
    });
    this.changed(doc);
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

  private pending(doc: OpenDocument): PendingState {
    return { docId: doc.id, edits: doc.edits?.list() ?? [] };
  }

  private pendingChanged(doc: OpenDocument): PendingState {
    this.changed(doc);
    return this.pending(doc);
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
