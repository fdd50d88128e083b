/**
 * The demo's view of every property type, with the values that trip up readers: int32 and int64
 * extremes, float32 rounding, NaN, ±Infinity and -0 doubles, empty strings and bytes, UTF-8, items
 * long enough to be memos, and a subview.
 */
export const TYPES_LAYOUT = 'types[name:S,i:I,l:L,f:F,d:D,s:S,b:B,sub[x:I,y:S]]';

export interface TypesRow {
  name: string;
  i: number;
  l: bigint;
  f: number;
  d: number;
  s: string;
  b: Uint8Array;
  sub: { x: number; y: string }[];
}

function bytes(length: number, f: (k: number) => number): Uint8Array {
  const out = new Uint8Array(length);
  for (let k = 0; k < length; k++) out[k] = f(k) & 0xff;
  return out;
}

const LONG_TEXT = Array.from({ length: 240 }, (_, k) => `Line ${String(k + 1).padStart(3, '0')}: the quick brown fox jumps over the lazy dog.`).join('\n');

export function typesRows(): TypesRow[] {
  const empty = new Uint8Array(0);
  return [
    { name: 'zero', i: 0, l: 0n, f: 0, d: 0, s: '', b: empty, sub: [] },
    { name: 'one', i: 1, l: 1n, f: 1, d: 1, s: 'a', b: new Uint8Array([1]), sub: [{ x: 1, y: 'one' }] },
    { name: 'minimum', i: -2147483648, l: -(2n ** 63n), f: -3.4028234663852886e38, d: -1.7976931348623157e308, s: 'ASCII only', b: bytes(256, (k) => k), sub: [{ x: -2147483648, y: 'min' }] },
    { name: 'maximum', i: 2147483647, l: 2n ** 63n - 1n, f: 3.4028234663852886e38, d: 1.7976931348623157e308, s: 'Grüße, 你好, こんにちは, Привет, مرحبا, 🙂', b: bytes(256, (k) => 255 - k), sub: [{ x: 2147483647, y: 'max' }] },
    { name: 'negative zero', i: -1, l: -1n, f: -0, d: -0, s: '-0', b: new Uint8Array([0x80, 0, 0, 0, 0, 0, 0, 0]), sub: [] },
    { name: 'NaN', i: 0, l: 0n, f: NaN, d: NaN, s: 'not a number', b: new Uint8Array([0x7f, 0xf8, 0, 0, 0, 0, 0, 0]), sub: [] },
    { name: '+Infinity', i: 0, l: 0n, f: Infinity, d: Infinity, s: '+∞', b: empty, sub: [] },
    { name: '-Infinity', i: 0, l: 0n, f: -Infinity, d: -Infinity, s: '-∞', b: empty, sub: [] },
    { name: 'smallest', i: 2, l: 2n ** 53n + 1n, f: 1.401298464324817e-45, d: 5e-324, s: 'denormals', b: new Uint8Array([0]), sub: [{ x: 0, y: '' }, { x: 2, y: 'two rows' }] },
    { name: 'pi', i: 314159265, l: 314159265358979323n, f: Math.PI, d: Math.PI, s: 'π ≈ 3.14159', b: bytes(8, (k) => [0x18, 0x2d, 0x44, 0x54, 0xfb, 0x21, 0x09, 0x40][k] as number), sub: [{ x: 3, y: 'three' }, { x: 1, y: 'one' }, { x: 4, y: 'four' }] },
    { name: 'long items (memos)', i: 12_000, l: 12_000n, f: 0.1, d: 0.1, s: LONG_TEXT, b: bytes(20_000, (k) => (k * 2654435761) >>> 24), sub: [] },
  ];
}

/** The row the aside adds to `types` (its second commit). */
export function allTypesAside(): TypesRow {
  return { name: 'from the aside', i: 42, l: 4_200_000_000_000n, f: 4.2, d: 4.2e-42, s: 'written into demo.mka', b: new Uint8Array([0xde, 0xad, 0xbe, 0xef]), sub: [{ x: 42, y: 'aside' }] };
}
