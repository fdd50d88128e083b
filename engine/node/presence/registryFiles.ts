/**
 * The on-disk form of the presence registry: a directory `<file>.readers/` next to each datafile with
 * one small JSON file per open handle of one of our processes, named `<pid>-<start>-<id>.json`. Entries
 * are written atomically (temp file, fsync, rename), so a reader of the directory never sees half an
 * entry; temp files start with a dot and are ignored (and cleaned when abandoned).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { PresenceRole } from '../../core/analysis/presence.js';

export const REGISTRY_SUFFIX = '.readers';
export const ENTRY_VERSION = 1;

const OPEN_MODES = ['read', 'readwrite', 'extend'] as const;

export const registryEntrySchema = z.object({
  v: z.literal(ENTRY_VERSION),
  id: z.string().regex(/^[0-9a-f]{8,64}$/),
  pid: z.number().int().positive(),
  /** Process start identity (Linux: start ticks after boot; macOS: ps lstart); null where unknown. */
  startId: z.string().nullable(),
  bootId: z.string().nullable(),
  host: z.string().min(1),
  user: z.string(),
  role: z.enum(['reader', 'extender', 'writer', 'inspector'] as const satisfies readonly PresenceRole[]),
  mode: z.enum(OPEN_MODES),
  /** Absolute path the process opened, and that file's device and inode (decimal strings). */
  file: z.string(),
  dev: z.string().regex(/^\d+$/),
  ino: z.string().regex(/^\d+$/),
  generation: z.string(),
  end: z.number().int().nonnegative().nullable(),
  openedAt: z.string(),
  heartbeatAt: z.string(),
  heartbeatMs: z.number().int().positive(),
  command: z.string(),
});

export type RegistryEntry = z.infer<typeof registryEntrySchema>;

export interface EntryFile {
  name: string;
  path: string;
  /** Null if the file is not a valid entry (foreign file, abandoned temp file). */
  entry: RegistryEntry | null;
  /** Why `entry` is null. */
  problem: string | null;
  temp: boolean;
  mtimeMs: number;
}

/** The canonical path of a datafile (symlinks resolved), so every opener finds the same registry. */
export function canonicalPath(file: string): string {
  try {
    return realpathSync.native(file);
  } catch {
    return resolve(file);
  }
}

export function registryDirOf(file: string): string {
  return `${canonicalPath(file)}${REGISTRY_SUFFIX}`;
}

export function newEntryId(): string {
  return randomBytes(8).toString('hex');
}

export function entryFileName(pid: number, startId: string | null, id: string): string {
  const start = startId === null ? 'x' : startId.replace(/[^A-Za-z0-9]+/g, '_');
  return `${pid}-${start}-${id}.json`;
}

export interface FileIdentity {
  dev: string;
  ino: string;
}

export function fileIdentity(file: string): FileIdentity | null {
  try {
    const st = statSync(file, { bigint: true });
    return { dev: String(st.dev), ino: String(st.ino) };
  } catch {
    return null;
  }
}

/** Writes `data` to `dir/name` atomically: a dot-temp file, fsync, rename over the final name. */
export function writeAtomic(dir: string, name: string, data: string, durable: boolean): void {
  const tmp = join(dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    const bytes = Buffer.from(data, 'utf8');
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    if (durable) fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, join(dir, name));
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
  if (durable) syncDir(dir);
}

/** Makes a rename durable; not supported everywhere (Windows), so best effort. */
function syncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export function parseEntry(text: string): RegistryEntry | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return `not JSON (${(e as Error).message})`;
  }
  const r = registryEntrySchema.safeParse(raw);
  if (!r.success) return `not a registry entry (${r.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ')})`;
  return r.data;
}

/** Lists the registry of one datafile; a missing directory is an empty registry. */
export function readRegistryDir(dir: string): EntryFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: EntryFile[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const temp = name.startsWith('.');
    if (!temp && !name.endsWith('.json')) continue;
    let mtimeMs = 0;
    let text: string | null = null;
    try {
      mtimeMs = statSync(path).mtimeMs;
      if (!temp) text = readFileSync(path, 'utf8');
    } catch {
      continue; // removed while we looked
    }
    if (temp) {
      out.push({ name, path, entry: null, problem: 'temporary file of an unfinished write', temp, mtimeMs });
      continue;
    }
    const parsed = parseEntry(text ?? '');
    out.push(typeof parsed === 'string'
      ? { name, path, entry: null, problem: parsed, temp, mtimeMs }
      : { name, path, entry: parsed, problem: null, temp, mtimeMs });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Removes a file another process may remove at the same moment: gone already counts as removed.
 * Returns null when it is gone, else why it could not be removed.
 */
export function removeIfPresent(path: string): string | null {
  try {
    unlinkSync(path);
    return null;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : (e as Error).message;
  }
}
