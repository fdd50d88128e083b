/** Cell encodings on inline values: compressed previews, UTF-8 cuts, number texts. */
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bytesDetail, inflatePreview } from '../../electron/service/cellDetail.js';
import { compressionOf, headText } from '../../electron/service/cells.js';
import { compactNumber, shortestFloat32 } from '../../electron/service/numbers.js';

describe('compressed values (starkit file contents)', () => {
  const text = 'package require starkit\n'.repeat(200);
  it('recognises zlib and gzip headers and nothing else', () => {
    expect(compressionOf(deflateSync(text))).toBe('zlib');
    expect(compressionOf(gzipSync(text))).toBe('gzip');
    expect(compressionOf(Buffer.from(text))).toBeNull();
    expect(compressionOf(Buffer.from([0x78]))).toBeNull();
  });

  it('inflates a preview, complete or cut at the byte limit', async () => {
    const full = await inflatePreview(deflateSync(text), 'zlib', 1 << 16);
    expect(full).toMatchObject({ ok: true, format: 'zlib', complete: true, bytes: { size: text.length, utf8: text, utf8Valid: true } });
    const big = 'x'.repeat(1 << 20);
    const cut = await inflatePreview(deflateSync(big), 'zlib', 1000);
    expect(cut).toMatchObject({ ok: true, complete: false, bytes: { shown: 1000, utf8: 'x'.repeat(1000) } });
    expect(await inflatePreview(gzipSync(text), 'gzip', 1 << 16)).toMatchObject({ ok: true, bytes: { utf8: text } });
    expect(await inflatePreview(deflateRawSync(text), 'deflate', 1 << 16)).toMatchObject({ ok: true, bytes: { utf8: text } });
  });

  it('reports data that only looks compressed', async () => {
    const bad = await inflatePreview(Uint8Array.from([0x78, 0x9c, 1, 2, 3, 4]), 'zlib', 100);
    expect(bad.ok).toBe(false);
    expect(bad.ok === false && bad.message).toMatch(/^not zlib data: /);
  });
});

describe('text and numbers for display', () => {
  it('cuts long UTF-8 text by characters, never inside a surrogate pair', () => {
    expect(headText(Buffer.from('héllo'), 3)).toEqual({ text: 'hél', truncated: true });
    expect(headText(Buffer.from('😀😀'), 3)).toEqual({ text: '😀', truncated: true });
    expect(headText(Buffer.from('abc'), 3)).toEqual({ text: 'abc', truncated: false });
  });

  it('tells a UTF-8 cut at the byte limit from invalid UTF-8', () => {
    expect(bytesDetail(Buffer.from('€€'), 4)).toMatchObject({ shown: 4, utf8Valid: true });
    expect(bytesDetail(Uint8Array.from([0xff, 0x41]), 10)).toMatchObject({ utf8Valid: false, latin1: 'ÿA' });
  });

  it('formats compact and shortest float texts', () => {
    expect(compactNumber(1 / 3, 10)).toBe('0.3333333333');
    expect(compactNumber(1e300, 10)).toBe('1e+300');
    expect(compactNumber(-0, 10)).toBe('-0');
    expect(shortestFloat32(Math.fround(0.1))).toBe('0.1');
    expect(shortestFloat32(Math.fround(16777216))).toBe('16777216');
  });
});
