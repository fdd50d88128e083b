/**
 * One writer process extends main + aside with COMMITS commits while 4 reader processes open, read
 * every row and refresh in a loop: every read must be exactly a generation the writer committed (same
 * row count and content checksum for that aside end). MK_MP_COMMITS (CI 1000); `npm run test:soak`
 * runs it for 10 minutes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Storage } from '../../engine/core/read/storage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { openWritableFile } from '../../engine/node/openWritable.js';
import { checksumOf } from '../children/checksum.js';
import { childScript, exited, lines } from '../helpers/children.js';

const COMMITS = Number(process.env.MK_MP_COMMITS ?? 1000);
/** `npm run test:soak` repeats rounds of COMMITS commits on fresh files for this long. */
const SOAK_SECONDS = Number(process.env.MK_MP_SECONDS ?? 0);
const READERS = 4;
const dir = mkdtempSync(join(tmpdir(), 'mk-mp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function round(tag: string): Promise<{ reads: number; generations: number; rounds: number }> {
    const main = join(dir, `mp-${tag}.mk`);
    const aside = join(dir, `mp-${tag}.mka`);
    const m = openWritableFile(main, { mode: 'readwrite' });
    const log = m.getAs('log[n:I,s:S]');
    for (let i = 0; i < 50; i++) log?.append({ n: i, s: `row-${i}` });
    m.commit();
    m.close();
    const a = openWritableFile(aside, { mode: 'readwrite' });
    const m2 = openWritableFile(main, { mode: 'read' });
    m2.setAside(a);
    m2.close();
    a.commit();
    a.close();

    const committed = new Map<string, string>();
    const initial = Storage.open(new FileByteStore(main), { aside: Storage.open(new FileByteStore(aside)) });
    committed.set(String(initial.aside?.info.end), `${initial.view('log').rowCount} ${checksumOf(initial.view('log'))}`);
    initial.close();

    const writer = spawn(process.execPath, [childScript('extendWriter'), main, aside, String(COMMITS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    lines(writer, (l) => {
      const [end, rows, sum] = l.split(' ');
      committed.set(end as string, `${rows} ${sum}`);
    });
    const readerLines: string[][] = [];
    const readers = Array.from({ length: READERS }, (_, i) => {
      const out: string[] = [];
      readerLines[i] = out;
      const r = spawn(process.execPath, [childScript('snapshotReader'), main, aside, '400'], { stdio: ['ignore', 'pipe', 'inherit'] });
      lines(r, (l) => out.push(l));
      return r;
    });
    // Readers keep going while the writer runs; restart them until the writer is done.
    const writerDone = exited(writer);
    let running = readers.map((r) => exited(r));
    let rounds = 1;
    for (;;) {
      const finished = await Promise.race([writerDone.then(() => 'writer'), Promise.all(running).then(() => 'readers')]);
      if (finished === 'writer') break;
      rounds++;
      running = readerLines.map((out) => {
        const r = spawn(process.execPath, [childScript('snapshotReader'), main, aside, '400'], { stdio: ['ignore', 'pipe', 'inherit'] });
        lines(r, (l) => out.push(l));
        return exited(r);
      });
    }
    await Promise.all(running);
    expect((await writerDone).code).toBe(0);

    let reads = 0;
    const seen = new Set<string>();
    for (const out of readerLines) {
      for (const l of out) {
        const [end, rows, sum] = l.split(' ');
        expect(committed.get(end as string), `reader saw aside end ${end}`).toBe(`${rows} ${sum}`);
        seen.add(end as string);
        reads++;
      }
    }
    expect(committed.size).toBe(COMMITS + 1);
    expect(seen.size).toBeGreaterThan(1);
    rmSync(main, { force: true });
    rmSync(aside, { force: true });
    return { reads, generations: seen.size, rounds };
}

describe('snapshot consistency across processes', () => {
  it(`1 writer × ${COMMITS} aside commits, ${READERS} readers: every read is a committed generation`, async () => {
    const started = Date.now();
    let n = 0;
    let reads = 0;
    let generations = 0;
    do {
      const r = await round(String(n++));
      reads += r.reads;
      generations += r.generations;
    } while (Date.now() - started < SOAK_SECONDS * 1000);
    console.log(`multi-process: ${n} round(s) of ${COMMITS} commits with ${READERS} reader processes: ${reads} full reads of ${generations} distinct generations, all consistent (${Math.round((Date.now() - started) / 1000)} s)`);
  }, Math.max(900, SOAK_SECONDS + 600) * 1000);
});
