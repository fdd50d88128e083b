/**
 * Re-runs one fuzz input alone, as printed by a failing run: `npm run --silent fuzz:repro -- SEED INDEX`
 * (the engine fuzz) or `npm run --silent fuzz:repro -- SEED INDEX cli` (the CLI fuzz, in a temp folder).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliCase } from './cliCase.js';
import { makeInput } from './mutate.js';
import { runCase } from './runCase.js';
import { fuzzSources } from './sources.js';

const [seedArg, indexArg, mode] = process.argv.slice(2);
if (seedArg === undefined || indexArg === undefined || (mode !== undefined && mode !== 'cli')) {
  console.error('usage: fuzz:repro SEED INDEX [cli]');
  process.exit(2);
}
const input = makeInput(Number(seedArg), Number(indexArg), fuzzSources());
console.log(`input ${input.index}: ${input.recipe} (${input.main.length} bytes${input.aside ? `, aside ${input.aside.length} bytes` : ''})`);
const t0 = performance.now();
let result: unknown;
if (mode === 'cli') {
  const dir = mkdtempSync(join(tmpdir(), 'mk-fuzz-repro-'));
  process.env.MKINSPECT_PRESENCE = 'off';
  process.env.MKINSPECT_DATA_DIR = dir;
  try {
    result = await runCliCase(input, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else result = runCase(input.main, input.aside);
console.log(`${JSON.stringify(result, null, 2)}\n${(performance.now() - t0).toFixed(1)} ms`);
