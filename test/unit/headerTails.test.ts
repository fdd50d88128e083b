/**
 * The 8-byte marks and the end-of-data scan (format §2, §3): classification as c4_Strategy::EndOfData
 * does it, normal files, prefixes (starkits), trailing data with a trailing skip marker, the
 * old-format probe, and every way the scan fails.
 */
import { describe, expect, it } from 'vitest';
import { classifyMark, encodeHeader, readBE32, readLE32, writeBE32, type ReadAt } from '../../engine/core/read/header.js';
import { EMPTY_SCAN, encodeCommitTail, encodeSkipTail, scanEndOfData } from '../../engine/core/read/tails.js';
import { MetakitError } from '../../engine/core/base/errors.js';
import { concat, expectMkError, hex } from '../helpers/bytes.js';
import { C2, OLD1, SK1, T1, TRAIL1, TRAIL2, TRAIL3 } from '../helpers/docVectors.js';

function reader(bytes: Uint8Array): ReadAt & { reads: [number, number][] } {
  const reads: [number, number][] = [];
  const f = ((pos: number, len: number) => {
    reads.push([pos, len]);
    return pos < 0 || pos + len > bytes.length ? null : bytes.slice(pos, pos + len);
  }) as ReadAt & { reads: [number, number][] };
  f.reads = reads;
  return f;
}

describe('classifyMark', () => {
  const cases: [string, string, string][] = [
    ['80 00 00 00 00 00 00 2d', 'skip', 't1 skip tail (offset 45)'],
    ['80 00 00 0f 00 00 00 1e', 'commit', 't1 commit tail (15 bytes at 30)'],
    ['93 ab cd ef 00 00 00 32', 'skip', '9x skip tail with any count'],
    ['9f ff ff ff 00 00 00 01', 'skip', '9f skip tail'],
    ['80 00 00 00 00 00 00 00', 'other', 'skip with offset 0'],
    ['80 00 00 00 ff ff ff ff', 'other', 'skip with negative offset'],
    ['80 00 00 01 80 00 00 00', 'other', 'commit with negative offset'],
    ['81 00 00 01 00 00 00 08', 'other', 'type byte 81'],
    ['a0 00 00 00 00 00 00 08', 'other', 'type byte a0'],
    ['4a 4c 1a 00 00 00 00 3d', 'header', 'JL header'],
    ['4c 4a 1a 00 00 00 00 3d', 'header', 'LJ header'],
    ['4a 4c 1a 80 17 00 00 00', 'header', 'old-format header (byte 3 = 80)'],
    ['4a 4c 1a 3f 00 00 00 08', 'header', 'reserved byte 3 with bit 6 clear'],
    ['4a 4c 1a 40 00 00 00 08', 'other', 'byte 3 with bit 6 set'],
    ['4a 4a 1a 00 00 00 00 08', 'other', '"JJ" is no magic'],
    ['4c 4c 1a 00 00 00 00 08', 'other', '"LL" is no magic'],
    ['4a 4c 0a 00 00 00 00 2c', 'extendMark', 'generation mark (0a)'],
    ['4a 4c 1b 00 00 00 00 08', 'other', 'byte 2 neither 1a nor 0a'],
  ];
  for (const [bytes, kind, what] of cases) {
    it(`${what}: ${kind}`, () => expect(classifyMark(hex(bytes)).kind).toBe(kind));
  }

  it('decodes the fields (big-endian count and offset, byte order, format byte)', () => {
    expect(classifyMark(hex('80 01 02 03 00 00 01 00'))).toEqual({ kind: 'commit', type: 0x80, count: 0x010203, offset: 256, littleEndian: false, formatByte: 3 });
    const h = classifyMark(hex('4a 4c 1a 00 00 00 00 3d'));
    expect(h).toMatchObject({ kind: 'header', littleEndian: true, formatByte: 0, offset: 61 });
    expect(classifyMark(hex('4c 4a 1a 00 00 00 00 3d')).littleEndian).toBe(false);
  });

  it('classifies at an offset inside a larger buffer', () => {
    expect(classifyMark(T1, 45).kind).toBe('skip');
    expect(classifyMark(T1, 53)).toMatchObject({ kind: 'commit', count: 15, offset: 30 });
    expect(classifyMark(T1, 0)).toMatchObject({ kind: 'header', offset: 61 });
  });

  it('encoders produce what the classifier reads back', () => {
    expect(Array.from(encodeHeader(true, 61))).toEqual(Array.from(T1.subarray(0, 8)));
    expect(Array.from(encodeHeader(false, 0x01020304, true))).toEqual([0x4c, 0x4a, 0x0a, 0, 1, 2, 3, 4]);
    expect(Array.from(encodeSkipTail(45))).toEqual(Array.from(T1.subarray(45, 53)));
    expect(Array.from(encodeCommitTail(15, 30))).toEqual(Array.from(T1.subarray(53, 61)));
    expect(() => encodeCommitTail(0, 30)).toThrow(RangeError);
    expect(() => encodeCommitTail(1 << 24, 30)).toThrow(RangeError);
  });

  it('BE32/LE32 helpers are signed and state their byte order', () => {
    const b = hex('ff ff ff fe 17 00 00 00');
    expect(readBE32(b, 0)).toBe(-2);
    expect(readLE32(b, 4)).toBe(23);
    const w = new Uint8Array(4);
    writeBE32(w, 0, 0x8000002d);
    expect(Array.from(w)).toEqual([0x80, 0, 0, 0x2d]);
  });
});

