/** The open documents and recent files, kept current by the service's events. */
import { useEffect, useState } from 'react';
import type { DocumentInfo, RecentFile } from '../../../../electron/shared/dto.js';
import { request } from '../../api/client.js';
import { useServiceEvent } from '../../api/hooks.js';

export function useDocuments() {
  const [documents, setDocuments] = useState<DocumentInfo[]>([]);
  const [recent, setRecent] = useState<RecentFile[]>([]);
  useEffect(() => {
    let live = true;
    request('listDocuments', {}).then((d) => { if (live) setDocuments(d); }, () => {});
    request('listRecent', {}).then((r) => { if (live) setRecent(r); }, () => {});
    return () => {
      live = false;
    };
  }, []);
  useServiceEvent('documents', (e) => setDocuments(e.documents));
  useServiceEvent('documentChanged', (e) => setDocuments((ds) => ds.map((d) => (d.id === e.document.id ? e.document : d))));
  useServiceEvent('recent', (e) => setRecent(e.recent));
  return { documents, recent };
}
