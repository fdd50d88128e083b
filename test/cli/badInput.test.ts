/**
 * Issue 13 (item 2): every command that takes a file, on every awkward kind of input — a directory,
 * a 0-byte file, a FIFO, a device, a file this user may not read, a path with a trailing slash, a
 * path through a file, a missing file, a big file that is not Metakit. Each error is exit 2, nothing
 * on stdout and one stderr line `mkinspect: error CODE: message (file …)` naming the path; never a
 * stack trace or exit 70. A 0-byte file is not an error: Metakit opens it as a storage with no views
 * (corpus case empty-storage), and the commands say so.
 *
 * The bulk runs in-process (runCli); the FIFO and permission rows run in a separate process
 * (test/children/cliRows.ts, killed after a timeout, so a command that blocks on a FIFO fails the
 * test instead of hanging it), as another user when the tests run as root (root reads 0-mode files);
 * a few rows run through bin/mkinspect.js itself.
 */
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childScript } from '../helpers/children.js';
import { cli, ROOT, type CliRun } from '../helpers/cli.js';
import { CORPUS_DIR, loadCase } from '../helpers/corpus.js';
import { makeBadInputs, NOBODY, sparseForeignFile, type BadInputs } from './badInputFiles.js';

let f: BadInputs;
beforeAll(() => {
  f = makeBadInputs(mkdtempSync(join(tmpdir(), 'mk-badinput-')));
});
afterAll(() => rmSync(f.dir, { recursive: true, force: true }));

/** Each command that reads FILE, as argv for FILE = p (`k` keeps output paths apart). */
const COMMANDS: Record<string, (p: string, k: string) => string[]> = {
  'dump': (p) => ['dump', p],
  'dump --json': (p) => ['dump', '--json', p],
  'dump --view': (p) => ['dump', p, '--view', 'a'],
  'stats': (p) => ['stats', p],
  'stats --json': (p) => ['stats', '--json', p],
  'check': (p) => ['check', p],
  'check --json': (p) => ['check', '--json', p],
  'history': (p) => ['history', p],
  'history --json': (p) => ['history', '--json', p],
  'export': (p, k) => ['export', p, '--view', 'a', '--out', join(f.out, `${k}.csv`)],
  'watch': (p) => ['watch', p, '--count', '0'],
  'readers': (p) => ['readers', p],
  'recover': (p, k) => ['recover', p, '--out', join(f.out, `${k}.mk`)],
  'flush': (p) => ['flush', p, '--aside', f.validAside, '--quiet'],
  'replay': (p, k) => ['replay', p, '--dir', join(f.out, `${k}-dir`)],
};

type InputClass = 'directory' | 'fifo' | 'device' | 'unreadable' | 'trailing slash' | 'through a file' | 'missing' | 'huge foreign' | 'empty';

function pathOf(c: InputClass): string {
  switch (c) {
    case 'directory': return f.directory;
    case 'fifo': return f.fifo;
    case 'device': return '/dev/null';
    case 'unreadable': return f.unreadable;
    case 'trailing slash': return `${f.valid}/`;
    case 'through a file': return join(f.valid, 'x.mk');
    case 'missing': return join(f.dir, 'nope.mk');
    case 'huge foreign': return f.huge;
    case 'empty': return f.empty;
  }
}

