/**
 * The host's side of the service worker: the contract's methods as messages, events relayed to
 * subscribers. If the worker dies, pending calls fail with INTERNAL and the next call starts a new one.
 * Arguments go over as they are: the boundary that received the request (ipc.ts, the loopback server)
 * validated it, and in-process callers are typed by the contract.
 */
import type { Worker } from 'node:worker_threads';
import type { EventListener, InspectorApi, InspectorEvent, InspectorTransport } from '../../shared/contract.js';
import { forwardEach, type MethodName } from '../../shared/methods.js';
import { fail, type Result } from '../../shared/result.js';
import type { ServiceOptions } from '../documentService.js';
import { spawnModuleWorker } from '../workers.js';
import type { CallMessage, DisposeMessage, HostMessage } from './protocol.js';

const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './serviceWorker.ts' : './serviceWorker.js', import.meta.url);

export interface ServiceClient extends InspectorTransport {
  /** Stops the worker (closing every document). */
  close(): Promise<void>;
}

export function startServiceClient(options: ServiceOptions): ServiceClient {
  const listeners = new Set<EventListener>();
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let worker: Worker | null = null;
  let nextId = 1;
  let closing = false;

  const emit = (event: InspectorEvent): void => {
    for (const l of listeners) l(event);
  };

  const stopped = (why: string): void => {
    worker = null;
    for (const resolve of pending.values()) resolve(fail('INTERNAL', `the document service stopped: ${why}`));
    pending.clear();
    if (!closing) emit({ type: 'documents', documents: [] });
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const w = spawnModuleWorker(WORKER_URL, { workerData: options });
    w.on('message', (m: HostMessage) => {
      if (m.kind === 'event') emit(m.event);
      else {
        pending.get(m.id)?.(m.result);
        pending.delete(m.id);
      }
    });
    w.on('error', (e) => stopped(e.message));
    w.on('exit', (code) => {
      if (worker === w) stopped(`exit code ${code}`);
    });
    worker = w;
    return w;
  };

  const call = (method: MethodName, args: unknown): Promise<Result<unknown>> => new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    const message: CallMessage = { kind: 'call', id, method, args };
    ensureWorker().postMessage(message);
  });

  ensureWorker();
  return {
    // Every method forwards its one argument object; results come back as they are.
    ...forwardEach<InspectorApi>(call),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closing = true;
      const w = worker;
      worker = null;
      if (w) {
        // Let the worker close its files (descriptors belong to the process, not the thread).
        const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
        w.postMessage({ kind: 'dispose' } satisfies DisposeMessage);
        const timer = setTimeout(() => void w.terminate(), 2000);
        await exited;
        clearTimeout(timer);
      }
      stopped('closed');
    },
  };
}
