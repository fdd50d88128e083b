/**
 * `mkinspect replay` on the seed's own pattern (test/fixtures/replay-scenarios): its `commit -full`
 * with the aside attached is replayed as Metakit does it, so main and aside come out byte-identical
 * to Metakit's (the main file refers into the aside: alone it is refused, with the aside it reads
 * every row), while `mkinspect flush` on the same files stays the real, safe flush.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Storage } from '../../engine/core/read/storage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { cli, cliProcess } from '../helpers/cli.js';
import { loadCase, REPLAY_SCENARIOS_DIR } from '../helpers/corpus.js';

const work = mkdtempSync(join(tmpdir(), 'mk-cli-replay-scen-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const fixture = (name: string) => loadCase(name, REPLAY_SCENARIOS_DIR);

describe('mkinspect replay: the seed, up to Metakit\'s commit(1) with the aside attached', () => {
  const dir = join(work, 'seed');

  it('replays seed-1-flush-both in a separate process: main and aside are Metakit\'s bytes', () => {
    const c = fixture('seed-1-flush-both');
    const r = cliProcess('replay', join(c.dir, 'ops.json'), '--dir', dir, '--only', c.name);
    expect(r.stderr).toBe('');
    expect([r.code, r.stdout]).toEqual([0, `replayed ${(c.ops as unknown[]).length} operations; snapshots: seed-1-round, seed-1-flush-main, seed-1-flush-both\n`]);
    for (const name of ['seed-1-round', 'seed-1-flush-main', 'seed-1-flush-both']) {
      const theirs = fixture(name);
      for (const file of [theirs.expected.main, theirs.expected.aside].filter((f): f is string => f !== undefined)) {
        expect({ name, file, same: readFileSync(join(dir, name, file)).equals(readFileSync(join(theirs.dir, file))) }).toEqual({ name, file, same: true });
      }
    }
    // Metakit's "flush" left the aside as it was after the round.
    expect(readFileSync(join(dir, 'seed-1-flush-both', 'test.mka')).equals(readFileSync(join(dir, 'seed-1-round', 'test.mka')))).toBe(true);
  });

  it('the replayed main file alone is refused with ASIDE_MISSING (Metakit crashes on it)', async () => {
    expect(fixture('seed-1-flush-main').expected.error).toMatch(/^crash: Metakit was killed by SIGSEGV/);
    const r = await cli('dump', '--json', join(dir, 'seed-1-flush-main', 'test.mk'));
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^mkinspect: error ASIDE_MISSING: expected .* refers to aside diff \d+ and no aside is attached/);
  });

  it('with its aside it reads as Metakit reads it', async () => {
    const c = fixture('seed-1-flush-both');
    const snap = join(dir, c.name);
    const r = await cli('dump', '--json', join(snap, 'test.mk'), '--aside', join(snap, 'test.mka'));
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect((JSON.parse(r.stdout) as { views: unknown }).views).toEqual(c.expected.views);
  });

  it('mkinspect flush on the round\'s files is still the real flush: main alone holds every row', async () => {
    const flushDir = join(work, 'real-flush');
    mkdirSync(flushDir);
    for (const f of ['test.mk', 'test.mka']) copyFileSync(join(dir, 'seed-1-round', f), join(flushDir, f));
    const r = await cli('flush', join(flushDir, 'test.mk'), '--aside', join(flushDir, 'test.mka'), '--quiet');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const main = Storage.open(new FileByteStore(join(flushDir, 'test.mk')));
    expect(main.view('a').rowCount).toBe(2);
    main.close();
    const aside = Storage.open(new FileByteStore(join(flushDir, 'test.mka')));
    expect(aside.view('_C').rowCount).toBe(0);
    aside.close();
  });

  it('the help says that commit -full with an aside is replayed as Metakit does it', async () => {
    const r = await cli('replay', '--help');
    expect(r.stdout).toMatch(/commit -full with an aside attached/);
  });
});
