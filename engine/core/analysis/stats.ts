/**
 * Statistics of a datafile (and its aside): sizes, layout facts, generations, rows per view, bytes per
 * property, and the bytes no column references (free space a compaction would reclaim).
 */
import { FRESH, mapFromChunks } from '../aside/bytePieces.js';
import { walkChain } from '../read/chain.js';
import { MARK_SIZE, type ReadAt } from '../read/header.js';
import type { Storage } from '../read/storage.js';
import { findField, layoutOfFields, type Field, type PropType } from '../read/structure.js';
import { visitColumns, type TraverseOptions } from '../read/traverse.js';

export interface PropertyStat {
  /** Property path without row numbers, e.g. `people.tags.tag`. */
  path: string;
  type: PropType;
  /** Number of non-empty columns (one per view instance and role). */
  columns: number;
  /** Bytes in the main file (for a column read through a delta diff: the base bytes it keeps). */
  bytes: number;
  /** Bytes supplied by aside diffs (all of a whole-column diff; what a delta diff adds or changes). */
  asideBytes: number;
  /** Only for a type letter Metakit does not know: that stored letter (`type` is then `I`, as Metakit reads it). */
  storedType?: string;
}

/** A property whose stored type letter Metakit does not know; Metakit (and we) read it as an int. */
export interface UnknownTypeStat {
  path: string;
  storedType: string;
  readAs: 'I';
}

export interface ViewStat {
  name: string;
  layout: string;
  rows: number;
}

export interface FileStat {
  name: string;
  size: number;
  base: number;
  end: number;
  byteOrder: 'little-endian' | 'big-endian';
  format: 'new' | 'old (pre-2.0)' | 'empty';
  /**
   * Intact generations on this file's chain: every commit since its header was written (creation, a
   * read-write commit, a flush), that commit included; 1 for a read-write file, 0 for an empty one.
   */
  chainGenerations: number;
  /** Header + tails + root walk + every referenced column (main file). */
  referencedBytes: number;
  /** Bytes between the header and the end not referenced by the current generation. */
  freeBytes: number;
  /** Pairs of referenced ranges that overlap (a corrupt or hand-made file). */
  overlaps: number;
  /** Absolute offset where the first overlap starts (null without overlaps). */
  firstOverlap: number | null;
}

export interface StorageStats {
  main: FileStat;
  aside: FileStat | null;
  views: ViewStat[];
  properties: PropertyStat[];
  /** Rows of the aside's `_C` view (diff entries). */
  asideDiffs: number;
  /** Properties with an unknown type letter, whether or not they hold bytes (issue 13.4). */
  unknownTypes: UnknownTypeStat[];
}

/** Every unknown-letter property of the structure; a recursive `[^]` subview repeats its parent, listed once. */
function unknownTypes(fields: readonly Field[], prefix: string, out: UnknownTypeStat[] = []): UnknownTypeStat[] {
  for (const f of fields) {
    const path = prefix ? `${prefix}.${f.name}` : f.name;
    if (f.unknownType && f.declared) out.push({ path, storedType: f.declared, readAs: 'I' });
    else if (f.type === 'V' && !f.recursive) unknownTypes(f.fields, path, out);
  }
  return out;
}

/** The field a schema path (`r.self.self.data`) names; recursive subviews share their fields, so any depth resolves. */
function fieldAt(fields: readonly Field[], schemaPath: string): Field | undefined {
  let here = fields;
  let f: Field | undefined;
  for (const name of schemaPath.split('.')) {
    f = here[findField(here, name)];
    if (!f) return undefined;
    here = f.fields;
  }
  return f;
}

