/**
 * Compares the content of two storages (any mix of the read-only Storage and a writable WritableStorage):
 * same views, same structures, same rows and values. Used to verify a flush before it replaces files.
 */
import { sameBytes } from '../base/byteStore.js';
import type { ReadableStorage, ReadableView } from '../read/readable.js';
import type { Field } from '../read/structure.js';

/** Cells (rows × properties of the top-level views) compared so far, of all: for progress bars. */
export type CompareProgress = (cellsDone: number, cells: number) => void;

/** Rows of a slow (bytes or subview) column between two progress reports. */
const PROGRESS_ROWS = 1 << 16;

/**
 * The first difference, as a sentence, or null when the content is the same. `tick` is told of the
 * cells compared as it goes (per column, and every PROGRESS_ROWS rows of a bytes or subview column).
 */
export function firstViewDifference(a: ReadableView, b: ReadableView, path: string, tick?: (cells: number) => void): string | null {
  if (a.description !== b.description) return `${path}: structure ${a.description} vs ${b.description}`;
  if (a.rowCount !== b.rowCount) return `${path}: ${a.rowCount} rows vs ${b.rowCount}`;
  const rows = a.rowCount;
  if (rows === 0) return null;
  for (let p = 0; p < a.fields.length; p++) {
    const f = a.fields[p] as Field;
    switch (f.type) {
      case 'I': case 'F': {
        const x = a.ints(p);
        const y = b.ints(p);
        for (let r = 0; r < rows; r++) if (x[r] !== y[r]) return `${path}[${r}].${f.name}: ${x[r]} vs ${y[r]}`;
        break;
      }
      case 'D': {
        const x = new BigInt64Array(a.doubles(p).slice().buffer);
        const y = new BigInt64Array(b.doubles(p).slice().buffer);
        for (let r = 0; r < rows; r++) if (x[r] !== y[r]) return `${path}[${r}].${f.name}: different double bits`;
        break;
      }
      case 'L': {
        const x = a.longs(p);
        const y = b.longs(p);
        for (let r = 0; r < rows; r++) if (x[r] !== y[r]) return `${path}[${r}].${f.name}: ${x[r]} vs ${y[r]}`;
        break;
      }
      case 'S': case 'B':
        for (let r = 0; r < rows; r++) {
          if (!sameBytes(a.getBytes(r, p), b.getBytes(r, p))) return `${path}[${r}].${f.name}: different bytes`;
          if (tick && r % PROGRESS_ROWS === PROGRESS_ROWS - 1) tick(PROGRESS_ROWS);
        }
        break;
      case 'V':
        for (let r = 0; r < rows; r++) {
          const d = firstViewDifference(a.getView(r, p), b.getView(r, p), `${path}[${r}].${f.name}`);
          if (d) return d;
          if (tick && r % PROGRESS_ROWS === PROGRESS_ROWS - 1) tick(PROGRESS_ROWS);
        }
        break;
    }
    // The rest of the column: all of it for the fast types, the rows since the last report otherwise.
    tick?.(f.type === 'S' || f.type === 'B' || f.type === 'V' ? rows % PROGRESS_ROWS : rows);
  }
  return null;
}

/** The cells a comparison of `s` goes through: rows × properties of its top-level views. */
export function cellCount(s: ReadableStorage): number {
  return s.viewNames().reduce((n, name) => n + s.view(name).rowCount * s.view(name).fields.length, 0);
}

export function firstDifference(a: ReadableStorage, b: ReadableStorage, onProgress?: CompareProgress): string | null {
  const va = a.viewNames();
  const vb = b.viewNames();
  if (va.join(',') !== vb.join(',')) return `views ${va.join(',') || '(none)'} vs ${vb.join(',') || '(none)'}`;
  const cells = cellCount(a);
  let done = 0;
  const tick = onProgress && ((n: number): void => {
    done += n;
    onProgress(done, cells);
  });
  for (const name of va) {
    const d = firstViewDifference(a.view(name), b.view(name), name, tick);
    if (d) return d;
  }
  return null;
}
