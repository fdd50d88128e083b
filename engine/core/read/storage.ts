/**
 * Opening a datafile: the end-of-data scan, the root walk (or the old-format root stream), an attached
 * aside, and the top-level views. Opening reads the tails and the root walk only.
 */
import { AsideDiffs, DIFF_VIEW } from '../aside/asideDiffs.js';
import type { ByteStore } from '../base/byteStore.js';
import { ColumnCache } from './cache.js';
import { DataSource, DEFAULT_LIMITS, type ReaderLimits } from './dataSource.js';
import { MetakitError } from '../base/errors.js';
import { EMPTY_SCAN, MARK_SIZE, scanEndOfData, type ReadAt, type TailScan } from './header.js';
import { lastIntactEnd } from './chain.js';
import { parseOldRoot } from './oldFormat.js';
import { describeFields, type Field } from './structure.js';
import { View, type PropSource } from './view.js';
import { parseRootWalk } from './walk.js';
import { visitColumns } from './traverse.js';

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
interface ChangeBase {
  views: Map<string, ViewSignature>;
  diffs: string[];
}

/** Subview instances searched for a changed diff before a refresh assumes the view changed. */
const NESTED_SEARCH_LIMIT = 100_000;

export class Storage {
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
    const base = this.changeBase ?? this.readChangeBase();
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
    const now = this.readChangeBase();
    this.changeBase = now;
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
      const columnsChanged = a?.refs !== b?.refs || a?.layout !== b?.layout || (b !== null && (b.diffIds.some((id) => changedDiffs.has(id)) || (b.hasSubviews && unattributed.size > 0 && this.usesAnyDiff(name, unattributed))));
      if (a && b && !columnsChanged && a.rows === b.rows) continue;
      views.push({ name, rowsBefore: a?.rows ?? -1, rowsAfter: b?.rows ?? -1, columnsChanged, layoutBefore: a?.layout ?? null, layoutAfter: b?.layout ?? null });
    }
    return { changed: true, before, after, views };
  }

  /** What refresh compares: each view's signature and each aside diff's fingerprint. */
  private readChangeBase(): ChangeBase {
    return { views: new Map(this.viewNames().map((n) => [n, this.viewSignature(n)])), diffs: this.diffFingerprints() };
  }

  private viewSignature(name: string): ViewSignature {
    const i = this.root.propertyIndex(name);
    const v = this.view(name);
    // The view's own columns as well as its root column: the root column of a view whose rows were
    // only edited in place keeps its references.
    const refs = JSON.stringify([this.root.columnSources[i] ?? null, v.columnSources]);
    const diffIds = this.state.diffs ? [...refs.matchAll(/"pos":(-\d+)/g)].map((m) => ~Number(m[1])) : [];
    return { rows: v.rowCount, layout: `${name}[${v.description}]`, refs, diffIds, hasSubviews: v.fields.some((f) => f.type === 'V') };
  }

  /**
   * True when a column of view `name` at any depth is one of the diffs `ids`. Gives up (true, the
   * safe answer) after NESTED_SEARCH_LIMIT subview instances rather than stall a refresh.
   */
  private usesAnyDiff(name: string, ids: ReadonlySet<number>): boolean {
    let found = false;
    const signal = { aborted: false };
    try {
      visitColumns(this.view(name), name, (c) => {
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
  private diffFingerprints(): string[] {
    const diffs = this.state.diffs;
    if (!diffs) return [];
    return Array.from({ length: diffs.count }, (_, id) => diffs.fingerprint(id));
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

function hex(b: Uint8Array | null): string {
  if (!b) return '(nothing)';
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
}

const MAGICS: readonly number[][] = [[0x4a, 0x4c, 0x1a, 0x00], [0x4c, 0x4a, 0x1a, 0x00]];

/** Reads `target.length` bytes at `position` into `target` (ByteStore.readInto). */
export type ReadInto = (position: number, target: Uint8Array) => void;

/**
 * Finds Metakit headers (new format) in the file, for the diagnosis of files whose tails are lost.
 * With `readInto` one chunk buffer is reused: a fresh 1 MiB array per chunk made a 4 GiB file 3x slower.
 */
export function findHeaders(readAt: ReadAt, size: number, max = 4, readInto?: ReadInto): number[] {
  const found: number[] = [];
  const CHUNK = 1 << 20;
  const reused = readInto ? new Uint8Array(Math.min(CHUNK, size)) : null;
  for (let start = 0; start < size && found.length < max; start += CHUNK - 3) {
    const len = Math.min(CHUNK, size - start);
    let b: Uint8Array | null;
    if (reused && readInto) {
      b = reused.subarray(0, len);
      readInto(start, b);
    } else b = readAt(start, len);
    if (!b) break;
    // Jump between 0x1a bytes with the native indexOf: a byte loop took ~8 s over a 3 GB foreign file.
    for (let k = b.indexOf(0x1a, 2); k >= 0 && k + 2 <= b.length && found.length < max; k = b.indexOf(0x1a, k + 1)) {
      const i = k - 2;
      if (b[k + 1] !== 0) continue;
      for (const m of MAGICS) {
        if (b[i] === m[0] && b[i + 1] === m[1] && !found.includes(start + i)) found.push(start + i);
      }
    }
    if (len < CHUNK) break;
  }
  return found;
}

/** Explains why the end-of-data scan found nothing: a foreign file, or a Metakit file with a torn end. */
export function diagnoseNoData(name: string, readAt: ReadAt, size: number, readInto?: ReadInto): MetakitError {
  const tail = readAt(Math.max(0, size - MARK_SIZE), Math.min(MARK_SIZE, size));
  const headers = findHeaders(readAt, size, 4, readInto);
  if (headers.length === 0) {
    const head = readAt(0, Math.min(8, size));
    return new MetakitError('NOT_METAKIT',
      `expected a Metakit datafile (a "JL"/"LJ" header and skip+commit tails at the end), but ${name} (${size} bytes) starts with ${hex(head)} and ends with ${hex(tail)}: not a Metakit datafile`,
      { offset: 0, file: name });
  }
  let intact = -1;
  let base = headers[0] as number;
  for (const h of headers) {
    const e = lastIntactEnd(readAt, h, size);
    if (e > intact) {
      intact = e;
      base = h;
    }
  }
  const hint = intact > 0
    ? `; the last intact commit ends at ${intact} (run \`mkinspect recover\` to extract it)`
    : '; no intact commit was found';
  return new MetakitError('TRUNCATED',
    `expected skip and commit tails in the last 16 bytes of ${name} (${size} bytes), but it ends with ${hex(tail)}: the Metakit data starting at ${base} is cut or its last commit is torn${hint}`,
    { offset: Math.max(0, size - MARK_SIZE), file: name });
}
