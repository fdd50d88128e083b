/**
 * Value formatting shared by the dump, the CLI and the app: numbers exactly as Tcl 8.6 prints them
 * (the corpus' expected.json), JSON strings with the corpus' escaping, hex for bytes.
 */

/**
 * Tcl's shortest round-trip formatting of a double (tcl_precision 0): the shortest digits, then `%e`
 * style when the decimal exponent is below -4 or above 16, else fixed notation with at least `.0`.
 */
export function formatTclDouble(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mant, expPart] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expPart);
  if (exp < -4 || exp > 16) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intLen = exp + 1;
  if (digits.length <= intLen) return `${sign}${digits}${'0'.repeat(intLen - digits.length)}.0`;
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}

/** expected.json's encoding of an F/D value: a number, or `{"float": ...}` for specials and -0. */
export function jsonDouble(x: number): string {
  if (Number.isNaN(x)) return '{"float": "NaN"}';
  if (x === Infinity) return '{"float": "Infinity"}';
  if (x === -Infinity) return '{"float": "-Infinity"}';
  if (Object.is(x, -0)) return '{"float": "-0"}';
  return formatTclDouble(x);
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f' };

/** A JSON string literal escaped as the corpus does: named escapes, `\u00XX` for other controls and DEL. */
export function jsonString(s: string): string {
  let out = '"';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x7f) continue;
    out += s.slice(last, i);
    const ch = s[i] as string;
    out += ESCAPES[ch] ?? `\\u${c.toString(16).padStart(4, '0')}`;
    last = i + 1;
  }
  return `${out}${s.slice(last)}"`;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array, max = Infinity): string {
  const n = Math.min(bytes.length, max);
  let s = '';
  for (let i = 0; i < n; i++) s += HEX[bytes[i] as number];
  return s;
}

/** Float32 bit pattern reinterpreted, widened to double. */
export function floatFromBits(bits: number): number {
  const f = new Float32Array(1);
  new Int32Array(f.buffer)[0] = bits;
  return f[0] as number;
}
