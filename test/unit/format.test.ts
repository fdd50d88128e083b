/** Value formatting of the dump: Tcl's double formatting, the corpus' JSON escaping, hex. */
import { describe, expect, it } from 'vitest';
import { floatFromBits, formatTclDouble, jsonDouble, jsonString, toHex } from '../../engine/core/base/format.js';
import { dumpToString } from '../../engine/core/analysis/dump.js';
import { openBytes } from '../helpers/bytes.js';
import { T1 } from '../helpers/docVectors.js';

describe('formatTclDouble / jsonDouble', () => {
  const cases: [number, string][] = [
    [0, '0.0'], [-0, '-0.0'], [1, '1.0'], [-500, '-500.0'], [1.5, '1.5'], [3.25, '3.25'], [0.1, '0.1'], [0.0001, '0.0001'],
    [0.00001, '1e-5'], [1e16, '10000000000000000.0'], [1e17, '1e+17'], [123456789012345680, '1.2345678901234568e+17'], [-1e300, '-1e+300'],
    [1234567890123456, '1234567890123456.0'], [5e-324, '5e-324'], [Number.MAX_VALUE, '1.7976931348623157e+308'],
  ];
  for (const [x, s] of cases) it(`${x} -> ${s}`, () => expect(formatTclDouble(x)).toBe(s));

  it('specials', () => {
    expect([formatTclDouble(NaN), formatTclDouble(Infinity), formatTclDouble(-Infinity)]).toEqual(['NaN', 'Inf', '-Inf']);
    expect([jsonDouble(NaN), jsonDouble(Infinity), jsonDouble(-Infinity), jsonDouble(-0), jsonDouble(2)]).toEqual([
      '{"float": "NaN"}', '{"float": "Infinity"}', '{"float": "-Infinity"}', '{"float": "-0"}', '2.0',
    ]);
  });

  it('float bit patterns widen exactly', () => {
    expect(floatFromBits(0x3fc00000)).toBe(1.5);
    expect(Object.is(floatFromBits(-0x80000000), -0)).toBe(true);
    expect(floatFromBits(1)).toBe(1.401298464324817e-45);
    expect(formatTclDouble(floatFromBits(0x3dcccccd))).toBe('0.10000000149011612');
  });
});

describe('jsonString / toHex', () => {
  it('escapes quotes, backslashes, named controls, other controls and DEL', () => {
    expect(jsonString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(jsonString('\n\t\r\b\f')).toBe('"\\n\\t\\r\\b\\f"');
    expect(jsonString('\u0001\u001f\u007f')).toBe('"\\u0001\\u001f\\u007f"');
    expect(jsonString('größe ✓')).toBe('"größe ✓"');
    expect(jsonString('')).toBe('""');
  });

  it('hex of bytes, optionally capped', () => {
    expect(toHex(Uint8Array.of(0, 15, 255))).toBe('000fff');
    expect(toHex(Uint8Array.of(1, 2, 3), 2)).toBe('0102');
  });
});

describe('dump text layout', () => {
  it('t1.mk dumps exactly as the corpus schema lays it out', () => {
    expect(dumpToString(openBytes(T1), { main: 't1.mk', mainSize: 61 })).toBe([
      '{',
      '  "metakit": "2.4.9.8",',
      '  "main": "t1.mk",',
      '  "endOfData": 61,',
      '  "sizes": {"main": 61},',
      '  "views": [',
      '    {"name": "a", "layout": "a[i:S,n:I]", "rows": [',
      '      {"i": "hello", "n": 42}',
      '    ]}',
      '  ]',
      '}',
      '',
    ].join('\n'));
  });

  it('with an aside: both names and sizes', () => {
    const out = dumpToString(openBytes(T1), { main: 'm.mk', aside: 'a.mka', mainSize: 61, asideSize: 7 });
    expect(out).toContain('  "aside": "a.mka",\n');
    expect(out).toContain('  "sizes": {"main": 61, "aside": 7},\n');
  });
});
