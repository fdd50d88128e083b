/** Entry point of `mkinspect` with the app's commands (serve) added to the engine's. */
import { processIo } from '../../engine/cli/io.js';
import { runCli } from '../../engine/cli/program.js';
import { registerServe } from './serveCommand.js';

process.exitCode = await runCli(process.argv.slice(2), processIo, [registerServe]);
