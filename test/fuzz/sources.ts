/**
 * The seeds of the fuzzer: every distinct datafile Metakit wrote (the corpus, the replay scenarios and
 * metakit-extra: mains and asides alone, and main+aside pairs), plus the byte-exact examples of the format doc (old format, all types, extend mode).
 * Files above `maxBytes` are left out: a full dump of them takes too long per input.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { corpusCases, REPLAY_SCENARIOS_DIR } from '../helpers/corpus.js';
import { EXTRA_DIR } from '../helpers/metakitExtra.js';
import { AS_ASIDE, AS_MAIN, C2, OLD1, SK1, T1, TRAIL1, TYPES, W1R1 } from '../helpers/docVectors.js';

export interface FuzzSource {
  name: string;
  main: Uint8Array;
  aside?: Uint8Array;
}

export function fuzzSources(maxBytes = 100_000): FuzzSource[] {
  const seen = new Set<string>();
  const out: FuzzSource[] = [];
  const add = (s: FuzzSource): void => {
    if (s.main.length > maxBytes || (s.aside?.length ?? 0) > maxBytes) return;
    const h = createHash('sha1').update(s.main);
    if (s.aside) h.update('|').update(s.aside);
    const key = h.digest('hex');
    if (seen.has(key)) return;
    seen.add(key);
    out.push(s);
  };
  for (const c of [...corpusCases(), ...corpusCases(REPLAY_SCENARIOS_DIR), ...corpusCases(EXTRA_DIR)]) {
    const main = new Uint8Array(readFileSync(c.mainPath));
    add({ name: `${c.name}/${c.expected.main}`, main });
    if (c.asidePath) {
      const aside = new Uint8Array(readFileSync(c.asidePath));
      add({ name: `${c.name}/${c.expected.aside}`, main: aside });
      add({ name: `${c.name}/${c.expected.main}+${c.expected.aside}`, main, aside });
    }
  }
  for (const [name, main] of Object.entries({ T1, TYPES, C2, OLD1, SK1, TRAIL1, W1R1, AS_MAIN, AS_ASIDE })) add({ name: `doc/${name}`, main });
  add({ name: 'doc/AS_MAIN+AS_ASIDE', main: AS_MAIN, aside: AS_ASIDE });
  return out;
}
