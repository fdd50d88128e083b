/**
 * Opening a datafile: the end-of-data scan, the root walk (or the old-format root stream), an attached
 * aside, and the top-level views. Opening reads the tails and the root walk only.
 */
import { AsideDiffs, DIFF_VIEW } from '../aside/asideDiffs.js';
import type { ByteStore } from '../base/byteStore.js';
import { MetakitError } from '../base/errors.js';
import { ColumnCache } from './cache.js';
import { DataSource, DEFAULT_LIMITS, type ReaderLimits } from './dataSource.js';
import { MARK_SIZE, type ReadAt } from './header.js';
import { parseOldRoot } from './oldFormat.js';
import type { ReadableStorage } from './readable.js';
import { describeFields, type Field } from './structure.js';
import { diagnoseNoData, EMPTY_SCAN, scanEndOfData, type TailScan } from './tails.js';
import { View, type PropSource } from './view.js';
import { readChangeBase, viewChanges, type ChangeBase, type RefreshResult } from './viewChanges.js';
import { parseRootWalk } from './walk.js';

export type OpenMode = 'read' | 'readwrite' | 'extend';

export interface OpenOptions {
  mode?: OpenMode;
  /** An aside storage to read through (its `_C` diffs override the main file's columns). */
  aside?: Storage;
  limits?: Partial<ReaderLimits>;
  /** Scan from this absolute end instead of the current file size (opens a past generation). */
  end?: number;
  /** Share a column cache between storages (e.g. main and aside). */
  cache?: ColumnCache;
}

export interface StorageInfo {
  name: string;
  /** Physical size when opened. */
  fileSize: number;
  /** True for a 0-byte file: a storage with no views. */
  empty: boolean;
  /** Absolute offset of the header (non-zero for starkits and other prefixed files). */
  base: number;
  /** Absolute logical end of the data (`mk::file end`). */
  end: number;
  /** Bytes of trailing non-Metakit data after the end. */
  trailing: number;
  littleEndian: boolean;
  oldFormat: boolean;
  /** Root walk, relative to base (the main file's own, even when an aside overrides it). */
  rootPos: number;
  rootLen: number;
  /** The header's end-of-data field (end of the first commit in extend-mode files). */
  headerEnd: number;
  /** True when an aside is attached and its diffs supply the root walk. */
  rootFromAside: boolean;
}

let nextSourceId = 0;

/** Largest accepted `limits.maxDepth`. */
export const MAX_DEPTH_LIMIT = 1000;

export class Storage implements ReadableStorage {
  private state: {
    info: StorageInfo;
    fields: readonly Field[];
    root: View;
    source: DataSource;
    diffs: AsideDiffs | null;
  };
  private openOptions: OpenOptions = {};
  /** What the last refresh saw (so the next one need not read it again); null until the first. */
  private changeBase: ChangeBase | null = null;

  private constructor(
    readonly store: ByteStore,
    readonly mode: OpenMode,
    readonly aside: Storage | null,
    info: StorageInfo,
    fields: Field[],
    root: View,
    source: DataSource,
    diffs: AsideDiffs | null,
  ) {
    this.state = { info, fields, root, source, diffs };
  }

  get info(): StorageInfo {
    return this.state.info;
  }

  get fields(): readonly Field[] {
    return this.state.fields;
  }

  get root(): View {
    return this.state.root;
  }

  get source(): DataSource {
    return this.state.source;
  }

  get diffs(): AsideDiffs | null {
    return this.state.diffs;
  }

  /**
   * Moves this storage (and its aside) to the newest committed generation and says what changed.
   * Until then it keeps reading the generation it opened, whatever other processes append.
   */
  refresh(): RefreshResult {
    const before = this.generation;
    const base = this.changeBase ?? readChangeBase(this);
    this.aside?.refresh();
    const { end: _end, ...options } = this.openOptions;
    const next = Storage.open(this.store, { ...options, aside: this.aside ?? undefined });
    this.state = next.state;
    const after = this.generation;
    // The same generation is the same bytes: nothing to compare.
    if (after === before) {
      this.changeBase = base;
      return { changed: false, before, after, views: [] };
    }
    const now = readChangeBase(this);
    this.changeBase = now;
    return { changed: true, before, after, views: viewChanges(this, base, now) };
  }

  static open(store: ByteStore, options: OpenOptions = {}): Storage {
    const s = Storage.openGeneration(store, options);
    s.openOptions = options;
    return s;
  }

