/**
 * Recently opened files, newest first, kept in a small JSON file (or only in memory). The list holds
 * only files that still exist: each listing stats every entry and drops (and forgets) the ones that
 * are gone, e.g. the scratch files of earlier runs. The file is read again for every listing and
 * change, so several inspector processes sharing it do not overwrite each other's entries.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RecentFile } from '../shared/dto.js';
import { ServiceError } from './errors.js';

interface Stored {
  path: string;
  aside: string | null;
  openedAt: number;
}

export class RecentFiles {
  /** The list when there is no file (tests, a build without a config directory). */
  private memory: Stored[] = [];

  constructor(private readonly file: string | null, private readonly max = 12) {}

  static inDirectory(dir: string | null): RecentFiles {
    return new RecentFiles(dir ? join(dir, 'recent-files.json') : null);
  }

  /** The entries whose file still exists, newest first. Throws IO when the stored list cannot be read. */
  list(): RecentFile[] {
    const stored = this.read();
    const kept = stored.filter((e) => stillThere(e.path)).sort((a, b) => b.openedAt - a.openedAt);
    if (kept.length !== stored.length) {
      try {
        this.write(kept);
      } catch {
        // Forgetting the missing entries is housekeeping: the next listing drops them again.
      }
    }
    return kept.map((e) => ({ path: e.path, name: basename(e.path), aside: e.aside, openedAt: e.openedAt }));
  }

  add(path: string, aside: string | null): void {
    const others = this.read().filter((e) => e.path !== path);
    // Strictly increasing times, so "newest first" is the order of the opens even within one millisecond.
    const newest = others.reduce((m, e) => Math.max(m, e.openedAt), 0);
    this.write([{ path, aside, openedAt: Math.max(Date.now(), newest + 1) }, ...others].slice(0, this.max));
  }

  clear(): void {
    this.write([]);
  }

  private read(): Stored[] {
    if (!this.file) return this.memory;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new ServiceError('IO', `cannot read the recent files list ${this.file}: ${(e as Error).message}`);
    }
    return parse(text, this.file);
  }

  private write(entries: Stored[]): void {
    if (!this.file) {
      this.memory = entries;
      return;
    }
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      // Write then rename: a crash leaves the old list, never half a file.
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify({ version: 1, files: entries }, null, 2)}\n`);
      renameSync(tmp, this.file);
    } catch (e) {
      throw new ServiceError('IO', `cannot write the recent files list ${this.file}: ${(e as Error).message}`);
    }
  }
}

/** A cheap stat: false only when the path is gone (or no longer a file); other errors keep the entry. */
function stillThere(path: string): boolean {
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    return st !== undefined && st.isFile();
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ENOTDIR';
  }
}

function isStored(e: unknown): e is Stored {
  const s = e as Stored;
  return typeof e === 'object' && e !== null && typeof s.path === 'string' && typeof s.openedAt === 'number' && (s.aside === null || typeof s.aside === 'string');
}

function parse(text: string, file: string): Stored[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ServiceError('IO', `expected the recent files list ${file} to be JSON, but ${(e as Error).message} (Clear starts a new list)`);
  }
  const files = (data as { files?: unknown } | null)?.files;
  // Entries of another shape (a later version) are skipped, not fatal.
  return Array.isArray(files) ? files.filter(isStored) : [];
}
