/**
 * The zod pieces the contract's argument schemas are built from (contract.ts), and the types inferred
 * from those that results carry too (a view path, a sort, a filter, a generation). Unknown keys are
 * refused everywhere (strict objects); limits keep one request small.
 */
import { z } from 'zod';

const MAX_PATH_CHARS = 4096;
const MAX_NAME_CHARS = 1024;
const MAX_STEPS = 64;
const MAX_FILTERS = 64;

export const filePath = z.string().min(1).max(MAX_PATH_CHARS).refine((s) => !s.includes('\0'), 'must not contain NUL');
export const name = z.string().min(1).max(MAX_NAME_CHARS);
export const rowIndex = z.number().int().min(0).max(0x7fffffff);
export const docId = z.string().min(1).max(64);

/** How a file is opened. Read-only unless the user explicitly asks for more. */
export const openModeSchema = z.enum(['read', 'readwrite', 'extend']);
export type OpenMode = z.infer<typeof openModeSchema>;

export const viewStepSchema = z.strictObject({
  /** Row of the parent view (its stored index, not a sorted position). */
  row: rowIndex,
  prop: name,
});
export type ViewStep = z.infer<typeof viewStepSchema>;

/** A view instance: a top-level view, then (row, subview property) steps down. */
export const viewPathSchema = z.strictObject({ view: name, steps: z.array(viewStepSchema).max(MAX_STEPS) });
export type ViewPath = z.infer<typeof viewPathSchema>;

export const sortSchema = z.strictObject({ column: name, direction: z.enum(['asc', 'desc']) });
export type SortSpec = z.infer<typeof sortSchema>;
export type SortDirection = SortSpec['direction'];

/**
 * Filter operators. Numbers (I, L, F, D), B sizes and V row counts compare with eq..ge; strings with
 * eq/ne/lt..ge (code point order), contains (case-insensitive), startsWith, regex; empty/notEmpty
 * apply to every type (zero, empty string, no bytes, no rows).
 */
export const filterSchema = z.strictObject({
  column: name,
  op: z.enum(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains', 'startsWith', 'regex', 'empty', 'notEmpty']),
  value: z.string().max(1000),
});
export type FilterSpec = z.infer<typeof filterSchema>;
export type FilterOp = FilterSpec['op'];

/** The order a request reads rows in: the grid's sort and filters (both optional). */
export const orderFields = {
  sort: sortSchema.nullable().optional(),
  filters: z.array(filterSchema).max(MAX_FILTERS).optional(),
};

const fileOffset = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Names a snapshot: scan the main file (and the aside) from these ends. */
export const generationRefSchema = z.strictObject({ mainEnd: fileOffset, asideEnd: fileOffset.nullable() });
export type GenerationRef = z.infer<typeof generationRefSchema>;

/** Either side of a comparison: the pinned snapshot, what the document shows now, or a generation. */
export const compareSideSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pinned') }),
  z.strictObject({ kind: z.literal('current') }),
  z.strictObject({ kind: z.literal('generation'), ref: generationRefSchema }),
]);
export type CompareSide = z.infer<typeof compareSideSchema>;

export const exportFormatSchema = z.enum(['csv', 'json']);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export const noArgs = z.strictObject({});
export const docRef = z.strictObject({ docId });
export const viewRef = z.strictObject({ docId, path: viewPathSchema });
