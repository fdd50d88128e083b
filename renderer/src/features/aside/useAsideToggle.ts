/** Attaching or detaching the document's aside (the status bar's checkbox, the menu). */
import { useCallback } from 'react';
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import { request } from '../../api/client.js';

/** `change`: runs the request, then re-reads the document list (useDocumentChange). */
export function useAsideToggle(doc: DocumentInfo | null, change: (run: () => Promise<unknown>) => Promise<void>): () => Promise<void> {
  return useCallback(async () => {
    if (!doc) return;
    await change(() => request('setAsideAttached', { docId: doc.id, attached: doc.aside === null }));
  }, [doc, change]);
}
