/**
 * One open document: the main file read through its aside when attached (x.mka next to x.mk is found
 * automatically), opened read-only and registered in the presence registry as role `inspector`, with
 * the views resolved so far. It moves to newer generations (refresh) and reopens files a flush
 * replaced; a writable document also holds the writer's storages (editing/writer.ts).
 */
import { realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { MetakitError } from '../../engine/core/base/errors.js';
import type { RefreshResult } from '../../engine/core/read/viewChanges.js';
import type { Storage } from '../../engine/core/read/storage.js';
import type { View } from '../../engine/core/read/view.js';
import { openStorageFile, type StorageFileHandle } from '../../engine/node/openStorageFile.js';
import { asideNextTo } from '../../engine/node/siblingAside.js';
import type { DocumentInfo, FileInfo, OpenMode, ViewPath } from '../shared/dto.js';
import type { FollowState, GenerationRef, PinInfo } from '../shared/dtoFollow.js';
import type { EditSession } from './editing/editSession.js';
import type { DocumentWriter } from './editing/writer.js';
import { ServiceError } from './errors.js';
import type { OrderJob } from './permutation/protocol.js';
import { resolveView, viewKey, viewTitle } from './viewPaths.js';

export function canonical(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    // Let the byte store report the missing file with its own message.
    return abs;
  }
}

const MAX_CACHED_VIEWS = 64;

const NOT_FOLLOWING: FollowState = {
  following: false, paused: false, pendingCommits: 0, pendingRows: 0, latestGeneration: '', lastChange: null, changes: 0,
};

export class OpenDocument {
  private handle: StorageFileHandle;
  private readonly views = new Map<string, View>();
  /** Why an automatically found aside is not attached (it did not open or does not fit). */
  private notice: string | null = null;
  /** The generation pinned for comparison. */
  pinned: PinInfo | null = null;
  /** Set while a flush of this document runs (the follower leaves the reopening to it). */
  flushing = false;
  /** Pending edits and the writer's storages (writable documents only). */
  edits: EditSession | null = null;
  writer: DocumentWriter | null = null;
  /** The follower's state, shown in info(). */
  followState: () => FollowState = () => ({ ...NOT_FOLLOWING, latestGeneration: this.generation });

  constructor(
    readonly id: string,
    readonly mainPath: string,
    readonly asidePath: string | null,
    private attached: boolean,
    readonly mode: OpenMode,
    explicitAside: boolean,
  ) {
    try {
      this.handle = this.openHandle(attached);
    } catch (e) {
      // An aside found next to the file must not stop the file from opening: show main alone.
      if (!attached || explicitAside || !(e instanceof MetakitError)) throw e;
      this.handle = this.openHandle(false);
      this.attached = false;
      this.notice = `the aside ${basename(asidePath as string)} was not attached: ${e.message}`;
    }
  }

  /** Paths of a document to open: `aside` undefined = automatic, null = none, a path = that file. */
  static paths(path: string, aside: string | null | undefined): { mainPath: string; asidePath: string | null } {
    const mainPath = canonical(path);
    return { mainPath, asidePath: aside === undefined ? asideNextTo(mainPath) : aside === null ? null : canonical(aside) };
  }

  get asideAttached(): boolean {
    return this.attached;
  }

  get generation(): string {
    return this.current.generation;
  }

  get current(): Storage {
    return this.handle.storage;
  }

  /** The aside read now (null when detached). */
  get readAside(): string | null {
    return this.attached ? this.asidePath : null;
  }

  /** The snapshot shown now, as ends to scan from (what a worker opens to read the same generation). */
  ref(): GenerationRef {
    const s = this.current;
    return { mainEnd: s.info.fileSize, asideEnd: s.aside ? s.aside.info.fileSize : null };
  }

