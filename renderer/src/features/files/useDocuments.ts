/** The open documents and recent files, kept current by the service's events. */
import { useCallback, useEffect, useState } from 'react';
import type { DocumentInfo, RecentFile } from '../../../../electron/shared/dto.js';
import { onEventsConnected, request } from '../../api/client.js';
import { useServiceEvent } from '../../api/hooks.js';

export function useDocuments() {
  const [documents, setDocuments] = useState<DocumentInfo[]>([]);
  const [recent, setRecent] = useState<RecentFile[]>([]);
  /** Re-reads both lists (after our own changes, and when the event stream reconnects). */
  const refresh = useCallback(async () => {
    const [d, r] = await Promise.all([request('listDocuments', {}), request('listRecent', {})]);
    setDocuments(d);
    setRecent(r);
  }, []);
  useEffect(() => {
    let live = true;
    const load = (): void => {
      Promise.all([request('listDocuments', {}), request('listRecent', {})]).then(([d, r]) => {
        if (!live) return;
        setDocuments(d);
        setRecent(r);
      }, () => {});
    };
    load();
    const off = onEventsConnected(load);
    return () => {
      live = false;
      off();
    };
  }, []);
  useServiceEvent('documents', (e) => setDocuments(e.documents));
  useServiceEvent('documentChanged', (e) => setDocuments((ds) => ds.map((d) => (d.id === e.document.id ? e.document : d))));
  useServiceEvent('recent', (e) => setRecent(e.recent));
  return { documents, recent, refresh };
}
