/**
 * What killed processes leave next to a datafile, and its removal: the temporary files of a flush
 * (`.<file>.flush-<pid>-<time>.tmp`, `.<file>.compact-<pid>-<time>.tmp`, named by the flush in
 * progress) and stale presence registry entries (`<file>.readers/`). A temp file is removed only when
 * its owner is gone: its pid no longer runs, or the pid now belongs to a process that started after
 * the file was named (a reused pid). Temp files of running processes are never touched.
 *
 * Owners are judged as processes of this machine (the name holds no host): on a directory shared
 * with another host, a flush running there could lose its temp file, which makes that flush fail
 * before it replaces anything.
 */
import { readdirSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { appendAction } from './actionLog.js';
import { pidLiveness, processStartMs } from './presence/processInfo.js';
import { canonicalPath, registryDirOf, removeIfPresent } from './presence/registryFiles.js';
import { cleanStaleEntries, type CleanResult } from './presence/staleness.js';

export type FlushTempTag = 'flush' | 'compact';

/** A process's start time is known to about a second (Linux boot time has whole seconds). */
const START_SLACK_MS = 2000;

export interface FlushTemp {
  path: string;
  name: string;
  tag: FlushTempTag;
  pid: number;
  /** When the flush named the file (ms since the epoch). */
  namedAt: number;
  bytes: number | null;
}

export interface TempVerdict {
  temp: FlushTemp;
  /** stale: the owner is gone, safe to remove; live: the owner runs (or cannot be judged). */
  state: 'stale' | 'live';
  reason: 'pid-gone' | 'pid-reused' | null;
  detail: string;
}

/** The temp file name a flush of `path` by this process uses now. */
export function flushTempName(path: string, tag: FlushTempTag, pid = process.pid, now = Date.now()): string {
  return join(dirname(path), `.${basename(path)}.${tag}-${pid}-${now.toString(36)}.tmp`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The flush temp files of `file` in its directory. */
export function listFlushTemps(file: string): FlushTemp[] {
  const path = canonicalPath(file);
  const dir = dirname(path);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(path))}\\.(flush|compact)-(\\d+)-([0-9a-z]+)\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: FlushTemp[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    let bytes: number | null = null;
    try {
      bytes = statSync(join(dir, name)).size;
    } catch {
      continue; // removed while we looked
    }
    out.push({ path: join(dir, name), name, tag: m[1] as FlushTempTag, pid: Number(m[2]), namedAt: parseInt(m[3] as string, 36), bytes });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export function judgeFlushTemp(t: FlushTemp): TempVerdict {
  if (t.pid === process.pid) return { temp: t, state: 'live', reason: null, detail: `pid ${t.pid} is this process` };
  const alive = pidLiveness(t.pid);
  if (alive === 'gone') return { temp: t, state: 'stale', reason: 'pid-gone', detail: `pid ${t.pid} no longer runs` };
  const started = processStartMs(t.pid);
  if (alive === 'alive' && started !== null && started > t.namedAt + START_SLACK_MS) {
    return {
      temp: t, state: 'stale', reason: 'pid-reused',
      detail: `pid ${t.pid} now belongs to a process started at ${new Date(started).toISOString()}, after the file was named (${new Date(t.namedAt).toISOString()})`,
    };
  }
  return { temp: t, state: 'live', reason: null, detail: `pid ${t.pid} runs` };
}

export interface DebrisSweep {
  removed: TempVerdict[];
  kept: TempVerdict[];
  failed: { verdict: TempVerdict; error: string }[];
  /** Stale registry entries removed (null when registries were not swept). */
  entries: CleanResult | null;
}

/** Removes the flush temp files of `files` whose owner is gone; with `entries`, also stale registry entries. */
export function sweepDebris(files: readonly string[], options: { entries?: boolean } = {}): DebrisSweep {
  const sweep: DebrisSweep = { removed: [], kept: [], failed: [], entries: options.entries === false ? null : { removed: [], failed: [] } };
  for (const file of files) {
    for (const v of listFlushTemps(file).map(judgeFlushTemp)) {
      if (v.state === 'live') {
        sweep.kept.push(v);
        continue;
      }
      const error = removeIfPresent(v.temp.path);
      if (error === null) sweep.removed.push(v);
      else sweep.failed.push({ verdict: v, error });
    }
    if (sweep.entries) {
      const r = cleanStaleEntries(file);
      sweep.entries.removed.push(...r.removed);
      sweep.entries.failed.push(...r.failed);
      if (r.removed.length > 0) {
        try {
          rmdirSync(registryDirOf(file));
        } catch {
          // not empty: live entries remain
        }
      }
    }
  }
  return sweep;
}

export function sweptSomething(s: DebrisSweep): boolean {
  return s.removed.length + s.failed.length + (s.entries ? s.entries.removed.length + s.entries.failed.length : 0) > 0;
}

/** `removed 2 flush temp files (…), 3 stale registry entries (…)`. */
export function describeSweep(s: DebrisSweep): string {
  const parts: string[] = [];
  if (s.removed.length > 0) {
    parts.push(`removed ${s.removed.length} flush temp file(s) of processes that are gone: ${s.removed.map((v) => `${v.temp.name} (${v.temp.bytes ?? '?'} bytes, ${v.reason})`).join(', ')}`);
  }
  const e = s.entries;
  if (e && e.removed.length > 0) parts.push(`removed ${e.removed.length} stale registry entr${e.removed.length === 1 ? 'y' : 'ies'}: ${e.removed.map((v) => `${v.file.name} (${v.reason})`).join(', ')}`);
  for (const f of s.failed) parts.push(`failed to remove ${f.verdict.temp.name}: ${f.error}`);
  for (const f of e?.failed ?? []) parts.push(`failed to remove ${f.verdict.file.name}: ${f.error}`);
  if (s.kept.length > 0) parts.push(`kept ${s.kept.length} temp file(s) of running processes: ${s.kept.map((v) => `${v.temp.name} (${v.detail})`).join(', ')}`);
  return parts.join('; ');
}

/**
 * One `clean-stale` line in the action log for a sweep that removed (or failed to remove) something,
 * listing every file removed with its size. `by` says who swept (`flush`, `readers --clean-stale`).
 */
export function logSweep(files: { main: string; aside?: string }, s: DebrisSweep, by: string): void {
  if (!sweptSomething(s)) return;
  const removed = [
    ...s.removed.map((v) => ({ path: v.temp.path, bytes: v.temp.bytes, reason: v.reason ?? 'stale' })),
    ...(s.entries?.removed ?? []).map((v) => ({ path: v.file.path, bytes: null, reason: v.reason ?? 'stale' })),
  ];
  const failed = s.failed.length + (s.entries?.failed.length ?? 0);
  appendAction({ action: 'clean-stale', outcome: failed > 0 ? 'failed' : 'done', files, removed, detail: `${by}: ${describeSweep(s)}` });
}
