/**
 * Crash safety: a child process committing in a loop is killed with SIGKILL at a random moment; the
 * file must then open (never an error) at the last acknowledged commit or the one in progress (never
 * with a row that was not committed, never with a damaged row). Modes: read-write commits, extend-mode
 * commits, and aside commits (main read-only, aside in extend mode) with a full flush every 3rd round,
 * so kills also land inside flushes. MK_CRASH_RUNS kills per mode (CI 250 per mode; `npm run
 * test:crash` 10,000).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Storage } from '../../engine/core/storage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { exited, lines, spawnChild } from '../helpers/children.js';

const RUNS = Number(process.env.MK_CRASH_RUNS ?? 250);
const PARALLEL = 2;
const work = mkdtempSync(join(tmpdir(), 'mk-crash-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Outcome {
  acked: number;
  found: number;
  /** The kill landed between "flushing" and "flushed". */
  inFlush: boolean;
}

function verify(path: string, asidePath?: string): number {
  let storage: Storage;
  try {
    const aside = asidePath && existsSync(asidePath) ? Storage.open(new FileByteStore(asidePath)) : undefined;
    storage = Storage.open(new FileByteStore(path), { aside });
  } catch (e) {
    copyFileSync(path, join(tmpdir(), 'mk-crash-failure.mk'));
    if (process.env.MK_CRASH_KEEP) copyFileSync(`${path}.before`, join(tmpdir(), 'mk-crash-failure.before.mk'));
    throw e;
  }
  try {
    if (!storage.hasView('t')) return 0;
    const t = storage.view('t');
    for (let r = 0; r < t.rowCount; r++) {
      expect(t.getInt(r, 'n')).toBe(r);
      expect(t.getString(r, 's')).toBe(`row-${r}`);
    }
    return t.rowCount;
  } finally {
    storage.close();
  }
}

async function killOnce(path: string, mode: string, seed: number): Promise<Outcome> {
  const withAside = mode === 'aside';
  if (process.env.MK_CRASH_KEEP) {
    try {
      copyFileSync(path, `${path}.before`);
    } catch {
      /* first run: no file yet */
    }
  }
  const child = withAside ? spawnChild('crashAsideWriter', [path, `${path}a`, String(seed)]) : spawnChild('crashWriter', [path, mode, String(seed)]);
  let acked = -1;
  let inFlush = false;
  let ready: () => void = () => {};
  const started = new Promise<void>((r) => (ready = r));
  lines(child, (line) => {
    if (line.startsWith('ready ')) {
      acked = Number(line.slice(6));
      ready();
    } else if (line === 'flushing') inFlush = true;
    else if (line === 'flushed') inFlush = false;
    else acked = Number(line);
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await Promise.race([started, exited(child)]);
  if (acked < 0) throw new Error(`writer did not start: ${stderr}`);
  // Kill somewhere in the next few commits: a random delay of 0–12 ms.
  await new Promise((r) => setTimeout(r, (seed * 7919) % (withAside ? 41 : 13)));
  child.kill('SIGKILL');
  const { signal, code } = await exited(child);
  if (signal !== 'SIGKILL') throw new Error(`writer ended by itself (code ${code}): ${stderr}`);
  return { acked, found: verify(path, withAside ? `${path}a` : undefined), inFlush };
}

describe('crash safety (SIGKILL during commits)', () => {
  for (const mode of ['readwrite', 'extend', 'aside'] as const) {
    it(`${mode}: ${RUNS} kills, every reopen shows a committed state`, async () => {
      const path = join(work, `crash-${mode}.mk`);
      let atAcked = 0;
      let atNext = 0;
      let inFlush = 0;
      let seed = mode === 'readwrite' ? 1 : mode === 'extend' ? 100_000 : 200_000;
      for (let done = 0; done < RUNS; done += PARALLEL) {
        // Two files per round so two writers run at once (one per core); a fresh pair every 40 kills
        // keeps the files small and the test fast.
        const generation = Math.floor(done / 40);
        const batch = Array.from({ length: Math.min(PARALLEL, RUNS - done) }, (_, k) => killOnce(`${path}.${generation}.${k}`, mode, ++seed));
        for (const o of await Promise.all(batch)) {
          expect(o.found === o.acked || o.found === o.acked + 1, `found ${o.found} rows after ${o.acked} acknowledged commits`).toBe(true);
          if (o.inFlush) inFlush++;
          if (o.found === o.acked) atAcked++;
          else atNext++;
        }
      }
      console.log(`crash ${mode}: ${RUNS} SIGKILLs; reopened at the acknowledged commit ${atAcked} times, at the in-flight commit ${atNext} times${mode === 'aside' ? `; ${inFlush} kills landed inside a flush` : ''}; never an error`);
    }, 900_000);
  }
});
