/**
 * Opening and closing documents: read-only (followed while another process commits) or writable (a
 * writer and an edit session, after the presence check), the list of open documents, and attaching or
 * detaching a read-only document's aside.
 */
import { basename } from 'node:path';
import type { InspectorApi } from '../../shared/contract.js';
import { OpenDocument } from '../document.js';
import { EditSession } from '../editing/editSession.js';
import { checkMayWrite } from '../editing/writeGuard.js';
import { DocumentWriter } from '../editing/writer.js';
import { guard, ServiceError } from '../errors.js';
import type { ServiceContext } from './context.js';

export function documentMethods(ctx: ServiceContext) {
  return {
    openDocument: (args) => guard(async () => {
      const mode = args.mode ?? 'read';
      const { mainPath, asidePath } = OpenDocument.paths(args.path, args.aside);
      if (mode !== 'read') {
        DocumentWriter.checkMode(mainPath, asidePath, mode);
        const open = ctx.openDocuments().find((d) => d.mainPath === mainPath && d.mode !== 'read');
        if (open) throw new ServiceError('BUSY', `${basename(mainPath)} is open for editing already (${open.id})`);
        await checkMayWrite(mainPath, asidePath, mode, 'open');
      }
      const doc = new OpenDocument(ctx.nextDocId(), mainPath, asidePath, asidePath !== null, mode, typeof args.aside === 'string');
      if (mode !== 'read') {
        try {
          doc.writer = DocumentWriter.open(mainPath, asidePath, mode);
        } catch (e) {
          doc.close();
          throw e;
        }
        doc.edits = new EditSession();
      }
      ctx.add(doc);
      try {
        ctx.recents.add(doc.mainPath, typeof args.aside === 'string' ? doc.asidePath : null);
        ctx.emit({ type: 'recent', recent: ctx.recents.list() });
      } catch {
        // The file is open; a recent files list that cannot be read or written says so when it is listed.
      }
      return doc.info();
    }),

    closeDocument: (args) => guard(() => {
      ctx.remove(ctx.doc(args.docId));
      return null;
    }),

    listDocuments: () => guard(() => ctx.openDocuments().map((d) => d.info())),

    setAsideAttached: (args) => guard(() => {
      const doc = ctx.doc(args.docId);
      if (doc.mode !== 'read') throw new ServiceError('UNSUPPORTED', `${doc.info().title} is open for editing: its aside stays attached`);
      doc.setAsideAttached(args.attached);
      ctx.follower(doc)?.start();
      ctx.orders.dropDocument(doc.id, doc.mainPath);
      return ctx.changed(doc);
    }),
  } satisfies Partial<InspectorApi>;
}
