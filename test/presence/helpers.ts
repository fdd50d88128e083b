/** Real child processes and scratch copies of corpus files for the presence tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { runCli, type CliExtension } from '../../engine/cli/program.js';
import { CORPUS_DIR } from '../helpers/corpus.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CHILDREN = join(import.meta.dirname, 'children');
export const PYTHON = process.env.PYTHON ?? 'python3';

export interface Child {
  proc: ChildProcess;
  pid: number;
  /** The first JSON line the child printed. */
  info: Record<string, unknown>;
  /** Resolves with the next JSON line printed after this call. */
  nextLine(): Promise<Record<string, unknown>>;
  send(line: string): void;
  /** Closes stdin (the children then close their files and exit) and waits for the exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startChild(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Child> {
  const proc = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const waiting: ((v: Record<string, unknown>) => void)[] = [];
  const queued: Record<string, unknown>[] = [];
  createInterface({ input: proc.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const w = waiting.shift();
    if (w) w(v);
    else queued.push(v);
  });
  const nextLine = (): Promise<Record<string, unknown>> => {
    const q = queued.shift();
    if (q) return Promise.resolve(q);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${command} ${args.join(' ')} printed nothing in 30 s; stderr: ${stderr}`)), 30_000);
      waiting.push((v) => { clearTimeout(t); resolve(v); });
      void exited.then((e) => { clearTimeout(t); reject(new Error(`${command} ${args.join(' ')} exited (${e.code ?? e.signal}) before printing; stderr: ${stderr}`)); });
    });
  };
  const info = await nextLine();
  return {
    proc, pid: info.pid as number, info, nextLine, exited,
    send: (line) => proc.stdin?.write(`${line}\n`),
    stop: async () => {
      proc.stdin?.end();
      return exited;
    },
  };
}

export function startReader(main: string, aside?: string, behaviour?: string, env: NodeJS.ProcessEnv = {}): Promise<Child> {
  const args = [join(ROOT, 'bin', 'run-ts.js'), join(CHILDREN, 'reader.ts'), main, aside ?? '-'];
  if (behaviour) args.push(behaviour);
  return startChild(process.execPath, args, env);
}

export function startFdHolder(flags: 'r' | 'r+', ...files: string[]): Promise<Child> {
  return startChild(process.execPath, [join(CHILDREN, 'holdFd.mjs'), flags, ...files]);
}

export function startPython(script: 'map_only.py' | 'mmap_rw.py', file: string): Promise<Child> {
  return startChild(PYTHON, [join(CHILDREN, script), file]);
}

export interface Scratch {
  dir: string;
  main: string;
  aside: string;
  cleanup(): void;
}

/** A temp directory with copies of a corpus case's main.mk and aside.mka. */
export function scratchAside(caseName = 'aside-4'): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'mk-presence-'));
  const main = join(dir, 'main.mk');
  const aside = join(dir, 'aside.mka');
  copyFileSync(join(CORPUS_DIR, caseName, 'main.mk'), main);
  copyFileSync(join(CORPUS_DIR, caseName, 'aside.mka'), aside);
  return { dir, main, aside, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface FileSnapshot {
  bytes: Buffer;
  mtimeNs: bigint;
}

export function snapshot(path: string): FileSnapshot {
  return { bytes: readFileSync(path), mtimeNs: statSync(path, { bigint: true }).mtimeNs };
}

/** Runs mkinspect as its own OS process. */
export function runMkinspect(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(ROOT, 'bin', 'mkinspect.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs mkinspect commands in this process (extensions add test-only commands). */
export async function runInProcess(args: readonly string[], extensions: readonly CliExtension[] = []): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; } }, extensions);
  return { code, out, err };
}

export function waitFor(cond: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (cond()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(tick, 25);
    };
    tick();
  });
}