  private static openGeneration(store: ByteStore, options: OpenOptions): Storage {
    const limits: ReaderLimits = { ...DEFAULT_LIMITS, ...options.limits };
    if (!Number.isInteger(limits.maxDepth) || limits.maxDepth < 1 || limits.maxDepth > MAX_DEPTH_LIMIT) {
      // Readers recurse once per nesting level: beyond this the stack, not a limit, would end the read.
      throw new RangeError(`limits.maxDepth ${limits.maxDepth} is outside 1..${MAX_DEPTH_LIMIT}`);
    }
    const cache = options.cache ?? new ColumnCache(limits.cacheBytes);
    const mode = options.mode ?? 'read';
    const fileSize = store.size();
    const end = options.end ?? fileSize;
    if (!Number.isSafeInteger(end) || end < 0 || end > fileSize) {
      throw new RangeError(`open end ${end} is outside 0..${fileSize}`);
    }
    const readAt: ReadAt = (pos, len) => (pos < 0 || pos + len > end ? null : store.read(pos, len));
    const id = `s${nextSourceId++}:`;

    const aside = options.aside ?? null;
    const diffs = aside ? asideDiffs(aside) : null;

    const scan = end === 0 ? EMPTY_SCAN : scanEndOfData(readAt, end);
    if (scan === EMPTY_SCAN) {
      const info: StorageInfo = {
        name: store.name, fileSize, empty: true, base: 0, end: 0, trailing: 0, littleEndian: true, oldFormat: false,
        rootPos: 0, rootLen: 0, headerEnd: 0, rootFromAside: false,
      };
      const source = new DataSource(store, { base: 0, end: 0, littleEndian: true, oldFormat: false }, cache, limits, diffs, id);
      const fromAside = diffs?.rootWalk() ?? null;
      if (fromAside) return Storage.fromRootWalk(store, mode, aside, { ...info, rootFromAside: true }, source, diffs, fromAside, -1);
      const root = new View({ src: source, path: '', depth: 0, ancestors: [] }, [], 1, []);
      return new Storage(store, mode, aside, info, [], root, source, diffs);
    }

    if (!scan) throw diagnoseNoData(store.name, readAt, end, store.readInto && end <= fileSize ? (p, t) => store.readInto?.(p, t) : undefined);
    const info = infoOf(store.name, fileSize, scan);
    const source = new DataSource(store, { base: scan.base, end: scan.oldFormat ? end : scan.end, littleEndian: scan.littleEndian, oldFormat: scan.oldFormat }, cache, limits, diffs, id);

    if (scan.oldFormat) {
      const old = parseOldRoot(source, scan.rootPos, end);
      const root = new View({ src: source, path: '', depth: 0, ancestors: [] }, old.fields, 1, old.sources);
      return new Storage(store, mode, aside, info, old.fields, root, source, diffs);
    }

    if (scan.rootPos < MARK_SIZE || scan.rootPos + scan.rootLen > scan.end - scan.base - 2 * MARK_SIZE) {
      throw new MetakitError('BAD_OFFSET', `expected the root walk inside the data (${MARK_SIZE}..${scan.end - scan.base - 2 * MARK_SIZE}), but the commit tail puts it at ${scan.rootPos}+${scan.rootLen}`, {
        offset: scan.end - MARK_SIZE,
        file: store.name,
      });
    }
    const fromAside = diffs?.rootWalk() ?? null;
    if (fromAside) return Storage.fromRootWalk(store, mode, aside, { ...info, rootFromAside: true }, source, diffs, fromAside, -1);
    const walk = store.read(scan.base + scan.rootPos, scan.rootLen);
    return Storage.fromRootWalk(store, mode, aside, info, source, diffs, walk, scan.base + scan.rootPos);
  }

  private static fromRootWalk(
    store: ByteStore, mode: OpenMode, aside: Storage | null, info: StorageInfo, source: DataSource, diffs: AsideDiffs | null,
    walk: Uint8Array, origin: number,
  ): Storage {
    const parsed = parseRootWalk(walk, origin, source.limits.maxDepth);
    const sources: PropSource[] = parsed.groups;
    for (let i = 0; i < parsed.fields.length; i++) {
      const g = parsed.groups[i];
      if (g) checkGroup(source, g, `${(parsed.fields[i] as Field).name}`);
    }
    const root = new View({ src: source, path: '', depth: 0, ancestors: [] }, parsed.fields, 1, sources);
    return new Storage(store, mode, aside, info, parsed.fields, root, source, diffs);
  }

  /** The stored structure description (all top-level properties). */
  get description(): string {
    return describeFields(this.fields);
  }

  /** Names of the top-level views, in stored order. */
  viewNames(): string[] {
    return this.fields.filter((f) => f.type === 'V').map((f) => f.name);
  }

  hasView(name: string): boolean {
    const i = this.root.propertyIndex(name);
    return i >= 0 && (this.fields[i] as Field).type === 'V';
  }

  view(name: string): View {
    const i = this.root.propertyIndex(name);
    if (i < 0 || (this.fields[i] as Field).type !== 'V') {
      throw new RangeError(`storage ${this.store.name} has no view '${name}' (views: ${this.viewNames().join(', ') || 'none'})`);
    }
    const v = this.root.getView(0, i);
    return v;
  }

  /** A stable identifier of the generation this storage reads. */
  get generation(): string {
    const main = `${this.info.end}`;
    return this.aside ? `${main}+${this.aside.info.end}` : main;
  }

  close(): void {
    this.store.close();
    this.aside?.close();
  }
}

function checkGroup(src: DataSource, g: PropSource, path: string): void {
  switch (g.kind) {
    case 'value': case 'view':
      src.check(g.col, 'column', path);
      return;
    case 'bytes':
      src.check(g.data, 'data column', path);
      src.check(g.sizes, 'sizes column', path);
      src.check(g.memo, 'memo walk', path);
      return;
    default:
      return;
  }
}

function asideDiffs(aside: Storage): AsideDiffs | null {
  if (!aside.hasView(DIFF_VIEW)) return null;
  const info = aside.info;
  return new AsideDiffs(aside.view(DIFF_VIEW), aside.store.name, info.oldFormat || info.empty ? undefined : info.base + info.rootPos);
}

function infoOf(name: string, fileSize: number, scan: TailScan): StorageInfo {
  return {
    name,
    fileSize,
    empty: false,
    base: scan.base,
    end: scan.end,
    trailing: scan.trailing,
    littleEndian: scan.littleEndian,
    oldFormat: scan.oldFormat,
    rootPos: scan.rootPos,
    rootLen: scan.rootLen,
    headerEnd: scan.headerEndField,
    rootFromAside: false,
  };
}
