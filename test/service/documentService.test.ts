/**
 * The document service on real corpus files: documents, the view tree, row windows against Metakit's
 * own expected.json, drill-down, cells in full, the aside toggle, stats, recents, and that a session
 * never writes the files it reads.
 */
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentService } from '../../electron/service/documentService.js';
import type { CellDto, ViewPath } from '../../electron/shared/dto.js';
import { loadCase } from '../helpers/corpus.js';
import { corpusFile, errorOf, newService, tempDir, top, unwrap } from '../helpers/service.js';

let service: DocumentService;
afterEach(() => service?.dispose());

const cellText = (c: CellDto | undefined): string => {
  if (!c) return 'missing';
  switch (c.t) {
    case 'I': return String(c.v);
    case 'L': case 'F': case 'D': return c.v;
    case 'S': return c.text;
    case 'B': return `${c.size}:${c.hex}`;
    case 'V': return `${c.rows} rows`;
    case 'error': return `error ${c.code}`;
  }
};

describe('document service', () => {
  it('opens a file read-only and describes it', async () => {
    service = newService();
    const doc = unwrap(await service.openDocument({ path: corpusFile('rows-100000') }));
    expect(doc.main).toMatchObject({ name: 'data.mk', size: 1188972, mode: 'read', byteOrder: 'little-endian', format: 'new', base: 0, end: 1188972 });
    expect(doc.aside).toBeNull();
    expect(doc.generation).toBe('1188972');
    expect(unwrap(await service.listDocuments({})).map((d) => d.id)).toEqual([doc.id]);
    const tree = unwrap(await service.listViews({ docId: doc.id }));
    expect(tree).toEqual([{
      name: 'big', schemaPath: 'big', layout: 'big[id:I,small:I,name:S]', rows: 100000, recursive: false, children: [],
      columns: [{ name: 'id', type: 'I', layout: 'id:I' }, { name: 'small', type: 'I', layout: 'small:I' }, { name: 'name', type: 'S', layout: 'name:S' }],
    }]);
  });

  it('returns windows of rows equal to what Metakit shows (rows-100000, first, middle, last)', async () => {
    service = newService();
    const expected = loadCase('rows-100000').expected.views?.[0]?.rows as { id: number; small: number; name: string }[];
    const doc = unwrap(await service.openDocument({ path: corpusFile('rows-100000') }));
    for (const start of [0, 49_990, 99_900]) {
      const w = unwrap(await service.getRows({ docId: doc.id, path: top('big'), start, count: 100 }));
      expect(w).toMatchObject({ start, total: 100000, viewRows: 100000 });
      expect(w.rows).toHaveLength(100);
      w.rows.forEach((r, i) => {
        const e = expected[start + i];
        expect(r.index).toBe(start + i);
        expect(r.cells.map(cellText)).toEqual([String(e?.id), String(e?.small), e?.name]);
      });
    }
    const past = unwrap(await service.getRows({ docId: doc.id, path: top('big'), start: 99_998, count: 50 }));
    expect(past.rows.map((r) => r.index)).toEqual([99_998, 99_999]);
  });

  it('encodes every type for display (all-types)', async () => {
    service = newService();
    const doc = unwrap(await service.openDocument({ path: corpusFile('all-types') }));
    const w = unwrap(await service.getRows({ docId: doc.id, path: top('a'), start: 0, count: 10 }));
    expect(w.rows[0]?.cells).toEqual([
      { t: 'S', text: 'one', bytes: 3, truncated: false },
      { t: 'I', v: 1 },
      { t: 'L', v: '1' },
      { t: 'F', v: '1.5', short: '1.5' },
      { t: 'D', v: '2.5', short: '2.5' },
      { t: 'B', size: 1, hex: '01', compressed: null },
      { t: 'B', size: 4, hex: '6d656d6f', compressed: null },
    ]);
    const last = w.rows[3]?.cells;
    expect(last?.[2]).toEqual({ t: 'L', v: '1099511627776' });
    expect(last?.[3]).toEqual({ t: 'F', v: 'NaN', short: 'NaN' });
    expect(last?.[4]).toEqual({ t: 'D', v: '-Inf', short: '-Inf' });
    expect(last?.[5]).toMatchObject({ t: 'B', size: 256, hex: '000102030405060708090a0b' });
  });

  it('keeps float precision on demand: short text in the grid, the exact value beside it', async () => {
    service = newService();
    const f = unwrap(await service.openDocument({ path: corpusFile('float-values') }));
    const fw = unwrap(await service.getRows({ docId: f.id, path: top('f'), start: 5, count: 1 }));
    expect(fw.rows[0]?.cells[0]).toEqual({ t: 'F', v: '0.10000000149011612', short: '0.1' });
    const d = unwrap(await service.openDocument({ path: corpusFile('double-values') }));
    const dw = unwrap(await service.getRows({ docId: d.id, path: top('d'), start: 5, count: 1 }));
    expect(dw.rows[0]?.cells[0]).toEqual({ t: 'D', v: '0.3333333333333333', short: '0.3333333333' });
    const cell = unwrap(await service.getCell({ docId: d.id, path: top('d'), row: 5, column: 'v' }));
    expect(cell.number).toEqual({ shortest: '0.3333333333333333', precise: '0.33333333333333331', hex: '3fd5555555555555' });
  });

  it('drills into subviews by (row, property) steps and names the path (nested-3)', async () => {
    service = newService();
    const doc = unwrap(await service.openDocument({ path: corpusFile('nested-3') }));
    const tree = unwrap(await service.listViews({ docId: doc.id }));
    expect(tree[0]?.children[0]).toMatchObject({ name: 'kids', schemaPath: 'top.kids', rows: null, layout: 'kids[name:S,n:I,leaves[v:D,tag:S]]' });
    expect(tree[0]?.children[0]?.children[0]).toMatchObject({ schemaPath: 'top.kids.leaves', columns: [{ name: 'v', type: 'D' }, { name: 'tag', type: 'S' }] });
    const kids: ViewPath = { view: 'top', steps: [{ row: 0, prop: 'kids' }] };
    const info = unwrap(await service.describeView({ docId: doc.id, path: kids }));
    expect(info).toMatchObject({ title: 'top[0].kids', rowCount: 3, layout: 'name:S,n:I,leaves[v:D,tag:S]' });
    const w = unwrap(await service.getRows({ docId: doc.id, path: kids, start: 0, count: 10 }));
    expect(w.rows.map((r) => r.cells.map(cellText))).toEqual([['a1', '1', '2 rows'], ['a2', '2', '0 rows'], ['a3', '3', '1 rows']]);
    const leaves: ViewPath = { view: 'top', steps: [{ row: 2, prop: 'kids' }, { row: 0, prop: 'leaves' }] };
    const lw = unwrap(await service.getRows({ docId: doc.id, path: leaves, start: 0, count: 10 }));
    expect(lw.rows.map((r) => r.cells.map(cellText))).toEqual([['NaN', ''], ['0.0', 'z'], ['-0.0', 'w']]);
    expect(errorOf(await service.describeView({ docId: doc.id, path: { view: 'top', steps: [{ row: 9, prop: 'kids' }] } }))).toMatchObject({
      code: 'BAD_ARGUMENT', message: 'row 9 is out of range 0..3 for top',
    });
    expect(errorOf(await service.describeView({ docId: doc.id, path: { view: 'top', steps: [{ row: 0, prop: 'name' }] } })).message).toBe("top has no subview property 'name'");
    expect(errorOf(await service.describeView({ docId: doc.id, path: top('nope') })).message).toBe("there is no view 'nope' (views: top)");
  });

  it('gives one cell in full: a long string, bytes with hex and both decodings (str-long, bytes-values)', async () => {
    service = newService();
    const s = unwrap(await service.openDocument({ path: corpusFile('str-long') }));
    const expected = loadCase('str-long').expected.views?.[0]?.rows as { id: number; v: string }[];
    const longest = expected.reduce((best, r, i) => (r.v.length > (expected[best]?.v.length ?? 0) ? i : best), 0);
    const grid = unwrap(await service.getRows({ docId: s.id, path: top('s'), start: longest, count: 1 }));
    expect(grid.rows[0]?.cells[1]).toMatchObject({ t: 'S', truncated: true, bytes: Buffer.byteLength(expected[longest]?.v ?? '') });
    const full = unwrap(await service.getCell({ docId: s.id, path: top('s'), row: longest, column: 'v', maxBytes: 1 << 20 }));
    expect(full.text).toBe(expected[longest]?.v);
    expect(full.textTruncated).toBe(false);
    const cut = unwrap(await service.getCell({ docId: s.id, path: top('s'), row: longest, column: 'v', maxBytes: 100 }));
    expect(cut).toMatchObject({ textTruncated: true, bytes: { shown: 100, size: Buffer.byteLength(expected[longest]?.v ?? '') } });

    const b = unwrap(await service.openDocument({ path: corpusFile('bytes-values') }));
    const bytes = unwrap(await service.getCell({ docId: b.id, path: top('b'), row: 4, column: 'v' }));
    expect(bytes.bytes).toMatchObject({ size: 16, shown: 16, hex: 'a4e809554ceb0ed36c786870aa219dbf', utf8Valid: false });
    expect(bytes.bytes?.latin1).toBe(Buffer.from('a4e809554ceb0ed36c786870aa219dbf', 'hex').toString('latin1'));
    expect(bytes.title).toBe('b[4].v');
  });

  it('attaches x.mka next to x.mk automatically and toggles it off to view main alone', async () => {
    const dir = tempDir();
    copyFileSync(corpusFile('aside-4', 'main.mk'), join(dir, 'x.mk'));
    copyFileSync(corpusFile('aside-4', 'aside.mka'), join(dir, 'x.mka'));
    service = newService();
    const events: string[] = [];
    service.subscribe((e) => events.push(e.type));
    const doc = unwrap(await service.openDocument({ path: join(dir, 'x.mk') }));
    expect(doc.aside).toMatchObject({ role: 'aside', name: 'x.mka', size: 1428 });
    expect(doc.generation).toBe('37+1428');
    const withAside = unwrap(await service.getRows({ docId: doc.id, path: top('a'), start: 0, count: 20 }));
    expect(withAside.rows.map((r) => cellText(r.cells[0]))).toEqual(
      (loadCase('aside-4').expected.views?.[0]?.rows as { i: string }[]).map((r) => r.i),
    );
    const alone = unwrap(await service.setAsideAttached({ docId: doc.id, attached: false }));
    expect(alone).toMatchObject({ aside: null, asideAvailable: join(dir, 'x.mka'), generation: '37' });
    const mainRows = unwrap(await service.getRows({ docId: doc.id, path: top('a'), start: 0, count: 20 }));
    expect(mainRows.viewRows).toBe(loadCase('aside-4-main-only').expected.views?.[0]?.rows.length);
    expect(events).toContain('documentChanged');
    const none = unwrap(await service.openDocument({ path: join(dir, 'x.mk'), aside: null }));
    expect(none.aside).toBeNull();
  });

  it('refuses damaged files with the engine code and message, and a read-write open of a file with an aside', async () => {
    service = newService();
    const e = errorOf(await service.openDocument({ path: corpusFile('damaged-tail-zeroed', 'tail0.mk') }));
    expect(e.code).toBe('TRUNCATED');
    expect(e.message).toMatch(/last intact commit ends at 128/);
    expect(errorOf(await service.openDocument({ path: corpusFile('damaged-not-metakit', 'text.mk') })).code).toBe('NOT_METAKIT');
    expect(errorOf(await service.openDocument({ path: '/nonexistent/x.mk' })).code).toBe('IO');
    expect(errorOf(await service.openDocument({ path: corpusFile('aside-4', 'main.mk'), aside: corpusFile('aside-4', 'aside.mka'), mode: 'readwrite' }))).toEqual({
      code: 'UNSUPPORTED',
      message: 'main.mk has an aside (aside.mka): a read-write commit of the main file alone would break it; open it in extend mode (commits go into the aside), or flush first',
    });
    expect(errorOf(await service.getRows({ docId: 'd99', path: top('big'), start: 0, count: 1 })).code).toBe('NO_DOCUMENT');
  });

  it('computes aside statistics', async () => {
    service = newService();
    const doc = unwrap(await service.openDocument({ path: corpusFile('aside-4', 'main.mk'), aside: corpusFile('aside-4', 'aside.mka') }));
    const stats = unwrap(await service.getStats({ docId: doc.id }));
    expect(stats.main).toMatchObject({ name: 'main.mk', size: 37 });
    expect(stats.aside).toMatchObject({ name: 'aside.mka', size: 1428 });
    expect(stats.asideDiffs).toBeGreaterThan(0);
    expect(stats.views).toEqual([{ name: 'a', layout: 'a[i:S]', rows: 8 }]);
  });

  it('remembers recent files in its config directory and forgets them on request', async () => {
    const dir = tempDir();
    service = newService(dir);
    unwrap(await service.openDocument({ path: corpusFile('rows-100') }));
    unwrap(await service.openDocument({ path: corpusFile('nested-3') }));
    service.dispose();
    service = newService(dir);
    const recent = unwrap(await service.listRecent({}));
    expect(recent.map((r) => r.path)).toEqual([corpusFile('nested-3'), corpusFile('rows-100')]);
    expect(recent[0]).toMatchObject({ name: 'data.mk', aside: null });
    unwrap(await service.clearRecent({}));
    expect(unwrap(await service.listRecent({}))).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, 'recent-files.json'), 'utf8'))).toEqual({ version: 1, files: [] });
  });

  it('never writes the files it reads (bytes and mtime unchanged after a session with sorts)', async () => {
    const files = [corpusFile('rows-100000'), corpusFile('aside-4', 'main.mk'), corpusFile('aside-4', 'aside.mka')];
    const before = files.map((f) => ({ bytes: readFileSync(f), mtime: statSync(f).mtimeMs }));
    service = newService();
    const big = unwrap(await service.openDocument({ path: files[0] as string }));
    unwrap(await service.getRows({ docId: big.id, path: top('big'), start: 0, count: 100, sort: { column: 'name', direction: 'desc' } }));
    const a = unwrap(await service.openDocument({ path: files[1] as string, aside: files[2] as string }));
    unwrap(await service.setAsideAttached({ docId: a.id, attached: false }));
    unwrap(await service.setAsideAttached({ docId: a.id, attached: true }));
    unwrap(await service.getStats({ docId: a.id }));
    unwrap(await service.closeDocument({ docId: big.id }));
    service.dispose();
    files.forEach((f, i) => {
      expect(readFileSync(f).equals(before[i]?.bytes as Buffer)).toBe(true);
      expect(statSync(f).mtimeMs).toBe(before[i]?.mtime);
    });
  });
});
