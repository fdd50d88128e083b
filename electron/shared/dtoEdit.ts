/**
 * DTOs of editing a writable document (pending edits, commit) and of export. Plain,
 * structured-cloneable objects like dto.ts.
 */
import type { ExportFormat, ViewPath } from './schemas.js';

export type { ExportFormat } from './schemas.js';

export type EditKind = 'set' | 'append' | 'delete';

/** One change waiting for Commit. */
export interface PendingEdit {
  id: number;
  kind: EditKind;
  path: ViewPath;
  /** `log[12].tags` */
  title: string;
  /** Stored row index (for an appended row: its index after the committed rows). */
  row: number;
  column: string | null;
  /** Display text before and after (set). */
  before: string | null;
  after: string | null;
}

export interface PendingState {
  docId: string;
  edits: PendingEdit[];
}

export interface CommitResultDto {
  docId: string;
  /** Edits written. */
  edits: number;
  generationBefore: string;
  generationAfter: string;
  ms: number;
}

/** How a grid row differs from the committed data (editable documents). */
export interface RowEditState {
  state: 'changed' | 'added' | 'deleted';
  /** Column indexes with pending values. */
  cells: number[];
}

export interface ExportResultDto {
  target: string;
  format: ExportFormat;
  rows: number;
  bytes: number;
  ms: number;
  /** The order exported: the view as stored, or the current sort/filter. */
  ordered: boolean;
}
