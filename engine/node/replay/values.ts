/**
 * Row values in the corpus JSON encoding (ops.json / expected.json) converted to engine values for a
 * property type: S strings, I integers, L decimal strings, F/D numbers or {"float": ...}, B {"hex"}.
 */
import type { Field } from '../../core/read/structure.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export class ReplayError extends Error {}

function special(v: JsonValue): number | null {
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.float === 'string') {
    switch (v.float) {
      case 'NaN': return NaN;
      case 'Infinity': return Infinity;
      case '-Infinity': return -Infinity;
      case '-0': return -0;
    }
    throw new ReplayError(`bad special float '${v.float}'`);
  }
  return null;
}

export function hexBytes(hex: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new ReplayError(`bad hex '${hex.slice(0, 20)}'`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Converts one JSON value for `field` (subviews are handled by the caller). */
export function engineValue(field: Field, v: JsonValue): unknown {
  switch (field.type) {
    case 'S':
      if (typeof v !== 'string') throw new ReplayError(`S value for ${field.name} must be a JSON string`);
      return v;
    case 'I':
      if (typeof v !== 'number' || !Number.isInteger(v)) throw new ReplayError(`I value for ${field.name} must be an integer`);
      return v;
    case 'L':
      if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
      if (typeof v !== 'string' || !/^-?\d+$/.test(v)) throw new ReplayError(`L value for ${field.name} must be a string of digits`);
      return BigInt(v);
    case 'F': case 'D': {
      const s = special(v);
      if (s !== null) return s;
      if (typeof v !== 'number') throw new ReplayError(`${field.type} value for ${field.name} must be a number`);
      return v;
    }
    case 'B':
      if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.hex === 'string') return hexBytes(v.hex);
      if (v === '') return new Uint8Array(0);
      throw new ReplayError(`B value for ${field.name} must be {"hex": ...}`);
    case 'V':
      throw new ReplayError(`subview ${field.name} is not a scalar`);
  }
}

/** Generator specs of `appendgen`, evaluated for row i; `state` keeps the LCG sequence. */
export function generate(field: Field, spec: JsonValue, i: number, state: { x?: bigint }): unknown {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) throw new ReplayError(`bad generator for ${field.name}`);
  const asNumber = (x: bigint): unknown => (field.type === 'L' ? x : engineValue(field, Number(x)));
  if (spec.int !== undefined) {
    const g = spec.int as Record<string, JsonValue>;
    const start = BigInt((g.start as number | undefined) ?? 0);
    const step = BigInt((g.step as number | undefined) ?? 1);
    let x = start + step * BigInt(i);
    if (g.mod !== undefined) {
      const m = BigInt(g.mod as number);
      x = ((x % m) + m) % m + BigInt((g.offset as number | undefined) ?? 0);
    }
    return asNumber(x);
  }
  if (spec.lcg !== undefined) {
    const g = spec.lcg as Record<string, JsonValue>;
    if (state.x === undefined) state.x = BigInt(g.seed as number);
    const x = state.x + BigInt((g.offset as number | undefined) ?? 0);
    state.x = (BigInt(g.mul as number) * state.x + BigInt(g.add as number)) % BigInt(g.mod as number);
    return asNumber(x);
  }
  if (spec.text !== undefined) return engineValue(field, (spec.text as string).split('{i}').join(String(i)));
  if (spec.cycle !== undefined) {
    const items = spec.cycle as JsonValue[];
    return engineValue(field, items[i % items.length] as JsonValue);
  }
  throw new ReplayError(`unknown generator for ${field.name}`);
}
