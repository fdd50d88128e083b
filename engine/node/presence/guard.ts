/**
 * The flush guard's question: may the files be replaced now? Other holders make the answer "busy", a
 * normal result naming them, never an error. `waitUntilFree` asks again until they are gone, the
 * time is up, or the caller aborts.
 */
import { describeHolder, holdsCurrentFile, type Holder } from '../../core/analysis/presence.js';
import { MetakitError } from '../../core/base/errors.js';
import { listHolders, type HolderQuery, type HoldersReport } from './holders.js';

export interface HolderCheck extends HoldersReport {
  /** True if any other process holds a current main or aside file. */
  busy: boolean;
  /** The holders that make it busy (holders of files since replaced are listed but do not block). */
  blocking: Holder[];
}

export async function checkHolders(q: HolderQuery): Promise<HolderCheck> {
  const report = await listHolders({ ...q, excludeSelf: q.excludeSelf ?? true });
  const blocking = report.holders.filter((h) => !h.self && holdsCurrentFile(h));
  return { ...report, busy: blocking.length > 0, blocking };
}

export interface WaitOptions {
  /** Give up after this long and return the last (busy) check. */
  timeoutMs: number;
  /** Time between checks (default 500 ms). */
  intervalMs?: number;
  signal?: AbortSignal;
  /** Called after every check that found holders (for progress output). */
  onTick?: (check: HolderCheck, elapsedMs: number) => void;
}

function abortError(reason: unknown): MetakitError {
  const why = reason instanceof Error ? reason.message : reason === undefined ? 'aborted' : String(reason);
  return new MetakitError('ABORTED', `expected to wait until the files are free, but the wait was aborted (${why})`);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal.reason));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(t);
      reject(abortError(signal?.reason));
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Checks until nobody else holds the files or `timeoutMs` passes; resolves with the last check. */
export async function waitUntilFree(q: HolderQuery, options: WaitOptions): Promise<HolderCheck> {
  if (!Number.isFinite(options.timeoutMs) || options.timeoutMs < 0) throw new RangeError(`timeoutMs must be a non-negative number, got ${options.timeoutMs}`);
  const interval = options.intervalMs ?? 500;
  if (!Number.isFinite(interval) || interval <= 0) throw new RangeError(`intervalMs must be a positive number, got ${interval}`);
  const started = performance.now();
  for (;;) {
    if (options.signal?.aborted) throw abortError(options.signal.reason);
    const check = await checkHolders(q);
    const elapsed = performance.now() - started;
    if (!check.busy) return check;
    options.onTick?.(check, elapsed);
    const left = options.timeoutMs - elapsed;
    if (left <= 0) return check;
    await sleep(Math.min(interval, left), options.signal);
  }
}

/** `busy: 2 other processes hold data.mk, data.mka: pid 1 (...); pid 2 (...)`. */
export function busyMessage(check: HolderCheck): string {
  const files = check.files.filter((f) => f.exists).map((f) => f.path).join(', ');
  const n = check.blocking.length;
  return `busy: ${n} other process${n === 1 ? '' : 'es'} hold${n === 1 ? 's' : ''} ${files}: ${check.blocking.map(describeHolder).join('; ')}`;
}
