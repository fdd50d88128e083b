/**
 * Export through the document service: a view streamed to CSV and compared cell by cell with what
 * `mkinspect dump --json` (its own process) shows for the same files; the current sort/filter order
 * exported as JSON; progress as a job; targets that exist, or are the document's own files, refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentService } from '../../electron/service/documentService.js';
import type { JobInfo } from '../../electron/shared/dto.js';
import { writeDemoPair } from '../../scripts/make-demo-pair.js';
import { parseCsv } from '../helpers/csv.js';
import { errorOf, newService, tempDir, top, unwrap } from '../helpers/service.js';
import { runMkinspect } from '../presence/helpers.js';

let service: DocumentService;
afterEach(() => service?.dispose());

interface DumpJson {
  views: { name: string; rows: Record<string, unknown>[] }[];
}

/** A CSV field against a dump --json value: strings as they are, numbers by value (L as text). */
export function sameValue(csv: string, json: unknown): boolean {
  if (typeof json === 'string') return csv === json;
  if (typeof json === 'number') return Object.is(Number(csv), json) || (Number.isNaN(json) && csv === 'NaN');
  return false;
}

describe('export', () => {
  it('writes a view to CSV equal, cell by cell, to mkinspect dump --json of the same files', async () => {
    const dir = tempDir('mk-export-');
    const { main, aside } = writeDemoPair(dir, 2000, 3);
    service = newService();
    const jobs: JobInfo[] = [];
    service.subscribe((e) => { if (e.type === 'job') jobs.push(e.job); });
    const doc = unwrap(await service.openDocument({ path: main }));
    const target = join(dir, 'log.csv');
    const r = unwrap(await service.exportView({ docId: doc.id, path: top('log'), format: 'csv', target }));
    expect(r).toMatchObject({ target, format: 'csv', rows: 2016, ordered: false });
    expect(jobs.at(-1)).toMatchObject({ kind: 'export', state: 'done', done: 2016, total: 2016 });

    const dump = await runMkinspect(['dump', '--json', main, '--aside', aside]);
    expect(dump.code).toBe(0);
    const expected = (JSON.parse(dump.stdout) as DumpJson).views.find((v) => v.name === 'log')?.rows ?? [];
    const csv = parseCsv(readFileSync(target, 'utf8'));
    const header = csv[0] ?? [];
    expect(header).toEqual(['t', 'sensor', 'value', 'flags']);
    expect(csv.length - 1).toBe(expected.length);
    let cells = 0;
    expected.forEach((row, i) => {
      header.forEach((name, c) => {
        const got = csv[i + 1]?.[c] ?? '';
        if (!sameValue(got, row[name])) throw new Error(`row ${i} ${name}: CSV ${got} vs dump ${JSON.stringify(row[name])}`);
        cells++;
      });
    });
    expect(cells).toBe(2016 * 4);
  });

  it('exports the current sort and filter as JSON, and refuses existing targets and the document itself', async () => {
    const dir = tempDir('mk-export-');
    const { main } = writeDemoPair(dir, 100, 0);
    service = newService();
    const doc = unwrap(await service.openDocument({ path: main }));
    const target = join(dir, 'sorted.json');
    const r = unwrap(await service.exportView({
      docId: doc.id, path: top('log'), format: 'json', target,
      sort: { column: 'value', direction: 'desc' }, filters: [{ column: 'sensor', op: 'eq', value: 'sensor-3' }],
    }));
    expect(r).toMatchObject({ ordered: true, rows: 13 });
    const rows = JSON.parse(readFileSync(target, 'utf8')) as { sensor: string; value: number }[];
    expect(rows).toHaveLength(13);
    expect(rows.every((x) => x.sensor === 'sensor-3')).toBe(true);
    expect(rows.map((x) => x.value)).toEqual([...rows.map((x) => x.value)].sort((a, b) => b - a));

    writeFileSync(join(dir, 'taken.csv'), 'keep me');
    expect(errorOf(await service.exportView({ docId: doc.id, path: top('log'), format: 'csv', target: join(dir, 'taken.csv') }))).toEqual({
      code: 'EXISTS', message: `${join(dir, 'taken.csv')} exists already: choose another name, or allow replacing it`,
    });
    expect(readFileSync(join(dir, 'taken.csv'), 'utf8')).toBe('keep me');
    expect(unwrap(await service.exportView({ docId: doc.id, path: top('log'), format: 'csv', target: join(dir, 'taken.csv'), overwrite: true })).rows).toBe(101);
    expect(errorOf(await service.exportView({ docId: doc.id, path: top('log'), format: 'csv', target: main, overwrite: true })).message).toBe('refusing to export over the document\'s own file demo.mk');
    expect(errorOf(await service.exportView({ docId: doc.id, path: top('log'), format: 'csv', target: join(dir, 'no', 'x.csv') })).code).toBe('IO');
  });
});
