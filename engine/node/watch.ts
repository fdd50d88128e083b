/**
 * Following another writer: notices a new committed generation of a main file (and its aside) within
 * a second, from fs.watch events and, as a fallback that always works, a cheap poll (file identity and
 * the end-of-data scan: a few 8-byte reads). Reports replaced files (a flush renames new ones in).
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { EMPTY_SCAN, scanEndOfData } from '../core/read/tails.js';
import type { ReadAt } from '../core/read/header.js';
import { FileByteStore } from './fileByteStore.js';

export interface FileState {
  ino: number;
  size: number;
  /** Absolute end of the last committed generation; 0 for empty; -1 if it cannot be read now. */
  end: number;
}

export interface GenerationChange {
  main: FileState;
  aside: FileState | null;
  /** `<main end>` or `<main end>+<aside end>`, as Storage.generation. */
  generation: string;
  /** A file was replaced (new inode): reopen it rather than refresh. */
  replaced: boolean;
}

export interface WatchOptions {
  /** Poll interval (default 500 ms): changes are seen within it even where fs.watch is silent. */
  pollMs?: number;
  signal?: AbortSignal;
  /** Keep the process alive while watching (a CLI); an app leaves this off. */
  keepAlive?: boolean;
}

export function fileState(path: string): FileState {
  const st = statSync(path);
  if (st.size === 0) return { ino: st.ino, size: 0, end: 0 };
  const store = new FileByteStore(path);
  try {
    const size = store.size();
    const readAt: ReadAt = (pos, len) => (pos < 0 || pos + len > size ? null : store.read(pos, len));
    const scan = scanEndOfData(readAt, size);
    const end = scan === null ? -1 : scan === EMPTY_SCAN ? 0 : scan.end;
    return { ino: st.ino, size, end };
  } finally {
    store.close();
  }
}

function generationOf(main: FileState, aside: FileState | null): string {
  return aside ? `${main.end}+${aside.end}` : `${main.end}`;
}

export interface Watcher {
  readonly current: GenerationChange;
  close(): void;
}

/** Calls `onChange` for every new generation (not for the one current at the start). */
export function watchGeneration(main: string, aside: string | undefined, onChange: (c: GenerationChange) => void, options: WatchOptions = {}): Watcher {
  const read = (): GenerationChange => {
    const m = fileState(main);
    const a = aside ? fileState(aside) : null;
    return { main: m, aside: a, generation: generationOf(m, a), replaced: false };
  };
  let current = read();
  const check = (): void => {
    let next: GenerationChange;
    try {
      next = read();
    } catch {
      return; // mid-rename: the next event or poll sees the new file
    }
    if (next.main.end < 0 || (next.aside && next.aside.end < 0)) return;
    const replaced = next.main.ino !== current.main.ino || (next.aside?.ino ?? 0) !== (current.aside?.ino ?? 0);
    if (next.generation === current.generation && !replaced) return;
    current = { ...next, replaced };
    onChange(current);
  };
  const watchers: FSWatcher[] = [];
  for (const p of [main, aside].filter((x): x is string => x !== undefined)) {
    try {
      watchers.push(watch(p, { persistent: false }, () => check()));
    } catch {
      // fs.watch is unavailable on some file systems: the poll below still sees every commit.
    }
  }
  const timer = setInterval(check, options.pollMs ?? 500);
  if (!options.keepAlive) timer.unref();
  const close = (): void => {
    clearInterval(timer);
    for (const w of watchers) w.close();
  };
  options.signal?.addEventListener('abort', close, { once: true });
  return {
    get current() {
      return current;
    },
    close,
  };
}
