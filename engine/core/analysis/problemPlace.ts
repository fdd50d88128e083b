/**
 * Placing errors the reader could not give a file position, for `check`:
 *  - a column the main file names by an aside diff id is assembled from the aside's `_C[id]._D._B`
 *    bytes, so a decoding error in it has no position in the main file (the reader reports -1): it is
 *    placed at the diff's chunk bytes in the aside;
 *  - a reference to a diff that is not there (no aside, or too few diffs) is placed at the walk that
 *    holds the reference (the root walk or old-format root stream, or the subview column of the view
 *    instance);
 *  - any other error naming a property is placed at that property's column.
 */
import { DIFF_VIEW } from '../aside/asideDiffs.js';
import type { ByteStore } from '../base/byteStore.js';
import type { MetakitError } from '../base/errors.js';
import { Storage, type OpenOptions } from '../read/storage.js';
import { scanEndOfData } from '../read/tails.js';
import type { PropSource, View } from '../read/view.js';

interface Segment {
  name: string;
  row: number | null;
}

/** `people[3].tags.tag (sizes)` → people row 3, tags, tag. */
function segments(path: string): Segment[] | null {
  const out: Segment[] = [];
  // Root properties are named `.a` (the root's own path is empty).
  for (const part of path.replace(/ \([^)]*\)$/, '').replace(/^\./, '').split('.')) {
    const m = /^([^[\]]+)(?:\[(\d+)\])?$/.exec(part);
    if (!m) return null;
    out.push({ name: m[1] as string, row: m[2] === undefined ? null : Number(m[2]) });
  }
  return out;
}

/** The diff id a property's columns refer to (the one named by a `(sizes)`/`(memo)` suffix first). */
function diffIdOf(src: PropSource | undefined, suffix: string): number | null {
  const ref = refsOf(src, suffix).find((r) => r.size > 0 && r.pos < 0);
  return ref ? ~ref.pos : null;
}

/**
 * Follows `segs` (all but the property) from the root: the view holding the property, and the view
 * and property whose subview column holds that view's walk.
 */
function viewOf(storage: Storage, segs: readonly Segment[]): { view: View; parent: View; viewProp: string } | null {
  let parent: View = storage.root;
  let viewProp = (segs[0] as Segment).name;
  let view: View = storage.view(viewProp);
  let row = (segs[0] as Segment).row;
  for (let i = 1; i < segs.length - 1; i++) {
    const s = segs[i] as Segment;
    if (row === null) return null;
    parent = view;
    viewProp = s.name;
    view = view.getView(row, s.name);
    row = s.row;
  }
  return { view, parent, viewProp };
}

/** The diff id behind `path` (a property path as errors name it) in `storage`, or null. */
function diffIdOfPath(storage: Storage, path: string): number | null {
  const segs = segments(path);
  if (!segs || segs.length === 0) return null;
  if (segs.length === 1) return diffIdOf(storage.root.columnSources[storage.root.propertyIndex((segs[0] as Segment).name)], path);
  const found = viewOf(storage, segs);
  if (!found) return null;
  const prop = found.view.propertyIndex((segs[segs.length - 1] as Segment).name);
  return prop < 0 ? null : diffIdOf(found.view.columnSources[prop], path);
}

/** Absolute position of the walk holding the column references of `path`'s property, or null. */
function walkOfPath(storage: Storage, path: string): number | null {
  const segs = segments(path);
  if (!segs) return null;
  // Old-format files keep every reference (and inline subviews) in their root stream.
  if (segs.length === 1 || storage.info.oldFormat) return rootWalkAt(storage.info);
  const found = viewOf(storage, segs);
  if (!found) return null;
  const src = found.parent.columnSources[found.parent.propertyIndex(found.viewProp)];
  return src && src.kind === 'view' && src.col.pos >= 0 ? storage.info.base + src.col.pos : null;
}

/** The root walk, or an old-format file's root stream. */
function rootWalkAt(info: { base: number; rootPos: number; rootLen: number; oldFormat: boolean }): number | null {
  return info.oldFormat || info.rootLen > 0 ? info.base + info.rootPos : null;
}

/**
 * For an error naming a diff that is not there (ASIDE_MISSING, or ASIDE_MISMATCH without a
 * position): the walk in the main file that holds the reference; null when it cannot be told.
 */
