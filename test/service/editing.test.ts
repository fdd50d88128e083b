/**
 * Editing in the document service, on scratch copies: a file opened read-write takes cell edits,
 * appended and deleted rows as pending changes (listed, shown over the committed rows), commits them
 * in one crash-safe commit (read back from disk by a fresh storage) or reverts them; bad values are
 * refused at once; the presence check refuses a read-write open or commit while another process holds
 * the file; extend mode with an aside commits into the aside and leaves the main file's bytes alone.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Storage } from '../../engine/core/read/storage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import type { DocumentService } from '../../electron/service/documentService.js';
import { writeDemoPair } from '../../scripts/make-demo-pair.js';
import { corpusFile, errorOf, newService, tempDir, top, unwrap } from '../helpers/service.js';
import { startFdHolder, type Child } from '../presence/helpers.js';

let service: DocumentService;
const children: Child[] = [];
afterEach(async () => {
  service?.dispose();
  for (const c of children.splice(0)) if (c.proc.exitCode === null) await c.stop();
});

function scratchRows100(): string {
  const path = join(tempDir('mk-edit-'), 'data.mk');
  copyFileSync(corpusFile('rows-100'), path);
  return path;
}

const big = top('rows');

describe('editing a file opened read-write', () => {
  it('keeps edits pending (listed, shown over the rows) until Commit writes them in one commit', async () => {
    const path = scratchRows100();
    service = newService();
    const doc = unwrap(await service.openDocument({ path, mode: 'readwrite' }));
    expect(doc).toMatchObject({ mode: 'readwrite', main: { mode: 'readwrite' }, pendingEdits: 0, live: { following: false } });
    const before = readFileSync(path);

    unwrap(await service.editCell({ docId: doc.id, path: big, row: 3, column: 'name', value: 'renamed' }));
    unwrap(await service.editCell({ docId: doc.id, path: big, row: 3, column: 'val', value: '-7' }));
    unwrap(await service.appendRow({ docId: doc.id, path: big }));
    unwrap(await service.editCell({ docId: doc.id, path: big, row: 100, column: 'id', value: '1000' }));
    const pending = unwrap(await service.deleteRows({ docId: doc.id, path: big, rows: [0] }));
    expect(pending.edits.map((e) => [e.kind, e.row, e.column, e.before, e.after])).toEqual([
      ['set', 3, 'name', 'row-3', 'renamed'],
      ['set', 3, 'val', '-410917740', '-7'],
      ['append', 100, null, null, 'id=1000'],
      ['delete', 0, null, null, null],
    ]);
    expect(readFileSync(path)).toEqual(before);

    const info = unwrap(await service.describeView({ docId: doc.id, path: big }));
    expect(info.rowCount).toBe(101);
    const w = unwrap(await service.getRows({ docId: doc.id, path: big, start: 0, count: 200 }));
    expect(w.total).toBe(101);
    expect(w.rows[0]?.edit).toEqual({ state: 'deleted', cells: [] });
    expect(w.rows[3]).toMatchObject({ edit: { state: 'changed', cells: [2, 1] }, cells: [{ t: 'I', v: 3 }, { t: 'I', v: -7 }, { t: 'S', text: 'renamed' }, { t: 'D', v: '-491.0' }] });
    expect(w.rows[100]).toMatchObject({ index: 100, edit: { state: 'added', cells: [0] }, cells: [{ t: 'I', v: 1000 }, { t: 'I', v: 0 }, { t: 'S', text: '' }, { t: 'D', v: '0.0' }] });
    expect(w.rows[4]?.edit).toBeUndefined();
    // The inspector shows pending values as they will be committed.
    expect(unwrap(await service.getCell({ docId: doc.id, path: big, row: 100, column: 'id' }))).toMatchObject({ text: '1000', number: { precise: '1000' } });
    expect(unwrap(await service.getCell({ docId: doc.id, path: big, row: 3, column: 'name' }))).toMatchObject({ text: 'renamed', bytes: { size: 7 } });
    expect(unwrap(await service.getCell({ docId: doc.id, path: big, row: 4, column: 'name' }))).toMatchObject({ text: 'row-4' });
    expect(errorOf(await service.getCell({ docId: doc.id, path: big, row: 101, column: 'id' })).message).toBe('row 101 is out of range 0..99 for rows');

    const commit = unwrap(await service.commitChanges({ docId: doc.id }));
    expect(commit.edits).toBe(4);
    expect(commit.generationAfter).not.toBe(commit.generationBefore);
    expect(unwrap(await service.listPending({ docId: doc.id })).edits).toEqual([]);
    const disk = Storage.open(new FileByteStore(path));
    const v = disk.view('rows');
    expect(v.rowCount).toBe(100);
    // Row 0 was deleted: old row 3 is now row 2, the appended row is last.
    expect([v.getInt(2, 0), v.getInt(2, 1), v.getString(2, 2)]).toEqual([3, -7, 'renamed']);
    expect([v.getInt(99, 0), v.getInt(99, 1), v.getString(99, 2)]).toEqual([1000, 0, '']);
    expect(v.getInt(0, 0)).toBe(1);
    disk.close();
    expect(unwrap(await service.describeView({ docId: doc.id, path: big })).rowCount).toBe(100);
  });

  it('refuses bad values at once, and Revert drops every pending edit', async () => {
    const path = scratchRows100();
    service = newService();
    const doc = unwrap(await service.openDocument({ path, mode: 'readwrite' }));
    expect(errorOf(await service.editCell({ docId: doc.id, path: big, row: 1, column: 'val', value: 'abc' }))).toEqual({ code: 'BAD_VALUE', message: 'expected an integer for val (I), but found "abc"' });
    expect(errorOf(await service.editCell({ docId: doc.id, path: big, row: 1, column: 'val', value: '2147483648' })).message).toBe('expected a 32-bit integer (-2147483648..2147483647) for val (I), but found "2147483648"');
    expect(errorOf(await service.editCell({ docId: doc.id, path: big, row: 1, column: 'nope', value: '1' })).message).toBe("rows has no column 'nope' (it has id, val, name, x)");
    expect(errorOf(await service.editCell({ docId: doc.id, path: big, row: 500, column: 'val', value: '1' })).message).toBe('row 500 is out of range 0..99 for rows');
    unwrap(await service.editCell({ docId: doc.id, path: big, row: 1, column: 'name', value: 'x' }));
    unwrap(await service.deleteRows({ docId: doc.id, path: big, rows: [5, 6] }));
    expect(unwrap(await service.listDocuments({}))[0]?.pendingEdits).toBe(3);
    expect(unwrap(await service.revertChanges({ docId: doc.id })).edits).toEqual([]);
    expect(errorOf(await service.commitChanges({ docId: doc.id })).message).toBe('there are no pending changes to commit');
    const w = unwrap(await service.getRows({ docId: doc.id, path: big, start: 1, count: 1 }));
    expect(w.rows[0]?.cells[2]).toMatchObject({ text: 'row-1' });
  });

  it('refuses a read-write open, and a commit, while another process holds the file (naming it)', async () => {
    const path = scratchRows100();
    const reader = await startFdHolder('r', path);
    children.push(reader);
    service = newService();
    const refused = errorOf(await service.openDocument({ path, mode: 'readwrite' }));
    expect(refused.code).toBe('BUSY');
    expect(refused.message).toMatch(new RegExp(`^cannot open data.mk read-write: a read-write commit rewrites bytes other processes may be reading: pid ${reader.pid} `));
    // Extend commits only append: a reader does not stop them; another writer does.
    const ext = unwrap(await service.openDocument({ path, mode: 'extend' }));
    unwrap(await service.closeDocument({ docId: ext.id }));
    const writer = await startFdHolder('r+', path);
    children.push(writer);
    expect(errorOf(await service.openDocument({ path, mode: 'extend' })).message).toContain(`another process writes these files, and two writers would corrupt them: pid ${writer.pid} `);
    await writer.stop();
    await reader.stop();

    const doc = unwrap(await service.openDocument({ path, mode: 'readwrite' }));
    unwrap(await service.editCell({ docId: doc.id, path: big, row: 0, column: 'name', value: 'late' }));
    const late = await startFdHolder('r', path);
    children.push(late);
    const before = readFileSync(path);
    const e = errorOf(await service.commitChanges({ docId: doc.id }));
    expect(e.code).toBe('BUSY');
    expect(e.message).toContain(`cannot commit to data.mk now: a read-write commit rewrites bytes other processes may be reading: pid ${late.pid}`);
    expect(readFileSync(path)).toEqual(before);
    expect(unwrap(await service.listPending({ docId: doc.id })).edits).toHaveLength(1);
    await late.stop();
    expect(unwrap(await service.commitChanges({ docId: doc.id })).edits).toBe(1);
  });
});

describe('editing in extend mode with an aside', () => {
  it('commits into the aside (the main file keeps its bytes); the aside grows by one commit', async () => {
    const { main, aside } = writeDemoPair(tempDir('mk-edit-'), 40, 1);
    service = newService();
    const mainBytes = readFileSync(main);
    const asideSize = readFileSync(aside).length;
    const doc = unwrap(await service.openDocument({ path: main, mode: 'extend' }));
    expect(doc).toMatchObject({ mode: 'extend', main: { mode: 'read' }, aside: { mode: 'extend' } });
    const log = top('log');
    const rows = unwrap(await service.describeView({ docId: doc.id, path: log })).rowCount;
    unwrap(await service.appendRow({ docId: doc.id, path: log }));
    unwrap(await service.editCell({ docId: doc.id, path: log, row: rows, column: 'sensor', value: 'manual' }));
    unwrap(await service.editCell({ docId: doc.id, path: log, row: rows, column: 'value', value: '-1.5e3' }));
    unwrap(await service.editCell({ docId: doc.id, path: log, row: 0, column: 't', value: '9007199254740993' }));
    unwrap(await service.commitChanges({ docId: doc.id }));
    expect(readFileSync(main)).toEqual(mainBytes);
    expect(readFileSync(aside).length).toBeGreaterThan(asideSize);
    const report = unwrap(await service.getAsideReport({ docId: doc.id }));
    expect(report.aside?.chain.commitsAfterBase).toBe(2);
    const disk = Storage.open(new FileByteStore(main), { aside: Storage.open(new FileByteStore(aside)) });
    const v = disk.view('log');
    expect(v.rowCount).toBe(rows + 1);
    expect([v.getString(rows, 1), v.getDouble(rows, 2)]).toEqual(['manual', -1500]);
    expect(v.getLong(0, 0)).toBe(9007199254740993n);
    disk.close();
  });
});
