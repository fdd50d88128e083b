/**
 * The open documents and recent files, kept current by the service's events. A list that cannot be
 * read keeps its last value and says why in `errors` until a retry (or an event) brings it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentInfo, RecentFile } from '../../../../electron/shared/dto.js';
import { onEventsConnected, request } from '../../api/client.js';
import { useServiceEvent } from '../../api/hooks.js';
import { errorText } from '../common/errorText.js';

export interface ListErrors {
  documents: string | null;
  recent: string | null;
}

const NO_ERRORS: ListErrors = { documents: null, recent: null };

interface Lists {
  documents: DocumentInfo[] | null;
  recent: RecentFile[] | null;
  errors: ListErrors;
}

/** Both lists; one that fails is null, with its error. */
async function readLists(): Promise<Lists> {
  const [d, r] = await Promise.allSettled([request('listDocuments', {}), request('listRecent', {})]);
  return {
    documents: d.status === 'fulfilled' ? d.value : null,
    recent: r.status === 'fulfilled' ? r.value : null,
    errors: { documents: d.status === 'rejected' ? errorText(d.reason) : null, recent: r.status === 'rejected' ? errorText(r.reason) : null },
  };
}

export function useDocuments() {
  const [documents, setDocuments] = useState<DocumentInfo[]>([]);
  const [recent, setRecent] = useState<RecentFile[]>([]);
  const [errors, setErrors] = useState<ListErrors>(NO_ERRORS);
  const mounted = useRef(true);
  const apply = useCallback((l: Lists) => {
    if (l.documents) setDocuments(l.documents);
    if (l.recent) setRecent(l.recent);
    setErrors(l.errors);
  }, []);
  /** Re-reads both lists (after our own changes, and on Retry). */
  const refresh = useCallback(async () => {
    const l = await readLists();
    if (mounted.current) apply(l);
  }, [apply]);
  useEffect(() => {
    mounted.current = true;
    // Read at start and whenever the event stream (re)connects: events sent meanwhile are lost.
    const load = (): void => {
      void readLists().then((l) => { if (mounted.current) apply(l); });
    };
    load();
    const off = onEventsConnected(load);
    return () => {
      mounted.current = false;
      off();
    };
  }, [apply]);
  // An event carries the whole list: it is current again.
  useServiceEvent('documents', (e) => {
    setDocuments(e.documents);
    setErrors((x) => (x.documents ? { ...x, documents: null } : x));
  });
  useServiceEvent('documentChanged', (e) => setDocuments((ds) => ds.map((d) => (d.id === e.document.id ? e.document : d))));
  useServiceEvent('recent', (e) => {
    setRecent(e.recent);
    setErrors((x) => (x.recent ? { ...x, recent: null } : x));
  });
  return { documents, recent, errors, refresh };
}

/**
 * Runs a command that changes a document (attach the aside, pause, revert, ...), then re-reads the
 * lists without waiting for the event, which is lost while the event stream (re)connects. A failure
 * goes to `report`.
 */
export function useDocumentChange(refresh: () => Promise<void>, report: (e: unknown) => void) {
  return useCallback(async (change: () => Promise<unknown>): Promise<void> => {
    try {
      await change();
      await refresh();
    } catch (e) {
      report(e);
    }
  }, [refresh, report]);
}
