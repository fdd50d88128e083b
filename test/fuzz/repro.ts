/** Re-runs one fuzz input alone: `npm run --silent fuzz:repro -- SEED INDEX` (as printed by a failing run). */
import { makeInput } from './mutate.js';
import { runCase } from './runCase.js';
import { fuzzSources } from './sources.js';

const [seedArg, indexArg] = process.argv.slice(2);
if (seedArg === undefined || indexArg === undefined) {
  console.error('usage: fuzz:repro SEED INDEX');
  process.exit(2);
}
const input = makeInput(Number(seedArg), Number(indexArg), fuzzSources());
console.log(`input ${input.index}: ${input.recipe} (${input.main.length} bytes${input.aside ? `, aside ${input.aside.length} bytes` : ''})`);
const t0 = performance.now();
const result = runCase(input.main, input.aside);
console.log(`${JSON.stringify(result, null, 2)}\n${(performance.now() - t0).toFixed(1)} ms`);
