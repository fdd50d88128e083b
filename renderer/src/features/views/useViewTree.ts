/** The sidebar's view tree of the shown document, read again when the document moves or is edited. */
import type { DocumentInfo } from '../../../../electron/shared/dto.js';
import { request } from '../../api/client.js';
import { useAsync } from '../../api/hooks.js';

export function useViewTree(doc: DocumentInfo | null) {
  return useAsync(doc ? `${doc.id}:${doc.generation}:${doc.editVersion}` : null, () => request('listViews', { docId: doc?.id ?? '' }), { keep: true }).value;
}
