/**
 * Facts about local processes: is a pid alive, when did it start (so a reused pid is told apart from
 * the process that registered), its command line and user. Linux reads /proc; macOS asks `ps`;
 * elsewhere only liveness (process.kill(pid, 0)) is known.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import type { ProcessFacts } from '../../core/analysis/presence.js';

const IS_LINUX = process.platform === 'linux';
const IS_MAC = process.platform === 'darwin';
/** USER_HZ: the unit of /proc/<pid>/stat times. Fixed at 100 by the kernel ABI on every common arch. */
const CLOCK_TICKS = 100;

export interface ProcStat {
  state: string;
  /** Field 22: start time in clock ticks after boot. */
  startTicks: number;
}

/** Parses /proc/<pid>/stat text; the command (field 2) may hold spaces and parentheses. */
export function parseProcStat(text: string): ProcStat | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  const rest = text.slice(close + 2).split(' ');
  // rest[0] is field 3 (state), so field 22 is rest[19].
  const state = rest[0];
  const ticks = Number(rest[19]);
  if (state === undefined || !Number.isSafeInteger(ticks)) return null;
  return { state, startTicks: ticks };
}

export function readProcStat(pid: number): ProcStat | null {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return null;
  }
}

let cachedBootId: string | null | undefined;

/** The kernel's boot id: entries written before a reboot are stale whatever their pid. */
export function bootId(): string | null {
  if (cachedBootId !== undefined) return cachedBootId;
  try {
    cachedBootId = IS_LINUX ? readFileSync('/proc/sys/kernel/random/boot_id', 'latin1').trim() : null;
  } catch {
    cachedBootId = null;
  }
  return cachedBootId;
}

let cachedBootTime: number | null | undefined;

/** Boot time in ms since the epoch (`btime` of /proc/stat). */
function bootTimeMs(): number | null {
  if (cachedBootTime !== undefined) return cachedBootTime;
  cachedBootTime = null;
  try {
    const m = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'latin1'));
    if (m) cachedBootTime = Number(m[1]) * 1000;
  } catch {
    // leave null
  }
  return cachedBootTime;
}

function psField(pid: number, field: 'lstart' | 'command' | 'user'): string | null {
  try {
    const out = execFileSync('ps', ['-o', `${field}=`, '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    return out || null;
  } catch {
    return null;
  }
}

/**
 * A string that identifies this incarnation of `pid`: equal for the same process, different for a
 * later process that reuses the pid. Null if the process does not exist (or the OS gives no start time).
 */
export function processStartId(pid: number): string | null {
  if (IS_LINUX) {
    const st = readProcStat(pid);
    return st && st.state !== 'Z' ? String(st.startTicks) : null;
  }
  if (IS_MAC) return psField(pid, 'lstart');
  return null;
}

/**
 * When `pid` started, in ms since the epoch (Linux: boot time + start ticks, good to about a second;
 * macOS: ps lstart, to the second); null if it does not run or the OS does not say.
 */
export function processStartMs(pid: number): number | null {
  if (IS_LINUX) {
    const st = readProcStat(pid);
    const boot = bootTimeMs();
    return st && st.state !== 'Z' && boot !== null ? boot + (st.startTicks * 1000) / CLOCK_TICKS : null;
  }
  if (IS_MAC) {
    const lstart = psField(pid, 'lstart');
    const t = lstart ? new Date(lstart).getTime() : Number.NaN;
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

export type Liveness = 'alive' | 'gone' | 'unknown';

/** Whether a local pid exists (zombies count as gone: they hold no files). */
export function pidLiveness(pid: number): Liveness {
  if (IS_LINUX) {
    const st = readProcStat(pid);
    return st && st.state !== 'Z' ? 'alive' : 'gone';
  }
  try {
    process.kill(pid, 0);
    return 'alive';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ESRCH' ? 'gone' : code === 'EPERM' ? 'alive' : 'unknown';
  }
}

let selfStartId: string | null | undefined;

export function ownStartId(): string | null {
  if (selfStartId === undefined) selfStartId = processStartId(process.pid);
  return selfStartId;
}

export function hostName(): string {
  return hostname();
}

export function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return typeof process.getuid === 'function' ? String(process.getuid()) : 'unknown';
  }
}

let passwd: Map<number, string> | null = null;

function userOfUid(uid: number): string {
  if (passwd === null) {
    passwd = new Map();
    try {
      for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
        const parts = line.split(':');
        if (parts.length > 3 && parts[0]) passwd.set(Number(parts[2]), parts[0]);
      }
    } catch {
      // uids are shown as numbers
    }
  }
  return passwd.get(uid) ?? String(uid);
}

function linuxFacts(pid: number): ProcessFacts {
  let command: string | null = null;
  let user: string | null = null;
  let startedAt: string | null = null;
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    command = raw.replace(/\0+$/, '').split('\0').join(' ') || null;
  } catch {
    // process gone or hidden
  }
  if (command === null) {
    try {
      command = `[${readFileSync(`/proc/${pid}/comm`, 'utf8').trim()}]`;
    } catch {
      // gone
    }
  }
  try {
    const m = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    if (m) user = userOfUid(Number(m[1]));
  } catch {
    // gone
  }
  const st = readProcStat(pid);
  const boot = bootTimeMs();
  if (st && boot !== null) startedAt = new Date(boot + (st.startTicks * 1000) / CLOCK_TICKS).toISOString();
  return { command, user, startedAt };
}

function macFacts(pid: number): ProcessFacts {
  const lstart = psField(pid, 'lstart');
  const started = lstart ? new Date(lstart) : null;
  return {
    command: psField(pid, 'command'),
    user: psField(pid, 'user'),
    startedAt: started && !Number.isNaN(started.getTime()) ? started.toISOString() : null,
  };
}

/** Command line, user and start time of local processes (for the holders list). */
export function processFacts(pids: Iterable<number>): Map<number, ProcessFacts> {
  const out = new Map<number, ProcessFacts>();
  for (const pid of pids) {
    if (out.has(pid)) continue;
    if (IS_LINUX) out.set(pid, linuxFacts(pid));
    else if (IS_MAC) out.set(pid, macFacts(pid));
    else out.set(pid, { command: null, user: null, startedAt: null });
  }
  return out;
}

/** This process's command line, as recorded in registry entries. */
export function ownCommand(): string {
  return (IS_LINUX ? linuxFacts(process.pid).command : null) ?? process.argv.join(' ');
}
