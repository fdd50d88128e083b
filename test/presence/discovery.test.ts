/**
 * OS discovery: the /proc scan by device+inode (hard links, renames), fdinfo access flags, the maps
 * parser, the lsof field parser (captured Linux output; a macOS sample), and the platforms we cannot
 * scan. Lags of registered readers counted on real generation chains.
 */
import { appendFileSync, closeSync, linkSync, openSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { accessFromFlags, devToMajorMinor, discoverProc, parseFdinfoFlags, scanMaps } from '../../engine/node/presence/discoverLinux.js';
import { handlesFromLsof, parseLsofFields } from '../../engine/node/presence/discoverLsof.js';
import type { FileTarget } from '../../engine/node/presence/discoveryTypes.js';
import { discover, listHolders } from '../../engine/node/presence/holders.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { scratchAside, startFdHolder, startReader, type Scratch } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'presence');
let s: Scratch | null = null;
afterEach(() => {
  s?.cleanup();
  s = null;
});

function target(file: 'main' | 'aside', path: string): FileTarget {
  const st = statSync(path, { bigint: true });
  return { file, path, dev: st.dev, ino: st.ino };
}

describe('fdinfo flags', () => {
  it('tells read-only, write-only and read-write descriptors apart on real descriptors', () => {
    s = scratchAside();
    const cases = [['r', 'read'], ['r+', 'readwrite'], ['a', 'write']] as const;
    for (const [flags, access] of cases) {
      const fd = openSync(s.aside, flags);
      try {
        const parsed = parseFdinfoFlags(readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1'));
        expect(parsed).not.toBeNull();
        expect(accessFromFlags(parsed as number)).toBe(access);
      } finally {
        closeSync(fd);
      }
    }
    expect(parseFdinfoFlags('pos:\t0\nflags:\t0100002\nmnt_id:\t25\n')).toBe(0o100002);
    expect(parseFdinfoFlags('pos:\t0\n')).toBeNull();
  });
});

describe('maps', () => {
  it('splits dev_t the way /proc/<pid>/maps prints it', () => {
    expect(devToMajorMinor(0xfe00n)).toEqual({ major: 0xfen, minor: 0n });
    // glibc makedev(259, 3) and makedev(8, 0x12345): the high bits live above bit 32 and bit 20.
    expect(devToMajorMinor(0x10303n)).toEqual({ major: 259n, minor: 3n });
    expect(devToMajorMinor(0x12300845n)).toEqual({ major: 8n, minor: 0x12345n });
  });

  it('finds a target by device and inode, and by path when the inode differs (overlayfs)', () => {
    const t: FileTarget = { file: 'main', path: '/data/x.mk', dev: 0xfe00n, ino: 2147218n };
    const text = [
      '556d42f9b000-556d42f9d000 r--p 00000000 fe:00 260131                     /usr/bin/cat',
      '7f01911f2000-7f01911f3000 r--s 00000000 fe:00 2147218                    /data/renamed.mk',
      '7f01911f4000-7f01911f5000 rw-s 00001000 fe:00 2147218                    /data/renamed.mk',
      '7f0191200000-7f0191201000 r--p 00000000 08:01 2147218                    /elsewhere/same-inode-other-dev',
      '7ffd1e9f0000-7ffd1e9f2000 r-xp 00000000 00:00 0                          [vdso]',
      '',
    ].join('\n');
    const buf = Buffer.from(text, 'utf8');
    expect([...scanMaps(buf, buf.length, [t]).values()]).toEqual([{ access: 'readwrite', path: '/data/renamed.mk' }]);
    const privateOnly = Buffer.from('7f01911f4000-7f01911f5000 rw-p 00001000 fe:00 2147218   /data/renamed.mk\n');
    expect([...scanMaps(privateOnly, privateOnly.length, [t]).values()]).toEqual([{ access: 'read', path: '/data/renamed.mk' }]);
    const overlay = Buffer.from('7f01911f4000-7f01911f5000 r--s 00000000 00:2a 99 /data/x.mk\n');
    expect([...scanMaps(overlay, overlay.length, [t]).values()]).toEqual([{ access: 'read', path: '/data/x.mk' }]);
    const none = Buffer.from('7f01911f4000-7f01911f5000 r--s 00000000 fe:00 21472180 /data/y.mk\n');
    expect(scanMaps(none, none.length, [t]).size).toBe(0);
  });
});

describe('the /proc scan', () => {
  it('finds a process that opened the file under another name (hard link)', async () => {
    s = scratchAside();
    const alias = join(s.dir, 'alias.mk');
    linkSync(s.main, alias);
    const holder = await startFdHolder('r', alias);
    try {
      const found = discoverProc([target('main', s.main)]).handles.filter((h) => h.pid === holder.pid);
      expect(found).toEqual([{ pid: holder.pid, file: 'main', kind: 'fd', fd: (holder.info.fds as number[])[0], access: 'read', path: alias }]);
    } finally {
      await holder.stop();
    }
  });

  it('finds a process that opened the file before it was renamed into place', async () => {
    s = scratchAside();
    const before = join(s.dir, 'incoming.mka');
    renameSync(s.aside, before);
    const holder = await startFdHolder('r+', before);
    try {
      renameSync(before, s.aside);
      const report = await listHolders({ main: s.main, aside: s.aside });
      const h = report.holders.find((x) => x.pid === holder.pid);
      expect(h?.files.map((f) => [f.file, f.access, f.via])).toEqual([['aside', 'readwrite', ['fd']]]);
    } finally {
      await holder.stop();
    }
  });

  it('does not count a process holding a file that has since been replaced', async () => {
    s = scratchAside();
    const holder = await startFdHolder('r', s.main);
    try {
      const copy = join(s.dir, 'new.mk');
      appendFileSync(copy, readFileSync(s.main));
      renameSync(copy, s.main);
      const report = await listHolders({ main: s.main });
      expect(report.holders.map((h) => h.pid)).not.toContain(holder.pid);
    } finally {
      await holder.stop();
    }
  });

  it('is not available everywhere: the fallback says only registered processes are seen', async () => {
    s = scratchAside();
    const r = await discover([target('main', s.main)], 'none');
    expect(r).toMatchObject({ supported: false, method: 'none', handles: [], complete: false });
    expect(r.note).toContain('only processes registered by Metakit Inspector are seen');
    const report = await listHolders({ main: s.main, discovery: 'none' });
    expect(report.discovery.supported).toBe(false);
    const text = (await import('../../engine/cli/holdersText.js')).formatHoldersReport(report);
    expect(text).toContain('registry only');
    expect(text).toContain('note: linux: the operating system is not scanned here');
  });
});

describe('lsof field output', () => {
  it('parses output captured from lsof 4.95 on Linux (a python mmap + fds, a node process)', () => {
    const procs = parseLsofFields(readFileSync(join(FIXTURES, 'lsof-linux.txt'), 'utf8'));
    expect(procs.map((p) => [p.pid, p.command, p.uid, p.login, p.files.map((f) => `${f.fd}:${f.access}`).join(' ')])).toEqual([
      [26960, 'python3', 0, 'root', 'mem: 3:u 4:u 5:r 6:r'],
      [27001, 'node', 0, 'root', '18:r 19:u'],
    ]);
    expect(procs[0]?.files[0]).toEqual({ fd: 'mem', access: '', type: 'REG', dev: 0xfe00n, ino: 2147218n, name: '/tmp/proto/f.bin' });
    const t: FileTarget = { file: 'main', path: '/somewhere/else.mk', dev: 0xfe00n, ino: 2147218n };
    const handles = handlesFromLsof(procs, [t]);
    expect(handles.map((h) => [h.pid, h.kind, h.fd, h.access])).toEqual([
      [26960, 'mmap', null, 'read'], [26960, 'fd', 3, 'readwrite'], [26960, 'fd', 4, 'readwrite'], [26960, 'fd', 5, 'read'],
      [26960, 'fd', 6, 'read'], [27001, 'fd', 18, 'read'], [27001, 'fd', 19, 'readwrite'],
    ]);
  });

  it('parses a macOS-style sample (mapped files show as txt) and keeps only the targets', () => {
    const procs = parseLsofFields(readFileSync(join(FIXTURES, 'lsof-macos.txt'), 'utf8'));
    const main: FileTarget = { file: 'main', path: '/Users/alice/data/test.mk', dev: 0x1000004n, ino: 8626342n };
    const aside: FileTarget = { file: 'aside', path: '/Users/alice/data/test.mka', dev: 0x1000004n, ino: 8626343n };
    expect(handlesFromLsof(procs, [main, aside]).map((h) => [h.pid, h.file, h.kind, h.fd, h.access])).toEqual([
      [4711, 'main', 'mmap', null, 'read'], [4711, 'main', 'fd', 3, 'read'], [4711, 'aside', 'fd', 4, 'readwrite'],
      [4802, 'aside', 'fd', 5, 'write'],
    ]);
    // NUL-terminated fields (lsof -F0) parse the same.
    const nul = readFileSync(join(FIXTURES, 'lsof-macos.txt'), 'utf8').replace(/\n/g, '\0');
    expect(parseLsofFields(nul)).toEqual(procs);
  });
});

describe('generation lag', () => {
  it('counts the aside commits appended after a reader opened', async () => {
    s = scratchAside('aside-2');
    const reader = await startReader(s.main, s.aside);
    try {
      expect(reader.info.generation).toBe('37+587');
      // Two later commits exactly as Metakit appended them (aside-3 and aside-4 extend aside-2).
      appendFileSync(s.aside, readFileSync(join(CORPUS_DIR, 'aside-4', 'aside.mka')).subarray(587));
      const report = await listHolders({ main: s.main, aside: s.aside });
      expect(report.files.map((f) => [f.file, f.newestEnd, f.generations])).toEqual([['main', 37, 1], ['aside', 1428, 5]]);
      const h = report.holders.find((x) => x.pid === reader.pid);
      expect(h).toMatchObject({ generation: '37+587', lag: 2, source: 'both' });
      expect(h?.files.map((f) => [f.file, f.end, f.lag])).toEqual([['main', 37, 0], ['aside', 587, 2]]);
    } finally {
      await reader.stop();
    }
  });

  it('counts extend commits on a main file', async () => {
    s = scratchAside();
    const ext = join(s.dir, 'ext.mk');
    appendFileSync(ext, readFileSync(join(CORPUS_DIR, 'extend-1', 'ext.mk')));
    const reader = await startReader(ext);
    try {
      appendFileSync(ext, readFileSync(join(CORPUS_DIR, 'extend-5', 'ext.mk')).subarray(167));
      const report = await listHolders({ main: ext });
      expect(report.holders.find((x) => x.pid === reader.pid)).toMatchObject({ generation: '167', lag: 4 });
    } finally {
      await reader.stop();
    }
  });
});