function fileStat(storage: Storage): FileStat {
  const info = storage.info;
  const store = storage.store;
  const readAt: ReadAt = (pos, len) => (pos < 0 || pos + len > info.end ? null : store.read(pos, len));
  const chain = info.empty || info.oldFormat ? [] : walkChain(readAt, info.base, info.end);
  return {
    name: info.name,
    size: info.fileSize,
    base: info.base,
    end: info.end,
    byteOrder: info.littleEndian ? 'little-endian' : 'big-endian',
    format: info.empty ? 'empty' : info.oldFormat ? 'old (pre-2.0)' : 'new',
    chainGenerations: info.empty ? 0 : Math.max(1, chain.filter((c) => c.intact).length),
    referencedBytes: 0,
    freeBytes: 0,
    overlaps: 0,
    firstOverlap: null,
  };
}

/** Merges [start, end) ranges; returns covered bytes, the number of overlapping pairs and where the first starts. */
function coverage(ranges: [number, number][]): { covered: number; overlaps: number; first: number | null } {
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let covered = 0;
  let overlaps = 0;
  let first: number | null = null;
  let curStart = -1;
  let curEnd = -1;
  for (const [s, e] of ranges) {
    if (e <= s) continue;
    if (s < curEnd) {
      overlaps++;
      first ??= s;
      if (e > curEnd) curEnd = e;
      continue;
    }
    if (curEnd > curStart) covered += curEnd - curStart;
    curStart = s;
    curEnd = e;
  }
  if (curEnd > curStart) covered += curEnd - curStart;
  return { covered, overlaps, first };
}

export function computeStats(storage: Storage, options: TraverseOptions = {}): StorageStats {
  const main = fileStat(storage);
  // The aside is an ordinary datafile: its referenced and free bytes come from its own walk.
  const aside = storage.aside ? computeStats(storage.aside, options).main : null;
  const views: ViewStat[] = storage.viewNames().map((name) => {
    const v = storage.view(name);
    return { name, layout: `${name}[${layoutOfFields(v.fields)}]`, rows: v.rowCount };
  });
  const props = new Map<string, PropertyStat>();
  const ranges: [number, number][] = [];
  visitColumns(storage.root, '', (c) => {
    if (c.ref.size === 0) return;
    let stat = props.get(c.schemaPath);
    if (!stat) {
      stat = { path: c.schemaPath, type: c.type, columns: 0, bytes: 0, asideBytes: 0 };
      const field = fieldAt(storage.fields, c.schemaPath);
      if (field?.unknownType && field.declared) stat.storedType = field.declared;
      props.set(c.schemaPath, stat);
    }
    stat.columns++;
    if (c.ref.pos < 0) {
      const diffs = storage.diffs;
      const id = ~c.ref.pos;
      // A delta diff keeps stretches of the main file; only the rest comes from the aside.
      const map = diffs && id < diffs.count ? mapFromChunks(diffs.origin(id), c.ref.size, diffs.chunks(id)) : null;
      if (!map) stat.asideBytes += c.ref.size;
      else {
        for (const seg of map.segments) {
          if (seg.src === FRESH) stat.asideBytes += seg.len;
          else {
            stat.bytes += seg.len;
            ranges.push([seg.src, seg.src + seg.len]);
          }
        }
      }
    } else {
      stat.bytes += c.ref.size;
      ranges.push([c.ref.pos, c.ref.pos + c.ref.size]);
    }
  }, options);
  const info = storage.info;
  if (!info.empty) {
    ranges.push([0, MARK_SIZE]);
    if (!info.oldFormat) {
      const rel = info.end - info.base;
      ranges.push([rel - 2 * MARK_SIZE, rel]);
      ranges.push([info.rootPos, info.rootPos + info.rootLen]);
    }
    const { covered, overlaps, first } = coverage(ranges);
    main.referencedBytes = covered;
    main.freeBytes = Math.max(0, info.end - info.base - covered);
    main.overlaps = overlaps;
    main.firstOverlap = first === null ? null : info.base + first;
  }
  return {
    main,
    aside,
    views,
    properties: [...props.values()].filter((p) => !p.path.startsWith('_C') || !storage.aside),
    asideDiffs: storage.diffs?.count ?? 0,
    unknownTypes: unknownTypes(storage.fields, ''),
  };
}
