/** The sidebar: the open documents, and the view tree of the shown one. */
import type { DocumentInfo, ViewNode } from '../../../../electron/shared/dto.js';
import { DocumentList } from '../files/DocumentList.js';
import { ViewTree } from './ViewTree.js';

interface Props {
  documents: DocumentInfo[];
  doc: DocumentInfo | null;
  /** The shown document's views (undefined while they load). */
  tree: ViewNode[] | undefined;
  /** The top-level view shown now. */
  currentView: string | null;
  onSelect: (doc: DocumentInfo) => void;
  onClose: (doc: DocumentInfo) => void;
  onOpenView: (view: string) => void;
}

export function Sidebar({ documents, doc, tree, currentView, onSelect, onClose, onOpenView }: Props) {
  return (
    <nav className="sidebar" aria-label="Documents and views">
      <h2>Documents</h2>
      <DocumentList documents={documents} activeId={doc?.id ?? null} onSelect={onSelect} onClose={onClose} />
      {doc && (
        <>
          <h2>Views</h2>
          {tree && <ViewTree nodes={tree} current={currentView} onOpen={onOpenView} />}
        </>
      )}
    </nav>
  );
}
