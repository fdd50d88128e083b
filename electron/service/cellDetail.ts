/**
 * One cell in full for the inspector: the whole string (up to a byte limit), bytes as hex with both
 * text decodings, numbers in every precision, and a decompressed preview of zlib/gzip values (Tcl
 * starkits store file contents zlib-compressed in B cells).
 */
import { constants, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { toHex } from '../../engine/core/format.js';
import type { Field } from '../../engine/core/structure.js';
import type { View } from '../../engine/core/view.js';
import type { BytesDetail, CellDetail, InflatedPreview, NumberDetail, ViewPath } from '../shared/dto.js';
import { compressionOf } from './cells.js';
import { doubleDetail, floatDetail, intDetail, longDetail } from './numbers.js';
import { viewTitle } from './viewPaths.js';

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const utf8 = new TextDecoder('utf-8');

export function bytesDetail(bytes: Uint8Array, maxBytes: number): BytesDetail {
  const shown = Math.min(bytes.length, maxBytes);
  const head = bytes.subarray(0, shown);
  let utf8Valid = true;
  let text: string;
  try {
    text = utf8Fatal.decode(head);
  } catch {
    // A cut through a multi-byte character at `shown` is not invalid data.
    utf8Valid = shown < bytes.length && validUpToCut(head);
    text = utf8.decode(head);
  }
  return { size: bytes.length, hex: toHex(head), shown, utf8: text, utf8Valid, latin1: Buffer.from(head.buffer, head.byteOffset, head.length).toString('latin1') };
}

function validUpToCut(head: Uint8Array): boolean {
  for (let cut = 1; cut <= 3 && cut <= head.length; cut++) {
    try {
      utf8Fatal.decode(head.subarray(0, head.length - cut));
      return true;
    } catch {
      // try a shorter prefix
    }
  }
  return false;
}

/** Inflates at most `maxOut` bytes; a value that inflates to more is shown in part. */
export function inflatePreview(bytes: Uint8Array, format: 'zlib' | 'gzip' | 'deflate', maxOut: number): InflatedPreview {
  const opts = { maxOutputLength: maxOut, finishFlush: constants.Z_SYNC_FLUSH };
  const run = format === 'gzip' ? gunzipSync : format === 'zlib' ? inflateSync : inflateRawSync;
  try {
    const out = run(bytes, opts);
    return { ok: true, format, compressedSize: bytes.length, bytes: bytesDetail(out, maxOut), complete: true };
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      // Inflate a growing prefix of the input until the output limit is reached.
      const partial = inflatePrefix(bytes, run, maxOut);
      if (partial) return { ok: true, format, compressedSize: bytes.length, bytes: bytesDetail(partial, maxOut), complete: false };
    }
    return { ok: false, format, message: `not ${format} data: ${(e as Error).message}` };
  }
}

function inflatePrefix(bytes: Uint8Array, run: typeof inflateSync, maxOut: number): Buffer | null {
  let len = Math.min(bytes.length, Math.max(64, maxOut >> 4));
  let best: Buffer | null = null;
  while (len <= bytes.length) {
    try {
      best = run(bytes.subarray(0, len), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: maxOut * 4 });
    } catch {
      return best && best.subarray(0, maxOut);
    }
    if (best.length >= maxOut || len === bytes.length) return best.subarray(0, maxOut);
    len = Math.min(bytes.length, len * 2);
  }
  return best;
}

export function cellDetail(docId: string, path: ViewPath, view: View, row: number, p: number, maxBytes: number): CellDetail {
  const f = view.fields[p] as Field;
  const base: CellDetail = {
    docId, path, row, column: f.name, type: f.type, title: `${viewTitle(path)}[${row}].${f.name}`,
    text: '', textTruncated: false, number: null, bytes: null, inflated: null, subviewRows: null,
  };
  const num = (d: NumberDetail): CellDetail => ({ ...base, text: d.shortest, number: d });
  switch (f.type) {
    case 'I': return num(intDetail(view.getInt(row, p)));
    case 'L': return num(longDetail(view.getLong(row, p)));
    case 'F': return num(floatDetail(view.getInt(row, p)));
    case 'D': return num(doubleDetail(view.getDouble(row, p)));
    case 'V': {
      const rows = view.getViewSize(row, p);
      return { ...base, text: `${rows} row${rows === 1 ? '' : 's'}`, subviewRows: rows };
    }
    case 'S':
    case 'B': {
      const bytes = view.getBytes(row, p);
      const detail = bytesDetail(bytes, maxBytes);
      const format = compressionOf(bytes);
      return {
        ...base,
        text: detail.utf8,
        textTruncated: detail.shown < bytes.length,
        bytes: detail,
        inflated: format ? inflatePreview(bytes, format, maxBytes) : null,
      };
    }
  }
}
