/**
 * One run of one bench phase in its own process (main.ts runs it as an esbuild bundle with plain node:
 * `node child.mjs PHASE OPTIONS OUT`).
 * Writes the phase's rows as JSON to OUT (the parent merges runs and prints); a thrown error becomes a
 * failure in the result instead of a lost run. `FILE:` phases run the reader figures on a file.
 */
import { writeFileSync } from 'node:fs';
import { PhaseRecorder, measure, type PhaseResult } from './measure.js';
import { fileReaderRows } from './phases/corpus.js';
import { phaseByName, type PhaseOptions } from './phases/index.js';

const [name = '', optionsJson = '{}', out = ''] = process.argv.slice(2);
const options = JSON.parse(optionsJson) as PhaseOptions;
const rec = new PhaseRecorder(name);
const startRss = process.resourceUsage().maxRSS * 1024;
const whole = measure(() => {
  try {
    if (name.startsWith('FILE:')) {
      fileReaderRows(rec, name.slice(5));
      return;
    }
    const phase = phaseByName(name);
    if (!phase) throw new Error(`no bench phase '${name}'`);
    phase.run(rec, options);
  } catch (e) {
    rec.failures.push(`phase ${name} threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
});
const result: PhaseResult = {
  phase: name,
  rows: rec.rows,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
  startRssBytes: startRss,
  wallMs: whole.sample.wallMs,
  cpuMs: whole.sample.cpuMs,
  failures: rec.failures,
};
writeFileSync(out, JSON.stringify(result));
