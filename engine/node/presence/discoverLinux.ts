/**
 * Linux discovery of every process holding a datafile, registered or not: /proc/<pid>/fd (each link
 * stat'ed, so the file is recognised by device and inode whatever name the process used: renames and
 * hard links included), /proc/<pid>/fdinfo/<fd> `flags` for the access mode, and /proc/<pid>/maps for
 * mapped files (device and inode are on the maps line itself). Only what the caller may see is seen:
 * processes of other users are counted as inaccessible unless we run as root.
 */
import { closeSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, statSync } from 'node:fs';
import type { Access, DiscoveredHandle } from '../../core/analysis/presence.js';
import type { DiscoveryResult, FileTarget } from './discoveryTypes.js';

const O_ACCMODE = 3;

export function accessFromFlags(flags: number): Access {
  switch (flags & O_ACCMODE) {
    case 0: return 'read';
    case 1: return 'write';
    default: return 'readwrite';
  }
}

/** The `flags:` field of /proc/<pid>/fdinfo/<fd> (octal). */
export function parseFdinfoFlags(text: string): number | null {
  const m = /^flags:\s+([0-7]+)$/m.exec(text);
  return m ? parseInt(m[1] as string, 8) : null;
}

/** Splits a Linux dev_t (as st_dev) into the major:minor pair /proc/<pid>/maps prints. */
export function devToMajorMinor(dev: bigint): { major: bigint; minor: bigint } {
  const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
  const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
  return { major, minor };
}

export interface MapsHit {
  access: Access;
  path: string;
}

interface MapsTarget {
  target: FileTarget;
  /** ` <inode> ` as bytes, to find candidate lines without decoding the whole text. */
  inoNeedle: Buffer;
  /** ` <path>\n`: fallback for file systems (overlayfs) whose maps show the lower inode. */
  pathNeedle: Buffer;
  devText: string;
}

function mapsTargets(targets: readonly FileTarget[]): MapsTarget[] {
  return targets.map((t) => {
    const { major, minor } = devToMajorMinor(t.dev);
    return {
      target: t,
      inoNeedle: Buffer.from(` ${t.ino} `, 'latin1'),
      pathNeedle: Buffer.from(` ${t.path}\n`, 'utf8'),
      devText: `${major.toString(16).padStart(2, '0')}:${minor.toString(16).padStart(2, '0')}`,
    };
  });
}

function lineAt(buf: Buffer, len: number, at: number): { start: number; end: number } {
  const start = buf.lastIndexOf(10, at) + 1;
  let end = buf.indexOf(10, at);
  if (end < 0 || end > len) end = len;
  return { start, end };
}

/** Parses one maps line: `addr perms offset dev inode [path]`. */
function mapsLine(text: string): { perms: string; dev: string; ino: string; path: string } | null {
  const m = /^\S+\s+(\S+)\s+\S+\s+(\S+)\s+(\d+)\s*(.*)$/.exec(text);
  return m ? { perms: m[1] as string, dev: m[2] as string, ino: m[3] as string, path: m[4] as string } : null;
}

/** Mapping access: only a shared writable mapping can change the file. */
function mapAccess(perms: string): Access {
  return perms[1] === 'w' && perms[3] === 's' ? 'readwrite' : 'read';
}

/** Finds the targets in one maps text (`buf[0..len)`); exported for tests on captured text. */
export function scanMaps(buf: Buffer, len: number, targets: readonly FileTarget[], prepared = mapsTargets(targets)): Map<FileTarget, MapsHit> {
  const hits = new Map<FileTarget, MapsHit>();
  const view = buf.subarray(0, len);
  for (const t of prepared) {
    for (const needle of [t.inoNeedle, t.pathNeedle]) {
      let at = view.indexOf(needle);
      while (at >= 0) {
        const { start, end } = lineAt(buf, len, at);
        const line = mapsLine(buf.toString('utf8', start, end));
        const byId = line !== null && line.ino === String(t.target.ino) && line.dev === t.devText;
        const byPath = line !== null && line.path === t.target.path;
        if (line && (byId || byPath)) {
          const prev = hits.get(t.target);
          const access = mapAccess(line.perms);
          hits.set(t.target, { access: prev && prev.access !== access ? 'readwrite' : access, path: line.path });
        }
        at = view.indexOf(needle, end);
      }
    }
  }
  return hits;
}

