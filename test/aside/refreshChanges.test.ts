/**
 * What `Storage.refresh()` says changed when another writer commits into an aside. A delta aside
 * keeps each column's diff id across commits while the diff's chunks grow, so the column references
 * stay the same: a cell set in place (rows unchanged) must still be reported, for the edited view
 * only, and so must a change inside a subview (its columns are referenced from the subview column's
 * bytes). Regression: a set in a delta aside was reported as "no view changed".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Storage } from '../../engine/core/read/storage.js';
import type { AsideDiffMode } from '../../engine/core/write/writableStorage.js';
import type { WritableView } from '../../engine/core/write/writableView.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { openWritableFile } from '../../engine/node/openWritable.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setUp(mode: AsideDiffMode): { main: string; aside: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mk-refresh-'));
  dirs.push(dir);
  const main = join(dir, 'm.mk');
  const aside = join(dir, 'm.mka');
  const db = openWritableFile(main, { mode: 'readwrite' });
  const log = db.getAs('log[n:I,s:S]') as WritableView;
  for (let i = 0; i < 300; i++) log.append({ n: i, s: `row ${i}` });
  const books = db.getAs('books[title:S,tags[tag:S]]') as WritableView;
  for (let i = 0; i < 20; i++) books.append({ title: `book ${i}`, tags: [{ tag: 'a' }, { tag: 'b' }] });
  db.commit();
  db.close();
  // The aside with its first commit, as every test below starts from.
  commit(main, aside, mode, (view) => view('log').append({ n: 300, s: 'row 300' }));
  return { main, aside };
}

function commit(main: string, aside: string, mode: AsideDiffMode, edit: (view: (name: string) => WritableView) => void): void {
  const db = openWritableFile(main, { mode: 'read', asideDiffs: mode });
  const dba = openWritableFile(aside, { mode: 'extend' });
  try {
    db.setAside(dba);
    edit((name) => db.view(name));
    db.commit();
    dba.commit();
  } finally {
    db.close();
    dba.close();
  }
}

function openReader(main: string, aside: string): Storage {
  const a = Storage.open(new FileByteStore(aside));
  return Storage.open(new FileByteStore(main), { aside: a });
}

describe.each(['delta', 'whole'] as const)('refresh over a %s aside', (mode) => {
  it('reports a cell set in place, for the edited view only', () => {
    const { main, aside } = setUp(mode);
    const reader = openReader(main, aside);
    commit(main, aside, mode, (view) => view('log').set(5, { s: 'changed' }));
    const r = reader.refresh();
    expect(r.changed).toBe(true);
    expect(r.views).toEqual([expect.objectContaining({ name: 'log', rowsBefore: 301, rowsAfter: 301, columnsChanged: true })]);
    expect(reader.view('log').getString(5, 's')).toBe('changed');
    reader.close();
  });

  it('reports appends with the row counts, and nothing when nothing was committed', () => {
    const { main, aside } = setUp(mode);
    const reader = openReader(main, aside);
    commit(main, aside, mode, (view) => view('log').append({ n: 301, s: 'row 301' }));
    expect(reader.refresh().views).toEqual([expect.objectContaining({ name: 'log', rowsBefore: 301, rowsAfter: 302 })]);
    const again = reader.refresh();
    expect(again).toMatchObject({ changed: false, views: [] });
  });

  it('reports a change inside a subview as a change of the view holding it', () => {
    const { main, aside } = setUp(mode);
    const reader = openReader(main, aside);
    // First a commit that gives the subview's columns their diffs, then one that only edits them.
    commit(main, aside, mode, (view) => view('books').getView(3, 'tags').set(0, { tag: 'x' }));
    reader.refresh();
    commit(main, aside, mode, (view) => view('books').getView(3, 'tags').set(1, { tag: 'y' }));
    const r = reader.refresh();
    expect(r.views.map((v) => v.name)).toContain('books');
    expect(r.views.find((v) => v.name === 'books')).toMatchObject({ rowsBefore: 20, rowsAfter: 20, columnsChanged: true });
    const tags = reader.view('books').getView(3, 'tags');
    expect([tags.getString(0, 'tag'), tags.getString(1, 'tag')]).toEqual(['x', 'y']);
  });
});
