/** One component per Metakit type: how a cell reads in the grid. */
import type { CellDto } from '../../../../electron/shared/dto.js';

/** Control characters as visible symbols, so a row stays one line and nothing hides. */
export function visibleText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => {
    if (c === '\n') return '⏎';
    if (c === '\t') return '⇥';
    if (c === '\x7f') return '␡';
    return String.fromCharCode(0x2400 + c.charCodeAt(0));
  });
}

export function formatSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export function cellTitle(cell: CellDto): string {
  switch (cell.t) {
    case 'I': return String(cell.v);
    case 'L': return cell.v;
    case 'F': case 'D': return cell.v;
    case 'S': return cell.truncated ? `${cell.bytes} bytes; the inspector shows all of it` : `${cell.bytes} bytes`;
    case 'B': return `${cell.size} bytes${cell.compressed ? `, ${cell.compressed}-compressed` : ''}`;
    case 'V': return `subview with ${cell.rows} rows: Enter or click to open`;
    case 'error': return `${cell.code}: ${cell.message}`;
  }
}

interface Props {
  cell: CellDto;
  fullPrecision: boolean;
  onDrill: () => void;
}

export function GridCell({ cell, fullPrecision, onDrill }: Props) {
  switch (cell.t) {
    case 'I':
      return <span className="num">{cell.v}</span>;
    case 'L':
      return <span className="num">{cell.v}</span>;
    case 'F':
    case 'D':
      return <span className="num">{fullPrecision ? cell.v : cell.short}</span>;
    case 'S':
      return (
        <span className="str">
          <span className="text">{visibleText(cell.text)}</span>
          {cell.truncated && <span className="more">{formatSize(cell.bytes)}</span>}
        </span>
      );
    case 'B':
      return (
        <span className="bytes">
          <span className="size">{formatSize(cell.size)}</span>
          <span className="hex">{cell.hex.replace(/(..)/g, '$1 ').trim()}{cell.size * 2 > cell.hex.length ? ' …' : ''}</span>
          {cell.compressed && <span className="badge">{cell.compressed}</span>}
        </span>
      );
    case 'V':
      return (
        <button type="button" className="drill" tabIndex={-1} onClick={(e) => { e.stopPropagation(); onDrill(); }}>
          {cell.rows} {cell.rows === 1 ? 'row' : 'rows'} ›
        </button>
      );
    case 'error':
      return <span className="cell-error">⚠ {cell.code}</span>;
  }
}
