/** How the document is opened: read-only, extend (commits append) or read-write, unmistakably. */
import type { DocumentInfo } from '../../../../electron/shared/dto.js';

const TEXT = { read: 'read-only', extend: 'EXTEND', readwrite: 'READ-WRITE' } as const;
const TITLE = {
  read: 'Opened read-only: nothing can change the files',
  extend: 'Opened for editing in extend mode: commits only append (into the aside when one is attached)',
  readwrite: 'Opened for editing read-write: commits rewrite the main file',
} as const;

export function ModeBadge({ doc }: { doc: DocumentInfo }) {
  return <span className={`mode-badge mode-${doc.mode}`} title={TITLE[doc.mode]} aria-label={`Mode: ${TEXT[doc.mode]}`}>{TEXT[doc.mode]}</span>;
}
