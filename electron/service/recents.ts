/** Recently opened files, most recent first, kept in a small JSON file (or only in memory). */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RecentFile } from '../shared/dto.js';

interface Stored {
  path: string;
  aside: string | null;
  openedAt: number;
}

export class RecentFiles {
  private entries: Stored[];

  constructor(private readonly file: string | null, private readonly max = 12) {
    this.entries = file ? load(file) : [];
  }

  static inDirectory(dir: string | null): RecentFiles {
    return new RecentFiles(dir ? join(dir, 'recent-files.json') : null);
  }

  list(): RecentFile[] {
    return this.entries.map((e) => ({ path: e.path, name: basename(e.path), aside: e.aside, openedAt: e.openedAt, exists: existsSync(e.path) }));
  }

  add(path: string, aside: string | null): void {
    this.entries = [{ path, aside, openedAt: Date.now() }, ...this.entries.filter((e) => e.path !== path)].slice(0, this.max);
    this.save();
  }

  clear(): void {
    this.entries = [];
    this.save();
  }

  private save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    // Write then rename: a crash leaves the old list, never half a file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ version: 1, files: this.entries }, null, 2)}\n`);
    renameSync(tmp, this.file);
  }
}

function load(file: string): Stored[] {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { files?: unknown };
    if (!Array.isArray(data.files)) return [];
    return data.files.filter((e): e is Stored => typeof e === 'object' && e !== null && typeof (e as Stored).path === 'string'
      && typeof (e as Stored).openedAt === 'number' && ((e as Stored).aside === null || typeof (e as Stored).aside === 'string'));
  } catch {
    return [];
  }
}
