/**
 * Golden replay: every scenario (ops.json) of the corpus and of the replay scenarios is replayed with
 * our engine, and each snapshot's files must equal the files the real Metakit 2.4.9.8 wrote — byte for
 * byte, except the "don't care" padding bits of 1/2/4-bit int columns (format §7.1.6), which are masked:
 * the positions found in the case's own files and in the earlier snapshots of the same scenario (freed
 * columns keep their stale padding in free space; aside diffs keep the padding of the main file's
 * columns they hold), and the bits Metakit filled with uninitialised memory (nondeterministic-bytes.json). That includes Metakit's `commit -full` with an aside attached, which
 * the replay does as Metakit does (the main file then refers into the aside). Our reader must then show
 * exactly Metakit's expected.json from the replayed files, or refuse where Metakit crashed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryByteStore } from '../../engine/core/base/byteStore.js';
import { MetakitError } from '../../engine/core/base/errors.js';
import { asidePaddingBits, equalMasked, paddingBits, type PaddingBits } from '../../engine/core/analysis/padding.js';
import { replay, type Op } from '../../engine/node/replay/runner.js';
import { CORPUS_DIR, corpusCases, dumpCase, nondeterministicBytes, REPLAY_SCENARIOS_DIR } from '../helpers/corpus.js';

const SUITES = [
  { label: 'corpus', root: CORPUS_DIR },
  { label: 'replay scenarios', root: REPLAY_SCENARIOS_DIR },
].map((s) => ({ ...s, cases: corpusCases(s.root).filter((c) => c.ops !== undefined), nondeterministic: nondeterministicBytes(s.root) }));

const work = mkdtempSync(join(tmpdir(), 'mk-replay-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function snapshotOps(ops: readonly Op[]): Op[] {
  return ops.filter((o) => o.op === 'snapshot');
}

function snapshotFiles(snap: Op): string[] {
  return [snap.main, snap.aside].filter((f): f is string => typeof f === 'string' && f !== '');
}

function storeOf(path: string): MemoryByteStore {
  return new MemoryByteStore(readFileSync(path));
}

/** Padding positions of `file` as Metakit left it in this case and in the scenario's earlier snapshots. */
function paddingFor(root: string, caseName: string, ops: readonly Op[], file: string): PaddingBits[] {
  const out: PaddingBits[] = [];
  for (const snap of snapshotOps(ops)) {
    const dir = join(root, snap.name as string);
    if ((snap.main === file || snap.aside === file) && existsSync(join(dir, file))) {
      const aside = snap.main === file && typeof snap.aside === 'string' ? storeOf(join(dir, snap.aside)) : undefined;
      try {
        out.push(...paddingBits(storeOf(join(dir, file)), aside));
        // An aside also holds the padding of the main file's columns it keeps in its diffs.
        if (snap.aside === file && typeof snap.main === 'string') out.push(...asidePaddingBits(storeOf(join(dir, snap.main)), storeOf(join(dir, file))));
      } catch (e) {
        // Damaged files (the corpus' damaged-* cases) and main files that need an aside this snapshot
        // does not hold have no readable structure: they are compared exactly.
        if (!(e instanceof MetakitError)) throw e;
      }
    }
    if (snap.name === caseName) break;
  }
  return out;
}

function uninitialised(bits: Record<string, { offset: number; mask: string }[]>, key: string): PaddingBits[] {
  return (bits[key] ?? []).map((b) => ({ offset: b.offset, mask: parseInt(b.mask, 16) }));
}

const counts = { files: 0, identical: 0, contents: 0, refused: 0 };

for (const suite of SUITES) {
  describe(`golden replay against Metakit 2.4.9.8 files (${suite.label})`, () => {
    for (const c of suite.cases) {
      it(`${c.name}: replay is byte-identical (padding masked) and reads as Metakit reads it`, () => {
        const ops = c.ops as Op[];
        const dir = mkdtempSync(join(work, `${c.name}-`));
        replay(ops, { dir, only: c.name });
        const snap = snapshotOps(ops).find((o) => o.name === c.name) as Op;
        for (const file of snapshotFiles(snap)) {
          const ours = readFileSync(join(dir, c.name, file));
          const theirs = readFileSync(join(c.dir, file));
          const mask = [...paddingFor(suite.root, c.name, ops, file), ...uninitialised(suite.nondeterministic, `${c.name}/${file}`)];
          counts.files++;
          const r = equalMasked(ours, theirs, mask);
          expect({ file, size: ours.length, firstDifference: r.firstDifference }).toEqual({ file, size: theirs.length, firstDifference: -1 });
          counts.identical++;
        }
        if (c.expected.views && typeof c.expected.endOfData === 'number') {
          expect(dumpCase(c, join(dir, c.name))).toBe(c.expectedText);
          counts.contents++;
        } else if (c.expected.error?.startsWith('crash') && !c.expected.aside) {
          // Metakit crashes reading a main file that refers into its aside without it: ours refuses.
          expect(() => dumpCase(c, join(dir, c.name))).toThrow(expect.objectContaining({ code: 'ASIDE_MISSING' }));
          counts.refused++;
        }
      });
    }
  });
}

describe('golden replay totals', () => {
  it('every file of every scenario case is byte-identical', () => {
    const cases = SUITES.reduce((n, s) => n + s.cases.length, 0);
    console.log(`golden replay: ${counts.identical}/${counts.files} files byte-identical over ${cases} scenario cases (${SUITES.map((s) => `${s.cases.length} ${s.label}`).join(', ')}); ${counts.contents} read back equal to expected.json, ${counts.refused} main files refused with ASIDE_MISSING where Metakit crashes`);
    expect(SUITES[1]?.cases.length).toBe(36);
    expect(counts.identical).toBe(counts.files);
    expect(counts.files).toBeGreaterThan(0);
  });
});
