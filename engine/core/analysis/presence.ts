/**
 * Who holds a datafile: the vocabulary shared by the presence registry (our own processes), the
 * operating-system scan (everyone else) and the flush guard, and the pure merge of both into one list
 * of holders with their generation lag. The file system and process parts live in engine/node/presence.
 */
import type { OpenMode } from '../read/storage.js';

export type PresenceRole = 'reader' | 'extender' | 'writer' | 'inspector';
export const PRESENCE_ROLES: readonly PresenceRole[] = ['reader', 'extender', 'writer', 'inspector'];

/** Which of the two files of a document a handle refers to. */
export type FileRole = 'main' | 'aside';

/** What a handle can do to the file, as the operating system reports it. */
export type Access = 'read' | 'write' | 'readwrite';

/** One open handle seen by the operating system (an fd, or a file mapping). */
export interface DiscoveredHandle {
  pid: number;
  file: FileRole;
  kind: 'fd' | 'mmap';
  /** Descriptor number; null for mappings. */
  fd: number | null;
  access: Access;
  /** The path the OS reports (differs from ours for hard links and renamed files). */
  path: string;
}

/** A live registry entry of one of our processes, reduced to what holders need. */
export interface RegisteredHandle {
  id: string;
  pid: number;
  host: string;
  user: string;
  role: PresenceRole;
  mode: OpenMode;
  file: FileRole;
  path: string;
  /** The storage generation the process reads (Storage.generation). */
  generation: string;
  /** End of data of this file in the generation it reads; null if unknown. */
  end: number | null;
  openedAt: string;
  heartbeatAt: string;
  command: string;
  /** The entry names a file that has since been replaced (another inode now has the path). */
  replaced: boolean;
}

/** Facts about a local process from the OS (null where the OS does not say). */
export interface ProcessFacts {
  command: string | null;
  user: string | null;
  /** When the process started (ISO time). */
  startedAt: string | null;
}

export type HandleSource = 'fd' | 'mmap' | 'registry';

export interface HeldFile {
  file: FileRole;
  path: string;
  /** Strongest OS-reported access; null when only the registry knows the handle. */
  access: Access | null;
  /** Registered open mode; null for processes that did not register. */
  mode: OpenMode | null;
  via: HandleSource[];
  fds: number[];
  /** End of data of the generation read (registered processes only). */
  end: number | null;
  /** Commits behind the newest generation of this file; null if unknown. */
  lag: number | null;
  replaced: boolean;
}

export interface Holder {
  pid: number;
  host: string;
  /** Same host as the caller (the OS scan covers only local processes). */
  local: boolean;
  /** The calling process itself. */
  self: boolean;
  command: string | null;
  user: string | null;
  role: PresenceRole | null;
  mode: OpenMode | null;
  access: Access | null;
  /** When the handle was opened (registered) or, for discovered processes, when the process started. */
  since: string | null;
  sinceSource: 'opened' | 'process-start' | null;
  generation: string | null;
  /** Commits behind the newest generation, summed over main and aside; null if unknown. */
  lag: number | null;
  source: 'registered' | 'discovered' | 'both';
  files: HeldFile[];
  /** Registry entry ids of this holder (several per process if it opened the files more than once). */
  entryIds: string[];
}

export interface MergeInput {
  /** The caller's host name and pid. */
  host: string;
  selfPid: number;
  registered: readonly RegisteredHandle[];
  discovered: readonly DiscoveredHandle[];
  facts: ReadonlyMap<number, ProcessFacts>;
  /** Ends of the intact generations of each file, oldest first; the last one is the newest. */
  chains: Partial<Record<FileRole, readonly number[]>>;
}

/** Commits between `end` and the newest generation of a chain; null if `end` is not on it. */
export function lagOnChain(ends: readonly number[] | undefined, end: number | null): number | null {
  if (!ends || ends.length === 0 || end === null) return null;
  const i = ends.lastIndexOf(end);
  return i < 0 ? null : ends.length - 1 - i;
}

export function strongerAccess(a: Access | null, b: Access | null): Access | null {
  if (a === null) return b;
  if (b === null || a === b) return a;
  return 'readwrite';
}

const MODE_RANK: Record<OpenMode, number> = { read: 0, extend: 1, readwrite: 2 };

function strongerMode(a: OpenMode | null, b: OpenMode | null): OpenMode | null {
  if (a === null) return b;
  if (b === null) return a;
  return MODE_RANK[b] > MODE_RANK[a] ? b : a;
}

const ROLE_RANK: Record<PresenceRole, number> = { inspector: 0, reader: 1, extender: 2, writer: 3 };

