/**
 * Regression tests of issue 13 item 1: `check` on damaged files ended with exit 2 "IO: <file> is
 * closed" (checkFile closed the storage, and with it the handle, then searched the recoverable
 * generation on it), also for an intact main whose aside is damaged (the error then named the main).
 * The fixtures (test/fixtures/issue13/README.md) are fuzz mutants of corpus files that gave that error.
 * Now every one gets a report (exit 1) naming the problem, its file and offset, and the newest
 * generation that still reads; `recover` writes exactly that generation and never touches the input.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../engine/core/analysis/check.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { runInProcess, runMkinspect, snapshot } from '../presence/helpers.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'issue13');
const dir = mkdtempSync(join(tmpdir(), 'mk-issue13-'));
process.env.MKINSPECT_DATA_DIR = dir;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function copy(from: string, name: string): string {
  const to = join(dir, name);
  copyFileSync(from, to);
  return to;
}

async function checkJson(...args: string[]): Promise<{ code: number; report: CheckReport }> {
  const r = await runInProcess(['check', ...args, '--json']);
  return { code: r.code, report: JSON.parse(r.out) as CheckReport };
}

describe('issue 13: check and recover on damaged files', () => {
  it('issue 13: a newest commit that does not read: check reports BAD_VARINT at offset 369 and generation 3 (was: exit 2 "IO: … is closed"); recover writes exactly generation 3', async () => {
    const input = copy(join(FIXTURES, 'extend-3-varint.mk'), 'ext.mk');
    const before = snapshot(input);
    // A real process: the exit code and text a user sees.
    const human = await runMkinspect(['check', input]);
    expect(human.code).toBe(1);
    expect(human.stderr).not.toMatch(/closed/);
    expect(human.stdout).toContain('PROBLEMS FOUND (does not read completely)');
    expect(human.stdout).toMatch(/error: BAD_VARINT \(ext\.mk, offset 369\): expected a 32-bit varint at 369/);
    expect(human.stdout).toContain('recoverable: generation 3 of ext.mk (bytes 0..280) reads completely (log 3 rows)');
    const { code, report } = await checkJson(input);
    expect(code).toBe(1);
    expect(report).toMatchObject({ ok: false, readable: false, aside: null });
    expect(report.problems).toEqual([expect.objectContaining({ severity: 'error', code: 'BAD_VARINT', file: 'main', name: 'ext.mk', offset: 369 })]);
    expect(report.recoverable).toMatchObject({ file: 'main', generation: 3, end: 280, source: 'chain', withAside: false, rows: { log: 3 } });

    const out = join(dir, 'ext.recovered.mk');
    const rec = await runMkinspect(['recover', input, '--out', out]);
    expect(rec.code).toBe(0);
    expect(rec.stdout).toContain(`recovered generation 3 (the newest that reads completely) of ext.mk (bytes 0..280 of 414; log 3 rows) into ${out}`);
    expect(readFileSync(out).equals(before.bytes.subarray(0, 280))).toBe(true);
    expect(snapshot(input)).toEqual(before);
    // The recovered file is clean, and it is the first three commits of the corpus file.
    expect((await runInProcess(['check', out])).code).toBe(0);
    expect(readFileSync(out).equals(readFileSync(join(CORPUS_DIR, 'extend-3', 'ext.mk')).subarray(0, 280))).toBe(true);
  });

  it('issue 13: a file dump reads but whose columns overlap: check says it reads (readable) and names the overlap\'s offset', async () => {
    const input = copy(join(FIXTURES, 'int-tiny-n2-overlap.mk'), 'overlap.mk');
    const before = snapshot(input);
    expect((await runInProcess(['dump', input, '--json'])).code).toBe(0);
    const { code, report } = await checkJson(input);
    expect(code).toBe(1);
    expect(report.readable).toBe(true);
    expect(report.views).toEqual({ t: 2 });
    const overlap = report.problems.find((p) => p.code === 'OVERLAP');
    expect(overlap).toMatchObject({ severity: 'error', file: 'main', name: 'overlap.mk' });
    expect(overlap?.offset).toBeGreaterThan(0);
    expect(overlap?.offset).toBeLessThan(108);
    // Overlaps are not a read failure: the newest readable generation is the current one.
    expect(report.recoverable).toMatchObject({ file: 'main', source: 'current', end: 108 });
    const human = await runInProcess(['check', input]);
    expect(human.out).toContain(`error: OVERLAP (overlap.mk, offset ${overlap?.offset}): `);
    expect(snapshot(input)).toEqual(before);
  });

  it('issue 13: intact main, aside damaged so it reads alone but not with the main: check names the aside and the offset of the diff bytes, says the main alone reads and which aside generation reads; recover --aside writes that generation', async () => {
    const main = copy(join(CORPUS_DIR, 'aside-2', 'main.mk'), 'a2.mk');
    const aside = copy(join(FIXTURES, 'aside-2-diff.mka'), 'a2.mka');
    const m0 = snapshot(main);
    const a0 = snapshot(aside);
    const { code, report } = await checkJson(main, '--aside', aside);
    expect(code).toBe(1);
    expect(report.readable).toBe(false);
    // The damaged stop bit is at 360, inside the chunk bytes of the diff that starts at 302.
    expect(report.problems).toEqual([expect.objectContaining({ code: 'BAD_BYTES', file: 'aside', name: 'a2.mka', offset: 302, path: 'a.i' })]);
    expect(report.aside).toMatchObject({ name: 'a2.mka', asideAlone: 'reads', mainAlone: 'reads', readsWithMain: { file: 'aside', generation: 2, end: 294 } });
    expect(report.recoverable).toMatchObject({ file: 'aside', name: 'a2.mka', generation: 2, end: 294, source: 'chain', withAside: true, rows: { a: 2 } });
    const human = await runInProcess(['check', main, '--aside', aside]);
    expect(human.out).toContain('error: BAD_BYTES (a2.mka, offset 302, path a.i): ');
    expect(human.out).toContain('aside a2.mka: reads completely on its own; the main file reads completely on its own');
    expect(human.out).toContain(`recoverable: generation 2 of a2.mka (bytes 0..294) read with ${main} reads completely (a 2 rows); run: mkinspect recover ${main} --aside ${aside} --out NEW`);

    const out = join(dir, 'a2.recovered.mka');
    const rec = await runInProcess(['recover', main, '--aside', aside, '--out', out]);
    expect(rec.code).toBe(0);
    expect(rec.out).toContain(`into ${out}; ${main} is unchanged`);
    // Generation 2 of the aside is exactly what Metakit wrote after its first aside commit (corpus aside-1).
    expect(readFileSync(out).equals(readFileSync(join(CORPUS_DIR, 'aside-1', 'aside.mka')))).toBe(true);
    expect(snapshot(main)).toEqual(m0);
    expect(snapshot(aside)).toEqual(a0);
    expect((await runInProcess(['check', main, '--aside', out])).code).toBe(0);
  });

  it('issue 13: intact main whose aside is damaged on its own: check names the aside, not the main (was: "IO: <main> is closed"); recover --aside writes its newest readable generation', async () => {
    const main = copy(join(CORPUS_DIR, 'aside-4', 'main.mk'), 'a4.mk');
    const aside = copy(join(FIXTURES, 'aside-4-flip.mka'), 'a4.mka');
    const m0 = snapshot(main);
    const a0 = snapshot(aside);
    const human = await runMkinspect(['check', main, '--aside', aside]);
    expect(human.code).toBe(1);
    expect(human.stderr).toBe('');
    expect(human.stdout).toMatch(/error: BAD_OFFSET \(a4\.mka, offset \d+, path _C\[17\]\._D\._B\): /);
    expect(human.stdout).toContain('aside a4.mka: is damaged; the main file reads completely on its own');
    const { report } = await checkJson(main, '--aside', aside);
    expect(report.problems.every((p) => p.file === 'aside' && p.offset !== null)).toBe(true);
    expect(report.aside).toMatchObject({ asideAlone: 'damaged', mainAlone: 'reads' });
    expect(report.recoverable).toMatchObject({ file: 'aside', generation: 4, end: 965, rows: { a: 6 } });
    const out = join(dir, 'a4.recovered.mka');
    expect((await runMkinspect(['recover', main, '--aside', aside, '--out', out])).code).toBe(0);
    // Generation 4 is byte for byte the aside Metakit wrote three commits in (corpus aside-3).
    expect(readFileSync(out).equals(readFileSync(join(CORPUS_DIR, 'aside-3', 'aside.mka')))).toBe(true);
    expect(snapshot(main)).toEqual(m0);
    expect(snapshot(aside)).toEqual(a0);
  });

  it('issue 13: a foreign file given as the aside: check names it (NOT_METAKIT at 0) and says the main alone reads; recover then writes the main alone', async () => {
    const main = copy(join(CORPUS_DIR, 'aside-4', 'main.mk'), 'solo.mk');
    const foreign = copy(join(CORPUS_DIR, 'damaged-not-metakit', 'text.mk'), 'foreign.mka');
    const { code, report } = await checkJson(main, '--aside', foreign);
    expect(code).toBe(1);
    expect(report.problems[0]).toMatchObject({ code: 'NOT_METAKIT', file: 'aside', name: 'foreign.mka', offset: 0 });
    expect(report.aside).toMatchObject({ asideAlone: 'damaged', mainAlone: 'reads', readsWithMain: null });
    expect(report.recoverable).toMatchObject({ file: 'main', source: 'current', withAside: false });
    const out = join(dir, 'solo.recovered.mk');
    const rec = await runInProcess(['recover', main, '--aside', foreign, '--out', out]);
    expect(rec.code).toBe(0);
    expect(readFileSync(out).equals(readFileSync(main))).toBe(true);
  });
});
