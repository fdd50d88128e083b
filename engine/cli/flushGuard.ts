/**
 * CLI plumbing of the flush guard, for `mkinspect flush` and any other command that replaces the
 * files: the --wait/--force/--confirm-force options, the busy answer (holders on stdout, exit code 3,
 * nothing changed), progress while waiting, and the action log line at the end.
 *
 *   addGuardOptions(program.command('flush') ...).action(async (main, opts) =>
 *     runGuarded(io, { main, aside: opts.aside }, opts, async ({ beforeSwap, signal }) => {
 *       ... write + verify temp files (honour signal) ...
 *       await beforeSwap();        // throws CliExit(3) if someone arrived: remove the temp files
 *       ... rename into place ...
 *     }));
 */
import { InvalidArgumentError, type Command } from 'commander';
import { MetakitError } from '../core/base/errors.js';
import type { ActionName } from '../node/actionLog.js';
import { FlushGate } from '../node/presence/flushGate.js';
import { busyMessage, type HolderCheck } from '../node/presence/guard.js';
import { formatHolders } from './holdersText.js';
import { CliExit, EXIT, type CliIo } from './io.js';

export interface GuardCliOptions {
  /** Seconds to wait for holders to leave. */
  wait?: number;
  force?: boolean;
  confirmForce?: boolean;
  json?: boolean;
}

export interface GuardedFiles {
  main: string;
  aside?: string;
}

export interface GuardExtras {
  action?: ActionName;
  signal?: AbortSignal;
  excludePids?: readonly number[];
  /** Seconds between "still waiting" lines on stderr (default 5). */
  progressEvery?: number;
}

export function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number of seconds >= 0, got '${value}'`);
  return n;
}

export function addGuardOptions(command: Command): Command {
  return command
    .option('--wait <seconds>', 'if other processes hold the files, check again until they are gone, at most this long', parseSeconds)
    .option('--force', 'proceed although other processes hold the files (needs --confirm-force; logged)')
    .option('--confirm-force', 'confirm --force: processes holding the old files may read stale data or lose their writes');
}

function forceWarning(check: HolderCheck): string {
  return `mkinspect: WARNING: --force: proceeding although ${check.blocking.length} other process(es) hold the files (logged in the action log):\n${formatHolders(check.blocking).map((l) => `  ${l}`).join('\n')}\n`;
}

/** Prints the busy answer and ends the command with exit code 3. */
export function reportBusy(io: CliIo, check: HolderCheck, json: boolean | undefined, when: 'before starting' | 'before the swap'): never {
  if (json) {
    io.out(`${JSON.stringify({ outcome: 'busy', when, files: check.files, holders: check.blocking, discovery: check.discovery }, null, 2)}\n`);
  } else {
    const n = check.blocking.length;
    io.out([
      `busy (${when}): ${n} other process${n === 1 ? '' : 'es'} hold${n === 1 ? 's' : ''} the files; nothing was changed.`,
      ...formatHolders(check.blocking).map((l) => `  ${l}`),
      'Retry when they are gone, wait for them with --wait SECONDS, or proceed anyway with --force --confirm-force.',
      ...(check.discovery.note ? [`note: ${check.discovery.note}`] : []),
      '',
    ].join('\n'));
  }
  throw new CliExit(EXIT.busy, `mkinspect: ${busyMessage(check)}`);
}

/** Checks (and waits) before a guarded action starts; throws CliExit(3) if busy. */
export async function openGuard(io: CliIo, files: GuardedFiles, opts: GuardCliOptions, extras: GuardExtras = {}): Promise<FlushGate> {
  if (opts.force && !opts.confirmForce) {
    throw CliExit.badInput('BAD_ARGUMENT', '--force needs --confirm-force: processes holding the old files may read stale data or lose their writes');
  }
  const every = (extras.progressEvery ?? 5) * 1000;
  let lastTick = -Infinity;
  const gate = await FlushGate.open({
    main: files.main, aside: files.aside, waitMs: (opts.wait ?? 0) * 1000, force: opts.force, confirmForce: opts.confirmForce,
    signal: extras.signal, action: extras.action, excludePids: extras.excludePids,
    onTick: (check, elapsed) => {
      if (elapsed - lastTick < every) return;
      lastTick = elapsed;
      io.err(`waiting (${Math.round(elapsed / 1000)} of ${opts.wait ?? 0} s): ${busyMessage(check)}\n`);
    },
  });
  if (!gate.decision.proceed) reportBusy(io, gate.decision.check, opts.json, 'before starting');
  if (gate.decision.forced) io.err(forceWarning(gate.decision.check));
  return gate;
}

/** The second check, right before the files are replaced; throws CliExit(3) if someone arrived. */
export async function checkBeforeSwap(io: CliIo, gate: FlushGate, opts: GuardCliOptions): Promise<void> {
  const d = await gate.beforeSwap();
  if (!d.proceed) reportBusy(io, d.check, opts.json, 'before the swap');
  if (d.forced) io.err(forceWarning(d.check));
}

export interface GuardedContext {
  gate: FlushGate;
  /** Call right before renaming the new files into place. */
  beforeSwap: () => Promise<void>;
  signal: AbortSignal | undefined;
}

/** Runs `work` between the two checks and logs its outcome (done, failed, aborted) in the action log. */
export async function runGuarded<T>(io: CliIo, files: GuardedFiles, opts: GuardCliOptions, work: (ctx: GuardedContext) => Promise<T>, extras: GuardExtras = {}): Promise<T> {
  const gate = await openGuard(io, files, opts, extras);
  try {
    const result = await work({ gate, beforeSwap: () => checkBeforeSwap(io, gate, opts), signal: extras.signal });
    gate.finish({ outcome: 'done' });
    return result;
  } catch (e) {
    // After a busy answer before the swap the gate has logged already; finish() is then a no-op.
    const aborted = (e instanceof MetakitError && e.code === 'ABORTED') || extras.signal?.aborted === true;
    gate.finish({ outcome: aborted ? 'aborted' : 'failed', detail: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}
