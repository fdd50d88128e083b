/**
 * Pre-2.0 datafiles (format §13): header `JL 1a 80` with a little-endian root position and no tails.
 * At the root position one varint stream holds the description and, depth first, the old definitions
 * of every property; subview contents are inline in that stream rather than in columns.
 */
import { MetakitError } from '../base/errors.js';
import { ByteCursor } from '../base/varint.js';
import { accessWidth, decodeInts } from './columns/ints.js';
import type { DataSource } from './dataSource.js';
import { parseDescription, type Field } from './structure.js';
import type { InlineView, PropSource } from './view.js';
import { EMPTY_REF, type ColumnRef } from './walk.js';

const utf8 = new TextDecoder('utf-8');

export interface OldRoot {
  description: string;
  fields: Field[];
  sources: PropSource[];
}

/** Parses the old root stream at relative `rootPos`; reads at most to the end of the file. */
export function parseOldRoot(src: DataSource, rootPos: number, fileEnd: number): OldRoot {
  const start = src.base + rootPos;
  if (rootPos < 8 || start >= fileEnd) {
    throw new MetakitError('BAD_OFFSET', `expected the old-format root stream inside the file (8..${fileEnd - src.base}), but the header points to ${rootPos}`, {
      offset: src.base,
    });
  }
  const bytes = src.store.read(start, fileEnd - start);
  const c = new ByteCursor(bytes, 0, bytes.length, start, 'old-format root stream');
  const sias = c.varint();
  if (sias !== 0) throw new MetakitError('BAD_WALK', `expected the old-format root stream to start with 0, but found ${sias}`, { offset: start });
  const n = c.count('description length');
  const descAt = c.offset;
  const description = utf8.decode(c.bytesOf(n, 'description'));
  const fields = parseDescription(description, { origin: descAt, limits: { maxDepth: src.limits.maxDepth } });
  let budget = src.limits.maxRows;
  const location = (): ColumnRef => {
    const size = c.count('column size');
    if (size === 0) return EMPTY_REF;
    return { size, pos: c.varint() };
  };
  const define = (fs: readonly Field[], rows: number, depth: number, path: string): PropSource[] => {
    if (depth > src.limits.maxDepth) {
      throw new MetakitError('LIMIT_EXCEEDED', `expected subviews nested at most ${src.limits.maxDepth} deep, but ${path} is deeper`, { path });
    }
    return fs.map((f): PropSource => {
      const fpath = path ? `${path}.${f.name}` : f.name;
      switch (f.type) {
        case 'I': case 'L': case 'F': case 'D':
          return { kind: 'value', col: location() };
        case 'S':
          return { kind: 'oldStrings', data: location() };
        case 'B': {
          if (f.declared === 'M') {
            const sizes = location();
            const positions = location();
            return { kind: 'oldMemos', sizes, positions };
          }
          const data = location();
          const sizes = location();
          return { kind: 'bytes', ...orderOldBytes(src, data, sizes, rows, fpath), memo: EMPTY_REF };
        }
        case 'V': {
          const children: InlineView[] = [];
          for (let r = 0; r < rows; r++) {
            const at = c.offset;
            const n = c.count('subview row count');
            if (n > budget) throw new MetakitError('LIMIT_EXCEEDED', `expected at most ${src.limits.maxRows} rows in all, but ${fpath} claims ${n} at ${at}`, { offset: at });
            budget -= n;
            children.push({ rows: n, sources: n > 0 ? define(f.fields, n, depth + 1, `${fpath}[${r}]`) : [] });
          }
          return { kind: 'inlineViews', children };
        }
      }
    });
  };
  const sources = define(fields, 1, 1, '');
  return { description, fields, sources };
}

/**
 * 2.x files store B data then sizes, 1.8.6 files the reverse, and nothing says which: Metakit swaps
 * when the sizes vector cannot be one, or when both could be and the sizes do not add up (c4_FormatB::
 * OldDefine). We apply the same test.
 */
function orderOldBytes(src: DataSource, data: ColumnRef, sizes: ColumnRef, rows: number, path: string): { data: ColumnRef; sizes: ColumnRef } {
  if (rows === 0) return { data, sizes };
  let swap = lenientWidth(rows, sizes.size) < 0;
  if (!swap && lenientWidth(rows, data.size) >= 0) {
    const w = lenientWidth(rows, sizes.size);
    let total = 0;
    if (w > 0 && w <= 32) {
      const v = decodeInts(src.column(sizes, 'sizes column', path), rows, w as 1 | 2 | 4 | 8 | 16 | 32, src.littleEndian);
      for (let i = 0; i < rows; i++) {
        const n = v[i] as number;
        if (n < 0 || total > data.size) {
          total = -1;
          break;
        }
        total += n;
      }
    }
    swap = total !== data.size;
  }
  return swap ? { data: sizes, sizes: data } : { data, sizes };
}

/** Metakit's own CalcAccessWidth (no natural-size check), used only for the old B heuristic. */
function lenientWidth(rows: number, size: number): number {
  if (size === 0) return 0;
  const strict = accessWidth(rows, size);
  if (strict >= 0) return strict;
  const w = Math.floor((size * 8) / rows);
  return w > 0 && (w & (w - 1)) === 0 ? w : -1;
}
