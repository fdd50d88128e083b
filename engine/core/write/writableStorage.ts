/**
 * A storage opened for changes (Metakit's c4_Storage in modes 1 and 2, or mode 0 with an aside):
 * getAs/view/commit/rollback/aside, shaped after Metakit's own API so its programs translate line by
 * line. Reads go through the same lazy column access as the read-only Storage.
 */
import { DeltaDiffer } from '../aside/deltaDiffer.js';
import { Differ } from '../aside/differ.js';
import type { ByteStore } from '../base/byteStore.js';
import { MetakitError } from '../base/errors.js';
import { ColumnCache } from '../read/cache.js';
import { DataSource, DEFAULT_LIMITS, type ReaderLimits } from '../read/dataSource.js';
import type { ReadableStorage } from '../read/readable.js';
import type { OpenMode } from '../read/storage.js';
import { describeField, describeFields, findField, parseDescription, type Field } from '../read/structure.js';
import { parseRootWalk } from '../read/walk.js';
import { Allocator } from './allocator.js';
import { commitToAside, commitToFile } from './commit.js';
import { committedGeneration } from './committed.js';
import { Seq, type SubviewHandler } from './handlers/seq.js';
import { flushInMemory, saveCompact } from './memoryFlush.js';
import type { MemoPolicy, ModelContext } from './model.js';
import { occupyCommitted, occupyGenerationThroughAside } from './storedSpace.js';
import { WritableView, type ViewOwner } from './writableView.js';

export interface WritableOpenOptions {
  mode?: OpenMode;
  limits?: Partial<ReaderLimits>;
  /** Byte order of a new file (default: little-endian, "JL"). */
  littleEndian?: boolean;
  /** fsync around commits (default true). */
  durable?: boolean;
  /** Open a non-Metakit file for writing by appending a new dataset after its bytes (starkit style). */
  appendToForeign?: boolean;
  /**
   * What commit({full: true}) does with an aside attached: a real flush of main + aside into the main
   * file (engine/node supplies the crash-safe file version). Without it, stores are rewritten in place.
   */
  flush?: (storage: WritableStorage) => void;
  /**
   * commit({full: true}) with an aside attached: 'flush' (default) is the real flush above; 'metakit'
   * is Metakit 2.4.9.8's commit(true), for replays compared byte for byte with Metakit's files: the
   * dirty columns go into the main file (in its own mode), all others stay in the aside, which is left
   * as it is (so the main file refers into it and cannot be read alone). It never empties an aside.
   */
  asideFullCommit?: AsideFullCommit;
  /**
   * How commits into an attached aside store changed columns: 'delta' (default) as the chunks that
   * change the main file's bytes, one diff per column; 'whole' as Metakit 2.4.9.8 does, a full copy of
   * every changed column in new diffs at every commit.
   */
  asideDiffs?: AsideDiffMode;
  /** Check every delta diff against the column it stores before keeping it (tests). */
  verifyAsideDiffs?: boolean;
}

export type AsideDiffMode = 'whole' | 'delta';

export type AsideFullCommit = 'flush' | 'metakit';

export interface CommitOptions {
  full?: boolean;
}

let nextId = 0;

export class WritableStorage implements ViewOwner, ReadableStorage {
  readonly mode: OpenMode;
  private base = 0;
  private littleEndian: boolean;
  /** Absolute end of the committed data (0 for an empty storage). */
  private end = 0;
  private rootWalk: Uint8Array | null = null;
  private space = new Allocator();
  private root!: Seq;
  private ctx!: ModelContext;
  private differ: Differ | null = null;
  private asideHost: WritableStorage | null = null;
  private memoPolicy: MemoPolicy | undefined;
  private readonly limits: ReaderLimits;
  private readonly durable: boolean;
  private closed = false;

  private constructor(
    private currentStore: ByteStore,
    private readonly options: WritableOpenOptions,
  ) {
    const store = currentStore;
    this.mode = options.mode ?? 'readwrite';
    this.littleEndian = options.littleEndian ?? true;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.durable = options.durable ?? true;
    if (this.mode !== 'read' && !store.writable) {
      throw new MetakitError('READ_ONLY', `expected a writable file for mode ${this.mode}, but ${store.name} is read-only`, { file: store.name });
    }
  }

  static open(store: ByteStore, options: WritableOpenOptions = {}): WritableStorage {
    const s = new WritableStorage(store, options);
    s.load();
    return s;
  }

  get store(): ByteStore {
    return this.currentStore;
  }

  get name(): string {
    return this.store.name;
  }

  /** The writable storage of the attached aside, if any. */
  get asideStorage(): WritableStorage | null {
    return this.asideHost;
  }

  get openOptions(): WritableOpenOptions {
    return this.options;
  }

