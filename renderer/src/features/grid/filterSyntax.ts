/**
 * The filter row's small language, turned into the contract's FilterSpec:
 *   numbers (I L F D), B sizes, V row counts:  5  =5  !=5  >5  >=5  <5  <=5  empty  !empty
 *   strings (S):  text (contains, case-insensitive)  =text  !=text  ^prefix  /regex/  >text ...
 *   bytes (B):    hex bytes like 1f8b (contains), or a size comparison like >100
 */
import type { FilterSpec, PropType } from '../../../../electron/shared/dto.js';

const COMPARISON = /^(<=|>=|!=|=|<|>)\s*(.*)$/s;
const OPS = { '=': 'eq', '!=': 'ne', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' } as const;

export function parseFilter(column: string, type: PropType, text: string): FilterSpec | null {
  const t = text.trim();
  if (t === '') return null;
  if (t === 'empty') return { column, op: 'empty', value: '' };
  if (t === '!empty') return { column, op: 'notEmpty', value: '' };
  const m = COMPARISON.exec(t);
  if (type === 'S') {
    if (t.length > 1 && t.startsWith('/') && t.endsWith('/')) return { column, op: 'regex', value: t.slice(1, -1) };
    if (t.startsWith('^')) return { column, op: 'startsWith', value: t.slice(1) };
    if (m) return { column, op: OPS[m[1] as keyof typeof OPS], value: m[2] as string };
    return { column, op: 'contains', value: t };
  }
  if (m) return { column, op: OPS[m[1] as keyof typeof OPS], value: (m[2] as string).trim() };
  if (type === 'B') return { column, op: 'contains', value: t };
  return { column, op: 'eq', value: t };
}

export const FILTER_HELP: Record<PropType, string> = {
  S: 'text (contains), =text, !=text, ^prefix, /regex/, <text, empty, !empty',
  I: '5, >5, >=5, <5, <=5, !=5, empty (0), !empty',
  L: '5, >5, >=5, <5, <=5, !=5, empty (0), !empty',
  F: '1.5, >1.5, <0, !=0, NaN, empty (0), !empty',
  D: '1.5, >1.5, <0, !=0, NaN, empty (0), !empty',
  B: 'hex bytes (contains, e.g. 789c), >100 (size), empty, !empty',
  V: '>0 (rows), =3, empty, !empty',
};
