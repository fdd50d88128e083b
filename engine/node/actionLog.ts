/**
 * The maintenance action log: every flush, forced flush, stale-entry cleanup and recovery appends one
 * JSON line. The log lives next to the main file (`<main>.actions.jsonl`), so every operator of a
 * shared file sees the same history (and `stats` its last flush); maintenance needs write access to
 * that directory anyway. Where it cannot be written (recover from a read-only directory), the line goes
 * to `actions.jsonl` in the user data directory instead; `readActions` reads both.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { describeHolder, type Holder } from '../core/analysis/presence.js';
import { userDataDir } from './dataDir.js';
import { userName } from './presence/processInfo.js';
import { canonicalPath } from './presence/registryFiles.js';

export const ACTION_LOG_SUFFIX = '.actions.jsonl';

export type ActionName = 'flush' | 'force' | 'clean-stale' | 'recover';

const sizesSchema = z.object({ main: z.number().nullable(), aside: z.number().nullable().optional() });

const removedFileSchema = z.object({ path: z.string(), bytes: z.number().nullable(), reason: z.string() });

const holderSummarySchema = z.object({
  pid: z.number(),
  host: z.string(),
  command: z.string().nullable(),
  user: z.string().nullable(),
  role: z.string().nullable(),
  mode: z.string().nullable(),
  access: z.string().nullable(),
  source: z.string(),
  text: z.string(),
});

const actionRecordSchema = z.object({
  v: z.literal(1),
  time: z.string(),
  action: z.enum(['flush', 'force', 'clean-stale', 'recover']),
  /** e.g. done, busy, busy-before-swap, proceeding (force), failed, aborted. */
  outcome: z.string(),
  user: z.string(),
  host: z.string(),
  pid: z.number(),
  files: z.object({ main: z.string(), aside: z.string().optional() }),
  sizesBefore: sizesSchema.optional(),
  sizesAfter: sizesSchema.optional(),
  holders: z.array(holderSummarySchema),
  detail: z.string().optional(),
  /** Files a clean-up removed (flush temp files, registry entries), with their sizes. */
  removed: z.array(removedFileSchema).optional(),
});

export type FileSizes = z.infer<typeof sizesSchema>;
export type RemovedFile = z.infer<typeof removedFileSchema>;
export type HolderSummary = z.infer<typeof holderSummarySchema>;
export type ActionRecord = z.infer<typeof actionRecordSchema>;

export interface ActionInput {
  action: ActionName;
  outcome: string;
  files: { main: string; aside?: string };
  sizesBefore?: FileSizes;
  sizesAfter?: FileSizes;
  holders?: readonly Holder[];
  detail?: string;
  removed?: readonly RemovedFile[];
  /** Defaults to now. */
  time?: Date;
}

export function summarizeHolder(h: Holder): HolderSummary {
  return {
    pid: h.pid, host: h.host, command: h.command, user: h.user, role: h.role, mode: h.mode, access: h.access, source: h.source,
    text: describeHolder(h),
  };
}

/** Sizes of the files now (null for a missing file). */
export function fileSizes(main: string, aside?: string): FileSizes {
  const size = (p: string): number | null => {
    try {
      return statSync(p).size;
    } catch {
      return null;
    }
  };
  return aside === undefined ? { main: size(main) } : { main: size(main), aside: size(aside) };
}

export function actionLogPath(main: string): string {
  return `${canonicalPath(main)}${ACTION_LOG_SUFFIX}`;
}

export function fallbackActionLogPath(): string {
  return join(userDataDir(), 'actions.jsonl');
}

function appendLine(path: string, line: string): void {
  const fd = openSync(path, 'a', 0o644);
  try {
    // One write of one line: O_APPEND keeps concurrent appenders from interleaving inside it.
    const bytes = Buffer.from(line, 'utf8');
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface AppendResult {
  path: string;
  record: ActionRecord;
  /** True if the line went to the user data directory because the datafile's directory is not writable. */
  fallback: boolean;
}

/** Appends one action. Throws only if neither the log next to the file nor the fallback can be written. */
export function appendAction(input: ActionInput): AppendResult {
  const aside = input.files.aside;
  const files = aside === undefined
    ? { main: canonicalPath(input.files.main) }
    : { main: canonicalPath(input.files.main), aside: canonicalPath(aside) };
  const record: ActionRecord = {
    v: 1, time: (input.time ?? new Date()).toISOString(), action: input.action, outcome: input.outcome,
    user: userName(), host: hostname(), pid: process.pid, files,
    ...(input.sizesBefore ? { sizesBefore: input.sizesBefore } : {}),
    ...(input.sizesAfter ? { sizesAfter: input.sizesAfter } : {}),
    holders: (input.holders ?? []).map(summarizeHolder),
    ...(input.detail !== undefined ? { detail: input.detail } : {}),
    ...(input.removed !== undefined ? { removed: [...input.removed] } : {}),
  };
  const line = `${JSON.stringify(record)}\n`;
  const primary = actionLogPath(files.main);
  try {
    appendLine(primary, line);
    return { path: primary, record, fallback: false };
  } catch (first) {
    const fallback = fallbackActionLogPath();
    try {
      mkdirSync(userDataDir(), { recursive: true });
      appendLine(fallback, line);
      return { path: fallback, record, fallback: true };
    } catch (second) {
      throw new Error(`cannot log the ${input.action} action: ${primary}: ${(first as Error).message}; ${fallback}: ${(second as Error).message}`);
    }
  }
}

function readLog(path: string): ActionRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const out: ActionRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = actionRecordSchema.safeParse(JSON.parse(line));
      // A line torn by a crash, or written by a newer version, is skipped rather than failing the log.
      if (r.success) out.push(r.data);
    } catch {
      // torn line
    }
  }
  return out;
}

/** The actions recorded for a main file, oldest first (both logs merged). */
export function readActions(main: string): ActionRecord[] {
  const file = canonicalPath(main);
  const near = readLog(actionLogPath(file));
  const far = readLog(fallbackActionLogPath()).filter((r) => r.files.main === file);
  return [...near, ...far].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

/** The last flush that completed (outcome `done`), or null. */
export function lastFlush(main: string): ActionRecord | null {
  const done = readActions(main).filter((r) => r.action === 'flush' && r.outcome === 'done');
  return done[done.length - 1] ?? null;
}
