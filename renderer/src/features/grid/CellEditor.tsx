/**
 * Editing one cell of a writable document in place: the value as text (numbers in full precision, int64
 * exactly, bytes as hex), Enter saves it as a pending edit, Escape cancels. Long strings and bytes are
 * fetched whole first: the grid only has their first characters.
 */
import { useEffect, useRef, useState } from 'react';
import type { CellDto, PropType, ViewPath } from '../../../../electron/shared/dto.js';
import { ApiError, request } from '../../api/client.js';

export interface EditTarget {
  /** Position in the grid's order. */
  pos: number;
  col: number;
  /** Stored row index. */
  row: number;
  column: string;
  type: PropType;
  initial: string;
  cell: CellDto;
}

/** The text the editor starts with. */
export function editorText(cell: CellDto): string {
  switch (cell.t) {
    case 'I': return String(cell.v);
    case 'L': case 'F': case 'D': return cell.v;
    case 'S': return cell.text;
    case 'B': return cell.hex;
    case 'V': return '';
    case 'error': return '';
  }
}

function needsWholeValue(cell: CellDto): boolean {
  return (cell.t === 'S' && cell.truncated) || (cell.t === 'B' && cell.size * 2 > cell.hex.length);
}

interface Props {
  target: EditTarget;
  docId: string;
  path: ViewPath;
  onSave: (text: string) => Promise<boolean>;
  onDone: () => void;
}

export function CellEditor({ target, docId, path, onSave, onDone }: Props) {
  const whole = needsWholeValue(target.cell);
  const [text, setText] = useState<string | null>(whole ? null : target.initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!whole) return;
    let live = true;
    request('getCell', { docId, path, row: target.row, column: target.column }).then((d) => {
      if (!live) return;
      if (d.textTruncated || (d.bytes && d.bytes.shown < d.bytes.size)) setProblem('This value is too long to edit here.');
      else setText(d.type === 'B' ? d.bytes?.hex ?? '' : d.text);
    }, (e: unknown) => { if (live) setProblem(e instanceof ApiError ? e.message : String(e)); });
    return () => {
      live = false;
    };
  }, [whole, docId, path, target.row, target.column]);

  // Select once, when the value is there (not again as the user types).
  const ready = text !== null;
  useEffect(() => {
    if (ready) input.current?.select();
  }, [ready]);

  const save = async (): Promise<void> => {
    if (text === null || saving) return;
    setSaving(true);
    const ok = await onSave(text);
    setSaving(false);
    if (ok) onDone();
  };

  return (
    <span className="cell-editor" onMouseDown={(e) => e.stopPropagation()} onDoubleClick={(e) => e.stopPropagation()}>
      <input
        ref={input}
        autoFocus
        type="text"
        aria-label={`New value of ${target.column}, row ${target.row}`}
        value={text ?? ''}
        disabled={text === null || saving}
        placeholder={problem ?? (text === null ? 'loading…' : '')}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => { if (!saving) onDone(); }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') void save();
          else if (e.key === 'Escape') onDone();
        }}
      />
    </span>
  );
}
