/**
 * The mkinspect command line. Commands register themselves on one commander program; other layers
 * (the loopback server) add theirs through `extensions` so the engine never imports them.
 */
import { Command, CommanderError } from 'commander';
import { MetakitError } from '../core/base/errors.js';
import { registerCheck } from './commands/check.js';
import { registerDemo } from './commands/demo.js';
import { registerDemoWriter } from './commands/demoWriter.js';
import { registerDump } from './commands/dump.js';
import { registerExport } from './commands/export.js';
import { registerFlush } from './commands/flush.js';
import { registerHistory } from './commands/history.js';
import { registerWatch } from './commands/watch.js';
import { registerReaders } from './commands/readers.js';
import { registerReplay } from './commands/replay.js';
import { registerStats } from './commands/stats.js';
import { describeFsError } from '../node/openRegularFile.js';
import { CliExit, errorLine, EXIT, type CliIo } from './io.js';

export type CliExtension = (program: Command, io: CliIo) => void;

export const builtinCommands: CliExtension[] = [registerDump, registerStats, registerReplay, registerReaders, registerFlush, registerHistory, registerCheck, registerWatch, registerExport, registerDemo, registerDemoWriter];

export function createProgram(io: CliIo, extensions: readonly CliExtension[] = []): Command {
  const program = new Command('mkinspect')
    .description('Inspect and maintain Metakit datafiles (.mk, .mka, .kit)')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      // commander's own messages ("error: unknown option '--x'") get the code every error line has.
      outputError: (s, write) => write(s.replace(/^error: /, 'mkinspect: error BAD_ARGUMENT: ')),
    });
  for (const register of [...builtinCommands, ...extensions]) register(program, io);
  return program;
}

/** Runs the CLI; resolves with the exit code (never calls process.exit itself). */
export async function runCli(argv: readonly string[], io: CliIo, extensions: readonly CliExtension[] = []): Promise<number> {
  const program = createProgram(io, extensions);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    return exitCodeFor(e, io);
  }
}

export function exitCodeFor(e: unknown, io: CliIo): number {
  if (e instanceof CliExit) {
    if (e.message) io.err(`${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return EXIT.ok;
    return EXIT.badInput;
  }
  if (e instanceof MetakitError) {
    const where = [e.file && `file ${e.file}`, e.offset !== undefined && e.offset >= 0 && `offset ${e.offset}`, e.path && `path ${e.path}`].filter(Boolean).join(', ');
    io.err(`mkinspect: error ${e.code}: ${e.message}${where ? ` (${where})` : ''}\n`);
    return EXIT.badInput;
  }
  // Caller mistakes found by the engine (a row out of range, a property that is not a subview).
  if (e instanceof RangeError || e instanceof TypeError) {
    io.err(`${errorLine('BAD_ARGUMENT', e.message)}\n`);
    return EXIT.badInput;
  }
  // A file-system call outside the byte store (which gives MetakitError IO itself).
  const errno = (e as { code?: unknown } | null)?.code;
  if (typeof errno === 'string' && /^E[A-Z]+$/.test(errno)) {
    io.err(`${errorLine('IO', describeFsError(e))}${(e as { path?: unknown }).path ? ` (file ${String((e as { path?: unknown }).path)})` : ''}\n`);
    return EXIT.badInput;
  }
  io.err(`mkinspect: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  return 70;
}
