/**
 * Registering our own processes next to the files they open. A registration writes one entry into
 * `<file>.readers/` (never the datafile itself), keeps it fresh with an unref'd heartbeat timer, and
 * removes it on unregister and, best effort, when the process exits (exit, SIGINT, SIGTERM, SIGHUP).
 * If the directory cannot be written (read-only directory, a file in the way), the open goes on
 * unregistered and the registration says why.
 */
import { mkdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { PresenceRole } from '../../core/analysis/presence.js';
import type { OpenMode } from '../../core/read/storage.js';
import { bootId, hostName, ownCommand, ownStartId, userName } from './processInfo.js';
import {
  canonicalPath, entryFileName, ENTRY_VERSION, fileIdentity, newEntryId, REGISTRY_SUFFIX, writeAtomic, type RegistryEntry,
} from './registryFiles.js';

export const DEFAULT_HEARTBEAT_MS = 15_000;

export interface RegisterOptions {
  role: PresenceRole;
  mode: OpenMode;
  /** The storage generation the process reads (Storage.generation). */
  generation: string;
  /** End of data of this file in that generation. */
  end?: number | null;
  /** Heartbeat period (default 15 s, or MKINSPECT_HEARTBEAT_MS). */
  heartbeatMs?: number;
}

export type EntryPatch = Partial<Pick<RegistryEntry, 'generation' | 'end' | 'mode' | 'role'>>;

export interface PresenceRegistration {
  readonly registered: boolean;
  readonly id: string;
  /** Canonical path of the datafile. */
  readonly file: string;
  readonly dir: string;
  readonly entryPath: string | null;
  /** Why the process is not registered (null when it is). */
  readonly reason: string | null;
  /** Rewrites the entry (e.g. after a refresh moved the storage to a newer generation). */
  update(patch: EntryPatch): void;
  /** Removes the entry; safe to call twice. */
  unregister(): void;
}

export function presenceDisabled(): boolean {
  return process.env.MKINSPECT_PRESENCE === 'off';
}

function heartbeatFromEnv(): number | undefined {
  const v = Number(process.env.MKINSPECT_HEARTBEAT_MS);
  return Number.isSafeInteger(v) && v > 0 ? v : undefined;
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

class Registration implements PresenceRegistration {
  registered = false;
  reason: string | null = null;
  entryPath: string | null = null;
  readonly id = newEntryId();
  readonly dir: string;
  private entry: RegistryEntry | null = null;
  private readonly name: string;

  constructor(readonly file: string) {
    this.dir = `${file}${REGISTRY_SUFFIX}`;
    this.name = entryFileName(process.pid, ownStartId(), this.id);
  }

  start(options: RegisterOptions): void {
    if (presenceDisabled()) {
      this.reason = 'presence registration is disabled (MKINSPECT_PRESENCE=off)';
      return;
    }
    const identity = fileIdentity(this.file);
    if (!identity) {
      this.reason = `cannot register presence: ${this.file} cannot be read`;
      return;
    }
    const now = new Date().toISOString();
    this.entry = {
      v: ENTRY_VERSION, id: this.id, pid: process.pid, startId: ownStartId(), bootId: bootId(), host: hostName(), user: userName(),
      role: options.role, mode: options.mode, file: this.file, dev: identity.dev, ino: identity.ino,
      generation: options.generation, end: options.end ?? null, openedAt: now, heartbeatAt: now,
      heartbeatMs: options.heartbeatMs ?? heartbeatFromEnv() ?? DEFAULT_HEARTBEAT_MS, command: ownCommand(),
    };
    try {
      this.write(true);
      this.registered = true;
      this.entryPath = join(this.dir, this.name);
      track(this);
    } catch (e) {
      this.entry = null;
      this.reason = `not registered: cannot write ${this.dir} (${errText(e)}); other processes see this one only through the OS scan`;
    }
  }

  get heartbeatMs(): number {
    return this.entry?.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  }

  /** Writes the entry, re-creating the directory if a concurrent unregister removed it. */
  private write(durable: boolean): void {
    if (!this.entry) return;
    const text = `${JSON.stringify(this.entry)}\n`;
    for (let attempt = 0; ; attempt++) {
      try {
        mkdirSync(this.dir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      try {
        writeAtomic(this.dir, this.name, text, durable);
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw e;
      }
    }
  }

  update(patch: EntryPatch): void {
    if (!this.entry || !this.registered) return;
    this.entry = { ...this.entry, ...patch, heartbeatAt: new Date().toISOString() };
    try {
      this.write(true);
    } catch {
      // The entry keeps its old generation; the next heartbeat retries.
    }
  }

  heartbeat(): void {
    if (!this.entry || !this.registered) return;
    this.entry = { ...this.entry, heartbeatAt: new Date().toISOString() };
    try {
      // A heartbeat needs no durability: after a crash the entry is stale anyway.
      this.write(false);
    } catch {
      // best effort
    }
  }

  unregister(): void {
    if (!this.registered) return;
    this.registered = false;
    untrack(this);
    if (this.entryPath) {
      try {
        unlinkSync(this.entryPath);
      } catch {
        // already removed (clean-stale of another process, or exit hook)
      }
    }
    try {
      rmdirSync(this.dir);
    } catch {
      // not empty: other processes are registered
    }
  }
}

/** Registers this process as a holder of `file`. Never throws for registry I/O: see `reason`. */
export function registerPresence(file: string, options: RegisterOptions): PresenceRegistration {
  const r = new Registration(canonicalPath(file));
  r.start(options);
  return r;
}

// ---- process-wide bookkeeping: heartbeat timer and exit hooks ----

const live = new Set<Registration>();
let timer: NodeJS.Timeout | null = null;
let timerMs = 0;
const SIGNALS: NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

function removeAllNow(): void {
  for (const r of [...live]) r.unregister();
}

function onSignal(signal: NodeJS.Signals): void {
  // Only when ours is the sole listener do we own the default "terminate" behaviour: clean up and
  // re-raise. If the application handles the signal itself, its process.exit() runs the exit hook.
  if (process.listenerCount(signal) > 1) return;
  removeAllNow();
  uninstallHooks();
  process.kill(process.pid, signal);
}

function installHooks(): void {
  process.on('exit', removeAllNow);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstallHooks(): void {
  process.removeListener('exit', removeAllNow);
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  if (timer) clearInterval(timer);
  timer = null;
  timerMs = 0;
}

function restartTimer(): void {
  const ms = Math.min(...[...live].map((r) => r.heartbeatMs));
  if (timer && ms === timerMs) return;
  if (timer) clearInterval(timer);
  timerMs = ms;
  timer = setInterval(() => {
    for (const r of live) r.heartbeat();
  }, ms);
  timer.unref();
}

function track(r: Registration): void {
  if (live.size === 0) installHooks();
  live.add(r);
  restartTimer();
}

function untrack(r: Registration): void {
  live.delete(r);
  if (live.size === 0) uninstallHooks();
  else restartTimer();
}

/** Number of live registrations of this process (tests, diagnostics). */
export function liveRegistrations(): number {
  return live.size;
}
