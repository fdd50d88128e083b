/**
 * The only place that touches ipcMain. Every channel goes through registerHandler: the sender must be
 * the top frame of one of our windows showing our own page, the argument must pass the contract's
 * zod schema, and the answer is always a Result (errors never travel as exceptions).
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channelOf, EVENT_CHANNEL, METHOD_NAMES, type ArgsOf, type InspectorApi, type InspectorEvent, type MethodName, type ValueOf } from '../shared/contract.js';
import { fail, type Result } from '../shared/result.js';
import { parseArgs } from '../shared/schemas.js';
import { isTrustedSender } from './security.js';

export type TrustedContents = (wc: WebContents) => boolean;

/**
 * Registers one contract method. `onTiming` (measurements) is told the synchronous time the handler
 * spent on the main thread before handing the call on.
 */
export function registerHandler<M extends MethodName>(
  method: M,
  handler: (args: ArgsOf<M>) => Promise<Result<ValueOf<M>>>,
  trusted: TrustedContents,
  onTiming?: (method: MethodName, syncMs: number) => void,
): void {
  ipcMain.handle(channelOf(method), async (event: IpcMainInvokeEvent, raw: unknown): Promise<Result<unknown>> => {
    const started = performance.now();
    if (!isTrustedSender(event.senderFrame, trusted, event.sender)) {
      return fail('FORBIDDEN', `${method}: the caller is not the inspector's own page`);
    }
    const parsed = parseArgs(method, raw);
    if (!parsed.ok) return fail('BAD_ARGUMENT', parsed.message);
    let pending: Promise<Result<ValueOf<M>>>;
    try {
      pending = handler(parsed.args);
    } catch (e) {
      return fail('INTERNAL', `${method} failed: ${(e as Error).message}`);
    }
    onTiming?.(method, performance.now() - started);
    try {
      return await pending;
    } catch (e) {
      return fail('INTERNAL', `${method} failed: ${(e as Error).message}`);
    }
  });
}

/** Registers every method of the contract. */
export function registerContract(api: InspectorApi, trusted: TrustedContents, onTiming?: (method: MethodName, syncMs: number) => void): void {
  for (const method of METHOD_NAMES) {
    registerHandler(method, api[method] as (args: unknown) => Promise<Result<never>>, trusted, onTiming);
  }
}

export function unregisterContract(): void {
  for (const method of METHOD_NAMES) ipcMain.removeHandler(channelOf(method));
}

/** Pushes a contract event to a window. */
export function sendEvent(wc: WebContents, event: InspectorEvent): void {
  if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, event);
}
