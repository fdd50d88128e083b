/**
 * Which registry entries still belong to a running process. On this host an entry is live while its
 * pid exists with the same start identity and the machine has not rebooted since; a pid that exists
 * with another start time is a reused pid (stale). Entries from other hosts (a shared network
 * directory) can only be judged by their heartbeat.
 */
import { bootId, hostName, pidLiveness, processStartId } from './processInfo.js';
import { readRegistryDir, registryDirOf, removeIfPresent, type EntryFile, type RegistryEntry } from './registryFiles.js';

export type StaleReason = 'pid-gone' | 'pid-reused' | 'rebooted' | 'heartbeat-expired' | 'invalid-entry' | 'abandoned-temp';

export interface EntryVerdict {
  file: EntryFile;
  /** live: the process holds the file; stale: safe to remove; young: an unreadable file too new to judge. */
  state: 'live' | 'stale' | 'young';
  reason: StaleReason | null;
  /** A sentence for the operator. */
  detail: string;
}

export interface StalenessOptions {
  now?: number;
  /** Age after which a heartbeat from another host (or a pid without start identity) is expired. Default 4 heartbeats, at least 60 s. */
  staleAfterMs?: number;
  /** Age after which an invalid entry or an abandoned temp file may be removed (default 60 s). */
  graceMs?: number;
}

function heartbeatLimit(e: RegistryEntry, options: StalenessOptions): number {
  return options.staleAfterMs ?? Math.max(60_000, 4 * e.heartbeatMs);
}

export function judgeEntry(f: EntryFile, options: StalenessOptions = {}): EntryVerdict {
  const now = options.now ?? Date.now();
  const grace = options.graceMs ?? 60_000;
  const e = f.entry;
  if (!e) {
    const old = now - f.mtimeMs > grace;
    const reason: StaleReason = f.temp ? 'abandoned-temp' : 'invalid-entry';
    return old
      ? { file: f, state: 'stale', reason, detail: `${f.name}: ${f.problem ?? 'unreadable'}, ${Math.round((now - f.mtimeMs) / 1000)} s old` }
      : { file: f, state: 'young', reason: null, detail: `${f.name}: ${f.problem ?? 'unreadable'} (being written?)` };
  }
  const beatAge = now - Date.parse(e.heartbeatAt);
  const expired = !(beatAge <= heartbeatLimit(e, options));
  const beatText = Number.isFinite(beatAge) ? `${Math.round(beatAge / 1000)} s ago` : `unreadable (${e.heartbeatAt})`;
  if (e.host !== hostName()) {
    return expired
      ? { file: f, state: 'stale', reason: 'heartbeat-expired', detail: `pid ${e.pid} on ${e.host}: last heartbeat ${beatText}` }
      : { file: f, state: 'live', reason: null, detail: `pid ${e.pid} on ${e.host}: heartbeat ${beatText}` };
  }
  const boot = bootId();
  if (e.bootId !== null && boot !== null && e.bootId !== boot) {
    return { file: f, state: 'stale', reason: 'rebooted', detail: `pid ${e.pid}: registered before the machine rebooted` };
  }
  const alive = pidLiveness(e.pid);
  if (alive === 'gone') return { file: f, state: 'stale', reason: 'pid-gone', detail: `pid ${e.pid} (${e.command}) no longer runs` };
  const start = processStartId(e.pid);
  if (e.startId !== null && start !== null && start !== e.startId) {
    return {
      file: f, state: 'stale', reason: 'pid-reused',
      detail: `pid ${e.pid} now belongs to another process (started at ${start}, the registered one at ${e.startId})`,
    };
  }
  if ((e.startId === null || start === null || alive === 'unknown') && expired) {
    // No start identity to tell a reused pid apart: only the heartbeat says the owner still runs.
    return { file: f, state: 'stale', reason: 'heartbeat-expired', detail: `pid ${e.pid}: no start time to compare and last heartbeat ${beatText}` };
  }
  return { file: f, state: 'live', reason: null, detail: `pid ${e.pid} runs (heartbeat ${beatText})` };
}

export function judgeRegistry(file: string, options: StalenessOptions = {}): EntryVerdict[] {
  return readRegistryDir(registryDirOf(file)).map((f) => judgeEntry(f, options));
}

export interface CleanResult {
  removed: EntryVerdict[];
  failed: { verdict: EntryVerdict; error: string }[];
}

/** Removes the stale entries of a file's registry (live and young ones are kept). */
export function cleanStaleEntries(file: string, options: StalenessOptions = {}): CleanResult {
  const out: CleanResult = { removed: [], failed: [] };
  for (const v of judgeRegistry(file, options)) {
    if (v.state !== 'stale') continue;
    const error = removeIfPresent(v.file.path);
    if (error === null) out.removed.push(v);
    else out.failed.push({ verdict: v, error });
  }
  return out;
}
