/**
 * The other processes of the live-view browser tests, each a real OS process: the demo pair writer,
 * `mkinspect demo-writer` extending the aside, a plain Node process holding a descriptor on a file
 * (a foreign reader that never registers), and `mkinspect dump --json`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = join(import.meta.dirname, '..', '..');
const MKINSPECT = join(ROOT, 'bin', 'mkinspect.js');

/** DIR/demo.mk (ROWS rows in `log`) + DIR/demo.mka (COMMITS aside commits of 5 rows after its first). */
export function makeDemoPair(dir: string, rows: number, commits: number): { main: string; aside: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'run-ts.js'), join(ROOT, 'scripts', 'make-demo-pair.ts'), dir, String(rows), String(commits)], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`make-demo-pair failed: ${r.stderr}`);
  return { main: join(dir, 'demo.mk'), aside: join(dir, 'demo.mka') };
}

export interface Writer {
  child: ChildProcess;
  commits: number;
  done: Promise<number | null>;
}

/** `mkinspect demo-writer DIR --rate 5 --count N --interval MS` as its own process. */
export function startDemoWriter(dir: string, count: number, intervalMs: number): Writer {
  const child = spawn(process.execPath, [MKINSPECT, 'demo-writer', dir, '--rate', '5', '--count', String(count), '--interval', String(intervalMs)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const w: Writer = { child, commits: 0, done: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => { if (/ commit \d+:/.test(line)) w.commits++; });
  child.stderr?.resume();
  return w;
}

export interface Holder {
  pid: number;
  /** Closes its stdin: it exits, releasing the descriptor. */
  stop(): Promise<void>;
}

/** A plain Node process that opens FILE read-only and holds the descriptor (it never registers). */
export function startHolder(file: string): Promise<Holder> {
  const script = "const fs=require('fs');fs.openSync(process.argv[1],'r');console.log('holding pid '+process.pid);process.stdin.resume();process.stdin.on('end',()=>process.exit(0));";
  // Without the runner's NODE_OPTIONS (its loader hooks would run in the child too).
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['-e', script, file], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const m = /^holding pid (\d+)$/.exec(line);
      if (!m) return;
      lines.close();
      resolve({
        pid: Number(m[1]),
        stop: async () => {
          child.stdin?.end();
          await exited;
        },
      });
    });
    child.once('error', reject);
  });
}

export function dumpJson(main: string, aside: string | null): { views: { name: string; rows: Record<string, unknown>[] }[] } {
  const r = spawnSync(process.execPath, [MKINSPECT, 'dump', '--json', main, ...(aside ? ['--aside', aside] : [])], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`mkinspect dump failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { views: { name: string; rows: Record<string, unknown>[] }[] };
}

/**
 * A reader of ours (it registers in the presence registry) killed with SIGKILL: its registry entries
 * stay behind as stale entries. Resolves with its pid once it is dead.
 */
export async function leaveStaleEntries(main: string, aside: string): Promise<number> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'run-ts.js'), join(ROOT, 'test', 'presence', 'children', 'reader.ts'), main, aside], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'], env });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      try {
        const v = JSON.parse(line) as { pid?: number };
        if (typeof v.pid === 'number') {
          lines.close();
          resolve(v.pid);
        }
      } catch {
        // not the line we wait for
      }
    });
    child.once('error', reject);
  });
  child.kill('SIGKILL');
  await exited;
  return pid;
}
