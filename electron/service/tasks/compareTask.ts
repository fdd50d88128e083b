/**
 * Snapshot compare in a task worker: both generations opened read-only at their ends, diffed view by
 * view (engine/core/analysis/snapshotDiff.ts: rows added, removed and changed by index), and the listed rows encoded
 * for display on both sides so the panel can highlight the changed cells.
 */
import { snapshotDiff, type ViewSnapshotDiff } from '../../../engine/core/analysis/snapshotDiff.js';
import { Storage } from '../../../engine/core/read/storage.js';
import type { View } from '../../../engine/core/read/view.js';
import { FileByteStore } from '../../../engine/node/fileByteStore.js';
import type { GenerationRef, SnapshotDiffDto, ViewDiffDto } from '../../shared/dtoFollow.js';
import { encodeRow } from '../cells.js';
import { columnsOf } from '../viewPaths.js';
import type { TaskContext, TaskSpec } from './protocol.js';

type CompareSpec = Extract<TaskSpec, { kind: 'compare' }>;

/** Opens the snapshot named by `ref` (read-only, unregistered: the document itself is registered). */
export function openSnapshot(main: string, aside: string | null, ref: GenerationRef): Storage {
  let asideStorage: Storage | undefined;
  if (aside !== null && ref.asideEnd !== null) asideStorage = Storage.open(new FileByteStore(aside), { end: ref.asideEnd });
  const store = new FileByteStore(main);
  try {
    return Storage.open(store, { aside: asideStorage, end: ref.mainEnd });
  } catch (e) {
    store.close();
    asideStorage?.close();
    throw e;
  }
}

function viewOf(s: Storage, name: string): View | null {
  return s.hasView(name) ? s.view(name) : null;
}

export function viewDiffDto(d: ViewSnapshotDiff, before: View | null, after: View | null): ViewDiffDto {
  const sameLayout = before !== null && after !== null && before.description === after.description;
  const shown = after ?? before;
  return {
    name: d.name, rowsBefore: d.rowsBefore, rowsAfter: d.rowsAfter, layoutBefore: d.layoutBefore, layoutAfter: d.layoutAfter,
    columns: shown ? columnsOf(shown.fields) : [],
    added: d.added, removed: d.removed, changed: d.changed, truncated: d.truncated,
    rows: d.rows.map((r) => ({
      row: r.row, kind: r.kind, properties: r.properties ?? [],
      // Cells of the older side only where they line up with the newer side's columns.
      before: before && r.row < before.rowCount && (sameLayout || !after) ? encodeRow(before, r.row).cells : null,
      after: after && r.row < after.rowCount ? encodeRow(after, r.row).cells : null,
    })),
  };
}

export function runCompareTask(spec: CompareSpec, ctx: TaskContext, docId = ''): SnapshotDiffDto {
  const started = performance.now();
  const a = openSnapshot(spec.main, spec.aside, spec.from);
  try {
    const b = openSnapshot(spec.main, spec.aside, spec.to);
    try {
      ctx.progress('comparing', 0, 1, null);
      const diffs = snapshotDiff(a, b, {
        maxRows: spec.maxRows,
        onProgress: (done, total) => ctx.progress('comparing', done, total, `${done} of ${total} views compared`),
      });
      const views = diffs.map((d) => viewDiffDto(d, viewOf(a, d.name), viewOf(b, d.name)));
      return {
        docId,
        from: { ref: spec.from, generation: a.generation },
        to: { ref: spec.to, generation: b.generation },
        views,
        elapsedMs: Math.round(performance.now() - started),
      };
    } finally {
      b.close();
    }
  } finally {
    a.close();
  }
}