  /** Absolute offset of the header. */
  get baseOffset(): number {
    return this.base;
  }

  /** Absolute end of the last commit (0 for an empty storage). */
  get endOfData(): number {
    return this.end;
  }

  get isLittleEndian(): boolean {
    return this.littleEndian;
  }

  get aside(): Differ | null {
    return this.differ;
  }

  // ---- loading -------------------------------------------------------------------------------------

  /** c4_Persist::LoadAll: the committed generation (plus the aside's diffs) becomes the live model. */
  private load(): void {
    const store = this.store;
    const committed = committedGeneration(store, this.mode, this.options.appendToForeign === true);
    this.base = committed.base;
    this.end = committed.end;
    if (committed.littleEndian !== null) this.littleEndian = committed.littleEndian;
    const { rootPos, rootLen } = committed;
    let walk = committed.walk;
    let fields: Field[] = [];
    const cache = new ColumnCache(this.limits.cacheBytes);
    const src = new DataSource(store, { base: this.base, end: Math.max(this.end, this.base), littleEndian: this.littleEndian, oldFormat: false }, cache, this.limits, this.differ, `w${nextId++}:`);
    this.ctx = { src, littleEndian: this.littleEndian, diffs: this.differ, maxDepth: this.limits.maxDepth, memoPolicy: this.memoPolicy };
    if (this.differ) this.differ.main = src;
    const asideWalk = this.differ?.rootWalk() ?? null;
    if (asideWalk) walk = asideWalk;
    this.rootWalk = walk;
    if (walk) {
      const parsed = parseRootWalk(walk, asideWalk ? -1 : this.base + rootPos, this.limits.maxDepth);
      fields = parsed.fields;
      this.root = Seq.stored(this.ctx, fields, 1, parsed.groups, '', 0, []);
    } else {
      this.root = Seq.empty(this.ctx, fields, '', 0, []);
      this.root.rows = 1;
    }
    this.space = new Allocator();
    if (this.mode === 'readwrite' && walk && (!this.differ || this.metakitFullCommit)) {
      // What Metakit's load occupies: the main file's own root walk and every main-file column of the
      // loaded generation (read through the aside when one is attached: only Metakit's commit(true)
      // allocates from this map then).
      if (rootLen > 0) this.space.occupy(rootPos, rootLen);
      if (this.differ) occupyGenerationThroughAside(this.space, src, walk, this.limits.maxDepth);
      else occupyCommitted(this.space, this.store, this.end, this.limits);
    }
  }

  private get metakitFullCommit(): boolean {
    return this.options.asideFullCommit === 'metakit';
  }

  // ---- structure -----------------------------------------------------------------------------------

  get fields(): readonly Field[] {
    return this.root.fields;
  }

  get description(): string {
    return describeFields(this.root.fields);
  }

  viewNames(): string[] {
    return this.root.fields.filter((f) => f.type === 'V').map((f) => f.name);
  }

  hasView(name: string): boolean {
    const i = findField(this.root.fields, name);
    return i >= 0 && (this.root.fields[i] as Field).type === 'V';
  }

  view(name: string): WritableView {
    const i = findField(this.root.fields, name);
    if (i < 0 || (this.root.fields[i] as Field).type !== 'V') {
      throw new RangeError(`storage ${this.store.name} has no view '${name}' (views: ${this.viewNames().join(', ') || 'none'})`);
    }
    return new WritableView(this, (this.root.handlers[i] as SubviewHandler).child(0));
  }

  /**
   * c4_Storage::GetAs: `name[props]` creates or restructures a view (kept in place, or appended);
   * a bare `name` deletes it. Returns the view, or null after a deletion.
   */
  getAs(description: string): WritableView | null {
    this.assertWritable();
    return this.restructureRoot(description);
  }

  /**
   * The memo rule of every S/B property of this storage: an aside written with delta diffs keeps its
   * chunk blocks as memos (an aside holds only `_C` in practice).
   */
  setMemoPolicy(policy: MemoPolicy | undefined): void {
    this.memoPolicy = policy;
    this.ctx.memoPolicy = policy;
  }

  /** The `_C` view for an aside attached to another storage (c4_Differ's GetAs). */
  diffSequence(layout: string): Seq {
    const v = this.restructureRoot(layout);
    if (!v) throw new Error('unreachable: diff view deleted');
    return v.seq;
  }

