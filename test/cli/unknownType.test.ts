/**
 * issue 13.4 through the CLI: a file with a type letter Metakit does not know (metakit-extra, written
 * by Metakit 2.4.9.8) is read instead of refused; dump, export and stats read the column as an int
 * and mark it as unknown; recursive layouts print as Metakit's mk::view layout does.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';
import { loadCase } from '../helpers/corpus.js';
import { EXTRA_DIR } from '../helpers/metakitExtra.js';

const nested = join(EXTRA_DIR, 'unknown-type-nested', 'data.mk');
const single = join(EXTRA_DIR, 'unknown-type', 'data.mk');
const OUT = join(ROOT, '.test-build', 'cli-unknown-type');

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('issue 13.4: unknown type letters in the CLI', () => {
  it('dump shows the column as `x:Q?` with its int values, and --json equals Metakit\'s expected.json', async () => {
    const table = await cli('dump', single);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').slice(0, 5)).toEqual(['t[x:Q]  3 rows', '#  x:Q?', '-  ----', '0    -1', '1   127']);
    const json = await cli('dump', '--json', single);
    expect(json.stdout).toBe(readFileSync(join(EXTRA_DIR, 'unknown-type', 'expected.json'), 'utf8'));
  });

  it('stats lists the unknown letters (table and JSON) and marks their property lines', async () => {
    const table = await cli('stats', nested);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('views:\n  v[name:S,n:Y,sub[k:I,w:Q]]  300 rows\n');
    expect(table.stdout).toContain("unknown type letters (read as I, as Metakit reads them):\n  v.n  stored 'Y', read as I\n  v.sub.w  stored 'Q', read as I\n");
    expect(table.stdout).toMatch(/\n {2}v\.n {7}I {7}1 cols {13}600 bytes {2}\(Y\? read as I\)\n/);
    expect(table.stdout).toMatch(/\n {2}v\.sub\.k {3}I .* bytes\n/);
    const json = JSON.parse((await cli('stats', '--json', nested)).stdout) as {
      unknownTypes: unknown[];
      properties: { path: string; type: string; storedType?: string }[];
    };
    expect(json.unknownTypes).toEqual([
      { path: 'v.n', storedType: 'Y', readAs: 'I' },
      { path: 'v.sub.w', storedType: 'Q', readAs: 'I' },
    ]);
    expect(json.properties.filter((p) => p.storedType).map((p) => [p.path, p.type, p.storedType])).toEqual([['v.n', 'I', 'Y'], ['v.sub.w', 'I', 'Q']]);
    expect(json.properties.find((p) => p.path === 'v.sub.k')).not.toHaveProperty('storedType');
  });

  it('check reports each unknown letter as an UNKNOWN_TYPE warning at the root walk, and the file as OK (exit 0)', async () => {
    const table = await cli('check', nested);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/: OK\n/);
    expect(table.stdout).toMatch(/warning: UNKNOWN_TYPE \(data\.mk, offset \d+, path v\.n\): property v\.n has the type letter Y, which Metakit does not know; it is read as an int \(I\)/);
    const json = JSON.parse((await cli('check', '--json', nested)).stdout) as { ok: boolean; problems: { code: string; path?: string; offset: number | null; severity: string }[] };
    expect(json.ok).toBe(true);
    const unknown = json.problems.filter((p) => p.code === 'UNKNOWN_TYPE');
    expect(unknown.map((p) => [p.severity, p.path])).toEqual([['warning', 'v.n'], ['warning', 'v.sub.w']]);
    expect(unknown.every((p) => typeof p.offset === 'number' && p.offset > 0)).toBe(true);
  });

  it('a file without unknown letters has none in stats', async () => {
    const json = JSON.parse((await cli('stats', '--json', loadCase('nested-3').mainPath)).stdout) as { unknownTypes: unknown[] };
    expect(json.unknownTypes).toEqual([]);
  });

  it('export writes the unknown-typed values as ints', async () => {
    mkdirSync(OUT, { recursive: true });
    const out = join(OUT, 'sub.json');
    const r = await cli('export', nested, '--view', 'v[2].sub', '--format', 'json', '--out', out);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual([{ k: 3, w: -40000 }]);
  });

  it('recursive layouts print as mk::view layout does: r[data:S,self[]] (dump table and stats)', async () => {
    const file = loadCase('recursive-subview').mainPath;
    expect((await cli('dump', file, '--view', 'r')).stdout.split('\n')[0]).toBe('r[data:S,self[]]  1 rows');
    expect((await cli('stats', file)).stdout).toContain('views:\n  n[name:S,kids[k:I,deep[z:S]]]  2 rows\n  r[data:S,self[]]  1 rows\n');
  });
});
