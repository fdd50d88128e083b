/**
 * Column filters: checked against the view's types before any work starts (a wrong operator or a value
 * that does not parse is the caller's mistake, reported at once), then compiled to row predicates
 * over the decoded columns.
 */
import type { PropType } from '../../../engine/core/read/structure.js';
import type { View } from '../../../engine/core/read/view.js';
import type { FilterOp, FilterSpec } from '../../shared/dto.js';
import { ServiceError } from '../errors.js';
import { compareBytes, itemReader } from './columnAccess.js';

const COMPARE: readonly FilterOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];
const ANY: readonly FilterOp[] = ['empty', 'notEmpty'];

export const OPS_BY_TYPE: Record<PropType, readonly FilterOp[]> = {
  I: [...COMPARE, ...ANY],
  L: [...COMPARE, ...ANY],
  F: [...COMPARE, ...ANY],
  D: [...COMPARE, ...ANY],
  S: [...COMPARE, 'contains', 'startsWith', 'regex', ...ANY],
  B: [...COMPARE, 'contains', ...ANY],
  V: [...COMPARE, ...ANY],
};

export type RowPredicate = (row: number) => boolean;

interface CheckedFilter {
  p: number;
  type: PropType;
  spec: FilterSpec;
  number: number;
  long: bigint;
  regex: RegExp | null;
  hex: Uint8Array | null;
}

export function checkFilter(view: View, spec: FilterSpec, title: string): CheckedFilter {
  const p = view.propertyIndex(spec.column);
  if (p < 0) throw new ServiceError('BAD_ARGUMENT', `${title} has no column '${spec.column}' to filter`, title);
  const type = view.fields[p]?.type as PropType;
  if (!OPS_BY_TYPE[type].includes(spec.op)) {
    throw new ServiceError('BAD_ARGUMENT', `filter '${spec.op}' does not apply to ${spec.column} (${type}); use ${OPS_BY_TYPE[type].join(', ')}`, title);
  }
  const out: CheckedFilter = { p, type, spec, number: 0, long: 0n, regex: null, hex: null };
  if (ANY.includes(spec.op)) return out;
  const v = spec.value.trim();
  if (type === 'L' && COMPARE.includes(spec.op)) {
    if (!/^-?\d+$/.test(v)) throw new ServiceError('BAD_ARGUMENT', `expected an integer to compare ${spec.column} (L) with, but found '${spec.value}'`, title);
    out.long = BigInt(v);
  } else if (type !== 'S' && COMPARE.includes(spec.op)) {
    const n = v === '' ? NaN : Number(v);
    if (Number.isNaN(n) && !/^nan$/i.test(v)) throw new ServiceError('BAD_ARGUMENT', `expected a number to compare ${spec.column} (${type}) with, but found '${spec.value}'`, title);
    out.number = n;
  } else if (spec.op === 'regex') {
    try {
      out.regex = new RegExp(spec.value, 'u');
    } catch (e) {
      throw new ServiceError('BAD_ARGUMENT', `expected a regular expression, but '${spec.value}' is not one: ${(e as Error).message}`, title);
    }
  } else if (type === 'B' && spec.op === 'contains') {
    const hex = v.replace(/\s+/g, '');
    if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new ServiceError('BAD_ARGUMENT', `expected hex bytes like '1f8b' to search ${spec.column} (B) for, but found '${spec.value}'`, title);
    out.hex = Uint8Array.from(hex.match(/../g) as string[], (h) => parseInt(h, 16));
  }
  return out;
}

function compareWith(op: FilterOp, d: number): boolean {
  switch (op) {
    case 'eq': return d === 0;
    case 'ne': return d !== 0;
    case 'lt': return d < 0;
    case 'le': return d <= 0;
    case 'gt': return d > 0;
    case 'ge': return d >= 0;
    default: return false;
  }
}

function numberTest(op: FilterOp, want: number): (x: number) => boolean {
  if (Number.isNaN(want)) return op === 'eq' ? (x) => Number.isNaN(x) : op === 'ne' ? (x) => !Number.isNaN(x) : () => false;
  return (x) => !Number.isNaN(x) && compareWith(op, x < want ? -1 : x > want ? 1 : 0);
}

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  if (needle.length === 0) return true;
  const first = needle[0] as number;
  outer: for (let i = hay.indexOf(first); i >= 0 && i + needle.length <= hay.length; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

export function compileFilter(view: View, f: CheckedFilter): RowPredicate {
  const { p, type, spec } = f;
  const op = spec.op;
  const empty = op === 'empty';
  switch (type) {
    case 'I': {
      const ints = view.ints(p);
      if (ANY.includes(op)) return (r) => ((ints[r] as number) === 0) === empty;
      const test = numberTest(op, f.number);
      return (r) => test(ints[r] as number);
    }
    case 'F':
    case 'D': {
      const xs = type === 'F' ? view.floats(p) : view.doubles(p);
      if (ANY.includes(op)) return (r) => ((xs[r] as number) === 0) === empty;
      // A float32 column holds 0.1 as fround(0.1): compare in the column's precision.
      const test = numberTest(op, type === 'F' ? Math.fround(f.number) : f.number);
      return (r) => test(xs[r] as number);
    }
    case 'L': {
      const xs = view.longs(p);
      if (ANY.includes(op)) return (r) => ((xs[r] as bigint) === 0n) === empty;
      const want = f.long;
      return (r) => {
        const x = xs[r] as bigint;
        return compareWith(op, x < want ? -1 : x > want ? 1 : 0);
      };
    }
    case 'V': {
      if (ANY.includes(op)) return (r) => (view.getViewSize(r, p) === 0) === empty;
      const test = numberTest(op, f.number);
      return (r) => test(view.getViewSize(r, p));
    }
    case 'B': {
      const item = itemReader(view, p);
      if (ANY.includes(op)) return (r) => (item(r).length === 0) === empty;
      if (op === 'contains') {
        const needle = f.hex as Uint8Array;
        return (r) => contains(item(r), needle);
      }
      const test = numberTest(op, f.number);
      return (r) => test(item(r).length);
    }
    case 'S': {
      const item = itemReader(view, p);
      if (ANY.includes(op)) return (r) => (item(r).length === 0) === empty;
      if (op === 'regex') {
        const re = f.regex as RegExp;
        return (r) => re.test(utf8.decode(item(r)));
      }
      if (op === 'contains') {
        const needle = spec.value.toLowerCase();
        return (r) => utf8.decode(item(r)).toLowerCase().includes(needle);
      }
      // Byte order of UTF-8 is code point order: compare without decoding.
      const want = encoder.encode(spec.value);
      if (op === 'startsWith') return (r) => { const b = item(r); return b.length >= want.length && compareBytes(b.subarray(0, want.length), want) === 0; };
      return (r) => compareWith(op, compareBytes(item(r), want));
    }
  }
}
