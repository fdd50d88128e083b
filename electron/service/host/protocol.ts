/** Messages between a host (Electron main, loopback server) and the service worker. */
import type { InspectorEvent, MethodName } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';

export interface CallMessage {
  kind: 'call';
  id: number;
  method: MethodName;
  args: unknown;
}

/** Asks the worker to close every document (releasing file handles) and end. */
export interface DisposeMessage {
  kind: 'dispose';
}

export type HostMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: InspectorEvent };
