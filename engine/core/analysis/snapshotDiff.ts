/**
 * What changed between two snapshots of a storage (two generations, or before/after a refresh): per
 * view, rows added, removed and changed, matched by row index, with the properties that changed in
 * each changed row. Subviews compare by content.
 */
import { sameBytes } from '../base/byteStore.js';
import type { ReadableStorage, ReadableView } from '../read/readable.js';
import type { Field } from '../read/structure.js';
import { firstViewDifference } from './firstDifference.js';

export interface RowSnapshotDiff {
  row: number;
  kind: 'added' | 'removed' | 'changed';
  /** For changed rows: the properties whose values differ. */
  properties?: string[];
}

export interface ViewSnapshotDiff {
  name: string;
  /** -1 when the view does not exist on that side. */
  rowsBefore: number;
  rowsAfter: number;
  layoutBefore: string | null;
  layoutAfter: string | null;
  added: number;
  removed: number;
  changed: number;
  /** The first `maxRows` row differences, in row order. */
  rows: RowSnapshotDiff[];
  /** True when more row differences exist than `rows` lists. */
  truncated: boolean;
}

export interface SnapshotDiffOptions {
  /** Row differences listed per view (counts are always complete). Default 1000. */
  maxRows?: number;
  /** Called after each view (views done, views in all). */
  onProgress?: (done: number, total: number) => void;
}

/** Per property, a function telling whether row r differs (both sides have the row). */
function cellComparers(a: ReadableView, b: ReadableView): { name: string; differs: (r: number) => boolean }[] {
  return a.fields.map((f: Field, p) => {
    switch (f.type) {
      case 'I': case 'F': {
        const x = a.ints(p);
        const y = b.ints(p);
        return { name: f.name, differs: (r: number) => x[r] !== y[r] };
      }
      case 'D': {
        const x = a.doubles(p);
        const y = b.doubles(p);
        return { name: f.name, differs: (r: number) => !Object.is(x[r], y[r]) };
      }
      case 'L': {
        const x = a.longs(p);
        const y = b.longs(p);
        return { name: f.name, differs: (r: number) => x[r] !== y[r] };
      }
      case 'S': case 'B':
        return { name: f.name, differs: (r: number) => !sameBytes(a.getBytes(r, p), b.getBytes(r, p)) };
      case 'V':
        return { name: f.name, differs: (r: number) => firstViewDifference(a.getView(r, p), b.getView(r, p), f.name) !== null };
    }
  });
}

export function viewSnapshotDiff(name: string, a: ReadableView | null, b: ReadableView | null, maxRows = 1000): ViewSnapshotDiff {
  const out: ViewSnapshotDiff = {
    name, rowsBefore: a?.rowCount ?? -1, rowsAfter: b?.rowCount ?? -1,
    layoutBefore: a ? `${name}[${a.description}]` : null, layoutAfter: b ? `${name}[${b.description}]` : null,
    added: 0, removed: 0, changed: 0, rows: [], truncated: false,
  };
  const note = (d: RowSnapshotDiff): void => {
    if (out.rows.length < maxRows) out.rows.push(d);
    else out.truncated = true;
  };
  const before = a?.rowCount ?? 0;
  const after = b?.rowCount ?? 0;
  const common = a && b && a.description === b.description ? Math.min(before, after) : 0;
  if (common > 0 && a && b) {
    const cmp = cellComparers(a, b);
    for (let r = 0; r < common; r++) {
      let props: string[] | null = null;
      for (const c of cmp) if (c.differs(r)) (props ??= []).push(c.name);
      if (props) {
        out.changed++;
        note({ row: r, kind: 'changed', properties: props });
      }
    }
  }
  // With a different layout every row counts as replaced.
  for (let r = common; r < before; r++) {
    out.removed++;
    note({ row: r, kind: 'removed' });
  }
  for (let r = common; r < after; r++) {
    out.added++;
    note({ row: r, kind: 'added' });
  }
  return out;
}

/** Differences between two snapshots, view by view (views only on one side included). */
export function snapshotDiff(a: ReadableStorage, b: ReadableStorage, options: SnapshotDiffOptions = {}): ViewSnapshotDiff[] {
  const names = [...new Set([...a.viewNames(), ...b.viewNames()])];
  const has = (s: ReadableStorage, n: string): boolean => s.viewNames().includes(n);
  const out: ViewSnapshotDiff[] = [];
  names.forEach((n, i) => {
    out.push(viewSnapshotDiff(n, has(a, n) ? a.view(n) : null, has(b, n) ? b.view(n) : null, options.maxRows ?? 1000));
    options.onProgress?.(i + 1, names.length);
  });
  return out;
}
