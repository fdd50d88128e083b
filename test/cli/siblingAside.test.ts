/**
 * Issue 14 (item 1): `mkinspect` attaches `x.mka` next to `x.mk` as the app does, so the CLI and the
 * document service show the same rows for every document `npm start` opens (scripts/start.js): the
 * demo database with its aside, the sample starkit, the corpus files and a main file with its aside
 * under sibling names. Rows are compared cell by cell (first, middle and last rows of every view, the
 * aside's rows, one level of subviews). Each command says on stderr that it read the aside;
 * `--no-aside` reads the main file alone (as the app's detach does) and `--aside X` still overrides.
 */
import { copyFileSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentService } from '../../electron/service/documentService.js';
import type { CellDto, ViewPath } from '../../electron/shared/dto.js';
import { writeStarkit } from '../../scripts/make-starkit.js';
import { cli, cliProcess, ROOT } from '../helpers/cli.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { newService, unwrap } from '../helpers/service.js';

type Row = Record<string, unknown>;
interface Dumped { main: string; aside?: string; views: { name: string; layout: string; rows: Row[] }[] }

let dir: string;
let service: DocumentService;
/** The documents of `npm start`, and whether an aside lies next to each. */
let documents: { label: string; path: string; sibling: string | null }[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mk-sibling-'));
  // The demo as `npm start` writes it (a real child process), with a shorter sensor log.
  const demo = cliProcess('demo', dir, '--log-rows', '3000');
  expect(demo.code).toBe(0);
  writeStarkit(join(dir, 'sample.kit'), readFileSync(join(ROOT, 'build', 'icon.png')));
  copyFileSync(join(CORPUS_DIR, 'aside-4', 'main.mk'), join(dir, 'with-aside.mk'));
  copyFileSync(join(CORPUS_DIR, 'aside-4', 'aside.mka'), join(dir, 'with-aside.mka'));
  const corpus = (c: string): string => join(CORPUS_DIR, c, 'data.mk');
  documents = [
    { label: 'demo.mk', path: join(dir, 'demo.mk'), sibling: join(dir, 'demo.mka') },
    { label: 'sample.kit', path: join(dir, 'sample.kit'), sibling: null },
    ...['nested-3', 'all-types', 'str-long', 'bytes-values'].map((c) => ({ label: c, path: corpus(c), sibling: null })),
    { label: 'with-aside.mk', path: join(dir, 'with-aside.mk'), sibling: join(dir, 'with-aside.mka') },
  ];
  service = newService();
}, 120_000);

