/** Column headers: name and type, sort on click, a filter box, and a handle to resize. */
import { useEffect, useRef, useState } from 'react';
import type { Header } from '@tanstack/react-table';
import type { VirtualItem } from '@tanstack/react-virtual';
import type { CellDto, RowDto, SortSpec } from '../../../../electron/shared/dto.js';
import { FILTER_HELP } from './filterSyntax.js';

interface Props {
  headers: Header<RowDto, unknown>[];
  columns: VirtualItem[];
  width: number;
  rowNumberWidth: number;
  rowCount: number;
  sort: SortSpec | null;
  onSort: (sort: SortSpec | null) => void;
  filterTexts: Readonly<Record<string, string>>;
  onFilterText: (column: string, text: string) => void;
}

function nextSort(column: string, sort: SortSpec | null): SortSpec | null {
  if (!sort || sort.column !== column) return { column, direction: 'asc' };
  return sort.direction === 'asc' ? { column, direction: 'desc' } : null;
}

function FilterBox({ column, type, text, onCommit }: { column: string; type: keyof typeof FILTER_HELP; text: string; onCommit: (text: string) => void }) {
  const [draft, setDraft] = useState(text);
  const [shown, setShown] = useState(text);
  if (shown !== text) {
    // The committed text changed elsewhere (navigation): show it.
    setShown(text);
    setDraft(text);
  }
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });
  useEffect(() => {
    if (draft === text) return;
    const t = setTimeout(() => commit.current(draft), 500);
    return () => clearTimeout(t);
  }, [draft, text]);
  return (
    <input
      className="filter"
      type="search"
      value={draft}
      placeholder="filter"
      title={`Filter ${column}: ${FILTER_HELP[type]}`}
      aria-label={`Filter ${column}`}
      spellCheck={false}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') onCommit(draft);
        if (e.key === 'Escape') {
          setDraft('');
          onCommit('');
        }
      }}
    />
  );
}

export function GridHeader({ headers, columns, width, rowNumberWidth, rowCount, sort, onSort, filterTexts, onFilterText }: Props) {
  return (
    <div className="grid-header" role="row" style={{ width }}>
      <div className="rownum-head" role="columnheader" aria-colindex={1} style={{ width: rowNumberWidth }}>
        <span className="head-name">#</span>
        <span className="head-type">{rowCount.toLocaleString('en-US')}</span>
      </div>
      {columns.map((vc) => {
        const header = headers[vc.index] as Header<RowDto, CellDto | undefined>;
        const info = header.column.columnDef.meta?.info;
        if (!info) return null;
        const sorted = sort?.column === info.name ? sort.direction : null;
        return (
          <div
            key={header.id}
            className="column-head"
            role="columnheader"
            aria-colindex={vc.index + 2}
            aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
            style={{ width: vc.size, transform: `translateX(${vc.start}px)` }}
          >
            <button type="button" className="head-sort" tabIndex={-1} title={`${info.layout}: click to sort`} onClick={() => onSort(nextSort(info.name, sort))}>
              <span className="head-name">{info.name}</span>
              <span className={`head-type${info.unknownType ? ' unknown-type' : ''}`} title={info.unknownType ? `stored type letter ${info.storedType ?? '?'} is unknown to Metakit: read as ${info.type}` : undefined}>
                {info.unknownType ? `${info.storedType ?? '?'}? ${info.type}` : info.type}
              </span>
              <span className="head-arrow" aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
            </button>
            <FilterBox column={info.name} type={info.type} text={filterTexts[info.name] ?? ''} onCommit={(t) => onFilterText(info.name, t)} />
            <div
              className={`resizer${header.column.getIsResizing() ? ' resizing' : ''}`}
              role="separator"
              aria-orientation="vertical"
              aria-label={`Resize ${info.name}`}
              onMouseDown={header.getResizeHandler()}
              onDoubleClick={() => header.column.resetSize()}
            />
          </div>
        );
      })}
    </div>
  );
}
