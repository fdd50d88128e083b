/**
 * zod schemas for the argument of every contract method. Both boundaries (ipc.ts and the loopback
 * server) parse with these before anything reaches the service; unknown keys are refused.
 */
import { z } from 'zod';
import { MAX_CELL_BYTES, MAX_WINDOW, type ArgsOf, type MethodName } from './contract.js';

const MAX_PATH_CHARS = 4096;
const MAX_NAME_CHARS = 1024;
const MAX_STEPS = 64;
const MAX_FILTERS = 64;

const filePath = z.string().min(1).max(MAX_PATH_CHARS).refine((s) => !s.includes('\0'), 'must not contain NUL');
const name = z.string().min(1).max(MAX_NAME_CHARS);
const rowIndex = z.number().int().min(0).max(0x7fffffff);
const docId = z.string().min(1).max(64);

export const openModeSchema = z.enum(['read', 'readwrite', 'extend']);

export const viewPathSchema = z.strictObject({
  view: name,
  steps: z.array(z.strictObject({ row: rowIndex, prop: name })).max(MAX_STEPS),
});

export const sortSchema = z.strictObject({ column: name, direction: z.enum(['asc', 'desc']) });

export const filterSchema = z.strictObject({
  column: name,
  op: z.enum(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains', 'startsWith', 'regex', 'empty', 'notEmpty']),
  value: z.string().max(1000),
});

const noArgs = z.strictObject({});
const docRef = z.strictObject({ docId });
const viewRef = z.strictObject({ docId, path: viewPathSchema });

type Schemas = { [M in MethodName]: z.ZodType<ArgsOf<M>> };

export const argSchemas: Schemas = {
  appInfo: noArgs as z.ZodType<ArgsOf<'appInfo'>>,
  chooseFile: noArgs as z.ZodType<ArgsOf<'chooseFile'>>,
  openDocument: z.strictObject({ path: filePath, aside: filePath.nullable().optional(), mode: openModeSchema.optional() }),
  closeDocument: docRef,
  listDocuments: noArgs as z.ZodType<ArgsOf<'listDocuments'>>,
  setAsideAttached: z.strictObject({ docId, attached: z.boolean() }),
  listViews: docRef,
  describeView: viewRef,
  getRows: z.strictObject({
    docId,
    path: viewPathSchema,
    start: rowIndex,
    count: z.number().int().min(0).max(MAX_WINDOW),
    sort: sortSchema.nullable().optional(),
    filters: z.array(filterSchema).max(MAX_FILTERS).optional(),
  }),
  getCell: z.strictObject({
    docId,
    path: viewPathSchema,
    row: rowIndex,
    column: name,
    maxBytes: z.number().int().min(1).max(MAX_CELL_BYTES).optional(),
  }),
  getStats: docRef,
  listRecent: noArgs as z.ZodType<ArgsOf<'listRecent'>>,
  clearRecent: noArgs as z.ZodType<ArgsOf<'clearRecent'>>,
  cancelJob: z.strictObject({ jobId: z.string().min(1).max(64) }),
};

/** Parses a method's argument; the message names the method and the first problem. */
export function parseArgs<M extends MethodName>(method: M, raw: unknown): { ok: true; args: ArgsOf<M> } | { ok: false; message: string } {
  const schema = argSchemas[method] as z.ZodType<ArgsOf<M>>;
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, args: r.data };
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, message: `invalid arguments for ${method}${where}: ${issue?.message ?? 'rejected'}` };
}
