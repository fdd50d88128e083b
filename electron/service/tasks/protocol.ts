/**
 * Messages between the service and a task worker: maintenance tasks (flush, snapshot compare,
 * generation chain) one at a time, progress while one runs, its result or its error at the end.
 */
import type { GenerationRef } from '../../shared/dtoFollow.js';
import type { ErrorInfo } from '../../shared/result.js';

export type TaskSpec =
  | { kind: 'flush'; main: string; aside: string; backup: boolean; waitMs: number; force: boolean }
  | { kind: 'compare'; main: string; aside: string | null; from: GenerationRef; to: GenerationRef; maxRows: number }
  | { kind: 'generations'; main: string; aside: string | null };

export type ToTask =
  /** `cancel`: an Int32Array flag over shared memory, set to 1 to cancel (seen inside synchronous work). */
  | { type: 'run'; id: number; task: TaskSpec; cancel: SharedArrayBuffer }
  | { type: 'cancel' };

export type FromTask =
  | { type: 'progress'; id: number; phase: string; done: number; total: number; detail: string | null }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'error'; id: number; error: ErrorInfo };

/** What a task reports while it runs, and how it learns that it was cancelled. */
export interface TaskContext {
  progress(phase: string, done: number, total: number, detail?: string | null): void;
  /** Aborted when the user cancels (also from inside synchronous work, via the shared flag). */
  readonly signal: AbortSignal;
  /** Checks the shared flag now (synchronous work calls it between steps). */
  poll(): boolean;
}