/** Exit 2, nothing on stdout, exactly one stderr line with the code and the path, no stack. */
function expectError(r: CliRun, code: string, path: string): void {
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
  expect(r.stderr).toMatch(new RegExp(`^mkinspect: error ${code}: [^\\n]+\\n$`));
  expect(r.stderr).toContain(path);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

/** The IO rows: the file-type or permission problem is found before anything is opened. */
const IO_CLASSES: readonly InputClass[] = ['directory', 'device', 'trailing slash', 'through a file', 'missing'];

describe('issue 13: every command refuses what is not a readable regular file (IO, exit 2)', () => {
  for (const c of IO_CLASSES) {
    for (const [name, argv] of Object.entries(COMMANDS)) {
      it(`${name} on ${c === 'device' ? '/dev/null (a device)' : `a ${c} path`}`, async () => {
        const p = pathOf(c);
        const r = await cli(...argv(p, `${name}-${c}`.replace(/\W+/g, '-')));
        expectError(r, 'IO', p);
        const words = { directory: 'it is a directory', device: 'it is a character device', 'trailing slash': "the path ends with '/', but names a file", 'through a file': 'ENOTDIR: a component of the path is a file', missing: 'ENOENT: no such file' }[c as string];
        expect(r.stderr).toContain(words);
      });
    }
  }
});

/**
 * A copy of a bundled script (self-contained: esbuild inlines every import) in the inputs' folder,
 * which is world-readable: the other user may not be able to reach the checkout (a clean clone in a
 * `mktemp -d` folder is mode 700).
 */
function reachableCopy(script: string): string {
  const copy = join(f.dir, basename(script));
  if (!existsSync(copy)) {
    copyFileSync(script, copy);
    chmodSync(copy, 0o644);
  }
  return copy;
}

/** Runs command lines in a child process; as `nobody` when `asOtherUser` (the tests run as root). */
function runInChild(rows: string[][], asOtherUser: boolean): CliRun[] {
  const r = spawnSync(process.execPath, [asOtherUser ? reachableCopy(childScript('cliRows')) : childScript('cliRows'), JSON.stringify(rows)], {
    cwd: asOtherUser ? f.dir : ROOT, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL',
    env: { ...process.env, HOME: f.dir, MKINSPECT_DATA_DIR: join(f.dir, 'data') },
    ...(asOtherUser ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  const lines = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { start?: string[]; argv?: string[]; code: number; stdout: string; stderr: string });
  const done = lines.filter((l) => l.argv !== undefined);
  if (done.length !== rows.length) {
    const stuck = lines.filter((l) => l.start).at(done.length)?.start;
    throw new Error(`the child stopped after ${done.length} of ${rows.length} commands (signal ${r.signal}); it was running: mkinspect ${stuck?.join(' ')}; stderr: ${r.stderr}`);
  }
  return done.map((l) => ({ code: l.code, stdout: l.stdout, stderr: l.stderr }));
}

const NOBODY_NOTE = process.getuid?.() === 0 ? `run as uid ${NOBODY}: root reads 0-mode files` : 'mode 000';

describe('issue 13: FIFO and permission rows, in a separate process', () => {
  it('a FIFO: every command answers at once with IO (no open that waits for a writer)', () => {
    const names = Object.keys(COMMANDS);
    const t0 = performance.now();
    const runs = runInChild(names.map((n) => (COMMANDS[n] as (p: string, k: string) => string[])(f.fifo, `${n}-fifo`.replace(/\W+/g, '-'))), false);
    const ms = performance.now() - t0;
    runs.forEach((r, i) => {
      expectError(r, 'IO', f.fifo);
      expect(r.stderr, names[i]).toContain('but it is a FIFO (named pipe)');
    });
    expect(statSync(f.fifo).isFIFO()).toBe(true);
    console.log(`FIFO: ${runs.length} commands in one child process, ${ms.toFixed(0)} ms`);
  });

  it(`a file this user may not read: every command gives IO EACCES (${NOBODY_NOTE})`, () => {
    const names = Object.keys(COMMANDS);
    const runs = runInChild(names.map((n) => (COMMANDS[n] as (p: string, k: string) => string[])(f.unreadable, `${n}-perm`.replace(/\W+/g, '-'))), process.getuid?.() === 0);
    runs.forEach((r, i) => {
      expectError(r, 'IO', f.unreadable);
      expect(r.stderr, names[i]).toContain('but EACCES: permission denied');
    });
  });
});

describe('issue 13: a big file that is not Metakit (64 MiB, sparse)', () => {
  const NOT_METAKIT = ['dump', 'dump --json', 'dump --view', 'stats', 'stats --json', 'history', 'history --json', 'export', 'watch', 'flush'];
  for (const name of NOT_METAKIT) {
    it(`${name}: NOT_METAKIT naming the path, what it starts and ends with`, async () => {
      const r = await cli(...(COMMANDS[name] as (p: string, k: string) => string[])(f.huge, `${name}-huge`.replace(/\W+/g, '-')));
      expectError(r, 'NOT_METAKIT', f.huge);
      expect(r.stderr).toMatch(/but huge\.bin \(67108864 bytes\) starts with [0-9a-f ]+ and ends with [0-9a-f ]+: not a Metakit datafile \(file \S+huge\.bin, offset 0\)/);
    });
  }

  it('replay: the ops file does not parse (BAD_ARGUMENT)', async () => {
    const r = await cli(...(COMMANDS.replay as (p: string, k: string) => string[])(f.huge, 'replay-huge'));
    expectError(r, 'BAD_ARGUMENT', f.huge);
    expect(r.stderr).toContain('to hold the JSON of an ops.json scenario, but it does not parse');
    expect(existsSync(join(f.out, 'replay-huge-dir'))).toBe(false);
  });

  it('readers: lists who holds it (reading the content is not its job) and says it is not a datafile', async () => {
    const r = await cli('readers', f.huge);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`main   ${f.huge}  67,108,864 bytes, not a readable datafile`);
  });

  it('check and recover: a report or a refusal (exit 1 or 2), never an untyped error', async () => {
    for (const name of ['check', 'check --json', 'recover']) {
      const r = await cli(...(COMMANDS[name] as (p: string, k: string) => string[])(f.huge, `${name}-huge`.replace(/\W+/g, '-')));
      expect([1, 2], name).toContain(r.code);
      expect(r.stdout + r.stderr).toContain('huge.bin');
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });
});

describe('issue 13: a 0-byte file is an empty storage (as Metakit opens it), said in words', () => {
  const note = (): string => `${f.empty}: an empty storage (0 bytes): no views`;

  it('dump: says so, exit 0; dump --json: the corpus empty-storage expected.json', async () => {
    expect(await cli('dump', f.empty)).toEqual({ code: 0, stdout: `${note()}\n`, stderr: '' });
    expect(await cli('dump', '--json', f.empty)).toEqual({ code: 0, stdout: loadCase('empty-storage').expectedText, stderr: '' });
  });

  it('stats: the note first, then the table of an empty file; --json: format empty, no generations, no views', async () => {
    const text = await cli('stats', f.empty);
    expect([text.code, text.stderr]).toEqual([0, '']);
    expect(text.stdout.startsWith(`${note()}\n\nmain: data.mk  0 bytes\n  format empty,`)).toBe(true);
    const json = await cli('stats', '--json', f.empty);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ main: { size: 0, format: 'empty', chainGenerations: 0 }, aside: null, views: [], properties: [] });
  });

  it('check, history, watch: say so, exit 0', async () => {
    expect(await cli('check', f.empty)).toEqual({ code: 0, stdout: `${note()}, nothing to check\n`, stderr: '' });
    expect((await cli('check', '--json', f.empty)).code).toBe(0);
    expect(await cli('history', f.empty)).toEqual({ code: 0, stdout: `${note()}, no generations\n`, stderr: '' });
    expect(JSON.parse((await cli('history', '--json', f.empty)).stdout)).toMatchObject({ generations: [] });
    const w = await cli('watch', f.empty, '--count', '0');
    expect([w.code, w.stderr]).toEqual([0, '']);
    expect(w.stdout).toMatch(/^\S+ generation 0: an empty storage \(0 bytes\): no views yet\n$/);
  });

  it('export --view and dump --view: exit 2, no such view, saying the storage is empty', async () => {
    for (const argv of [COMMANDS.export?.(f.empty, 'export-empty') as string[], ['dump', f.empty, '--view', 'a']]) {
      const r = await cli(...argv);
      expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 2, stdout: '', stderr: "mkinspect: error BAD_ARGUMENT: data.mk has no view 'a': it is an empty storage (0 bytes), with no views\n" });
    }
    expect(existsSync(join(f.out, 'export-empty.csv'))).toBe(false);
  });

  it('readers lists it; recover copies the empty storage; replay cannot parse it (BAD_ARGUMENT)', async () => {
    const readers = await cli('readers', f.empty);
    expect([readers.code, readers.stderr]).toEqual([0, '']);
    expect(readers.stdout).toContain(`main   ${f.empty}  0 bytes`);
    const out = join(f.out, 'recovered-empty.mk');
    expect((await cli('recover', f.empty, '--out', out)).code).toBe(0);
    expect(statSync(out).size).toBe(0);
    expectError(await cli('replay', f.empty, '--dir', join(f.out, 'replay-empty')), 'BAD_ARGUMENT', f.empty);
  });
  // flush of a 0-byte main is not an input error (an empty storage takes an aside); not in this table.
});

