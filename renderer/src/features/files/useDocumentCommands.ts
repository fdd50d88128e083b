/**
 * Showing and closing documents. A document is shown at its first view; the one the service opens (the
 * command line, a second instance) is shown when it arrives, and the first open document when nothing
 * is shown yet (files named on the command line are open before the window is).
 */
import { useCallback, useEffect } from 'react';
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import { request } from '../../api/client.js';
import { useServiceEvent } from '../../api/hooks.js';
import { placeAt, type Navigation } from '../grid/navigation.js';

export interface DocumentCommands {
  /** Goes to the document's first view; `onlyIfNothingShown` leaves a shown place alone. */
  showDocument: (d: DocumentInfo, onlyIfNothingShown?: boolean) => Promise<void>;
  /** Closes it and shows another open document, if any. */
  close: (d: DocumentInfo) => Promise<void>;
}

export function useDocumentCommands(
  nav: Navigation, documents: DocumentInfo[], refresh: () => Promise<void>, report: (e: unknown) => void,
): DocumentCommands {
  const { place, start, go, dropDocument } = nav;
  const showDocument = useCallback(async (d: DocumentInfo, onlyIfNothingShown = false) => {
    const views = await request('listViews', { docId: d.id });
    const first = views[0];
    const at = placeAt(d.id, first ? { view: first.name, steps: [] } : null);
    if (onlyIfNothingShown) start(at);
    else go(at);
  }, [start, go]);

  const close = useCallback(async (d: DocumentInfo) => {
    try {
      await request('closeDocument', { docId: d.id });
      await refresh();
      const other = documents.find((x) => x.id !== d.id);
      dropDocument(d.id, other ? placeAt(other.id, null) : null);
      if (other) await showDocument(other);
    } catch (e) {
      report(e);
    }
  }, [documents, dropDocument, showDocument, report, refresh]);

  useServiceEvent('documentOpened', (e) => { void showDocument(e.document); });
  const firstDoc = documents[0];
  useEffect(() => {
    if (!place && firstDoc) void showDocument(firstDoc, true).catch(report);
  }, [place, firstDoc, showDocument, report]);
  return { showDocument, close };
}
