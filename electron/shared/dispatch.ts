/**
 * The one way a transport calls the contract: look the method up, validate the argument with its
 * schema, call, and turn anything thrown into a Result. ipc.ts and the loopback server both use it.
 */
import { METHOD_NAMES, type InspectorApi, type MethodName } from './contract.js';
import { fail, type Result } from './result.js';
import { parseArgs } from './schemas.js';

const METHODS: ReadonlySet<string> = new Set(METHOD_NAMES);

export function isMethodName(name: string): name is MethodName {
  return METHODS.has(name);
}

export async function dispatch(api: InspectorApi, method: string, raw: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method)) return fail('BAD_ARGUMENT', `unknown method '${method.slice(0, 100)}'`);
  const parsed = parseArgs(method, raw);
  if (!parsed.ok) return fail('BAD_ARGUMENT', parsed.message);
  const call = api[method] as (args: unknown) => Promise<Result<unknown>>;
  try {
    return await call.call(api, parsed.args);
  } catch (e) {
    // The service returns failures as values; reaching this is a bug worth its message.
    return fail('INTERNAL', `${method} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
