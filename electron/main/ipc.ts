/**
 * The only place that touches ipcMain. Every channel is handled the same way: the sender must be the
 * top frame of one of our windows showing our own page, then the shared dispatch validates the
 * argument with the contract's schema (the one validation of the request) and calls; the answer is
 * always a Result (errors never travel as exceptions).
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { InspectorApi, InspectorEvent } from '../shared/contract.js';
import { dispatch } from '../shared/dispatch.js';
import { channelOf, EVENT_CHANNEL, METHOD_NAMES, type MethodName } from '../shared/methods.js';
import { fail, type Result } from '../shared/result.js';
import { isTrustedSender } from './security.js';

export type TrustedContents = (wc: WebContents) => boolean;

/**
 * Registers every method of the contract. `onTiming` (measurements) is told the synchronous time each
 * request spent on the main thread before it was handed on.
 */
export function registerContract(api: InspectorApi, trusted: TrustedContents, onTiming?: (method: MethodName, syncMs: number) => void): void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(channelOf(method), (event: IpcMainInvokeEvent, raw: unknown): Promise<Result<unknown>> => {
      const started = performance.now();
      if (!isTrustedSender(event.senderFrame, trusted, event.sender)) {
        return Promise.resolve(fail('FORBIDDEN', `${method}: the caller is not the inspector's own page`));
      }
      const pending = dispatch(api, method, raw);
      onTiming?.(method, performance.now() - started);
      return pending;
    });
  }
}

export function unregisterContract(): void {
  for (const method of METHOD_NAMES) ipcMain.removeHandler(channelOf(method));
}

/** Pushes a contract event to a window. */
export function sendEvent(wc: WebContents, event: InspectorEvent): void {
  if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, event);
}
