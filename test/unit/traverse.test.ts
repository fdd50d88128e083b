/** Visiting every column in Metakit's traversal order (format §7.5), progress and abort. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { visitColumns, type ColumnVisit } from '../../engine/core/read/traverse.js';
import { ascii, expectMkError, openBytes, singleViewFile, walk } from '../helpers/bytes.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { TYPES } from '../helpers/docVectors.js';

const NEST = new Uint8Array(readFileSync(join(CORPUS_DIR, 'recursive-subview', 'data.mk')));

function visits(bytes: Uint8Array): ColumnVisit[] {
  const out: ColumnVisit[] = [];
  visitColumns(openBytes(bytes).root, '', (c) => out.push(c));
  return out;
}

describe('visitColumns', () => {
  it('types.mk: value columns, then data/sizes/memo walk per S/B, then the view column — in file order', () => {
    const v = visits(TYPES).filter((c) => c.ref.size > 0);
    expect(v.map((c) => `${c.schemaPath}:${c.role}@${c.ref.pos}+${c.ref.size}`)).toEqual([
      't.i:value@8+3', 't.l:value@11+24', 't.f:value@35+12', 't.d:value@47+24',
      't.s:data@71+6', 't.s:sizes@77+2', 't.b:data@79+5', 't.b:sizes@84+2', 't.m:data@86+2', 't.m:sizes@88+1',
      't:subviews@89+25',
    ]);
    // allocation order = traversal order (§7.5): positions increase
    const positions = v.map((c) => c.ref.pos);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(v[0]).toMatchObject({ type: 'I', viewPath: 't', rows: 3 });
  });

  it('nest.mk: children before their subview column (post-order), which is file order too', () => {
    const v = visits(NEST).filter((c) => c.ref.size > 0);
    const positions = v.map((c) => c.ref.pos);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(v.at(-1)).toMatchObject({ schemaPath: 'r', role: 'subviews', ref: { pos: 113, size: 9 } });
    expect(v.find((c) => c.schemaPath === 'n.kids.deep.z' && c.role === 'data')).toMatchObject({ viewPath: 'n[1].kids[1].deep', ref: { pos: 20, size: 3 } });
  });

  it('memo items are visited before the data column, from the memo walk', () => {
    const file = singleViewFile('t[s:S]', 2, (b) => {
      const m = b.add(ascii('memo!\0'));
      const w = walk(1, 6, m);
      return [0, w.length, b.add(w)];
    });
    const v = visits(file);
    expect(v.map((c) => `${c.role}@${c.ref.pos}+${c.ref.size}`)).toEqual(['memoItem@8+6', 'data@0+0', 'sizes@0+0', 'memoWalk@14+3', 'subviews@17+5']);
  });

  it('reports progress and counts view instances', () => {
    const seen: number[] = [];
    const n = visitColumns(openBytes(NEST).root, '', () => undefined, { progressEvery: 3, onProgress: (k) => seen.push(k) });
    // root; n, n[0].kids, n[1].kids, two deep; r and three levels of self
    expect(n).toBe(10);
    expect(seen).toEqual([3, 6, 9]);
  });

  it('ABORTED: the signal stops the traversal with a MetakitError', () => {
    const signal = { aborted: false };
    let visited = 0;
    const e = expectMkError(() => visitColumns(openBytes(NEST).root, '', () => {
      if (++visited === 3) signal.aborted = true;
    }, { signal }), 'ABORTED', /^expected to visit every column, but the traversal was aborted after \d+ views$/);
    expect(e.path).toBeDefined();
  });
});
