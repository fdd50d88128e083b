/** Pausing and resuming the live follow of a read-only document (the toolbar's live control). */
import { useCallback } from 'react';
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import { request } from '../../api/client.js';

/** `change`: runs the request, then re-reads the document list (useDocumentChange). */
export function useFollowPause(doc: DocumentInfo | null, change: (run: () => Promise<unknown>) => Promise<void>): (paused: boolean) => Promise<void> {
  return useCallback(async (paused: boolean) => {
    if (!doc) return;
    await change(() => request('setFollow', { docId: doc.id, paused }));
  }, [doc, change]);
}
