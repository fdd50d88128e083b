/**
 * Cells encoded for the grid: small, typed DTOs. Long strings are cut, bytes reduced to size and a
 * hex preview, subviews to their row count. A cell the engine cannot decode becomes an error cell, so
 * one damaged column does not hide the rest of the view.
 */
import { toHex } from '../../engine/core/base/format.js';
import type { Field } from '../../engine/core/read/structure.js';
import type { View } from '../../engine/core/read/view.js';
import type { CellDto, RowDto } from '../shared/dto.js';
import { toErrorInfo } from './errors.js';
import { doubleTexts, floatTexts } from './numbers.js';

/** Characters of a string shown in the grid; the inspector has the rest. */
export const GRID_TEXT_CHARS = 200;
/** Bytes of a B value previewed in hex. */
export const GRID_HEX_BYTES = 12;

const utf8 = new TextDecoder('utf-8');

export function compressionOf(bytes: Uint8Array): 'zlib' | 'gzip' | null {
  if (bytes.length < 2) return null;
  const a = bytes[0] as number;
  const b = bytes[1] as number;
  if (a === 0x1f && b === 0x8b) return 'gzip';
  // RFC 1950: CM=8 (deflate), window <= 32K, header checksum divisible by 31.
  if ((a & 0x0f) === 8 && a >> 4 <= 7 && ((a << 8) | b) % 31 === 0) return 'zlib';
  return null;
}

/** Decodes at most `maxChars` characters from the start of UTF-8 bytes without decoding all of them. */
export function headText(bytes: Uint8Array, maxChars: number): { text: string; truncated: boolean } {
  // A character takes at most 4 bytes: this many bytes always hold maxChars characters if they exist.
  const take = Math.min(bytes.length, maxChars * 4 + 4);
  let text = utf8.decode(bytes.subarray(0, take));
  let truncated = take < bytes.length;
  if (text.length > maxChars) {
    text = text.slice(0, maxChars);
    // Do not leave half a surrogate pair at the cut.
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) text = text.slice(0, -1);
    truncated = true;
  }
  return { text, truncated };
}

export function encodeCell(view: View, row: number, p: number): CellDto {
  const f = view.fields[p] as Field;
  try {
    switch (f.type) {
      case 'I': return { t: 'I', v: view.getInt(row, p) };
      case 'L': return { t: 'L', v: view.getLong(row, p).toString() };
      case 'F': return { t: 'F', ...floatTexts(view.getInt(row, p)) };
      case 'D': return { t: 'D', ...doubleTexts(view.getDouble(row, p)) };
      case 'S': {
        const bytes = view.getBytes(row, p);
        const { text, truncated } = headText(bytes, GRID_TEXT_CHARS);
        return { t: 'S', text, bytes: bytes.length, truncated };
      }
      case 'B': {
        const bytes = view.getBytes(row, p);
        return { t: 'B', size: bytes.length, hex: toHex(bytes, GRID_HEX_BYTES), compressed: compressionOf(bytes) };
      }
      case 'V': return { t: 'V', rows: view.getViewSize(row, p) };
    }
  } catch (e) {
    const info = toErrorInfo(e);
    return { t: 'error', code: info.code, message: info.message };
  }
}

export function encodeRow(view: View, row: number): RowDto {
  const cells: CellDto[] = new Array(view.fields.length);
  for (let p = 0; p < view.fields.length; p++) cells[p] = encodeCell(view, row, p);
  return { index: row, cells };
}
