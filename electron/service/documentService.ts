/**
 * The document service: the contract implemented on engine storages, one per open document. Node only
 * (no Electron): Electron's main process and the loopback server host it the same way, in a worker
 * thread (host/serviceWorker.ts). This file is only wiring: the state the methods share
 * (serviceState.ts) and the method groups (api/*.ts), each implementing its part of the contract.
 * Orders for sorted/filtered views come from worker threads; flush, snapshot compare and the
 * generation chain run in task workers; export streams in chunks. This thread maps row windows.
 */
import type { InspectorApi, InspectorTransport, MethodName } from '../shared/contract.js';
import { appMethods } from './api/appMethods.js';
import type { MethodGroup, ServiceContext, ServiceOptions } from './api/context.js';
import { documentMethods } from './api/documentMethods.js';
import { editMethods } from './api/editMethods.js';
import { followMethods } from './api/followMethods.js';
import { maintenanceMethods } from './api/maintenanceMethods.js';
import { viewMethods } from './api/viewMethods.js';
import { ServiceState } from './serviceState.js';

export type { ServiceOptions } from './api/context.js';

export interface DocumentService extends InspectorTransport {
  /** Closes every document and stops every worker. */
  dispose(): void;
}

/** The methods a group implements (the keys of what it returns). */
type MethodsOf<G> = G extends (ctx: ServiceContext) => infer R ? keyof R & MethodName : never;

/**
 * The groups' methods as one object. The type is what they implement together (so assigning it to
 * InspectorApi fails, naming the method, while one is missing); two groups implementing the same
 * method is refused here, at the first start.
 */
export function composeGroups<const G extends readonly MethodGroup[]>(ctx: ServiceContext, groups: G): Pick<InspectorApi, MethodsOf<G[number]>> {
  const api: Partial<Record<MethodName, unknown>> = {};
  for (const group of groups) {
    for (const [method, fn] of Object.entries(group(ctx))) {
      if (method in api) throw new Error(`two method groups of the document service implement ${method}`);
      api[method as MethodName] = fn;
    }
  }
  return api as Pick<InspectorApi, MethodsOf<G[number]>>;
}

export function createDocumentService(options: ServiceOptions): DocumentService {
  const state = new ServiceState(options);
  const api: InspectorApi = composeGroups(state, [appMethods, documentMethods, viewMethods, followMethods, editMethods, maintenanceMethods]);
  return {
    ...api,
    subscribe: (listener) => state.subscribe(listener),
    dispose: () => state.dispose(),
  };
}
