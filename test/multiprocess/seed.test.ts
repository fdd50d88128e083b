/**
 * The seed scenario (docs/seed.md), translated to our API, with every role in its own OS process:
 * initialise main + aside; an old reader opens; a writer (main read-only, aside in extend mode)
 * appends two rows and commits both; a new reader sees old + 2 rows while the old reader still sees
 * old; then the flush empties the aside into main, and main alone has all rows.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Storage } from '../../engine/core/read/storage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { childScript, exited, lines } from '../helpers/children.js';
import { runMkinspect } from '../presence/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mk-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(name: string, args: string[]): Promise<string> {
  const child = spawn(process.execPath, [childScript(name), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const { code } = await exited(child);
  if (code !== 0) throw new Error(`${name} failed (${code}): ${err}`);
  return out;
}

class Reader {
  private readonly child: ChildProcess;
  private readonly waiting: ((line: string) => void)[] = [];
  private readonly early: string[] = [];
  constructor(main: string, aside: string) {
    this.child = spawn(process.execPath, [childScript('seedReader'), main, aside], { stdio: ['pipe', 'pipe', 'inherit'] });
    lines(this.child, (l) => {
      const w = this.waiting.shift();
      if (w) w(l);
      else this.early.push(l);
    });
  }
  get pid(): number {
    return this.child.pid as number;
  }
  next(): Promise<string> {
    const e = this.early.shift();
    if (e !== undefined) return Promise.resolve(e);
    return new Promise((r) => this.waiting.push(r));
  }
  async ask(command: string): Promise<string> {
    this.child.stdin?.write(`${command}\n`);
    return this.next();
  }
  async quit(): Promise<void> {
    this.child.stdin?.write('quit\n');
    await exited(this.child);
  }
}

describe('the seed scenario, one process per role', () => {
  it('old reader keeps its view, new reader sees the update, flush empties the aside into main', async () => {
    const main = join(dir, 'test.mk');
    const aside = join(dir, 'test.mka');
    expect(await run('seedInit', [main, aside])).toBe('initialised\n');

    const oldRead = new Reader(main, aside);
    const oldLen = Number((await oldRead.next()).split(' ')[1]);
    expect(oldLen).toBe(0);

    expect(await run('seedWriter', [main, aside])).toBe('committed\n');

    const newRead = new Reader(main, aside);
    expect(await newRead.next()).toBe(`open ${oldLen + 2}`);
    expect(await oldRead.ask('count')).toBe(`count ${oldLen}`);

    // A second round: the old reader still sees its snapshot; refresh moves it to the newest.
    expect(await run('seedWriter', [main, aside])).toBe('committed\n');
    expect(await oldRead.ask('count')).toBe(`count ${oldLen}`);
    expect(await newRead.ask('count')).toBe(`count ${oldLen + 2}`);
    expect(await newRead.ask('refresh')).toBe(`refresh ${oldLen + 4} true`);

    // The flush is refused while the readers hold the files (they are other processes)...
    const busy = await runMkinspect(['flush', main, '--aside', aside]);
    expect(busy.code).toBe(3);
    expect(busy.stdout).toContain(String(oldRead.pid));
    await oldRead.quit();
    await newRead.quit();

    // ...and done when they are gone: main alone then has all rows, the aside none.
    const flushed = await runMkinspect(['flush', main, '--aside', aside]);
    expect(flushed.code).toBe(0);
    const mainOnly = Storage.open(new FileByteStore(main));
    expect(mainOnly.view('a').rowCount).toBe(oldLen + 4);
    mainOnly.close();
    const asideOnly = Storage.open(new FileByteStore(aside));
    expect(asideOnly.view('_C').rowCount).toBe(0);
    asideOnly.close();
    console.log(`seed: old reader kept ${oldLen} rows while a new one saw ${oldLen + 2}; flush refused while 2 readers held the files, then main alone had ${oldLen + 4} rows`);
  }, 60_000);
});