let mapsBuffer = Buffer.allocUnsafe(256 * 1024);

/** Reads a /proc file whole (its size is unknown up front) into the shared buffer; returns the length. */
function readProcFile(path: string): number {
  const fd = openSync(path, 'r');
  try {
    let len = 0;
    for (;;) {
      if (len === mapsBuffer.length) {
        const bigger = Buffer.allocUnsafe(mapsBuffer.length * 2);
        mapsBuffer.copy(bigger, 0, 0, len);
        mapsBuffer = bigger;
      }
      const n = readSync(fd, mapsBuffer, len, mapsBuffer.length - len, null);
      if (n === 0) return len;
      len += n;
    }
  } finally {
    closeSync(fd);
  }
}

function fdAccess(pid: number, fd: string): Access {
  try {
    const flags = parseFdinfoFlags(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'latin1'));
    return flags === null ? 'read' : accessFromFlags(flags);
  } catch {
    return 'read';
  }
}

function isDenied(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM';
}

/** Scans /proc for handles on the targets. Synchronous: a full scan is a few tens of milliseconds. */
export function discoverProc(targets: readonly FileTarget[]): DiscoveryResult {
  const handles: DiscoveredHandle[] = [];
  let scanned = 0;
  let inaccessible = 0;
  const prepared = mapsTargets(targets);
  // Numbers for the quick test on every fd; a hit is confirmed with exact (bigint) identities.
  const quick = targets.map((t) => ({ t, dev: Number(t.dev), ino: Number(t.ino) }));
  let pids: string[];
  try {
    pids = readdirSync('/proc');
  } catch (e) {
    return { supported: false, method: 'proc', handles, processesScanned: 0, processesInaccessible: 0, complete: false, note: `cannot list /proc: ${(e as Error).message}` };
  }
  for (const name of pids) {
    const c = name.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    const pid = Number(name);
    const fdDir = `/proc/${name}/fd`;
    let fds: string[];
    try {
      fds = readdirSync(fdDir);
    } catch (e) {
      if (isDenied(e)) inaccessible++;
      continue; // gone, or not ours to see
    }
    scanned++;
    for (const fd of fds) {
      const link = `${fdDir}/${fd}`;
      let st;
      try {
        st = statSync(link, { throwIfNoEntry: false });
      } catch {
        continue; // EACCES on some kernel-protected descriptors, even for root
      }
      if (!st) continue;
      for (const q of quick) {
        if (st.ino !== q.ino || st.dev !== q.dev) continue;
        let exact;
        try {
          exact = statSync(link, { bigint: true, throwIfNoEntry: false });
        } catch {
          continue;
        }
        if (!exact || exact.ino !== q.t.ino || exact.dev !== q.t.dev) continue;
        let path = q.t.path;
        try {
          path = readlinkSync(link);
        } catch {
          // closed meanwhile: keep our own name
        }
        handles.push({ pid, file: q.t.file, kind: 'fd', fd: Number(fd), access: fdAccess(pid, fd), path });
      }
    }
    let len: number;
    try {
      len = readProcFile(`/proc/${name}/maps`);
    } catch {
      continue;
    }
    if (len === 0) continue;
    for (const [t, hit] of scanMaps(mapsBuffer, len, targets, prepared)) {
      handles.push({ pid, file: t.file, kind: 'mmap', fd: null, access: hit.access, path: hit.path });
    }
  }
  const note = inaccessible > 0
    ? `${inaccessible} processes of other users could not be inspected (run as their user or as root to see them)`
    : null;
  return { supported: true, method: 'proc', handles, processesScanned: scanned, processesInaccessible: inaccessible, complete: inaccessible === 0, note };
}
