/**
 * A test-only encoder of fresh datafiles (the layout of a first commit, format Appendix D), so tests can
 * make files with any content — aside `_C` views with multi-chunk diffs, odd shapes — without the
 * engine's writer. Values: I/F numbers, L bigint, D numbers, S strings, B Uint8Array, V arrays of rows.
 */
import { encodeDoubles, encodeInts, encodeLongs, widthOf } from '../../engine/core/read/columns/ints.js';
import { parseDescription, type Field } from '../../engine/core/read/structure.js';
import { concat, FileBuilder, rootWalk, walk } from './bytes.js';

export type TinyValue = number | bigint | string | Uint8Array | TinyRow[];
export interface TinyRow { [name: string]: TinyValue }

const utf8 = new TextEncoder();

function ref(b: FileBuilder, bytes: Uint8Array): number[] {
  return bytes.length === 0 ? [0] : [bytes.length, b.add(bytes)];
}

/** Encodes one view instance (its columns into `b`), returning its sequence walk. */
function encodeInstance(b: FileBuilder, fields: readonly Field[], rows: readonly TinyRow[], littleEndian: boolean): Uint8Array {
  const groups: number[] = [];
  if (rows.length > 0) {
    for (const f of fields) {
      const vals = rows.map((r) => r[f.name]);
      switch (f.type) {
        case 'I': case 'F': {
          const ints = vals.map((v) => (v === undefined ? 0 : Number(v)));
          groups.push(...ref(b, encodeInts(ints, ints.length, widthOf(ints, ints.length), littleEndian)));
          break;
        }
        case 'L':
          groups.push(...ref(b, encodeLongs(vals.map((v) => BigInt((v ?? 0) as number | bigint)), vals.length, littleEndian)));
          break;
        case 'D':
          groups.push(...ref(b, encodeDoubles(vals.map((v) => Number(v ?? 0)), vals.length, littleEndian)));
          break;
        case 'S': case 'B': {
          const items = vals.map((v) => {
            if (v === undefined || v === '') return new Uint8Array(0);
            if (typeof v === 'string') return f.type === 'S' ? concat(utf8.encode(v), new Uint8Array(1)) : utf8.encode(v);
            return v as Uint8Array;
          });
          const data = concat(...items);
          groups.push(...ref(b, data));
          if (data.length > 0) {
            const sizes = items.map((i) => i.length);
            groups.push(...ref(b, encodeInts(sizes, sizes.length, widthOf(sizes, sizes.length), littleEndian)));
          }
          groups.push(0);
          break;
        }
        case 'V': {
          const walks = vals.map((v) => encodeInstance(b, f.fields, (v ?? []) as TinyRow[], littleEndian));
          groups.push(...ref(b, concat(...walks)));
          break;
        }
      }
    }
  }
  return walk(0, rows.length, ...groups);
}

/** A complete datafile holding the given top-level views (description like `a[x:I],b[s:S]`). */
export function tinyFile(description: string, views: Record<string, TinyRow[]>, littleEndian = true): Uint8Array {
  const top = parseDescription(description);
  const b = new FileBuilder(littleEndian);
  const groups: number[] = [];
  for (const f of top) {
    if (f.type !== 'V') throw new Error('tinyFile: top-level properties must be views');
    const instance = encodeInstance(b, f.fields, views[f.name] ?? [], littleEndian);
    groups.push(instance.length, b.add(instance));
  }
  return b.finish(rootWalk(description, ...groups));
}
