/**
 * What `Storage.refresh` reports: which top-level views changed between the generation a storage read
 * and the next one. A view is told by its signature (row count, layout, the column references of its
 * root column and of its own columns) and, with an aside attached, by the fingerprints of the diffs
 * its columns name: a view edited in place through an aside keeps its references, not its diffs.
 */
import type { AsideDiffs } from '../aside/asideDiffs.js';
import { MetakitError } from '../base/errors.js';
import { visitColumns } from './traverse.js';
import type { View } from './view.js';

/** What refresh() found: the generation moved (or not), and which views changed how. */
export interface RefreshResult {
  changed: boolean;
  before: string;
  after: string;
  views: ViewChange[];
}

export interface ViewChange {
  name: string;
  /** -1 when the view did not exist on that side. */
  rowsBefore: number;
  rowsAfter: number;
  /** True when the view's columns moved (any change of data, not only of the row count). */
  columnsChanged: boolean;
  layoutBefore: string | null;
  layoutAfter: string | null;
}

interface ViewSignature {
  rows: number;
  layout: string;
  refs: string;
  diffIds: number[];
  hasSubviews: boolean;
}

/** The state of the generation a storage reads, as `refresh` compares it with the next one. */
export interface ChangeBase {
  views: Map<string, ViewSignature>;
  diffs: string[];
}

/** What the comparison reads of the generation a storage reads now (a Storage). */
export interface ChangeSource {
  readonly root: View;
  readonly diffs: AsideDiffs | null;
  viewNames(): string[];
  view(name: string): View;
}

/** Subview instances searched for a changed diff before a refresh assumes the view changed. */
const NESTED_SEARCH_LIMIT = 100_000;

/** What refresh compares: each view's signature and each aside diff's fingerprint. */
export function readChangeBase(s: ChangeSource): ChangeBase {
  return { views: new Map(s.viewNames().map((n) => [n, viewSignature(s, n)])), diffs: diffFingerprints(s.diffs) };
}

/** The views that changed from `base` to `now`, the generation `s` reads now. */
export function viewChanges(s: ChangeSource, base: ChangeBase, now: ChangeBase): ViewChange[] {
  const changedDiffs = new Set<number>();
  now.diffs.forEach((f, id) => {
    if (base.diffs[id] !== f) changedDiffs.add(id);
  });
  // A changed diff that no view's own columns use may belong to a subview (its column refs sit
  // inside a subview column's bytes): views with subviews are then searched for it.
  const attributed = new Set([...now.views.values()].flatMap((sig) => sig.diffIds));
  const unattributed = new Set([...changedDiffs].filter((id) => !attributed.has(id)));
  const views: ViewChange[] = [];
  const names = new Set([...base.views.keys(), ...now.views.keys()]);
  for (const name of names) {
    const a = base.views.get(name) ?? null;
    const b = now.views.get(name) ?? null;
    const columnsChanged = a?.refs !== b?.refs || a?.layout !== b?.layout || (b !== null && (b.diffIds.some((id) => changedDiffs.has(id)) || (b.hasSubviews && unattributed.size > 0 && usesAnyDiff(s.view(name), name, unattributed))));
    if (a && b && !columnsChanged && a.rows === b.rows) continue;
    views.push({ name, rowsBefore: a?.rows ?? -1, rowsAfter: b?.rows ?? -1, columnsChanged, layoutBefore: a?.layout ?? null, layoutAfter: b?.layout ?? null });
  }
  return views;
}

function viewSignature(s: ChangeSource, name: string): ViewSignature {
  const i = s.root.propertyIndex(name);
  const v = s.view(name);
  // The view's own columns as well as its root column: the root column of a view whose rows were
  // only edited in place keeps its references.
  const refs = JSON.stringify([s.root.columnSources[i] ?? null, v.columnSources]);
  const diffIds = s.diffs ? [...refs.matchAll(/"pos":(-\d+)/g)].map((m) => ~Number(m[1])) : [];
  return { rows: v.rowCount, layout: `${name}[${v.description}]`, refs, diffIds, hasSubviews: v.fields.some((f) => f.type === 'V') };
}

/**
 * True when a column of view `name` at any depth is one of the diffs `ids`. Gives up (true, the
 * safe answer) after NESTED_SEARCH_LIMIT subview instances rather than stall a refresh.
 */
function usesAnyDiff(view: View, name: string, ids: ReadonlySet<number>): boolean {
  let found = false;
  const signal = { aborted: false };
  try {
    visitColumns(view, name, (c) => {
      if (c.ref.pos < 0 && ids.has(~c.ref.pos)) {
        found = true;
        signal.aborted = true;
      }
    }, { signal, progressEvery: 1000, onProgress: (n) => { if (n >= NESTED_SEARCH_LIMIT) signal.aborted = true; } });
  } catch (e) {
    if (!(e instanceof MetakitError && e.code === 'ABORTED')) throw e;
    return true;
  }
  return found;
}

/** Fingerprints of the aside's diffs, by id (empty without an aside). */
function diffFingerprints(diffs: AsideDiffs | null): string[] {
  if (!diffs) return [];
  return Array.from({ length: diffs.count }, (_, id) => diffs.fingerprint(id));
}
