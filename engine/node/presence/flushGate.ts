/**
 * The guard a flush (or any maintenance that replaces the files) runs through:
 *
 *   const gate = await FlushGate.open({ main, aside, waitMs, force, confirmForce, signal });
 *   if (!gate.decision.proceed) return busy(gate.decision.check);   // nothing was touched
 *   ... write and verify the new files ...
 *   const again = await gate.beforeSwap();                           // a reader may have arrived
 *   if (!again.proceed) { remove the temp files; return busy(again.check); }
 *   ... rename into place ...
 *   gate.finish({ outcome: 'done' });                                // one line in the action log
 *
 * Busy is a decision, not an error. `force` proceeds past holders only together with `confirmForce`,
 * and every forced pass is logged with the holders it ignored.
 */
import { appendAction, fileSizes, type ActionName, type ActionRecord, type FileSizes } from '../actionLog.js';
import { checkHolders, waitUntilFree, type HolderCheck } from './guard.js';
import type { HolderQuery } from './holders.js';

export interface FlushGateOptions extends HolderQuery {
  /** What is guarded (default `flush`). */
  action?: ActionName;
  /** Wait up to this long for holders to leave (default 0: check once). */
  waitMs?: number;
  intervalMs?: number;
  /** Proceed even though others hold the files; needs `confirmForce`. */
  force?: boolean;
  confirmForce?: boolean;
  signal?: AbortSignal;
  onTick?: (check: HolderCheck, elapsedMs: number) => void;
  /** Write the action log (default true). */
  log?: boolean;
}

export type GateDecision =
  | { proceed: true; forced: boolean; check: HolderCheck }
  | { proceed: false; check: HolderCheck };

export interface FinishInput {
  outcome: 'done' | 'failed' | 'aborted' | 'busy-before-swap';
  detail?: string;
  /** Defaults to the sizes measured now. */
  sizesAfter?: FileSizes;
}

export class FlushGate {
  private lastCheck: HolderCheck;
  private finished = false;
  readonly sizesBefore: FileSizes;

  private constructor(
    private readonly options: FlushGateOptions,
    readonly decision: GateDecision,
  ) {
    this.lastCheck = decision.check;
    this.sizesBefore = fileSizes(options.main, options.aside);
  }

  /** Checks (and waits, if asked) before a flush starts. Logs busy refusals and forced passes. */
  static async open(options: FlushGateOptions): Promise<FlushGate> {
    if (options.force && !options.confirmForce) {
      throw new TypeError('force proceeds while other processes hold the files and can break them: it needs an explicit confirmation (confirmForce / --confirm-force)');
    }
    const waitMs = options.waitMs ?? 0;
    if (!Number.isFinite(waitMs) || waitMs < 0) throw new RangeError(`waitMs must be a non-negative number, got ${waitMs}`);
    // With force, waiting still comes first: `--wait 30 --force` gives holders 30 s to leave.
    const check = waitMs > 0
      ? await waitUntilFree(options, { timeoutMs: waitMs, intervalMs: options.intervalMs, signal: options.signal, onTick: options.onTick })
      : await checkHolders(options);
    const gate = new FlushGate(options, decide(check, options));
    gate.logDecision(gate.decision, 'busy');
    return gate;
  }

  /** The latest check (the first one, or the one before the swap). */
  get check(): HolderCheck {
    return this.lastCheck;
  }

  /** Checks again right before the files are replaced; no waiting here, the new files are ready. */
  async beforeSwap(): Promise<GateDecision> {
    if (!this.decision.proceed) throw new Error('beforeSwap() called on a gate that refused the flush');
    const check = await checkHolders(this.options);
    this.lastCheck = check;
    const d = decide(check, this.options);
    if (!d.proceed) {
      this.logDecision(d, 'busy-before-swap');
      this.finished = true;
    } else if (d.forced) {
      this.logDecision(d, 'busy-before-swap');
    }
    return d;
  }

  /** Records the outcome of the guarded action (once). */
  finish(input: FinishInput): ActionRecord | null {
    if (this.finished) return null;
    this.finished = true;
    if (this.options.log === false) return null;
    return appendAction({
      action: this.options.action ?? 'flush', outcome: input.outcome, files: this.files(),
      sizesBefore: this.sizesBefore, sizesAfter: input.sizesAfter ?? fileSizes(this.options.main, this.options.aside),
      holders: this.lastCheck.blocking, ...(input.detail !== undefined ? { detail: input.detail } : {}),
    }).record;
  }

  private files(): { main: string; aside?: string } {
    return this.options.aside === undefined ? { main: this.options.main } : { main: this.options.main, aside: this.options.aside };
  }

  private logDecision(d: GateDecision, busyOutcome: string): void {
    if (this.options.log === false) return;
    if (!d.proceed) {
      if (busyOutcome === 'busy') this.finished = true;
      appendAction({ action: this.options.action ?? 'flush', outcome: busyOutcome, files: this.files(), sizesBefore: this.sizesBefore, holders: d.check.blocking });
    } else if (d.forced) {
      appendAction({
        action: 'force', outcome: 'proceeding', files: this.files(), sizesBefore: this.sizesBefore, holders: d.check.blocking,
        detail: `${this.options.action ?? 'flush'} forced past ${d.check.blocking.length} holder(s)${busyOutcome === 'busy-before-swap' ? ' before the swap' : ''}`,
      });
    }
  }
}

function decide(check: HolderCheck, options: FlushGateOptions): GateDecision {
  if (!check.busy) return { proceed: true, forced: false, check };
  if (options.force && options.confirmForce) return { proceed: true, forced: true, check };
  return { proceed: false, check };
}
