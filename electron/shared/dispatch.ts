/**
 * How a request reaches the contract's methods. A boundary that receives requests from outside (the
 * IPC handlers, the loopback server) calls `dispatch`: look the method up, validate the argument with
 * its schema, call. That is the one validation of a request: whoever the boundary hands the call to
 * (the service worker behind serviceClient) calls `invoke`, which does not parse again.
 */
import { contract, type ArgsOf, type InspectorApi } from './contract.js';
import { isMethodName, type MethodName } from './methods.js';
import { fail, type Result } from './result.js';

/** Parses a method's argument; the message names the method and the first problem. */
export function parseArgs<M extends MethodName>(method: M, raw: unknown): { ok: true; args: ArgsOf<M> } | { ok: false; message: string } {
  const r = contract[method].args.safeParse(raw);
  if (r.success) return { ok: true, args: r.data as ArgsOf<M> };
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, message: `invalid arguments for ${method}${where}: ${issue?.message ?? 'rejected'}` };
}

/** Calls a method with an argument already validated where the request came in; throws become INTERNAL. */
export async function invoke(api: InspectorApi, method: MethodName, args: unknown): Promise<Result<unknown>> {
  const call = api[method] as (args: unknown) => Promise<Result<unknown>>;
  try {
    return await call.call(api, args);
  } catch (e) {
    // The service returns failures as values; reaching this is a bug worth its message.
    return fail('INTERNAL', `${method} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A request from outside: unknown methods and arguments that do not pass the schema are BAD_ARGUMENT. */
export function dispatch(api: InspectorApi, method: string, raw: unknown): Promise<Result<unknown>> {
  if (!isMethodName(method)) return Promise.resolve(fail('BAD_ARGUMENT', `unknown method '${method.slice(0, 100)}'`));
  const parsed = parseArgs(method, raw);
  if (!parsed.ok) return Promise.resolve(fail('BAD_ARGUMENT', parsed.message));
  return invoke(api, method, parsed.args);
}
