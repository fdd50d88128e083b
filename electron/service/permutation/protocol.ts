/** Messages between the service and a permutation worker. */
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

export type WorkerMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'done'; order: Int32Array }
  | { type: 'error'; error: ErrorInfo };
