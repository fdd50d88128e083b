/**
 * The document service: implements the contract on engine storages, one per open document. Node only
 * (no Electron): Electron's main process and the loopback server host it the same way. Orders for
 * sorted/filtered views come from worker threads; this thread only maps row windows through them.
 */
import { computeStats } from '../../engine/core/stats.js';
import type { ArgsOf, EventListener, InspectorApi, InspectorEvent, InspectorTransport } from '../shared/contract.js';
import { DEFAULT_CELL_BYTES } from '../shared/contract.js';
import type { AppInfo, DocumentInfo, RowDto, StatsDto } from '../shared/dto.js';
import { fail } from '../shared/result.js';
import { cellDetail } from './cellDetail.js';
import { encodeRow } from './cells.js';
import { OpenDocument } from './document.js';
import { guard, ServiceError } from './errors.js';
import { JobRegistry } from './jobs.js';
import { checkOrderRequest } from './permutation/compute.js';
import { Permutations, type SpawnOrderWorker } from './permutation/permutations.js';
import { RecentFiles } from './recents.js';
import { columnIndex, columnsOf, viewKey, viewTitle } from './viewPaths.js';
import { viewTree } from './viewTree.js';

export interface ServiceOptions {
  version: string;
  transport: AppInfo['transport'];
  /** Where recent files are kept; null keeps them in memory only. */
  configDir: string | null;
  /** Replaces the permutation worker (tests). */
  spawnOrderWorker?: SpawnOrderWorker;
}

type Api<M extends keyof InspectorApi> = InspectorApi[M];

export class DocumentService implements InspectorTransport {
  private readonly docs = new Map<string, OpenDocument>();
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
    supportedModes: ['read'],
  }));

  chooseFile: Api<'chooseFile'> = async () => fail('UNSUPPORTED', 'no native file dialog here: type a path, pick a recent file, or drop a file onto the desktop app');

  openDocument: Api<'openDocument'> = (args) => guard(() => {
    const doc = OpenDocument.open(`d${this.nextDoc++}`, args.path, args.aside, args.mode ?? 'read');
    this.docs.set(doc.id, doc);
    this.recents.add(doc.mainPath, typeof args.aside === 'string' ? doc.asidePath : null);
    this.emitDocuments();
    this.emit({ type: 'recent', recent: this.recents.list() });
    return doc.info();
  });

  closeDocument: Api<'closeDocument'> = (args) => guard(() => {
    const doc = this.doc(args.docId);
    this.docs.delete(doc.id);
    this.orders.dropDocument(doc.id, doc.mainPath);
    doc.close();
    this.emitDocuments();
    return null;
  });

  listDocuments: Api<'listDocuments'> = () => guard(() => this.documents());

  setAsideAttached: Api<'setAsideAttached'> = (args) => guard(() => {
    const doc = this.doc(args.docId);
    doc.setAsideAttached(args.attached);
    this.orders.dropDocument(doc.id, doc.mainPath);
    const info = doc.info();
    this.emit({ type: 'documentChanged', document: info });
    this.emitDocuments();
    return info;
  });

  listViews: Api<'listViews'> = (args) => guard(() => viewTree(this.doc(args.docId).current));

  describeView: Api<'describeView'> = (args) => guard(() => {
    const doc = this.doc(args.docId);
    const view = doc.view(args.path);
    return {
      docId: doc.id, path: args.path, title: viewTitle(args.path), rowCount: view.rowCount,
      columns: columnsOf(view.fields), layout: view.description, generation: doc.generation,
    };
  });

  getRows: Api<'getRows'> = (args) => guard(async () => {
    const doc = this.doc(args.docId);
    const view = doc.view(args.path);
    const sort = args.sort ?? null;
    const filters = args.filters ?? [];
    const generation = doc.generation;
    let order: Int32Array | null = null;
    if (sort || filters.length > 0) {
      checkOrderRequest(view, { sort, filters }, viewTitle(args.path));
      order = await this.orders.get(
        { docId: doc.id, viewKey: `${generation}\n${viewKey(args.path)}`, sort, filters },
        doc.orderJob(args.path, { sort, filters }),
      );
      // The document may have been closed or switched snapshot while the worker ran.
      if (this.docs.get(doc.id) !== doc || doc.generation !== generation) {
        throw new ServiceError('ABORTED', `${doc.info().title} changed while its order was computed; ask again`);
      }
    }
    const total = order ? order.length : view.rowCount;
    const start = Math.min(args.start, total);
    const end = Math.min(total, start + args.count);
    const rows: RowDto[] = [];
    for (let pos = start; pos < end; pos++) rows.push(encodeRow(view, order ? (order[pos] as number) : pos));
    return { start, total, viewRows: view.rowCount, rows, generation };
  });

  getCell: Api<'getCell'> = (args) => guard(() => {
    const doc = this.doc(args.docId);
    const view = doc.view(args.path);
    const title = viewTitle(args.path);
    const p = columnIndex(view, args.column, title);
    if (args.row >= view.rowCount) throw new ServiceError('BAD_ARGUMENT', `row ${args.row} is out of range 0..${view.rowCount - 1} for ${title}`, title);
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

  /** Closes every document and stops every worker. */
  dispose(): void {
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

