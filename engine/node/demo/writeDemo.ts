/**
 * `mkinspect demo DIR`: a demo database written by our writer. DIR/demo.mk holds a library catalogue
 * (strings, ints, doubles, two subviews), a starkit-like file tree (mk4vfs layout, deflated contents,
 * memos), a 1M-row sensor log and a view of every type with the awkward values; DIR/demo.mka is an
 * aside with a few commits made the seed's way (main opened read-only, aside in extend mode). Every
 * byte is the same on every run (same Node build: zlib output is part of the content).
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Storage } from '../../core/read/storage.js';
import type { WritableView } from '../../core/write/writableView.js';
import { FileByteStore } from '../fileByteStore.js';
import { openWritableFile } from '../openWritable.js';
import { allTypesAside, TYPES_LAYOUT, typesRows } from './allTypes.js';
import { BOOKS_LAYOUT, catalogue, type Book } from './catalogue.js';
import { appendSensorLog, LOG_LAYOUT } from './sensorLog.js';
import { DIRS_LAYOUT, starkitTree } from './starkit.js';

export interface DemoOptions {
  /** Rows of the sensor log (default 1,000,000). */
  logRows?: number;
  /** Replace demo.mk / demo.mka if they exist (default: refuse). */
  force?: boolean;
  /** fsync each commit (default true). */
  durable?: boolean;
}

export interface DemoViewSummary {
  name: string;
  layout: string;
  rows: number;
}

export interface DemoSummary {
  main: string;
  aside: string;
  mainSize: number;
  asideSize: number;
  views: DemoViewSummary[];
  /** What each aside commit added. */
  asideCommits: string[];
}

export const DEMO_MAIN = 'demo.mk';
export const DEMO_ASIDE = 'demo.mka';
export const DEFAULT_LOG_ROWS = 1_000_000;

function appendBook(view: WritableView, b: Book): void {
  view.append({ title: b.title, author: b.author, year: b.year, isbn: b.isbn, price: b.price, tags: b.tags, loans: b.loans });
}

/** The commits of the aside: new acquisitions, a returned loan, more rows of every type. */
const ASIDE_COMMITS: readonly { label: string; apply(view: (name: string) => WritableView): void }[] = [
  {
    label: 'books: 2 new acquisitions',
    apply(view) {
      const books = view('books');
      appendBook(books, { title: 'The Waste Land', author: 'T. S. Eliot', year: 1922, isbn: '978-0-14-118404-2', price: 9.99, tags: [{ tag: 'poetry' }, { tag: 'modernism' }], loans: [] });
      appendBook(books, { title: 'Ulysses', author: 'James Joyce', year: 1922, isbn: '978-0-19-953567-5', price: 14.5, tags: [{ tag: 'novel' }, { tag: 'modernism' }], loans: [] });
    },
  },
  {
    label: 'books: a loan of the newest book; types: 1 row',
    apply(view) {
      const books = view('books');
      books.getView(books.rowCount - 1, 'loans').append({ who: 'Virginia Woolf', date: 1_717_200_000_000n, returned: 0 });
      const types = view('types');
      types.append({ ...allTypesAside() });
    },
  },
  {
    label: 'books: the loan returned, a price corrected',
    apply(view) {
      const books = view('books');
      const row = books.rowCount - 1;
      books.getView(row, 'loans').set(0, { returned: 1 });
      books.set(row, { price: 12.75 });
    },
  },
];

export function writeDemo(dir: string, options: DemoOptions = {}): DemoSummary {
  const logRows = options.logRows ?? DEFAULT_LOG_ROWS;
  const durable = options.durable ?? true;
  if (!Number.isInteger(logRows) || logRows < 0) throw new RangeError(`log rows ${logRows} is not a non-negative integer`);
  mkdirSync(dir, { recursive: true });
  const main = join(dir, DEMO_MAIN);
  const aside = join(dir, DEMO_ASIDE);
  for (const f of [main, aside]) {
    if (!existsSync(f)) continue;
    if (!options.force) throw new RangeError(`${f} exists: remove it or pass --force`);
    rmSync(f);
  }

  const db = openWritableFile(main, { mode: 'readwrite', durable });
  try {
    const books = db.getAs(BOOKS_LAYOUT) as WritableView;
    for (const b of catalogue()) appendBook(books, b);
    const dirs = db.getAs(DIRS_LAYOUT) as WritableView;
    for (const d of starkitTree()) dirs.append({ name: d.name, parent: d.parent, files: d.files });
    const log = db.getAs(LOG_LAYOUT) as WritableView;
    appendSensorLog(log, logRows);
    const types = db.getAs(TYPES_LAYOUT) as WritableView;
    for (const r of typesRows()) types.append({ ...r });
    db.commit();
  } finally {
    db.close();
  }

  // The aside, the seed's way: main read-only, aside in extend mode, one commit each time.
  const asideCommits: string[] = [];
  for (const c of ASIDE_COMMITS) {
    // Delta diffs (the engine's default, stated so the demo's bytes do not follow a change of default).
    const m = openWritableFile(main, { mode: 'read', asideDiffs: 'delta' });
    const a = openWritableFile(aside, { mode: 'extend', durable });
    try {
      m.setAside(a);
      c.apply((name) => m.view(name));
      m.commit();
      a.commit();
      asideCommits.push(c.label);
    } finally {
      m.close();
      a.close();
    }
  }

  // What a reader sees: main + aside, read-only.
  const check = Storage.open(new FileByteStore(main), { aside: Storage.open(new FileByteStore(aside)) });
  try {
    const views = check.viewNames().map((name) => {
      const v = check.view(name);
      return { name, layout: `${name}[${v.description}]`, rows: v.rowCount };
    });
    return { main, aside, mainSize: statSync(main).size, asideSize: statSync(aside).size, views, asideCommits };
  } finally {
    check.close();
  }
}