afterAll(() => {
  service?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const asideLine = (main: string, aside: string, doing = `reading ${main} through its aside ${aside}`): string =>
  `mkinspect: ${doing} (found next to it; --no-aside: the main file alone)\n`;

/** The same value? `dump --json` (corpus schema) against the service's cell. */
function sameValue(type: string, dumped: unknown, cell: CellDto | undefined): boolean {
  if (!cell || cell.t === 'error') return false;
  const text = (t: string): number => ({ Inf: Infinity, '+Inf': Infinity, '-Inf': -Infinity }[t] ?? Number(t));
  const num = (v: unknown): number => (typeof v === 'number' ? v : text((v as { float: string }).float));
  switch (cell.t) {
    case 'I': return cell.v === dumped;
    case 'L': return cell.v === dumped;
    case 'F': return Object.is(Math.fround(text(cell.v)), Math.fround(num(dumped)));
    case 'D': return Object.is(text(cell.v), num(dumped));
    case 'S': {
      const s = dumped as string;
      return cell.bytes === new TextEncoder().encode(s).length && (cell.truncated ? s.startsWith(cell.text) : s === cell.text);
    }
    case 'B': {
      const hex = (dumped as { hex: string }).hex;
      return cell.size === hex.length / 2 && hex.startsWith(cell.hex);
    }
    case 'V': return type === 'V' && cell.rows === (dumped as Row[]).length;
  }
}

/** Compares sampled rows of one view (and one level of its subviews) with the service. */
async function compareRows(docId: string, path: ViewPath, rows: Row[], fields: { name: string; type: string }[], extra: number[], depth = 0): Promise<number> {
  const n = rows.length;
  const sample = [...new Set([0, 1, 2, Math.floor(n / 2), n - 2, n - 1, ...extra].filter((i) => i >= 0 && i < n))];
  let cells = 0;
  for (const i of sample) {
    const w = unwrap(await service.getRows({ docId, path, start: i, count: 1 }));
    expect(w.viewRows, `${path.view} rows`).toBe(n);
    const got = w.rows[0]?.cells ?? [];
    fields.forEach((f, p) => {
      if (!sameValue(f.type, rows[i]?.[f.name], got[p])) {
        throw new Error(`${JSON.stringify(path)} row ${i} ${f.name}: dump --json ${JSON.stringify(rows[i]?.[f.name]).slice(0, 120)} vs service ${JSON.stringify(got[p]).slice(0, 120)}`);
      }
      cells++;
    });
    if (depth > 0) continue;
    for (const f of fields.filter((x) => x.type === 'V')) {
      const sub = rows[i]?.[f.name] as Row[];
      if (sub.length === 0) continue;
      const subPath = { view: path.view, steps: [...path.steps, { row: i, prop: f.name }] };
      const info = unwrap(await service.describeView({ docId, path: subPath }));
      cells += await compareRows(docId, subPath, sub, info.columns, [], depth + 1);
    }
  }
  return cells;
}

describe('issue 14: the CLI and the service show the same rows for every demo document', () => {
  it('start.js still opens these documents', () => {
    const start = readFileSync(join(ROOT, 'scripts', 'start.js'), 'utf8');
    for (const c of ['nested-3', 'all-types', 'str-long', 'bytes-values']) expect(start).toContain(`corpus('${c}')`);
    for (const f of ['sample.kit', "'with-aside.mk'", "'with-aside.mka'", "'demo.mka'"]) expect(start).toContain(f);
  });

  it('dump --json (aside found next to the file) equals the service opening the same path', async () => {
    const report: string[] = [];
    for (const d of documents) {
      const r = await cli('dump', '--json', d.path);
      expect(r.code, d.label).toBe(0);
      expect(r.stderr, d.label).toBe(d.sibling ? asideLine(d.path, d.sibling) : '');
      const dumped = JSON.parse(r.stdout) as Dumped;
      const doc = unwrap(await service.openDocument({ path: d.path }));
      expect(doc.aside?.path ?? null, d.label).toBe(d.sibling);
      expect(dumped.aside ?? null, d.label).toBe(d.sibling ? (d.sibling.split('/').pop() as string) : null);
      const tree = unwrap(await service.listViews({ docId: doc.id }));
      expect(tree.map((v) => [v.name, v.rows]), d.label).toEqual(dumped.views.map((v) => [v.name, v.rows.length]));
      let cells = 0;
      for (const v of dumped.views) {
        const node = tree.find((t) => t.name === v.name);
        // The demo's aside rows (books 200, 201; types 11) are among the compared ones.
        cells += await compareRows(doc.id, { view: v.name, steps: [] }, v.rows, node?.columns ?? [], [200, 201, 11]);
      }
      report.push(`${d.label} ${dumped.views.map((v) => `${v.name}=${v.rows.length}`).join(' ')} (${cells} cells)`);
      unwrap(await service.closeDocument({ docId: doc.id }));
    }
    console.log(`CLI = service: ${report.join('; ')}`);
  }, 120_000);

  it('demo.mk: 202 books through the aside, 200 with --no-aside — as the service with the aside attached and detached', async () => {
    const main = join(dir, 'demo.mk');
    const books = (out: string): number => ((JSON.parse(out) as Dumped).views.find((v) => v.name === 'books')?.rows.length ?? -1);
    const withAside = await cli('dump', '--json', main);
    const alone = await cli('dump', '--json', main, '--no-aside');
    expect([books(withAside.stdout), books(alone.stdout), alone.stderr]).toEqual([202, 200, '']);
    const doc = unwrap(await service.openDocument({ path: main }));
    const rowsOf = async (): Promise<number | null | undefined> => unwrap(await service.listViews({ docId: doc.id })).find((v) => v.name === 'books')?.rows;
    expect(await rowsOf()).toBe(202);
    unwrap(await service.setAsideAttached({ docId: doc.id, attached: false }));
    expect(await rowsOf()).toBe(200);
    unwrap(await service.closeDocument({ docId: doc.id }));
    // --aside names another aside: that one, and no line about a sibling.
    const explicit = await cli('dump', '--json', join(dir, 'with-aside.mk'), '--aside', join(CORPUS_DIR, 'aside-3', 'aside.mka'));
    expect([explicit.code, explicit.stderr]).toEqual([0, '']);
    expect((JSON.parse(explicit.stdout) as Dumped).aside).toBe('aside.mka');
  });

  it('a symbolic link to demo.mk: the aside next to the real file, as the service finds it', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'mk-link-'));
    try {
      const link = join(elsewhere, 'link.mk');
      symlinkSync(join(dir, 'demo.mk'), link);
      const r = await cli('dump', '--json', link);
      expect([r.code, r.stderr]).toEqual([0, asideLine(link, realpathSync(join(dir, 'demo.mka')))]);
      expect((JSON.parse(r.stdout) as Dumped).views.find((v) => v.name === 'books')?.rows).toHaveLength(202);
      const doc = unwrap(await service.openDocument({ path: link }));
      expect(doc.aside?.path).toBe(realpathSync(join(dir, 'demo.mka')));
      unwrap(await service.closeDocument({ docId: doc.id }));
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('a real child process prints the one stderr line, the rows on stdout', () => {
    const main = join(dir, 'demo.mk');
    const r = cliProcess('dump', main, '--view', 'books', '--limit', '0');
    expect(r).toEqual({ code: 0, stderr: asideLine(main, join(dir, 'demo.mka')), stdout: `books[title:S,author:S,year:I,isbn:S,price:D,tags[tag:S],loans[who:S,date:L,returned:I]]  202 rows\n#  title:S  author:S  year:I  isbn:S  price:D  tags:V  loans:V\n-  -------  --------  ------  ------  -------  ------  -------\n… 202 more rows (--limit)\n` });
  }, 60_000);
});

describe('issue 14: stats, check, history, export, watch and readers attach the sibling too', () => {
  const main = (): string => join(dir, 'demo.mk');
  const aside = (): string => join(dir, 'demo.mka');

  it.each([
    ['stats', (m: string) => ['stats', m], 'reading', (out: string) => expect(out).toContain('books[title:S,author:S,year:I,isbn:S,price:D,tags[tag:S],loans[who:S,date:L,returned:I]]  202 rows')],
    ['check', (m: string) => ['check', m], 'checking', (out: string) => expect(out).toContain('view books: 202 rows read')],
    ['history', (m: string) => ['history', m], 'history', (out: string) => expect(out).toMatch(/demo\.mka \(with .*demo\.mk\): 3 generation\(s\)\n[^]*\n\s+3\s+9\d{3}\s+\d+\s+books=202 /)],
    ['export', (m: string) => ['export', m, '--view', 'books', '--format', 'json', '--out', join(dir, 'books.json')], 'exporting', (out: string) => expect(out).toBe(`exported 202 rows of books to ${join(dir, 'books.json')}\n`)],
    ['watch', (m: string) => ['watch', m, '--count', '0'], 'watching', (out: string) => expect(out).toMatch(/ generation \d+\+9\d{3}: books=202 dirs=7 log=3000 types=12\n$/)],
    ['readers', (m: string) => ['readers', m], 'readers', (out: string) => expect(out).toMatch(/\naside {2}\S+demo\.mka {2}[\d,]+ bytes, newest generation ends at \d+, 3 on its chain\n/)],
  ] as const)('%s', async (_name, argv, verb, check) => {
    const doing = {
      reading: `reading ${main()} through its aside ${aside()}`,
      checking: `checking ${main()} with its aside ${aside()}`,
      history: `listing the generations of ${aside()}, the aside of ${main()}, each read with it`,
      exporting: `exporting from ${main()} read through its aside ${aside()}`,
      watching: `watching ${main()} and its aside ${aside()}`,
      readers: `listing who holds ${main()} and its aside ${aside()}`,
    }[verb];
    const r = await cli(...argv(main()));
    expect([r.code, r.stderr]).toEqual([0, asideLine(main(), aside(), doing)]);
    check(r.stdout);
    const alone = await cli(...argv(main()), '--no-aside');
    expect([alone.code, alone.stderr]).toEqual([0, '']);
    expect(alone.stdout).not.toContain('demo.mka');
  });

  it('an aside next to the file that does not fit is left out with a line saying why (the app shows a notice)', async () => {
    const m = join(dir, 'misfit.mk');
    copyFileSync(join(dir, 'sample.kit'), m);
    copyFileSync(join(CORPUS_DIR, 'damaged-not-metakit', 'text.mk'), join(dir, 'misfit.mka'));
    const r = await cli('dump', m, '--limit', '0');
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')).toEqual([
      asideLine(m, join(dir, 'misfit.mka')).trimEnd(),
      expect.stringMatching(new RegExp(`^mkinspect: the aside ${join(dir, 'misfit.mka')} was not attached \\(NOT_METAKIT: .*\\); reading ${m} alone$`)),
      '',
    ]);
    expect(r.stdout).toMatch(/^dirs\[name:S,parent:I,files\[/);
    const doc = unwrap(await service.openDocument({ path: m }));
    expect([doc.aside, doc.notice]).toEqual([null, expect.stringMatching(/^the aside misfit\.mka was not attached/)]);
    unwrap(await service.closeDocument({ docId: doc.id }));
  });
});
