/**
 * The names of the contract's methods and their IPC channels, apart from the table in contract.ts so
 * that the sandboxed preload can bundle them without zod. The table is keyed by exactly these names
 * (its `satisfies` refuses a missing or an extra one), so this list and the table cannot disagree.
 */
import type { Result } from './result.js';

/** Every method, in a stable order (channels, routes, tests iterate this). */
export const METHOD_NAMES = [
  'appInfo', 'chooseFile', 'openDocument', 'closeDocument', 'listDocuments', 'setAsideAttached', 'listViews',
  'describeView', 'getRows', 'getCell', 'getStats', 'listRecent', 'clearRecent', 'cancelJob',
  'getAsideReport', 'listHolders', 'cleanStale', 'planFlush', 'flushDocument', 'listActions',
  'setFollow', 'setPin', 'listGenerations', 'compareSnapshots',
  'editCell', 'appendRow', 'deleteRows', 'listPending', 'commitChanges', 'revertChanges',
  'exportView',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

const KNOWN: ReadonlySet<string> = new Set(METHOD_NAMES);

export function isMethodName(name: string): name is MethodName {
  return KNOWN.has(name);
}

/** IPC channel of a method (invoke) and of the event stream (send). */
export const CHANNEL_PREFIX = 'mk:';
export const EVENT_CHANNEL = 'mk:event';
export function channelOf(method: MethodName): string {
  return `${CHANNEL_PREFIX}${method}`;
}

/** Forwards a call, as it is, to wherever the methods run (IPC, a worker thread). */
export type Forward = (method: MethodName, args: unknown) => Promise<Result<unknown>>;

/** The shape of every method: one argument object in, a Result out. */
export type AnyMethods = Record<MethodName, (args: never) => Promise<Result<unknown>>>;

/**
 * One function per method, each forwarding its one argument object; `Api` is the contract's
 * `InspectorApi` (contract.ts), whose keys are exactly these names. Nothing is checked here: the
 * receiving end validates (dispatch.ts).
 */
export function forwardEach<Api extends AnyMethods>(forward: Forward): Api {
  const methods: Record<string, (args: unknown) => Promise<Result<unknown>>> = {};
  for (const m of METHOD_NAMES) methods[m] = (args) => forward(m, args);
  return methods as unknown as Api;
}
