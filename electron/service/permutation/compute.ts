/**
 * A view's order for one (sort, filters) request: the stored row indices that pass every filter, sorted
 * stably by one column. Pure and synchronous; the worker runs it off the service thread.
 */
import type { View } from '../../../engine/core/read/view.js';
import type { FilterSpec, SortSpec } from '../../shared/dto.js';
import { ServiceError } from '../errors.js';
import { checkFilter, compileFilter } from './filters.js';
import { radixOrder } from './radix.js';
import { sortKeys } from './sortKeys.js';

export interface OrderRequest {
  sort: SortSpec | null;
  filters: FilterSpec[];
}

export type ProgressFn = (phase: string, done: number, total: number) => void;

/** Rows between progress reports while scanning. */
const REPORT_EVERY = 1 << 16;

/** Throws ServiceError BAD_ARGUMENT for an unknown column or an operator/value that does not fit. */
export function checkOrderRequest(view: View, req: OrderRequest, title: string): void {
  if (req.sort && view.propertyIndex(req.sort.column) < 0) {
    throw new ServiceError('BAD_ARGUMENT', `${title} has no column '${req.sort.column}' to sort by`, title);
  }
  for (const f of req.filters) checkFilter(view, f, title);
}

export function computeOrder(view: View, req: OrderRequest, title: string, progress: ProgressFn = () => {}): Int32Array {
  checkOrderRequest(view, req, title);
  const rows = req.filters.length > 0 ? filterRows(view, req.filters, title, progress) : null;
  const n = rows ? rows.length : view.rowCount;
  if (!req.sort) return rows ?? identity(n);
  const p = view.propertyIndex(req.sort.column);
  const rowAt = rows ? (i: number) => rows[i] as number : (i: number) => i;
  progress('reading keys', 0, n);
  const keys = sortKeys(view, p, n, rowAt, req.sort.direction === 'desc');
  const order = radixOrder(keys.words, n, (done, total) => progress('sorting', done, total));
  if (keys.refine) refineRuns(order, keys.words[0] as Uint32Array, keys.refine, progress);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = rowAt(order[i] as number);
  progress('done', n, n);
  return out;
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function filterRows(view: View, filters: readonly FilterSpec[], title: string, progress: ProgressFn): Int32Array {
  const tests = filters.map((f) => compileFilter(view, checkFilter(view, f, title)));
  const n = view.rowCount;
  const kept = new Int32Array(n);
  let m = 0;
  progress('filtering', 0, n);
  for (let r = 0; r < n; r++) {
    let pass = true;
    for (const t of tests) {
      if (!t(r)) {
        pass = false;
        break;
      }
    }
    if (pass) kept[m++] = r;
    if ((r & (REPORT_EVERY - 1)) === REPORT_EVERY - 1) progress('filtering', r + 1, n);
  }
  progress('filtering', n, n);
  return kept.slice(0, m);
}

/** Sorts each run of equal prefix keys with the full comparison, keeping equal values in row order. */
function refineRuns(order: Int32Array, prefix: Uint32Array, compare: (a: number, b: number) => number, progress: ProgressFn): void {
  const n = order.length;
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && prefix[order[i] as number] === prefix[order[start] as number]) continue;
    if (i - start > 1) order.subarray(start, i).sort((a, b) => compare(a, b) || a - b);
    start = i;
    if ((i & (REPORT_EVERY - 1)) === 0) progress('sorting strings', i, n);
  }
}
