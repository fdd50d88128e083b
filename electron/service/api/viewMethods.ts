/**
 * Reading a document: the view tree, one view's description, windows of rows in the current order
 * (sort and filter computed in a worker, mapped here), one cell in full, the statistics, and export of
 * a view in that order (streamed as a job).
 */
import { basename } from 'node:path';
import { computeStats } from '../../../engine/core/analysis/stats.js';
import { layoutOfFields } from '../../../engine/core/read/structure.js';
import { DEFAULT_CELL_BYTES, type InspectorApi } from '../../shared/contract.js';
import type { RowDto, StatsDto } from '../../shared/dto.js';
import { cellDetail } from '../cellDetail.js';
import { encodeRow } from '../cells.js';
import { pendingSource } from '../editing/cellValues.js';
import { guard, ServiceError } from '../errors.js';
import { checkExportTarget, runExport } from '../exporting.js';
import { columnIndex, columnsOf, viewTitle } from '../viewPaths.js';
import { viewTree } from '../viewTree.js';
import type { ServiceContext } from './context.js';

export function viewMethods(ctx: ServiceContext) {
  return {
    listViews: (args) => guard(() => viewTree(ctx.doc(args.docId).current)),

    describeView: (args) => guard(() => {
      const doc = ctx.doc(args.docId);
      const view = doc.view(args.path);
      return {
        docId: doc.id, path: args.path, title: viewTitle(args.path), rowCount: doc.edits ? doc.edits.rowCount(args.path, view.rowCount) : view.rowCount,
        columns: columnsOf(view.fields), layout: layoutOfFields(view.fields), generation: doc.generation,
      };
    }),

    getRows: (args) => guard(async () => {
      const doc = ctx.doc(args.docId);
      const view = doc.view(args.path);
      const generation = doc.generation;
      const order = await ctx.order(doc, args.path, args.sort ?? null, args.filters ?? []);
      const edits = doc.edits;
      const viewRows = edits ? edits.rowCount(args.path, view.rowCount) : view.rowCount;
      const total = order ? order.length : viewRows;
      const start = Math.min(args.start, total);
      const end = Math.min(total, start + args.count);
      const rows: RowDto[] = [];
      const encode = (r: number): RowDto => encodeRow(view, r);
      for (let pos = start; pos < end; pos++) {
        const index = order ? (order[pos] as number) : pos;
        rows.push(edits ? edits.row(args.path, view, index, encode) : encode(index));
      }
      return { start, total, viewRows, rows, generation };
    }),

    getCell: (args) => guard(() => {
      const doc = ctx.doc(args.docId);
      const view = doc.view(args.path);
      const title = viewTitle(args.path);
      const p = columnIndex(view, args.column, title);
      const maxBytes = args.maxBytes ?? DEFAULT_CELL_BYTES;
      // A pending edit shows as it will be committed.
      const pending = doc.edits?.pendingValue(args.path, args.row, p);
      if (pending !== undefined) return cellDetail(doc.id, args.path, pendingSource(view.fields, p, pending), args.row, p, maxBytes);
      if (args.row >= view.rowCount) throw new ServiceError('BAD_ARGUMENT', `row ${args.row} is out of range 0..${view.rowCount - 1} for ${title}`, title);
      return cellDetail(doc.id, args.path, view, args.row, p, maxBytes);
    }),

    getStats: (args) => guard((): StatsDto => {
      const doc = ctx.doc(args.docId);
      return { docId: doc.id, generation: doc.generation, ...computeStats(doc.current) };
    }),

    exportView: (args) => guard(async () => {
      const doc = ctx.doc(args.docId);
      const view = doc.view(args.path);
      const target = checkExportTarget(doc, args.target, args.overwrite ?? false);
      const order = await ctx.order(doc, args.path, args.sort ?? null, args.filters ?? []);
      const job = ctx.jobs.start('export', doc.id, `Export ${viewTitle(args.path)} to ${basename(target)}`);
      return runExport(view, target, args, order, job);
    }),
  } satisfies Partial<InspectorApi>;
}
