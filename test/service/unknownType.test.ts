/**
 * issue 13.4 in the document service: a column with a type letter Metakit does not know is read as an
 * int and flagged (stored letter + unknownType) in the tree, the view info and stats; recursive layouts
 * are shown as Metakit's mk::view layout prints them while the tree keeps the recursion.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentService } from '../../electron/service/documentService.js';
import { EXTRA_DIR } from '../helpers/metakitExtra.js';
import { corpusFile, newService, top, unwrap } from '../helpers/service.js';

let service: DocumentService;
afterEach(() => service?.dispose());

const nested = join(EXTRA_DIR, 'unknown-type-nested', 'data.mk');

describe('issue 13.4: unknown type letters and recursive layouts in the service', () => {
  it('the tree and the view info carry the stored letter and the unknownType flag', async () => {
    service = newService();
    const doc = unwrap(await service.openDocument({ path: nested }));
    const [v] = unwrap(await service.listViews({ docId: doc.id }));
    expect(v?.layout).toBe('v[name:S,n:Y,sub[k:I,w:Q]]');
    expect(v?.columns).toEqual([
      { name: 'name', type: 'S', layout: 'name:S' },
      { name: 'n', type: 'I', layout: 'n:Y', unknownType: true, storedType: 'Y' },
      { name: 'sub', type: 'V', layout: 'sub[k:I,w:Q]' },
    ]);
    expect(v?.children[0]?.columns[1]).toEqual({ name: 'w', type: 'I', layout: 'w:Q', unknownType: true, storedType: 'Q' });
    const info = unwrap(await service.describeView({ docId: doc.id, path: top('v') }));
    expect(info.layout).toBe('name:S,n:Y,sub[k:I,w:Q]');
    expect(info.columns[1]).toMatchObject({ unknownType: true, storedType: 'Y' });
  });

  it('the values are read as ints (rows and a subview cell)', async () => {
    service = newService();
    const doc = unwrap(await service.openDocument({ path: nested }));
    const w = unwrap(await service.getRows({ docId: doc.id, path: top('v'), start: 0, count: 3 }));
    expect(w.rows.map((r) => r.cells[1])).toEqual([{ t: 'I', v: -150 }, { t: 'I', v: -149 }, { t: 'I', v: -148 }]);
    const sub = unwrap(await service.getRows({ docId: doc.id, path: { view: 'v', steps: [{ row: 2, prop: 'sub' }] }, start: 0, count: 5 }));
    expect(sub.rows.map((r) => r.cells)).toEqual([[{ t: 'I', v: 3 }, { t: 'I', v: -40000 }]]);
  });

  it('stats lists the unknown letters', async () => {
    service = newService();
    const doc = unwrap(await service.openDocument({ path: nested }));
    const s = unwrap(await service.getStats({ docId: doc.id }));
    expect(s.unknownTypes).toEqual([{ path: 'v.n', storedType: 'Y', readAs: 'I' }, { path: 'v.sub.w', storedType: 'Q', readAs: 'I' }]);
    expect(s.properties.find((p) => p.path === 'v.n')).toMatchObject({ type: 'I', storedType: 'Y' });
  });

  it('recursive-subview: layouts without ^ (as mk::view layout prints them), the tree still shows the recursion', async () => {
    service = newService();
    const doc = unwrap(await service.openDocument({ path: corpusFile('recursive-subview') }));
    const tree = unwrap(await service.listViews({ docId: doc.id }));
    const r = tree.find((n) => n.name === 'r');
    expect(r).toMatchObject({ layout: 'r[data:S,self[]]', recursive: false, rows: 1 });
    expect(r?.columns.map((c) => c.layout)).toEqual(['data:S', 'self[]']);
    expect(r?.children).toEqual([{
      name: 'self', schemaPath: 'r.self', layout: 'self[]', rows: null, recursive: true, recursiveOf: 'r', children: [],
      columns: [{ name: 'data', type: 'S', layout: 'data:S' }, { name: 'self', type: 'V', layout: 'self[]' }],
    }]);
    expect(unwrap(await service.describeView({ docId: doc.id, path: top('r') })).layout).toBe('data:S,self[]');
    expect(unwrap(await service.getStats({ docId: doc.id })).views.map((v) => v.layout)).toEqual(['n[name:S,kids[k:I,deep[z:S]]]', 'r[data:S,self[]]']);
  });
});