  /** Reopens with the aside attached or detached (same files, read-only). */
  setAsideAttached(attached: boolean): void {
    if (attached && this.asidePath === null) throw new ServiceError('BAD_ARGUMENT', `${basename(this.mainPath)} has no aside to attach`);
    if (attached === this.attached) return;
    const next = this.openHandle(attached);
    this.handle.close();
    this.handle = next;
    this.attached = attached;
    this.notice = null;
    this.pinned = null;
    this.views.clear();
  }

  /** Moves to the newest committed generation (files appended to by another process). */
  refresh(): RefreshResult {
    const r = this.handle.storage.refresh();
    if (r.changed || r.views.length > 0) {
      this.views.clear();
      this.handle.updatePresence();
    }
    return r;
  }

  /**
   * Opens the files again (a flush renamed new ones in): the old handles read the replaced inodes.
   * Returns the views whose rows differ, like refresh().
   */
  reopen(): RefreshResult {
    const before = this.current;
    const rowsBefore = new Map(before.viewNames().map((n) => [n, before.view(n).rowCount]));
    const generationBefore = before.generation;
    const next = this.openHandle(this.attached);
    this.handle.close();
    this.handle = next;
    this.views.clear();
    const after = this.current;
    const names = new Set([...rowsBefore.keys(), ...after.viewNames()]);
    const views = [...names].map((name) => ({
      name, rowsBefore: rowsBefore.get(name) ?? -1, rowsAfter: after.hasView(name) ? after.view(name).rowCount : -1,
      columnsChanged: true, layoutBefore: null, layoutAfter: null,
    }));
    return { changed: true, before: generationBefore, after: after.generation, views };
  }

  view(path: ViewPath): View {
    const key = viewKey(path);
    const have = this.views.get(key);
    if (have) return have;
    const view = resolveView(this.current, path);
    if (this.views.size >= MAX_CACHED_VIEWS) this.views.delete(this.views.keys().next().value as string);
    this.views.set(key, view);
    return view;
  }

  /** What a worker needs to open the same snapshot and compute an order for `path`. */
  orderJob(path: ViewPath, job: Pick<OrderJob, 'sort' | 'filters'>): OrderJob {
    const ref = this.ref();
    return {
      mainPath: this.mainPath,
      // The sizes at open: scanning from there finds the generation this document reads even when
      // another process has appended since.
      mainEnd: ref.mainEnd,
      asidePath: ref.asideEnd !== null ? this.asidePath : null,
      asideEnd: ref.asideEnd,
      path,
      title: viewTitle(path),
      ...job,
    };
  }

  info(): DocumentInfo {
    const s = this.current;
    const asideMode: OpenMode = this.mode === 'extend' ? 'extend' : 'read';
    const mainMode: OpenMode = this.mode === 'extend' && s.aside ? 'read' : this.mode;
    return {
      id: this.id,
      title: basename(this.mainPath),
      main: fileInfo('main', this.mainPath, s, mainMode),
      aside: s.aside && this.asidePath ? fileInfo('aside', this.asidePath, s.aside, asideMode) : null,
      asideAvailable: this.asidePath,
      generation: s.generation,
      viewCount: s.viewNames().length,
      notice: this.notice,
      mode: this.mode,
      live: this.followState(),
      pinned: this.pinned,
      pendingEdits: this.edits?.count ?? 0,
      editVersion: this.edits?.version ?? 0,
    };
  }

  close(): void {
    this.views.clear();
    this.writer?.close();
    this.writer = null;
    this.handle.close();
  }

  private openHandle(withAside: boolean): StorageFileHandle {
    const aside = withAside && this.asidePath ? this.asidePath : undefined;
    return openStorageFile(this.mainPath, { aside, role: 'inspector' });
  }
}

function fileInfo(role: 'main' | 'aside', path: string, s: Storage, mode: OpenMode): FileInfo {
  const i = s.info;
  return {
    role, path, name: basename(path), size: i.fileSize, mode,
    byteOrder: i.littleEndian ? 'little-endian' : 'big-endian',
    format: i.empty ? 'empty' : i.oldFormat ? 'old (pre-2.0)' : 'new',
    base: i.base, end: i.end,
  };
}
