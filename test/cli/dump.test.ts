/** `mkinspect dump`: the corpus JSON schema, the table, view paths, and bad input (exit 2, stderr only). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { singleViewFile, ascii, hex } from '../helpers/bytes.js';
import { cli, cliProcess, ROOT } from '../helpers/cli.js';
import { loadCase } from '../helpers/corpus.js';

const SCRATCH = join(ROOT, '.test-build', 'cli');

function scratchFile(name: string, bytes: Uint8Array): string {
  mkdirSync(SCRATCH, { recursive: true });
  const path = join(SCRATCH, name);
  writeFileSync(path, bytes);
  return path;
}

describe('dump --json equals expected.json', () => {
  for (const name of ['str-basic', 'all-types', 'nested-3', 'starkit-prefixed', 'regress-reversed', 'extend-5', 'memo-threshold', 'aside-4', 'aside-flush-both']) {
    it(`${name} (in-process)`, async () => {
      const c = loadCase(name);
      const r = await cli('dump', '--json', c.mainPath, ...(c.asidePath ? ['--aside', c.asidePath] : []));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(c.expectedText);
    });
  }

  it('aside-4 as a real child process: node bin/mkinspect.js dump --json main.mk --aside aside.mka', () => {
    const c = loadCase('aside-4');
    const r = cliProcess('dump', '--json', c.mainPath, '--aside', c.asidePath as string);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(c.expectedText);
  }, 60_000);

  it('rows-1000 as a real child process', () => {
    const c = loadCase('rows-1000');
    const r = cliProcess('dump', '--json', c.mainPath);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(c.expectedText);
  }, 60_000);
});

describe('dump table and view paths', () => {
  const nested = loadCase('nested-3').mainPath;

  it('a table per view with row numbers, type letters and subview sizes', async () => {
    const r = await cli('dump', nested);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'top[name:S,kids[name:S,n:I,leaves[v:D,tag:S]]]  4 rows',
      '#  name:S  kids:V',
      '-  ------  ------',
      '0  root-a  3 rows',
      '1  root-b  0 rows',
      '2  root-c  1 rows',
      '3  root-d  0 rows',
      '',
    ].join('\n'));
  });

  it('--view top[0].kids and top[2].kids[0].leaves', async () => {
    const kids = await cli('dump', nested, '--view', 'top[0].kids');
    expect(kids.code).toBe(0);
    expect(kids.stdout.split('\n').slice(0, 6)).toEqual([
      'top[0].kids[name:S,n:I,leaves[v:D,tag:S]]  3 rows',
      '#  name:S  n:I  leaves:V',
      '-  ------  ---  --------',
      '0  a1        1    2 rows',
      '1  a2        2    0 rows',
      '2  a3        3    1 rows',
    ]);
    const leaves = await cli('dump', nested, '--view', 'top[2].kids[0].leaves');
    expect(leaves.stdout.split('\n').slice(0, 6)).toEqual([
      'top[2].kids[0].leaves[v:D,tag:S]  3 rows',
      '#  v:D   tag:S',
      '-  ----  -----',
      '0  NaN',
      '1   0.0  z',
      '2  -0.0  w',
    ]);
  });

  it('--limit cuts the table and says how many rows are left', async () => {
    const r = await cli('dump', loadCase('rows-100000').mainPath, '--limit', '2');
    expect(r.stdout).toBe([
      'big[id:I,small:I,name:S]  100000 rows',
      '#  id:I  small:I  name:S',
      '-  ----  -------  ------',
      '0     0        0  n0',
      '1     1        7  n1',
      '… 99998 more rows (--limit)',
      '',
    ].join('\n'));
  });

  it('B cells show length and the first bytes; control characters are escaped', async () => {
    const f = scratchFile('cells.mk', singleViewFile('t[s:S,b:B]', 1, (b) => {
      const s = b.add(ascii('a\tb\0'));
      const ss = b.add(hex('04 00 00 00 00 00'));
      const d = b.add(hex('00 01 02 03 04 05 06 07 08 09'));
      const ds = b.add(hex('0a'));
      return [4, s, 6, ss, 0, 10, d, 1, ds, 0];
    }));
    const r = await cli('dump', f);
    expect(r.stdout.split('\n')[3]).toBe('0  a\\x09b  10b 0001020304050607…');
  });

  it('bad view paths: exit 2, `error BAD_ARGUMENT` on stderr (issue 13), nothing on stdout', async () => {
    for (const [path, message] of [
      ['top[9].kids', 'mkinspect: error BAD_ARGUMENT: row 9 is out of range 0..3 for top\n'],
      ['top.kids', "mkinspect: error BAD_ARGUMENT: view path 'top.kids': '.kids' needs a row number before it, e.g. view[0].kids\n"],
      ['top[0]', "mkinspect: error BAD_ARGUMENT: cannot parse view path 'top[0]' (expected view[row].subview...)\n"],
      ['[0]', "mkinspect: error BAD_ARGUMENT: view path '[0]' must start with a view name\n"],
      ['nope', "mkinspect: error BAD_ARGUMENT: data.mk has no view 'nope' (views: top)\n"],
      ['top[0].name', 'mkinspect: error BAD_ARGUMENT: property top.name is of type S, not V\n'],
    ] as const) {
      const r = await cli('dump', nested, '--view', path);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', message]);
    }
  });
});

describe('bad input: exit code 2, `error CODE` on stderr, nothing on stdout', () => {
  it('a file that is not Metakit (in-process and child process)', async () => {
    const path = loadCase('damaged-not-metakit').mainPath;
    for (const r of [await cli('dump', '--json', path), cliProcess('dump', '--json', path), await cli('dump', path), await cli('stats', path), await cli('stats', '--json', path)]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^mkinspect: error NOT_METAKIT: expected a Metakit datafile .*: not a Metakit datafile \(file \S+, offset 0\)\n$/);
    }
  }, 60_000);

  it('a torn file names the last intact commit', async () => {
    const r = await cli('dump', '--json', loadCase('damaged-trunc-mid-commit').mainPath);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^mkinspect: error TRUNCATED: .*the last intact commit ends at 128/);
  });

  it('damage found while dumping (not at open) still leaves stdout empty', async () => {
    const f = scratchFile('bad-nul.mk', singleViewFile('t[s:S]', 2, (b) => {
      const d = b.add(ascii('ok\0xy'));
      const sz = b.add(hex('23'));
      return [5, d, 1, sz, 0];
    }));
    for (const args of [['dump', '--json', f], ['dump', f], ['stats', f]]) {
      const r = await cli(...args);
      if (args[0] === 'stats') {
        // stats does not read string contents: it succeeds
        expect(r.code).toBe(0);
        continue;
      }
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toBe(`mkinspect: error BAD_BYTES: expected string row 1 of t.s to end with a NUL byte, but found 0x79 (offset ${8 + 4}, path t.s)\n`);
    }
  });

  it('a main file that needs its aside, opened alone', async () => {
    const c = loadCase('aside-flush-main');
    const r = await cli('dump', '--json', c.mainPath);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^mkinspect: error ASIDE_MISSING: expected .* refers to aside diff \d+ and no aside is attached/);
  });

  it('a missing file: error IO', async () => {
    const r = await cli('dump', '--json', join(SCRATCH, 'does-not-exist.mk'));
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^mkinspect: error IO: expected to open .*does-not-exist\.mk read-only, but ENOENT/);
  });

  it('bad arguments: exit 2', async () => {
    expect((await cli('dump')).code).toBe(2);
    expect((await cli('dump', 'x.mk', '--limit', '-1')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/dump/);
  });
});