function strongerRole(a: PresenceRole | null, b: PresenceRole): PresenceRole {
  return a === null || ROLE_RANK[b] > ROLE_RANK[a] ? b : a;
}

function earlier(a: string | null, b: string): string {
  return a === null || b < a ? b : a;
}

function heldFile(h: Holder, file: FileRole, path: string): HeldFile {
  let f = h.files.find((x) => x.file === file);
  if (!f) {
    f = { file, path, access: null, mode: null, via: [], fds: [], end: null, lag: null, replaced: false };
    h.files.push(f);
  }
  return f;
}

function addVia(f: HeldFile, via: HandleSource): void {
  if (!f.via.includes(via)) f.via.push(via);
}

/** Merges registry entries and OS handles into one holder per process, with lag on each file's chain. */
export function mergeHolders(input: MergeInput): Holder[] {
  const byKey = new Map<string, Holder>();
  const holderOf = (pid: number, host: string): Holder => {
    const key = `${host}\u0000${pid}`;
    let h = byKey.get(key);
    if (!h) {
      const local = host === input.host;
      const facts = local ? input.facts.get(pid) : undefined;
      h = {
        pid, host, local, self: local && pid === input.selfPid,
        command: facts?.command ?? null, user: facts?.user ?? null, role: null, mode: null, access: null,
        since: null, sinceSource: null, generation: null, lag: null, source: 'discovered', files: [], entryIds: [],
      };
      byKey.set(key, h);
    }
    return h;
  };

  for (const r of input.registered) {
    const h = holderOf(r.pid, r.host);
    h.entryIds.push(r.id);
    h.role = strongerRole(h.role, r.role);
    h.mode = strongerMode(h.mode, r.mode);
    h.since = earlier(h.since, r.openedAt);
    h.sinceSource = 'opened';
    h.command ??= r.command;
    h.user ??= r.user;
    if (r.file === 'main' || h.generation === null) h.generation = r.generation;
    const f = heldFile(h, r.file, r.path);
    f.mode = strongerMode(f.mode, r.mode);
    addVia(f, 'registry');
    // Several opens of the same file: the oldest generation is the one that lags.
    if (r.end !== null && (f.end === null || r.end < f.end)) f.end = r.end;
    f.replaced = f.replaced || r.replaced;
  }
  for (const d of input.discovered) {
    const h = holderOf(d.pid, input.host);
    const f = heldFile(h, d.file, d.path);
    f.access = strongerAccess(f.access, d.access);
    addVia(f, d.kind);
    if (d.fd !== null && !f.fds.includes(d.fd)) f.fds.push(d.fd);
  }

  const out = [...byKey.values()];
  for (const h of out) {
    const registered = h.entryIds.length > 0;
    const discovered = h.files.some((f) => f.via.includes('fd') || f.via.includes('mmap'));
    h.source = registered && discovered ? 'both' : registered ? 'registered' : 'discovered';
    if (!registered) {
      const started = input.facts.get(h.pid)?.startedAt ?? null;
      h.since = started;
      h.sinceSource = started === null ? null : 'process-start';
    }
    let lag: number | null = registered ? 0 : null;
    for (const f of h.files) {
      f.fds.sort((a, b) => a - b);
      f.lag = f.replaced ? null : lagOnChain(input.chains[f.file], f.end);
      h.access = strongerAccess(h.access, f.access);
      if (f.via.includes('registry')) lag = lag === null || f.lag === null ? null : lag + f.lag;
    }
    h.lag = lag;
    h.files.sort((a, b) => (a.file === b.file ? 0 : a.file === 'main' ? -1 : 1));
  }
  return out.sort((a, b) => (a.host === b.host ? a.pid - b.pid : a.host < b.host ? -1 : 1));
}

/** True if the holder keeps a current (not replaced) file open. */
export function holdsCurrentFile(h: Holder): boolean {
  return h.files.some((f) => !f.replaced || f.via.includes('fd') || f.via.includes('mmap'));
}

/** One line naming a holder, for messages: `pid 123 on vm (node reader.mjs): reader, read, main+aside`. */
export function describeHolder(h: Holder): string {
  const what = [h.role, h.mode ?? (h.access ? `${h.access} handle` : null)].filter((x) => x !== null).join(', ');
  const files = h.files.map((f) => f.file).join('+');
  const line = h.command?.replace(/\s+/g, ' ').trim() ?? '';
  const cmd = line ? ` (${line.length > 60 ? `${line.slice(0, 59)}…` : line})` : '';
  return `pid ${h.pid}${h.local ? '' : ` on ${h.host}`}${cmd}: ${what ? `${what}, ` : ''}${files}`;
}