describe('scanEndOfData: success', () => {
  it('t1.mk: base 0, root 15 bytes at 30, end 61; reads tails then header only', () => {
    const r = reader(T1);
    const scan = scanEndOfData(r, T1.length);
    expect(scan).toEqual({ base: 0, rootPos: 30, rootLen: 15, littleEndian: true, oldFormat: false, end: 61, scannedFrom: 61, trailing: 0, headerEndField: 61 });
    expect(r.reads).toEqual([[53, 8], [45, 8], [0, 8]]);
  });

  it('sk1.mk (100-byte prefix, starkit): base 100, positions stay relative', () => {
    const scan = scanEndOfData(reader(SK1), SK1.length);
    expect(scan).toMatchObject({ base: 100, rootPos: 30, rootLen: 15, end: 161, trailing: 0, oldFormat: false });
  });

  it('trail1.mk (50 bytes + trailing skip marker): logical end 61, 58 trailing bytes', () => {
    const r = reader(TRAIL1);
    const scan = scanEndOfData(r, TRAIL1.length);
    expect(TRAIL1.length).toBe(119);
    expect(scan).toMatchObject({ base: 0, rootPos: 30, rootLen: 15, end: 61, scannedFrom: 119, trailing: 58 });
    // marker at 111 skips 50 back: next read at 111 - 50 - 8 = 53 (the commit tail)
    expect(r.reads).toEqual([[111, 8], [53, 8], [45, 8], [0, 8]]);
  });

  it('trail2.mk (a 9x skip marker): read like trail1', () => {
    expect(scanEndOfData(reader(TRAIL2), TRAIL2.length)).toMatchObject({ base: 0, end: 61, trailing: 58 });
  });

  it('trail3.mk (60-byte prefix, data, 50 bytes, marker): base 60, logical end 121', () => {
    expect(scanEndOfData(reader(TRAIL3), TRAIL3.length)).toMatchObject({ base: 60, end: 121, rootPos: 30, rootLen: 15, trailing: 58 });
  });

  it('two chained trailing markers are both skipped', () => {
    const twice = concat(TRAIL1, hex('00 00 00'), hex('80 00 00 00 00 00 00 03'));
    expect(scanEndOfData(reader(twice), twice.length)).toMatchObject({ base: 0, end: 61, trailing: twice.length - 61 });
  });

  it('big-endian header ("LJ")', () => {
    const be = T1.slice();
    be[0] = 0x4c;
    be[1] = 0x4a;
    expect(scanEndOfData(reader(be), be.length)).toMatchObject({ littleEndian: false, base: 0 });
  });

  it('scans from an earlier end (past generation of c2-style files)', () => {
    const two = concat(T1, T1);
    // the second copy's tails point 45 back: its header is at 61
    expect(scanEndOfData(reader(two), 122)).toMatchObject({ base: 61, end: 122 });
    expect(scanEndOfData(reader(two), 61)).toMatchObject({ base: 0, end: 61 });
  });

  it('old format: header 4a 4c 1a 80 at 0 with a little-endian root position', () => {
    const r = reader(OLD1);
    const scan = scanEndOfData(r, OLD1.length);
    expect(scan).toEqual({ base: 0, rootPos: 0x17, rootLen: -1, littleEndian: true, oldFormat: true, end: 49, scannedFrom: 49, trailing: 0, headerEndField: 0x17 });
    // last 8 bytes are no tail -> old-format probe at rel. 0
    expect(r.reads).toEqual([[41, 8], [0, 8]]);
  });

  it('old format with a prefix: the probe steps 8 bytes at a time and fixes the base', () => {
    const prefixed = concat(new Uint8Array(24), OLD1);
    const r = reader(prefixed);
    expect(scanEndOfData(r, prefixed.length)).toMatchObject({ base: 24, oldFormat: true, rootPos: 0x17 });
    expect(r.reads.slice(1)).toEqual([[0, 8], [8, 8], [16, 8], [24, 8]]);
  });

  it('old format: the last probe is at rel. 4088', () => {
    const at4088 = concat(new Uint8Array(4088), OLD1);
    expect(scanEndOfData(reader(at4088), at4088.length)).toMatchObject({ base: 4088, oldFormat: true });
    const at4096 = concat(new Uint8Array(4096), OLD1);
    expect(scanEndOfData(reader(at4096), at4096.length)).toBeNull();
  });

  it('a header with a new-format byte 3 is not accepted by the old-format probe', () => {
    const f = concat(hex('4a 4c 1a 00 08 00 00 00'), new Uint8Array(16));
    expect(scanEndOfData(reader(f), f.length)).toBeNull();
  });
});

