/**
 * The document service's state, shared by its method groups (api/context.ts): the open documents and
 * their followers, the job registry, the order and task worker pools, the recent files, and the event
 * listeners. It implements no contract method itself; documentService.ts composes the groups over it.
 */
import type { EventListener, InspectorEvent } from '../shared/contract.js';
import type { DocumentInfo, FilterSpec, SortSpec, ViewPath } from '../shared/dto.js';
import type { ServiceContext, ServiceOptions } from './api/context.js';
import type { OpenDocument } from './document.js';
import { ServiceError } from './errors.js';
import { DocumentFollower } from './follow/follower.js';
import { JobRegistry } from './jobs.js';
import { checkOrderRequest } from './permutation/compute.js';
import { Permutations } from './permutation/permutations.js';
import { RecentFiles } from './recents.js';
import { TaskRunner } from './tasks/runTask.js';
import { viewKey, viewTitle } from './viewPaths.js';

export class ServiceState implements ServiceContext {
  readonly jobs = new JobRegistry((job) => this.emit({ type: 'job', job }));
  readonly orders: Permutations;
  readonly tasks: TaskRunner;
  readonly recents: RecentFiles;
  private readonly docs = new Map<string, OpenDocument>();
  private readonly followers = new Map<string, DocumentFollower>();
  private readonly listeners = new Set<EventListener>();
  private nextDoc = 1;

  constructor(readonly options: ServiceOptions) {
    this.orders = new Permutations(this.jobs, options.spawnOrderWorker);
    this.tasks = new TaskRunner(options.spawnTaskWorker);
    this.recents = RecentFiles.inDirectory(options.configDir);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  doc(id: string): OpenDocument {
    const doc = this.docs.get(id);
    if (!doc) throw new ServiceError('NO_DOCUMENT', `no open document ${id} (it was closed)`);
    return doc;
  }

  editable(id: string): OpenDocument {
    const doc = this.doc(id);
    if (!doc.edits || !doc.writer) {
      throw new ServiceError('READ_ONLY', `${doc.info().title} is open read-only: open it in extend or read-write mode to edit`);
    }
    return doc;
  }

  isOpen(doc: OpenDocument): boolean {
    return this.docs.get(doc.id) === doc;
  }

  openDocuments(): OpenDocument[] {
    return [...this.docs.values()];
  }

  nextDocId(): string {
    return `d${this.nextDoc++}`;
  }

  add(doc: OpenDocument): void {
    if (doc.mode === 'read') {
      this.followers.set(doc.id, new DocumentFollower(doc, { changed: (d, replaced) => this.followed(d, replaced) }, this.options.followPollMs));
      // A document with an aside may well be flushed or compared: have a task worker ready.
      if (doc.asidePath !== null) this.tasks.prewarm();
    }
    this.docs.set(doc.id, doc);
    this.emitDocuments();
  }

  remove(doc: OpenDocument): void {
    this.docs.delete(doc.id);
    this.followers.get(doc.id)?.stop();
    this.followers.delete(doc.id);
    this.orders.dropDocument(doc.id, doc.mainPath);
    doc.close();
    this.emitDocuments();
  }

  follower(doc: OpenDocument): DocumentFollower | undefined {
    return this.followers.get(doc.id);
  }

  async order(doc: OpenDocument, path: ViewPath, sort: SortSpec | null, filters: FilterSpec[]): Promise<Int32Array | null> {
    if (!sort && filters.length === 0) return null;
    const view = doc.view(path);
    const generation = doc.generation;
    checkOrderRequest(view, { sort, filters }, viewTitle(path));
    const order = await this.orders.get(
      { docId: doc.id, viewKey: `${generation}\n${viewKey(path)}`, sort, filters },
      doc.orderJob(path, { sort, filters }),
    );
    // The document may have been closed or moved to another snapshot while the worker ran.
    if (!this.isOpen(doc) || doc.generation !== generation) {
      throw new ServiceError('ABORTED', `${doc.info().title} changed while its order was computed; ask again`);
    }
    return order;
  }

  changed(doc: OpenDocument): DocumentInfo {
    const info = doc.info();
    this.emit({ type: 'documentChanged', document: info });
    this.emitDocuments();
    return info;
  }

  emit(event: InspectorEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // One broken listener must not stop the others.
      }
    }
  }

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

  /** Another process committed (or a flush replaced the files) and the follower moved the document. */
  private followed(doc: OpenDocument, replaced: boolean): void {
    if (!this.isOpen(doc)) return;
    if (replaced) {
      this.orders.dropDocument(doc.id, doc.mainPath);
      // The pinned generation was in the replaced files.
      doc.pinned = null;
    }
    this.changed(doc);
  }

  private emitDocuments(): void {
    this.emit({ type: 'documents', documents: this.openDocuments().map((d) => d.info()) });
  }
}
