/** Entry point of `mkinspect` with the engine's own commands. */
import { processIo } from './io.js';
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2), processIo);
