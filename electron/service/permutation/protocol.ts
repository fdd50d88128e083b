/** Messages between the service and its order workers. */
import type { FilterSpec, SortSpec, ViewPath } from '../../shared/dto.js';
import type { ErrorInfo } from '../../shared/result.js';

/** One order to compute, on the snapshot named by the files and their ends. */
export interface OrderJob {
  mainPath: string;
  mainEnd: number;
  asidePath: string | null;
  asideEnd: number | null;
  path: ViewPath;
  title: string;
  sort: SortSpec | null;
  filters: FilterSpec[];
}

export type ToWorker =
  | { type: 'run'; id: number; job: OrderJob }
  /** Close the storages of this main file (its document was closed or reopened). */
  | { type: 'forget'; mainPath: string };

export type FromWorker =
  | { type: 'progress'; id: number; phase: string; done: number; total: number }
  | { type: 'done'; id: number; order: Int32Array }
  | { type: 'error'; id: number; error: ErrorInfo };

/** Identifies a snapshot: the same files read to the same ends. */
export function snapshotKey(job: OrderJob): string {
  return JSON.stringify([job.mainPath, job.mainEnd, job.asidePath, job.asideEnd]);
}
