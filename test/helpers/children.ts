/** Spawning the bundled child scripts (see globalSetup.ts) as real OS processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export function childScript(name: string): string {
  return join(process.cwd(), '.test-build', `${name}.mjs`);
}

export function spawnChild(name: string, args: string[]): ChildProcess {
  return spawn(process.execPath, [childScript(name), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Collects a child's stdout lines as they arrive. */
export function lines(child: ChildProcess, onLine: (line: string) => void): void {
  let buf = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    buf += chunk;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      onLine(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
  });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}