  private restructureRoot(description: string): WritableView | null {
    const parsed = parseDescription(description);
    if (parsed.length !== 1) throw new MetakitError('BAD_STRUCTURE', `expected one view description like "name[p:S,q:I]", but found "${description}"`);
    const field = parsed[0] as Field;
    const bracket = description.indexOf('[');
    if (bracket >= 0) {
      const i = findField(this.root.fields, field.name);
      const current = i >= 0 ? (this.root.fields[i] as Field) : null;
      if (current && current.type === 'V' && `[${describeFields(current.fields)}]`.toLowerCase() === description.slice(bracket).toLowerCase()) {
        return this.view(current.name);
      }
    }
    const keep = field.type === 'V';
    const parts: string[] = [];
    let pending: string | null = describeField(field);
    for (const of of this.root.fields) {
      if (of.name.toLowerCase() === field.name.toLowerCase()) {
        if (keep && pending !== null) parts.push(pending);
        pending = null;
        continue;
      }
      parts.push(describeField(of));
    }
    if (keep && pending !== null) parts.push(pending);
    const next = parts.join(',');
    if (next !== this.description) this.root.restructure(parseDescription(next, { limits: { maxDepth: this.limits.maxDepth } }));
    return keep ? this.view(field.name) : null;
  }

  // ---- commit, rollback, aside ------------------------------------------------------------------

  assertWritable(): void {
    if (this.closed) throw new MetakitError('IO', `${this.store.name} is closed`, { file: this.store.name });
    if (this.mode === 'read' && !this.differ) {
      throw new MetakitError('READ_ONLY', `expected a storage opened readwrite or extend (or with an aside) for changes, but ${this.store.name} is open read-only`, { file: this.store.name });
    }
  }

  /**
   * Commits the changes: into the aside if one is attached, else into the file (mode readwrite or
   * extend). Returns false when there was nothing to commit.
   */
  commit(options: CommitOptions = {}): boolean {
    this.assertWritable();
    if (this.differ && !options.full) {
      const r = commitToAside(this.root, this.differ, this.rootWalk);
      this.rootWalk = r.rootWalk;
      return r.changed;
    }
    if (this.differ && !this.metakitFullCommit) {
      // Metakit's commit(full) here leaves references into the aside in the main file; ours flushes.
      if (this.options.flush) this.options.flush(this);
      else flushInMemory(this, (store) => WritableStorage.open(store, { mode: 'readwrite', durable: false }));
      return true;
    }
    if (this.mode === 'read') throw new MetakitError('READ_ONLY', `expected a writable storage, but ${this.store.name} is open read-only`, { file: this.store.name });
    // Without an aside, or as Metakit's commit(true) with one: the dirty columns go into the main
    // file; columns still in aside diffs stay there (their walks keep the diff ids).
    const out = commitToFile(this.root, {
      store: this.store,
      base: this.base,
      mode: this.mode,
      littleEndian: this.littleEndian,
      space: this.space,
      previousRootWalk: this.rootWalk,
      durable: this.durable,
      logicalEnd: this.end > 0 ? this.end - this.base : 0,
    });
    this.rootWalk = out.rootWalk;
    this.space = out.space;
    if (out.changed) this.end = out.end;
    return out.changed;
  }

  /** Discards uncommitted changes (c4_Storage::Rollback); `full` also detaches the aside. */
  rollback(options: CommitOptions = {}): void {
    if (options.full) this.differ = null;
    this.load();
  }

  /** Attaches an aside: later commits go there (c4_Storage::SetAside); uncommitted changes are dropped. */
  setAside(aside: WritableStorage): void {
    this.differ = this.newDiffer(aside);
    this.asideHost = aside;
    this.load();
  }

  private newDiffer(aside: WritableStorage): Differ {
    return (this.options.asideDiffs ?? 'delta') === 'delta' ? new DeltaDiffer(aside, { verify: this.options.verifyAsideDiffs }) : new Differ(aside);
  }

  /** Continues on a replacement of the file (after a flush renamed a new file over it). */
  replaceStore(store: ByteStore): void {
    if (store !== this.currentStore) this.currentStore.close();
    this.currentStore = store;
    if (this.asideHost) this.differ = this.newDiffer(this.asideHost);
    this.load();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.store.close();
  }

  /**
   * c4_Storage::SaveTo: writes the current content (committed or not, through the aside if one is
   * attached) compactly into an empty store, as a full-scan commit. Returns the bytes written.
   */
  saveTo(target: ByteStore, options: { durable?: boolean } = {}): number {
    if (this.closed) throw new MetakitError('IO', `${this.store.name} is closed`, { file: this.store.name });
    if (target.size() !== 0) throw new RangeError(`saveTo needs an empty store, but ${target.name} holds ${target.size()} bytes`);
    return saveCompact(this.root, this.littleEndian, target, options.durable ?? this.durable);
  }

  /** Little-endian ("JL") column data. */
  get byteOrderLittle(): boolean {
    return this.littleEndian;
  }

  /** The root sequence (for the flush and tests). */
  get rootSeq(): Seq {
    return this.root;
  }
}
