/**
 * `mkinspect replay --aside-diffs whole|delta`: by default (and with `whole`) aside commits are
 * Metakit's own, so the corpus aside scenarios replay byte for byte; with `delta` the same scenarios
 * give other aside bytes but main + aside read exactly as Metakit's files do (the views of
 * expected.json). A bad mode is a usage error.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { loadCase } from '../helpers/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'mk-cli-replay-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Main + aside scenarios whose expected.json shows the main file's views read through the aside. */
let runs = 0;

const CASES = ['aside-0-init', 'aside-1', 'aside-2', 'aside-3', 'aside-4', 'aside-flush-both'];

async function replayCase(name: string, mode?: string): Promise<{ dir: string; out: string }> {
  const c = loadCase(name);
  const dir = join(work, `${name}-${mode ?? 'default'}-${runs++}`);
  const r = await cli('replay', join(c.dir, 'ops.json'), '--dir', dir, '--only', name, ...(mode ? ['--aside-diffs', mode] : []));
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return { dir: join(dir, name), out: r.stdout };
}

describe('mkinspect replay --aside-diffs', () => {
  for (const name of CASES) {
    it(`${name}: delta diffs read back as Metakit's files do`, async () => {
      const c = loadCase(name);
      const { dir } = await replayCase(name, 'delta');
      const r = await cli('dump', '--json', join(dir, c.expected.main), '--aside', join(dir, c.expected.aside as string));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect((JSON.parse(r.stdout) as { views: unknown }).views).toEqual(c.expected.views);
    });
  }

  it('default and whole: aside-4 is byte-identical to Metakit; delta writes other aside bytes', async () => {
    const c = loadCase('aside-4');
    const theirs = readFileSync(c.asidePath as string);
    const byDefault = await replayCase('aside-4');
    const whole = await replayCase('aside-4', 'whole');
    const delta = await replayCase('aside-4', 'delta');
    expect(readFileSync(join(byDefault.dir, 'aside.mka')).equals(theirs)).toBe(true);
    expect(readFileSync(join(whole.dir, 'aside.mka')).equals(theirs)).toBe(true);
    expect(readFileSync(join(delta.dir, 'aside.mka')).equals(theirs)).toBe(false);
    // The main file is never written through an aside, whatever the diffs.
    expect(readFileSync(join(delta.dir, 'main.mk')).equals(readFileSync(c.mainPath))).toBe(true);
  });

  it('rejects another mode (exit 2, nothing replayed)', async () => {
    const c = loadCase('aside-1');
    const r = await cli('replay', join(c.dir, 'ops.json'), '--dir', join(work, 'bad'), '--aside-diffs', 'chunks');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--aside-diffs must be whole or delta, not 'chunks'");
  });
});
