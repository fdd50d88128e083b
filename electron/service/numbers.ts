/**
 * Number texts for the grid and the inspector: F/D in their shortest exact form (what `mkinspect dump`
 * prints) and a compact form; int64 exactly; stored bits in hex.
 */
import { formatTclDouble, floatFromBits } from '../../engine/core/base/format.js';
import type { NumberDetail } from '../shared/dto.js';

/** At most `digits` significant digits, trailing zeros dropped; exponent form outside 1e-6..1e15. */
export function compactNumber(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const abs = Math.abs(x);
  if (abs >= 1e15 || abs < 1e-6) {
    const [m, e] = x.toExponential(digits - 1).split('e') as [string, string];
    return `${trimZeros(m)}e${e}`;
  }
  return trimZeros(x.toPrecision(digits));
}

function trimZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/** Fewest significant digits (1..9) that read back as the same float32. */
export function shortestFloat32(x: number): string {
  if (!Number.isFinite(x) || x === 0) return compactNumber(x, 1);
  for (let p = 1; p <= 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return compactNumber(Number(s), p);
  }
  return compactNumber(x, 9);
}

/** Grid texts of an F cell (float32 bits) and a D cell. */
export function floatTexts(bits: number): { v: string; short: string } {
  const x = floatFromBits(bits);
  return { v: formatTclDouble(x), short: shortestFloat32(x) };
}

export function doubleTexts(x: number): { v: string; short: string } {
  return { v: formatTclDouble(x), short: compactNumber(x, 10) };
}

const hex32 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

export function intDetail(v: number): NumberDetail {
  return { shortest: String(v), precise: String(v), hex: hex32(v) };
}

export function longDetail(v: bigint): NumberDetail {
  return { shortest: v.toString(), precise: v.toString(), hex: BigInt.asUintN(64, v).toString(16).padStart(16, '0') };
}

export function floatDetail(bits: number): NumberDetail {
  const x = floatFromBits(bits);
  return { shortest: shortestFloat32(x), precise: Number.isFinite(x) ? x.toPrecision(9) : formatTclDouble(x), hex: hex32(bits) };
}

export function doubleDetail(x: number): NumberDetail {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  return { shortest: formatTclDouble(x), precise: Number.isFinite(x) ? x.toPrecision(17) : formatTclDouble(x), hex: hex32(b.getUint32(0)) + hex32(b.getUint32(4)) };
}
