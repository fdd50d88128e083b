/**
 * One open document: the main file read through its aside when attached (x.mka next to x.mk is found
 * automatically), opened read-only, with the views resolved so far.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { MetakitError } from '../../engine/core/errors.js';
import { Storage } from '../../engine/core/storage.js';
import type { View } from '../../engine/core/view.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import type { DocumentInfo, FileInfo, OpenMode, ViewPath } from '../shared/dto.js';
import { ServiceError } from './errors.js';
import type { OrderJob } from './permutation/protocol.js';
import { resolveView, viewKey, viewTitle } from './viewPaths.js';

/** `x.mk` → `x.mka` (any extension; none for an aside itself). */
export function asideNextTo(mainPath: string): string | null {
  if (/\.mka$/i.test(mainPath)) return null;
  const candidate = mainPath.replace(/(\.[^./\\]*)?$/, '.mka');
  return candidate !== mainPath && existsSync(candidate) ? candidate : null;
}

const MAX_CACHED_VIEWS = 64;

export class OpenDocument {
  private storage: Storage;
  private readonly views = new Map<string, View>();
  /** Why an automatically found aside is not attached (it did not open or does not fit). */
  private notice: string | null = null;

  private constructor(
    readonly id: string,
    readonly mainPath: string,
    readonly asidePath: string | null,
    private attached: boolean,
    readonly mode: OpenMode,
    explicitAside: boolean,
  ) {
    try {
      this.storage = this.openStorage(attached);
    } catch (e) {
      // An aside found next to the file must not stop the file from opening: show main alone.
      if (!attached || explicitAside || !(e instanceof MetakitError)) throw e;
      this.storage = this.openStorage(false);
      this.attached = false;
      this.notice = `the aside ${basename(asidePath as string)} was not attached: ${e.message}`;
    }
  }

  /** `aside`: undefined = automatic, null = none, a path = that file. */
  static open(id: string, path: string, aside: string | null | undefined, mode: OpenMode): OpenDocument {
    if (mode !== 'read') {
      throw new ServiceError('UNSUPPORTED', `opening files ${mode === 'readwrite' ? 'read-write' : 'in extend mode'} arrives with editing; this build opens files read-only`);
    }
    const mainPath = canonical(path);
    const asidePath = aside === undefined ? asideNextTo(mainPath) : aside === null ? null : canonical(aside);
    return new OpenDocument(id, mainPath, asidePath, asidePath !== null, mode, typeof aside === 'string');
  }

  get asideAttached(): boolean {
    return this.attached;
  }

  get generation(): string {
    return this.storage.generation;
  }

  get current(): Storage {
    return this.storage;
  }

  /** Reopens with the aside attached or detached (same files, read-only). */
  setAsideAttached(attached: boolean): void {
    if (attached && this.asidePath === null) throw new ServiceError('BAD_ARGUMENT', `${basename(this.mainPath)} has no aside to attach`);
    if (attached === this.attached) return;
    const next = this.openStorage(attached);
    this.storage.close();
    this.storage = next;
    this.attached = attached;
    this.notice = null;
    this.views.clear();
  }

  view(path: ViewPath): View {
    const key = viewKey(path);
    const have = this.views.get(key);
    if (have) return have;
    const view = resolveView(this.storage, path);
    if (this.views.size >= MAX_CACHED_VIEWS) this.views.delete(this.views.keys().next().value as string);
    this.views.set(key, view);
    return view;
  }

  /** What a worker needs to open the same snapshot and compute an order for `path`. */
  orderJob(path: ViewPath, job: Pick<OrderJob, 'sort' | 'filters'>): OrderJob {
    const aside = this.storage.aside;
    return {
      mainPath: this.mainPath,
      // The sizes at open: scanning from there finds the generation this document reads even when
      // another process has appended since.
      mainEnd: this.storage.info.fileSize,
      asidePath: aside ? this.asidePath : null,
      asideEnd: aside ? aside.info.fileSize : null,
      path,
      title: viewTitle(path),
      ...job,
    };
  }

  info(): DocumentInfo {
    const s = this.storage;
    return {
      id: this.id,
      title: basename(this.mainPath),
      main: fileInfo('main', this.mainPath, s, this.mode),
      aside: s.aside && this.asidePath ? fileInfo('aside', this.asidePath, s.aside, 'read') : null,
      asideAvailable: this.asidePath,
      generation: s.generation,
      viewCount: s.viewNames().length,
      notice: this.notice,
    };
  }

  close(): void {
    this.views.clear();
    this.storage.close();
  }

  private openStorage(withAside: boolean): Storage {
    let aside: Storage | undefined;
    if (withAside && this.asidePath) aside = Storage.open(new FileByteStore(this.asidePath));
    const store = new FileByteStore(this.mainPath);
    try {
      return Storage.open(store, { aside });
    } catch (e) {
      store.close();
      aside?.close();
      throw e;
    }
  }
}

function canonical(path: string): string {
  const abs = resolve(path);
  try {
    return realpathSync(abs);
  } catch {
    // Let the byte store report the missing file with its own message.
    return abs;
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
