/**
 * One cell in full for the inspector: the whole string (up to a byte limit), bytes as hex with both
 * text decodings, numbers in every precision, and a decompressed preview of zlib/gzip values (Tcl
 * starkits store file contents zlib-compressed in B cells).
 */
import { createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { toHex } from '../../engine/core/base/format.js';
import type { Field } from '../../engine/core/read/structure.js';
import type { View } from '../../engine/core/read/view.js';
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
export async function inflatePreview(bytes: Uint8Array, format: 'zlib' | 'gzip' | 'deflate', maxOut: number): Promise<InflatedPreview> {
  try {
    const { out, complete } = await inflateHead(bytes, format, maxOut);
    return { ok: true, format, compressedSize: bytes.length, bytes: bytesDetail(out, maxOut), complete };
  } catch (e) {
    return { ok: false, format, message: `not ${format} data: ${(e as Error).message}` };
  }
}

/** Streams the inflater and stops once `maxOut` bytes came out: a huge value costs no more than that. */
function inflateHead(bytes: Uint8Array, format: 'zlib' | 'gzip' | 'deflate', maxOut: number): Promise<{ out: Buffer; complete: boolean }> {
  const stream = format === 'gzip' ? createGunzip() : format === 'zlib' ? createInflate() : createInflateRaw();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size < maxOut) return;
      settled = true;
      stream.destroy();
      resolve({ out: Buffer.concat(chunks).subarray(0, maxOut), complete: false });
    });
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      resolve({ out: Buffer.concat(chunks), complete: true });
    });
    stream.on('error', (e) => {
      if (settled) return;
      settled = true;
      reject(e);
    });
    stream.end(bytes);
  });
}

/** What cellDetail reads: a View, or one pending value of an edited cell (editing/cellValues.ts). */
export type CellSource = Pick<View, 'fields' | 'getInt' | 'getLong' | 'getDouble' | 'getBytes' | 'getViewSize'>;

export async function cellDetail(docId: string, path: ViewPath, view: CellSource, row: number, p: number, maxBytes: number): Promise<CellDetail> {
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
        inflated: format ? await inflatePreview(bytes, format, maxBytes) : null,
      };
    }
  }
}
