/** `mkinspect stats` and `stats --json`: the numbers checked against the files themselves. */
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StorageStats } from '../../engine/core/analysis/stats.js';
import { cli, cliProcess } from '../helpers/cli.js';
import { loadCase } from '../helpers/corpus.js';

async function statsJson(...args: string[]): Promise<StorageStats> {
  const r = await cli('stats', '--json', ...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as StorageStats;
}

/** Header, both tails and the root walk are referenced but belong to no property. */
const FIXED = 8 + 16;

describe('stats --json', () => {
  it('rows-100000: bytes per property + header/tails/root walk + free bytes = the data size', async () => {
    const c = loadCase('rows-100000');
    const s = await statsJson(c.mainPath);
    const size = statSync(c.mainPath).size;
    expect(s.main).toEqual({
      name: 'data.mk', size, base: 0, end: size, byteOrder: 'little-endian', format: 'new', chainGenerations: 1,
      referencedBytes: size, freeBytes: 0, overlaps: 0, firstOverlap: null,
    });
    expect(s.views).toEqual([{ name: 'big', layout: 'big[id:I,small:I,name:S]', rows: 100_000 }]);
    expect(s.properties.map((p) => [p.path, p.type, p.columns, p.bytes])).toEqual([
      ['big.id', 'I', 1, 400_000], ['big.small', 'I', 1, 50_000], ['big.name', 'S', 2, 738_890], ['big', 'V', 1, 27],
    ]);
    const rootLen = 31;
    const props = s.properties.reduce((n, p) => n + p.bytes, 0);
    expect(props + FIXED + rootLen + s.main.freeBytes).toBe(size);
    // 100,000 32-bit ids, 4-bit values mod 16, names "n0".."n99999" + NUL
    expect(400_000).toBe(100_000 * 4);
    expect(50_000).toBe(100_000 / 2);
  });

  it('extend-5: six chain generations; everything older than the last generation is free', async () => {
    const c = loadCase('extend-5');
    const s = await statsJson(c.mainPath);
    expect(s.main.chainGenerations).toBe(6);
    expect(s.main.referencedBytes + s.main.freeBytes).toBe(s.main.end - s.main.base);
    expect(s.main.freeBytes).toBeGreaterThan(0);
    const props = s.properties.reduce((n, p) => n + p.bytes, 0);
    expect(props + FIXED).toBeLessThan(s.main.referencedBytes);
  });

  it('rw-freespace-2: free bytes after a delete, referenced + free = size', async () => {
    const c = loadCase('rw-freespace-2');
    const s = await statsJson(c.mainPath);
    expect(s.main.size).toBe(36_172);
    expect(s.main.referencedBytes + s.main.freeBytes).toBe(36_172);
    expect(s.main.freeBytes).toBe(24_091);
  });

  it('starkit-prefixed: base and end, the prefix is not data', async () => {
    const c = loadCase('starkit-prefixed');
    const s = await statsJson(c.mainPath);
    expect([s.main.base, s.main.end, s.main.size]).toEqual([83, 277, 277]);
    expect(s.main.referencedBytes + s.main.freeBytes).toBe(277 - 83);
  });

  it('regress-reversed: old format, big-endian', async () => {
    const s = await statsJson(loadCase('regress-reversed').mainPath);
    expect([s.main.format, s.main.byteOrder]).toEqual(['old (pre-2.0)', 'big-endian']);
  });

  it('aside-4: main + aside sizes, diff entries, aside bytes per property; the aside\'s own free space', async () => {
    const c = loadCase('aside-4');
    const s = await statsJson(c.mainPath, '--aside', c.asidePath as string);
    expect(s.main.size).toBe(statSync(c.mainPath).size);
    expect(s.aside?.size).toBe(statSync(c.asidePath as string).size);
    expect(s.asideDiffs).toBe(21);
    expect(s.properties.map((p) => [p.path, p.bytes, p.asideBytes])).toEqual([['a.i', 0, 116], ['a', 0, 9]]);
    const aside = s.aside as StorageStats['main'];
    expect(aside.referencedBytes + aside.freeBytes).toBe(aside.end - aside.base);
    expect(aside.referencedBytes).toBeGreaterThan(FIXED);
  });
});

describe('stats (text)', () => {
  it('rows-100000 in a child process', () => {
    const r = cliProcess('stats', loadCase('rows-100000').mainPath);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'main: data.mk  1,188,972 bytes',
      '  format new, little-endian, base 0, end of data 1188972',
      "  chain generations 1: every commit since the file's header was written (its creation, or the last flush or read-write commit), that one included",
      '  referenced 1,188,972 bytes, free 0 bytes',
      '',
      'views:',
      '  big[id:I,small:I,name:S]  100,000 rows',
      '',
      'bytes per property:',
      '  big.id     I       1 cols         400,000 bytes',
      '  big.small  I       1 cols          50,000 bytes',
      '  big.name   S       2 cols         738,890 bytes',
      '  big        V       1 cols              27 bytes',
      '',
    ].join('\n'));
  }, 60_000);

  it('with an aside: both files and the diff entries', async () => {
    const c = loadCase('aside-4');
    const r = await cli('stats', c.mainPath, '--aside', c.asidePath as string);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('aside: aside.mka  1,428 bytes\n');
    expect(r.stdout).toContain('  diff entries 21\n');
    expect(r.stdout).toContain('  a.i       S       2 cols               0 bytes  +116 from aside\n');
  });
});
