/**
 * Editing a document opened writable: pending edits (cells, appended and deleted rows) kept apart from
 * the committed data, then one commit (refused while the presence check forbids it) or a revert.
 */
import type { InspectorApi } from '../../shared/contract.js';
import type { PendingState } from '../../shared/dtoEdit.js';
import type { OpenDocument } from '../document.js';
import type { EditSession } from '../editing/editSession.js';
import { checkMayWrite } from '../editing/writeGuard.js';
import type { DocumentWriter } from '../editing/writer.js';
import { guard, ServiceError } from '../errors.js';
import type { ServiceContext } from './context.js';

function pending(doc: OpenDocument): PendingState {
  return { docId: doc.id, edits: doc.edits?.list() ?? [] };
}

function pendingChanged(ctx: ServiceContext, doc: OpenDocument): PendingState {
  ctx.changed(doc);
  return pending(doc);
}

export function editMethods(ctx: ServiceContext) {
  return {
    editCell: (args) => guard(() => {
      const doc = ctx.editable(args.docId);
      (doc.edits as EditSession).setCell(args.path, doc.view(args.path), args.row, args.column, args.value);
      return pendingChanged(ctx, doc);
    }),

    appendRow: (args) => guard(() => {
      const doc = ctx.editable(args.docId);
      (doc.edits as EditSession).appendRow(args.path, doc.view(args.path));
      return pendingChanged(ctx, doc);
    }),

    deleteRows: (args) => guard(() => {
      const doc = ctx.editable(args.docId);
      (doc.edits as EditSession).deleteRows(args.path, doc.view(args.path), args.rows);
      return pendingChanged(ctx, doc);
    }),

    listPending: (args) => guard(() => pending(ctx.doc(args.docId))),

    commitChanges: (args) => guard(async () => {
      const doc = ctx.editable(args.docId);
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
      ctx.orders.dropDocument(doc.id, doc.mainPath);
      ctx.changed(doc);
      return { docId: doc.id, edits: count, generationBefore: before, generationAfter: doc.generation, ms: Math.round(performance.now() - started) };
    }),

    revertChanges: (args) => guard(() => {
      const doc = ctx.editable(args.docId);
      (doc.edits as EditSession).revert();
      return pendingChanged(ctx, doc);
    }),
  } satisfies Partial<InspectorApi>;
}
