/** `mkinspect replay OPS.json --dir DIR`: run a corpus scenario with our engine. */
import type { Command } from 'commander';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { describeFsError } from '../../node/openRegularFile.js';
import { probeInputs } from '../inputFiles.js';
import { AssertionFailed, replay, type Op } from '../../node/replay/runner.js';
import { ReplayError } from '../../node/replay/values.js';
import { CliExit, EXIT, type CliIo } from '../io.js';

export function registerReplay(program: Command, io: CliIo): void {
  program
    .command('replay')
    .description('run an ops.json scenario (corpus format) with this engine in an empty folder; snapshots go to DIR/<name>/ as Metakit 2.4.9.8 writes them')
    .argument('<ops>', 'ops.json file')
    .requiredOption('--dir <dir>', 'empty working folder')
    .option('--only <case>', 'stop after the snapshot of this case')
    .option('--aside-diffs <mode>', 'aside commits as Metakit writes them (whole) or as deltas (delta)', 'whole')
    .option('--verbose', 'print each operation')
    .addHelpText(
      'after',
      '\nWith whole aside diffs (the default) the files are byte-identical to Metakit\'s, except the unused\n' +
        'padding bits of 1/2/4-bit int columns (Metakit leaves stale memory there, we write zeros).\n' +
        'Like Metakit, a commit -full with an aside attached commits only the changed columns into the main\n' +
        'file and leaves every other column in the aside, unchanged (the main file then refers into the aside\n' +
        'and cannot be read without it). It is not a flush: use `mkinspect flush` to empty an aside into its\n' +
        'main file.\n',
    )
    .action((opsPath: string, opts: { dir: string; only?: string; asideDiffs: string; verbose?: boolean }) => {
      if (opts.asideDiffs !== 'whole' && opts.asideDiffs !== 'delta') throw CliExit.badInput('BAD_ARGUMENT', `--aside-diffs must be whole or delta, not '${opts.asideDiffs}'`);
      // A regular file (a FIFO would block the read), checked before --dir is made.
      probeInputs([opsPath]);
      if (existsSync(opts.dir) && (!statSync(opts.dir).isDirectory() || readdirSync(opts.dir).length > 0)) throw CliExit.badInput('BAD_ARGUMENT', `--dir ${opts.dir} must be an empty folder`);
      let ops: Op[];
      try {
        ops = JSON.parse(readFileSync(opsPath, 'utf8')) as Op[];
      } catch (e) {
        throw CliExit.badInput('BAD_ARGUMENT', `expected ${opsPath} to hold the JSON of an ops.json scenario, but ${e instanceof SyntaxError ? `it does not parse: ${e.message}` : describeFsError(e)}`);
      }
      if (!Array.isArray(ops)) throw CliExit.badInput('BAD_ARGUMENT', `${opsPath} must hold a JSON array of operations`);
      mkdirSync(opts.dir, { recursive: true });
      try {
        const r = replay(ops, { dir: opts.dir, only: opts.only, asideDiffs: opts.asideDiffs, log: opts.verbose ? (l) => io.err(`${l}\n`) : undefined });
        io.out(`replayed ${r.ops} operations; snapshots: ${r.snapshots.join(', ') || 'none'}\n`);
      } catch (e) {
        if (e instanceof AssertionFailed) throw new CliExit(EXIT.failed, `replay: assertion failed: ${e.message}`);
        if (e instanceof ReplayError) throw CliExit.badInput('BAD_ARGUMENT', `replay: ${e.message}`);
        throw e;
      }
    });
}