describe('issue 13: several wrong files are all named; bad options carry a code', () => {
  it('stats with both files missing names both (it named only the aside)', async () => {
    const main = join(f.dir, 'gone.mk');
    const aside = join(f.dir, 'gone.mka');
    const r = await cli('stats', main, '--aside', aside);
    expectError(r, 'IO', main);
    expect(r.stderr).toBe(`mkinspect: error IO: expected to open ${main} read-only, but ENOENT: no such file; and expected to open ${aside} read-only, but ENOENT: no such file (file ${main}, ${aside})\n`);
  });

  it('dump of a directory with a FIFO as --aside, and flush of a missing main with a directory as aside: both named', async () => {
    const d = await cli('dump', f.directory, '--aside', f.fifo);
    expectError(d, 'IO', f.directory);
    expect(d.stderr).toContain(`expected ${f.fifo} to be a regular file, but it is a FIFO (named pipe)`);
    const missing = join(f.dir, 'nope.mk');
    const fl = await cli('flush', missing, '--aside', f.directory);
    expectError(fl, 'IO', missing);
    expect(fl.stderr).toContain(`expected ${f.directory} to be a regular file, but it is a directory`);
  });

  it('a valid main with a foreign --aside: NOT_METAKIT naming the aside path', async () => {
    const r = await cli('dump', f.valid, '--aside', f.huge);
    expectError(r, 'NOT_METAKIT', f.huge);
  });

  it('flush refuses the main file as its own aside (BAD_ARGUMENT), the file untouched', async () => {
    const copy = join(f.dir, 'self.mk');
    copyFileSync(f.valid, copy);
    const r = await cli('flush', copy, '--aside', copy);
    expectError(r, 'BAD_ARGUMENT', copy);
    expect(statSync(copy).size).toBe(statSync(f.valid).size);
  });

  it('--view nosuch: BAD_ARGUMENT with the views the file has', async () => {
    const r = await cli('dump', join(CORPUS_DIR, 'nested-3', 'data.mk'), '--view', 'nosuch');
    expect(r).toEqual({ code: 2, stdout: '', stderr: "mkinspect: error BAD_ARGUMENT: data.mk has no view 'nosuch' (views: top)\n" });
  });

  it('options: an unknown option, a bad --format, an --out that exists, --force without --confirm-force', async () => {
    const unknown = await cli('dump', f.valid, '--frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe("mkinspect: error BAD_ARGUMENT: unknown option '--frobnicate'");
    expectError(await cli('export', f.valid, '--view', 'a', '--out', join(f.out, 'x.txt'), '--format', 'xml'), 'BAD_ARGUMENT', 'xml');
    writeFileSync(join(f.out, 'taken.mk'), '');
    expectError(await cli('recover', f.valid, '--out', join(f.out, 'taken.mk')), 'EXISTS', join(f.out, 'taken.mk'));
    expectError(await cli('flush', f.valid, '--aside', f.validAside, '--force'), 'BAD_ARGUMENT', '--confirm-force');
    expectError(await cli('demo', f.valid), 'IO', f.valid);
  });

  it('nothing was written next to the bad inputs (no registry folders, no output files)', () => {
    for (const p of [f.directory, f.fifo, f.unreadable, f.huge]) expect(existsSync(`${p}.readers`)).toBe(false);
    for (const k of ['dump-directory', 'export-missing', 'recover-fifo']) expect(existsSync(join(f.out, `${k}.mk`))).toBe(false);
  });
});

/** `node bin/mkinspect.js ARGS`, as the user of the permission rows when asked. */
function realCli(args: readonly string[], asOtherUser = false): CliRun & { ms: number } {
  const t0 = performance.now();
  // As the other user: bin/mkinspect.js's program (electron/server/mkinspect.ts, what it runs in a
  // checkout) bundled into the world-readable folder, since the checkout may be out of that user's reach.
  const entry = asOtherUser ? reachableCopy(programBundle()) : join(ROOT, 'bin', 'mkinspect.js');
  const r = spawnSync(process.execPath, [entry, ...args], {
    cwd: asOtherUser ? f.dir : ROOT, encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL',
    env: { ...process.env, HOME: f.dir, MKINSPECT_DATA_DIR: join(f.dir, 'data') },
    ...(asOtherUser ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
}

/** The mkinspect program (bin/mkinspect.js runs electron/server/mkinspect.ts in a checkout) as one file. */
function programBundle(): string {
  const out = join(f.dir, 'build', 'mkinspect-program.mjs');
  if (!existsSync(out)) {
    buildSync({
      entryPoints: [join(ROOT, 'electron', 'server', 'mkinspect.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20',
      outfile: out, logLevel: 'warning',
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    });
  }
  return out;
}

describe('issue 13: through bin/mkinspect.js, the real entry point', () => {
  it('check of a directory: IO, exit 2 (it printed `internal error: EISDIR` with a stack and exited 70)', () => {
    const r = realCli(['check', f.directory]);
    expectError(r, 'IO', f.directory);
    expect(r.stderr).toBe(`mkinspect: error IO: expected ${f.directory} to be a regular file, but it is a directory (file ${f.directory})\n`);
  }, 60_000);

  it('dump of a FIFO answers at once; stats --json of an unreadable file gives EACCES', () => {
    const fifo = realCli(['dump', f.fifo]);
    expectError(fifo, 'IO', f.fifo);
    const perm = realCli(['stats', '--json', f.unreadable], process.getuid?.() === 0);
    expectError(perm, 'IO', f.unreadable);
    expect(perm.stderr).toContain('EACCES: permission denied');
  }, 60_000);

  it('dump --json of a 4.25 GiB sparse file that is not Metakit: NOT_METAKIT with its size', () => {
    const big = join(f.dir, 'big.bin');
    const size = 17 * 2 ** 28;
    sparseForeignFile(big, size);
    try {
      const r = realCli(['dump', '--json', big]);
      expectError(r, 'NOT_METAKIT', big);
      expect(r.stderr).toContain(`but big.bin (${size} bytes) starts with 50 4b 03 04`);
      console.log(`dump --json of a ${(size / 2 ** 30).toFixed(2)} GiB foreign file: exit ${r.code} in ${(r.ms / 1000).toFixed(1)} s (the whole file is searched for a Metakit header)`);
    } finally {
      rmSync(big, { force: true });
    }
  }, 150_000);
});