describe('scanEndOfData: failures (Metakit returns -1)', () => {
  it('fewer than 8 bytes', () => {
    expect(scanEndOfData(reader(hex('4a 4c 1a')), 3)).toBeNull();
    expect(scanEndOfData(reader(new Uint8Array(0)), 0)).toBeNull();
  });

  it('t1 cut to 60 bytes (tails damaged)', () => {
    expect(scanEndOfData(reader(T1.subarray(0, 60)), 60)).toBeNull();
  });

  it('t1 cut to 53 bytes ends in a skip tail back to 0 whose header names a later end: an interrupted first commit, no data', () => {
    expect(scanEndOfData(reader(T1.subarray(0, 53)), 53)).toBe(EMPTY_SCAN);
  });

  it('trailing markers that skip everything back to 0 (no header): no data', () => {
    const f = concat(new Uint8Array(40).fill(7), hex('80 00 00 00 00 00 00 28'));
    expect(scanEndOfData(reader(f), f.length)).toBe(EMPTY_SCAN);
  });

  it('commit tail not preceded by a skip tail', () => {
    const f = T1.slice();
    f.fill(0, 45, 53);
    expect(scanEndOfData(reader(f), f.length)).toBeNull();
  });

  it('regression (torn commit over intact generations read as empty): Metakit\'s early skip tail back to the header fails the scan when the header names an earlier end', () => {
    const torn = concat(T1, hex('80 00 00 00 00 00 00 3d'));
    expect(scanEndOfData(reader(torn), torn.length)).toBeNull();
    const tornC2 = concat(C2.subarray(0, 85), hex('80 00 00 00 00 00 00 55'));
    expect(scanEndOfData(reader(tornC2), tornC2.length)).toBeNull();
  });

  it('skip tail leads to something that is no header, and no old header within 4 KiB', () => {
    const f = T1.slice();
    f[0] = 0x00;
    expect(scanEndOfData(reader(f), f.length)).toBeNull();
  });

  it('a skip marker pointing before the file start falls back to the old probe', () => {
    const f = concat(new Uint8Array(16), hex('80 00 00 00 00 00 01 00'));
    expect(scanEndOfData(reader(f), f.length)).toBeNull();
  });

  it('regression (issue 13): a skip marker pointing before the file start is no data even when the old probe finds a header (it gave a negative end)', () => {
    const f = concat(OLD1, hex('99 61 64 64 72 65 73 73'));
    expect(scanEndOfData(reader(f), f.length)).toBeNull();
  });

  it('NOT_METAKIT: more than a million chained trailing skip markers', () => {
    // A synthetic 10 MB "file" that is nothing but 1-byte skip markers.
    const mark = hex('80 00 00 00 00 00 00 01');
    const readAt: ReadAt = (pos, len) => (pos < 0 ? null : mark.slice(0, len));
    const e = expectMkError(() => scanEndOfData(readAt, 10_000_000), 'NOT_METAKIT', 'expected the end-of-data scan to finish, but it did not within its step limit (from 10000000)');
    expect(e).toBeInstanceOf(MetakitError);
    expect(e.offset).toBe(10_000_000);
  });
});
