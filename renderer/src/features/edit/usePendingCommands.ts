/**
 * Commit and Revert of a writable document's pending edits (the edit bar and the Changes tab). A commit
 * says what it wrote: the edits, the time, the generation before and after.
 */
import { useCallback, useState } from 'react';
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import { request } from '../../api/client.js';

export interface PendingCommands {
  commit: () => void;
  revert: () => void;
  /** A commit is running: both are disabled. */
  committing: boolean;
}

interface Options {
  refresh: () => Promise<void>;
  say: (text: string) => void;
  report: (e: unknown) => void;
  /** Runs a request, then re-reads the document list (useDocumentChange). */
  change: (run: () => Promise<unknown>) => Promise<void>;
}

export function usePendingCommands(doc: DocumentInfo | null, { refresh, say, report, change }: Options): PendingCommands {
  const [committing, setCommitting] = useState(false);
  const commit = useCallback(async () => {
    if (!doc) return;
    setCommitting(true);
    try {
      const r = await request('commitChanges', { docId: doc.id });
      await refresh();
      say(`Committed ${r.edits} change${r.edits === 1 ? '' : 's'} in ${r.ms} ms: generation ${r.generationBefore} → ${r.generationAfter}.`);
    } catch (e) {
      report(e);
    } finally {
      setCommitting(false);
    }
  }, [doc, refresh, say, report]);
  const revert = useCallback(async () => {
    if (!doc) return;
    await change(() => request('revertChanges', { docId: doc.id }));
  }, [doc, change]);
  return { commit: () => void commit(), revert: () => void revert(), committing };
}
