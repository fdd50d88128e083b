/**
 * Everyone who holds a document's files: the registry entries of our own processes, merged with what
 * the operating system shows (every process, registered or not), with each holder's generation lag
 * counted on the files' generation chains. Reads the datafiles only through O_RDONLY descriptors.
 */
import { statSync, type BigIntStats } from 'node:fs';
import { hostname } from 'node:os';
import { mergeHolders, type FileRole, type Holder, type RegisteredHandle } from '../../core/analysis/presence.js';
import { generationEnds } from '../generationChain.js';
import { discoverProc } from './discoverLinux.js';
import { discoverLsof } from './discoverLsof.js';
import type { DiscoveryResult, FileTarget } from './discoveryTypes.js';
import { processFacts } from './processInfo.js';
import { canonicalPath, registryDirOf } from './registryFiles.js';
import { judgeRegistry, type StalenessOptions, type StaleReason } from './staleness.js';

export type DiscoveryMethod = 'auto' | 'proc' | 'lsof' | 'none';

export interface HolderQuery extends StalenessOptions {
  main: string;
  aside?: string;
  /** Leave out the calling process's own handles (default true: the inspector never blocks itself). */
  excludeSelf?: boolean;
  /** Further pids to leave out (e.g. the app's own helper processes). */
  excludePids?: readonly number[];
  /** How to ask the OS (default: /proc on Linux, lsof on macOS, nothing elsewhere). */
  discovery?: DiscoveryMethod;
}

export interface CheckedFile {
  file: FileRole;
  path: string;
  exists: boolean;
  dev: string | null;
  ino: string | null;
  size: number | null;
  /** End of the newest committed generation (null if the file is not a readable datafile). */
  newestEnd: number | null;
  /** Intact generations on the file's chain. */
  generations: number;
  registryDir: string;
}

export interface StaleEntry {
  file: FileRole;
  name: string;
  path: string;
  reason: StaleReason;
  detail: string;
  pid: number | null;
}

export interface DiscoverySummary {
  supported: boolean;
  method: DiscoveryResult['method'];
  processesScanned: number;
  processesInaccessible: number;
  complete: boolean;
  note: string | null;
}

export interface HoldersReport {
  files: CheckedFile[];
  holders: Holder[];
  stale: StaleEntry[];
  discovery: DiscoverySummary;
  excludedSelf: boolean;
  checkedAt: string;
  elapsedMs: number;
}

export const UNSCANNED_NOTE = 'the operating system is not scanned here: only processes registered by Metakit Inspector are seen; other programs (Tcl, Python, C++ Metakit) holding the files are invisible';

function platformNote(): string {
  return `${process.platform === 'win32' ? 'Windows' : process.platform}: ${UNSCANNED_NOTE}`;
}

export async function discover(targets: readonly FileTarget[], method: DiscoveryMethod = 'auto'): Promise<DiscoveryResult> {
  const m = method === 'auto' ? (process.platform === 'linux' ? 'proc' : process.platform === 'darwin' ? 'lsof' : 'none') : method;
  if (m === 'proc') return discoverProc(targets);
  if (m === 'lsof') return discoverLsof(targets);
  return { supported: false, method: 'none', handles: [], processesScanned: 0, processesInaccessible: 0, complete: false, note: platformNote() };
}

function checkFile(file: FileRole, given: string): { checked: CheckedFile; target: FileTarget | null; ends: number[] } {
  const path = canonicalPath(given);
  const registryDir = registryDirOf(path);
  let st: BigIntStats;
  try {
    st = statSync(path, { bigint: true });
  } catch {
    return { checked: { file, path, exists: false, dev: null, ino: null, size: null, newestEnd: null, generations: 0, registryDir }, target: null, ends: [] };
  }
  const { ends, newestEnd } = generationEnds(path);
  return {
    checked: { file, path, exists: true, dev: String(st.dev), ino: String(st.ino), size: Number(st.size), newestEnd, generations: ends.length, registryDir },
    target: { file, path, dev: st.dev, ino: st.ino },
    ends,
  };
}

/** Lists every holder of the document's files. Never throws for files that are missing or unreadable. */
export async function listHolders(q: HolderQuery): Promise<HoldersReport> {
  const started = performance.now();
  const host = hostname();
  const wanted: [FileRole, string][] = [['main', q.main]];
  if (q.aside !== undefined) wanted.push(['aside', q.aside]);
  const checked = wanted.map(([role, p]) => checkFile(role, p));

  const registered: RegisteredHandle[] = [];
  const stale: StaleEntry[] = [];
  for (const { checked: c } of checked) {
    for (const v of judgeRegistry(c.path, q)) {
      const e = v.file.entry;
      if (v.state === 'stale' && v.reason) {
        stale.push({ file: c.file, name: v.file.name, path: v.file.path, reason: v.reason, detail: v.detail, pid: e?.pid ?? null });
        continue;
      }
      if (v.state !== 'live' || !e) continue;
      registered.push({
        id: e.id, pid: e.pid, host: e.host, user: e.user, role: e.role, mode: e.mode, file: c.file, path: e.file,
        generation: e.generation, end: e.end, openedAt: e.openedAt, heartbeatAt: e.heartbeatAt, command: e.command,
        replaced: !c.exists || e.dev !== c.dev || e.ino !== c.ino,
      });
    }
  }

  const targets = checked.flatMap((c) => (c.target ? [c.target] : []));
  const found = await discover(targets, q.discovery);
  const localPids = new Set<number>([...found.handles.map((h) => h.pid), ...registered.filter((r) => r.host === host).map((r) => r.pid)]);
  const excludeSelf = q.excludeSelf ?? true;
  const excluded = new Set<number>(q.excludePids ?? []);
  if (excludeSelf) excluded.add(process.pid);
  for (const pid of excluded) localPids.delete(pid);

  const chains: Partial<Record<FileRole, number[]>> = {};
  for (const c of checked) chains[c.checked.file] = c.ends;
  const holders = mergeHolders({
    host, selfPid: process.pid, registered, discovered: found.handles, facts: processFacts(localPids), chains,
  }).filter((h) => !(h.local && excluded.has(h.pid)));

  const { handles: _handles, ...summary } = found;
  return {
    files: checked.map((c) => c.checked),
    holders,
    stale,
    discovery: summary,
    excludedSelf: excludeSelf,
    checkedAt: new Date().toISOString(),
    elapsedMs: performance.now() - started,
  };
}
