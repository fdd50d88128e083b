/**
 * `mkinspect check` and `mkinspect recover` on damaged files: the corpus' cut and zeroed files, and a
 * file torn the way Metakit tears a growing read-write commit (its early skip tail makes the whole
 * file look empty to Metakit). Recovery finds the last intact generation and never modifies the input.
 */
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeSkipTail } from '../../engine/core/read/tails.js';
import { Storage } from '../../engine/core/read/storage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { CORPUS_DIR, loadCase } from '../helpers/corpus.js';
import { readModel } from '../helpers/model.js';
import { runMkinspect, snapshot } from '../presence/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mk-recover-'));
process.env.MKINSPECT_DATA_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rowsOf(path: string): Record<string, unknown[]> {
  const s = Storage.open(new FileByteStore(path));
  try {
    return readModel(s) as Record<string, unknown[]>;
  } finally {
    s.close();
  }
}

describe('check and recover', () => {
  for (const [name, file] of [['damaged-trunc-mid-commit', 'trunc3.mk'], ['damaged-tail-zeroed', 'tail0.mk'], ['damaged-trunc-last-byte', 'trunc1.mk']] as const) {
    it(`${name}: check reports TRUNCATED, recover extracts the last intact commit`, async () => {
      const input = join(dir, `${name}.mk`);
      copyFileSync(join(CORPUS_DIR, name, file), input);
      const before = snapshot(input);
      const check = await runMkinspect(['check', input, '--json']);
      expect(check.code).toBe(1);
      const report = JSON.parse(check.stdout) as { ok: boolean; problems: { code: string }[]; recoverable: { end: number } };
      expect(report.ok).toBe(false);
      expect(report.problems[0]?.code).toBe('TRUNCATED');
      expect(report.recoverable.end).toBe(128);
      const out = join(dir, `${name}.recovered.mk`);
      const rec = await runMkinspect(['recover', input, '--out', out]);
      expect(rec.code).toBe(0);
      expect(snapshot(input)).toEqual(before);
      // The intact first extend commit is exactly corpus case damaged-trunc-at-commit1.
      const expected = loadCase('damaged-trunc-at-commit1');
      expect(readFileSync(out)).toEqual(readFileSync(expected.mainPath));
      expect((await runMkinspect(['check', out])).code).toBe(0);
    });
  }

  it('a read-write commit torn after Metakit\'s early skip tail (Metakit sees an empty file) is recovered', async () => {
    const input = join(dir, 'torn-rw.mk');
    copyFileSync(join(CORPUS_DIR, 'rw-1-initial', 'rw.mk'), input);
    const size = readFileSync(input).length;
    // Metakit's growth commit: the file is extended to L + 8 with a skip tail (offset L) written first.
    const L = size + 500;
    appendFileSync(input, new Uint8Array(L - size));
    appendFileSync(input, encodeSkipTail(L));
    const check = await runMkinspect(['check', input, '--json']);
    expect(check.code).toBe(1);
    const out = join(dir, 'torn-rw.recovered.mk');
    expect((await runMkinspect(['recover', input, '--out', out])).code).toBe(0);
    expect(rowsOf(out)).toEqual(rowsOf(join(CORPUS_DIR, 'rw-1-initial', 'rw.mk')));
  });

  it('check is clean on intact files and lists extend-mode commits', async () => {
    const r = await runMkinspect(['check', join(CORPUS_DIR, 'extend-5', 'ext.mk'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, problems: [], generations: 6, views: { log: 6 } });
  });

  it('recover refuses an existing --out and a foreign file', async () => {
    const out = join(dir, 'exists.mk');
    copyFileSync(join(CORPUS_DIR, 'str-basic', 'data.mk'), out);
    expect((await runMkinspect(['recover', join(CORPUS_DIR, 'damaged-tail-zeroed', 'tail0.mk'), '--out', out])).code).toBe(2);
    const foreign = await runMkinspect(['recover', join(CORPUS_DIR, 'damaged-not-metakit', 'text.mk'), '--out', join(dir, 'never.mk')]);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/nothing to recover/);
  });
});
