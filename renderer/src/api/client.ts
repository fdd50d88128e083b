/**
 * The renderer's one door to the document service. At start-up it takes the preload's `window.api`
 * (Electron) or else talks HTTP + Server-Sent Events to the loopback server it was loaded from; no
 * other module knows which. It imports only the contract's types, so it lists no method: a call is
 * its name and argument, typed by the contract's table.
 */
import type {
  ArgsOf, EventListener, InspectorEvent, MethodName, PreloadBridge, ValueOf,
} from '../../../electron/shared/contract.js';
import type { ErrorInfo, Result } from '../../../electron/shared/result.js';

declare global {
  interface Window {
    api?: PreloadBridge;
  }
}

const connectedListeners = new Set<() => void>();

/** Calls one method of the contract and resolves to its Result (never rejects). */
type Call = <M extends MethodName>(method: M, args: ArgsOf<M>) => Promise<Result<ValueOf<M>>>;

interface Transport {
  call: Call;
  subscribe(listener: EventListener): () => void;
}

/** The preload's bridge: one function per method (it knows the names; this file needs none). */
function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    call: <M extends MethodName>(method: M, args: ArgsOf<M>) => (bridge[method] as (a: ArgsOf<M>) => Promise<Result<ValueOf<M>>>)(args),
    subscribe: (listener) => bridge.subscribe(listener),
  };
}

/** POST /api/<method> with the JSON argument; events from /api/events. Any method name of the contract's type goes. */
function httpTransport(): Transport {
  const call = async <M extends MethodName>(method: M, args: ArgsOf<M>): Promise<Result<ValueOf<M>>> => {
    let res: Response;
    try {
      res = await fetch(`api/${method}`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args), credentials: 'same-origin',
      });
    } catch (e) {
      return { ok: false, error: { code: 'IO', message: `the inspector server does not answer: ${(e as Error).message}` } };
    }
    if (res.status === 401 || res.status === 403) {
      return { ok: false, error: { code: 'FORBIDDEN', message: `${(await res.text()).trim()} (HTTP ${res.status})` } };
    }
    if (!res.ok) return { ok: false, error: { code: 'IO', message: `HTTP ${res.status}: ${(await res.text()).trim()}` } };
    return (await res.json()) as Result<ValueOf<M>>;
  };
  const listeners = new Set<EventListener>();
  let source: EventSource | null = null;
  const connect = (): void => {
    source = new EventSource('api/events');
    source.onmessage = (m: MessageEvent<string>) => {
      const event = JSON.parse(m.data) as InspectorEvent;
      for (const l of listeners) l(event);
    };
    // Events sent while the stream was not connected are lost: state is re-read on every (re)connect.
    source.onopen = () => {
      for (const l of connectedListeners) l();
    };
  };
  const subscribe = (listener: EventListener): (() => void) => {
    listeners.add(listener);
    if (!source) connect();
    return () => {
      listeners.delete(listener);
    };
  };
  return { call, subscribe };
}

const transport: Transport = window.api ? ipcTransport(window.api) : httpTransport();
export const transportKind: 'ipc' | 'http' = window.api ? 'ipc' : 'http';

/** A failed call, with the service's code (NOT_METAKIT, BAD_ARGUMENT, ABORTED, ...). */
export class ApiError extends Error {
  readonly code: string;
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.code = info.code;
    this.info = info;
  }
}

/** Calls a method and returns its value, or throws ApiError. */
export async function request<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ValueOf<M>> {
  const r = await transport.call(method, args);
  if (!r.ok) throw new ApiError(r.error);
  return r.value;
}

export function subscribe(listener: EventListener): () => void {
  return transport.subscribe(listener);
}

/**
 * Called whenever the event stream (re)connects (HTTP only; IPC never drops events): what was missed
 * meanwhile must be read again.
 */
export function onEventsConnected(listener: () => void): () => void {
  connectedListeners.add(listener);
  return () => {
    connectedListeners.delete(listener);
  };
}

/** Path of a file dropped on the window: only the desktop app can know it. */
export function droppedFilePath(file: File): string | null {
  return window.api ? window.api.pathForFile(file) || null : null;
}
