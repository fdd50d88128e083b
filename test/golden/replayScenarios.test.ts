/**
 * Our reader over every case of test/fixtures/replay-scenarios (the files Metakit 2.4.9.8 wrote for
 * the seed's variations): the dump equals Metakit's expected.json byte for byte. Where Metakit crashed
 * (a main file left by its `commit -full` with an aside attached, read alone), ours refuses with
 * ASIDE_MISSING naming the missing aside; the same file read with its aside shows every row.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MetakitError } from '../../engine/core/base/errors.js';
import { corpusCases, dumpCase, REPLAY_SCENARIOS_DIR, type CorpusCase } from '../helpers/corpus.js';

const cases = corpusCases(REPLAY_SCENARIOS_DIR);

/** A `<scenario>-flush…-main` case has a `…-both` sibling: the same main file with the aside attached. */
function withAside(c: CorpusCase): CorpusCase | undefined {
  return cases.find((o) => o.name === c.name.replace(/-main$/, '-both') && o.expected.aside);
}

describe('replay scenarios: our reader shows what Metakit shows', () => {
  it('covers the 36 cases, 6 of them main files Metakit crashes on', () => {
    const crashes = cases.filter((c) => c.expected.error !== undefined);
    expect(cases.length).toBe(36);
    expect(crashes.map((c) => c.name)).toEqual([
      'asmemo-flush-main',
      'asr-flush-main',
      'asr-flush2-main',
      'seed-1-flush-main',
      'seed-3-flush-main',
      'seedx-flush-extend-main',
    ]);
    console.log(`replay scenarios: ${cases.length} cases read, ${crashes.length} refused where Metakit crashes`);
  });

  for (const c of cases) {
    if (c.expected.error !== undefined) {
      it(`${c.name}: refused with ASIDE_MISSING (Metakit: ${c.expected.error.slice(0, 40)}…)`, () => {
        expect(c.expected.error).toMatch(/^crash: Metakit was killed by SIGSEGV/);
        let caught: unknown;
        try {
          dumpCase(c);
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(MetakitError);
        expect(caught).toMatchObject({ code: 'ASIDE_MISSING', message: expect.stringMatching(/refers to aside diff \d+ and no aside is attached/) as unknown });
        // The main file is the same bytes as in the "-both" case, which reads completely with its aside.
        const both = withAside(c) as CorpusCase;
        expect(both).toBeDefined();
        expect(readFileSync(both.mainPath).equals(readFileSync(c.mainPath))).toBe(true);
        expect(dumpCase(both)).toBe(both.expectedText);
      });
      continue;
    }
    it(`${c.name}: dump equals expected.json`, () => {
      expect(dumpCase(c)).toBe(c.expectedText);
    });
  }
});
