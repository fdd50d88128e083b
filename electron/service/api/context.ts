/**
 * What the method groups of the document service share: the open documents, the job registry, the
 * worker pools and the events. The service builds one and hands it to each group (api/*.ts).
 */
import type { InspectorApi } from '../../shared/contract.js';
import type { DocumentInfo, FilterSpec, SortSpec, ViewPath } from '../../shared/dto.js';
import type { OpenDocument } from '../document.js';
import type { JobRegistry } from '../jobs.js';
import type { DocumentFollower } from '../live/follower.js';
import type { Permutations } from '../permutation/permutations.js';
import type { TaskRunner } from '../tasks/runTask.js';

export type Api<M extends keyof InspectorApi> = InspectorApi[M];

export interface ServiceContext {
  /** The open document, or NO_DOCUMENT. */
  doc(id: string): OpenDocument;
  /** The open document if it was opened writable, or READ_ONLY naming the mode. */
  editable(id: string): OpenDocument;
  /** Still open (not closed or replaced meanwhile). */
  isOpen(doc: OpenDocument): boolean;
  follower(doc: OpenDocument): DocumentFollower | undefined;
  readonly jobs: JobRegistry;
  readonly tasks: TaskRunner;
  readonly orders: Permutations;
  /** The order of a sorted/filtered view (computed in a worker), or null for the stored order. */
  order(doc: OpenDocument, path: ViewPath, sort: SortSpec | null, filters: FilterSpec[]): Promise<Int32Array | null>;
  /** Announces a changed document (documentChanged + documents) and returns its info. */
  changed(doc: OpenDocument): DocumentInfo;
}
