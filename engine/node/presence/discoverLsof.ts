/**
 * Discovery through `lsof` (macOS, where there is no /proc): `lsof -F pcuLftaDin -- FILES` lists every
 * open instance of the files (lsof matches device and inode, so hard links count) in its field
 * output: one line per field, `p` starts a process set and `f` a file set.
 */
import { execFile } from 'node:child_process';
import type { Access, DiscoveredHandle } from '../../core/analysis/presence.js';
import type { DiscoveryResult, FileTarget } from './discoveryTypes.js';

export interface LsofProcess {
  pid: number;
  command: string | null;
  uid: number | null;
  login: string | null;
  files: LsofFile[];
}

export interface LsofFile {
  /** `3`, `mem` (Linux mapping), `txt` (macOS mapping or program text), `cwd`, ... */
  fd: string;
  /** `r`, `w`, `u` (read-write) or empty (unknown, e.g. mappings). */
  access: string;
  type: string | null;
  dev: bigint | null;
  ino: bigint | null;
  name: string | null;
}

function parseBig(text: string): bigint | null {
  try {
    return BigInt(text);
  } catch {
    return null;
  }
}

/** Parses `lsof -F` output (newline- or NUL-terminated fields). Unknown fields are ignored. */
export function parseLsofFields(text: string): LsofProcess[] {
  const out: LsofProcess[] = [];
  let proc: LsofProcess | null = null;
  let file: LsofFile | null = null;
  for (const raw of text.split(/[\n\0]/)) {
    if (raw.length === 0) continue;
    const id = raw[0];
    const value = raw.slice(1);
    if (id === 'p') {
      const pid = Number(value);
      proc = Number.isSafeInteger(pid) && pid > 0 ? { pid, command: null, uid: null, login: null, files: [] } : null;
      if (proc) out.push(proc);
      file = null;
      continue;
    }
    if (!proc) continue;
    switch (id) {
      case 'c': proc.command = value; break;
      case 'u': proc.uid = Number.isSafeInteger(Number(value)) ? Number(value) : null; break;
      case 'L': proc.login = value; break;
      case 'f':
        file = { fd: value, access: '', type: null, dev: null, ino: null, name: null };
        proc.files.push(file);
        break;
      default:
        if (!file) break;
        if (id === 'a') file.access = value.trim();
        else if (id === 't') file.type = value;
        else if (id === 'D') file.dev = parseBig(value);
        else if (id === 'i') file.ino = parseBig(value);
        else if (id === 'n') file.name = value;
    }
  }
  return out;
}

function lsofAccess(a: string): Access {
  return a === 'u' ? 'readwrite' : a === 'w' ? 'write' : 'read';
}

/** Turns lsof records into handles on the targets (matched by device+inode, else by name). */
export function handlesFromLsof(procs: readonly LsofProcess[], targets: readonly FileTarget[]): DiscoveredHandle[] {
  const handles: DiscoveredHandle[] = [];
  for (const p of procs) {
    for (const f of p.files) {
      const t = targets.find((x) => f.ino !== null && f.dev !== null && x.ino === f.ino && x.dev === f.dev)
        ?? targets.find((x) => f.name === x.path);
      if (!t) continue;
      const fdNum = /^\d+$/.test(f.fd) ? Number(f.fd) : null;
      const mapped = f.fd === 'mem' || f.fd === 'txt' || f.fd === 'mmap';
      if (fdNum === null && !mapped) continue;
      handles.push({
        pid: p.pid, file: t.file, kind: mapped ? 'mmap' : 'fd', fd: fdNum,
        access: lsofAccess(f.access), path: f.name ?? t.path,
      });
    }
  }
  return handles;
}

/** Runs lsof on the target paths. lsof exits 1 when nothing holds them: that is not an error. */
export function discoverLsof(targets: readonly FileTarget[], command = 'lsof'): Promise<DiscoveryResult> {
  return new Promise((resolve) => {
    if (targets.length === 0) {
      resolve({ supported: true, method: 'lsof', handles: [], processesScanned: 0, processesInaccessible: 0, complete: true, note: null });
      return;
    }
    execFile(command, ['-n', '-P', '-w', '-F', 'pcuLftaDin', '--', ...targets.map((t) => t.path)], { encoding: 'utf8', timeout: 15_000, maxBuffer: 16 << 20 }, (err, stdout) => {
      const failed = err !== null && err.code !== 1;
      if (failed) {
        resolve({
          supported: false, method: 'lsof', handles: [], processesScanned: 0, processesInaccessible: 0, complete: false,
          note: `lsof could not be run (${err.message}): only registered processes are seen`,
        });
        return;
      }
      const procs = parseLsofFields(stdout);
      resolve({
        supported: true, method: 'lsof', handles: handlesFromLsof(procs, targets), processesScanned: procs.length, processesInaccessible: 0,
        complete: process.getuid?.() === 0,
        note: process.getuid?.() === 0 ? null : 'lsof shows only the processes this user may inspect',
      });
    });
  });
}