export function placeReference(e: MetakitError, main: ByteStore, aside: ByteStore | undefined, limits?: OpenOptions['limits']): number | null {
  if (!e.path) return null;
  try {
    const a = aside ? Storage.open(aside, { limits }) : undefined;
    return walkOfPath(Storage.open(main, { aside: a, limits }), e.path);
  } catch {
    // The main file does not open (a root column refers to the missing diff): its root walk holds it.
    if (segments(e.path)?.length !== 1) return null;
    const size = main.size();
    const scan = scanEndOfData((pos, len) => (pos < 0 || pos + len > size ? null : main.read(pos, len)), size);
    return scan && scan !== 'empty' ? rootWalkAt(scan) : null;
  }
}

/** Absolute position in the aside of the chunk bytes of diff `id` (null if they are not stored there). */
function diffBytesAt(aside: Storage, id: number): number | null {
  const d = aside.view(DIFF_VIEW).getView(id, '_D');
  const b = d.propertyIndex('_B');
  const src = b < 0 ? undefined : d.columnSources[b];
  if (!src || src.kind !== 'bytes' || src.data.size === 0 || src.data.pos < 0) return null;
  return aside.info.base + src.data.pos;
}

/**
 * For an error without a position in the main file (offset -1) of a main + aside read: the position
 * of the aside diff its column (or, without a path, the root walk) was assembled from; null when
 * the diff cannot be told.
 */
export function placeInAside(e: MetakitError, main: ByteStore, aside: ByteStore, limits?: OpenOptions['limits']): number | null {
  let a: Storage;
  try {
    a = Storage.open(aside, { limits });
  } catch {
    return null;
  }
  try {
    const s = Storage.open(main, { aside: a, limits });
    const diffs = s.diffs;
    if (!diffs) return null;
    const id = e.path ? diffIdOfPath(s, e.path) : s.info.rootFromAside ? diffs.count - 1 : null;
    return id === null || id >= diffs.count ? null : diffBytesAt(a, id);
  } catch {
    // The pair does not open. A walk error at -1 without a path is in the root walk the aside
    // supplies: the first chunk of its last diff. With a path, the path leads through damaged data.
    if (e.path || e.offset === undefined || e.offset >= 0) return null;
    try {
      const count = a.view(DIFF_VIEW).rowCount;
      return count > 0 ? diffBytesAt(a, count - 1) : null;
    } catch {
      return null;
    }
  }
}

/** The refs of a property's columns, the one named by a `(sizes)`/`(memo)` suffix first. */
function refsOf(src: PropSource | undefined, suffix: string): { pos: number; size: number }[] {
  if (!src) return [];
  if (src.kind === 'value' || src.kind === 'view') return [src.col];
  if (src.kind === 'bytes') return suffix.includes('sizes') ? [src.sizes, src.data, src.memo] : suffix.includes('memo') ? [src.memo, src.data, src.sizes] : [src.data, src.sizes, src.memo];
  if (src.kind === 'oldStrings') return [src.data];
  if (src.kind === 'oldMemos') return suffix.includes('positions') ? [src.positions, src.sizes] : [src.sizes, src.positions];
  return [];
}

/** For an error naming a property but no position: that property's column in `store` (read alone, or through `aside`). */
export function placeColumn(e: MetakitError, store: ByteStore, aside: ByteStore | undefined, limits?: OpenOptions['limits']): number | null {
  const segs = e.path ? segments(e.path) : null;
  if (!segs || segs.length < 2) return null;
  try {
    const a = aside ? Storage.open(aside, { limits }) : undefined;
    const s = Storage.open(store, { aside: a, limits });
    const found = viewOf(s, segs);
    if (!found) return null;
    const prop = found.view.propertyIndex((segs[segs.length - 1] as Segment).name);
    const ref = refsOf(found.view.columnSources[prop], e.path ?? '').find((r) => r.size > 0 && r.pos >= 0);
    // No stored column (an empty reference): the walk that holds the reference.
    return ref ? s.info.base + ref.pos : walkOfPath(s, e.path ?? '');
  } catch {
    // The path leads through damaged data: the column cannot be told.
    return null;
  }
}
