/**
 * What the method groups of the document service share: the open documents, the job registry, the
 * worker pools, the recent files and the events. The service (serviceState.ts) is one of these and
 * hands itself to each group (api/*.ts); a group implements its part of the contract on it.
 */
import type { InspectorApi, InspectorEvent } from '../../shared/contract.js';
import type { AppInfo, DocumentInfo, FilterSpec, SortSpec, ViewPath } from '../../shared/dto.js';
import type { OpenDocument } from '../document.js';
import type { DocumentFollower } from '../follow/follower.js';
import type { JobRegistry } from '../jobs.js';
import type { Permutations, SpawnOrderWorker } from '../permutation/permutations.js';
import type { RecentFiles } from '../recents.js';
import type { SpawnTaskWorker, TaskRunner } from '../tasks/runTask.js';

export interface ServiceOptions {
  version: string;
  transport: AppInfo['transport'];
  /** Where recent files are kept; null keeps them in memory only. */
  configDir: string | null;
  /** Replaces the permutation worker (tests). */
  spawnOrderWorker?: SpawnOrderWorker;
  /** Replaces the task worker (tests). */
  spawnTaskWorker?: SpawnTaskWorker;
  /** Poll interval of following another writer (default 250 ms). */
  followPollMs?: number;
}

export interface ServiceContext {
  readonly options: ServiceOptions;
  readonly jobs: JobRegistry;
  readonly tasks: TaskRunner;
  readonly orders: Permutations;
  readonly recents: RecentFiles;
  /** The open document, or NO_DOCUMENT. */
  doc(id: string): OpenDocument;
  /** The open document if it was opened writable, or READ_ONLY naming the mode. */
  editable(id: string): OpenDocument;
  /** Still open (not closed or replaced meanwhile). */
  isOpen(doc: OpenDocument): boolean;
  /** Every open document, in the order they were opened. */
  openDocuments(): OpenDocument[];
  /** An id for the next document opened. */
  nextDocId(): string;
  /** Starts serving a newly opened document (a read-only one is followed) and announces the list. */
  add(doc: OpenDocument): void;
  /** Stops serving a document (its follower, its orders), closes its files and announces the list. */
  remove(doc: OpenDocument): void;
  follower(doc: OpenDocument): DocumentFollower | undefined;
  /** The order of a sorted/filtered view (computed in a worker), or null for the stored order. */
  order(doc: OpenDocument, path: ViewPath, sort: SortSpec | null, filters: FilterSpec[]): Promise<Int32Array | null>;
  /** Announces a changed document (documentChanged + documents) and returns its info. */
  changed(doc: OpenDocument): DocumentInfo;
  emit(event: InspectorEvent): void;
}

/** A method group: its part of the contract, implemented on the shared context. */
export type MethodGroup = (ctx: ServiceContext) => Partial<InspectorApi>;
