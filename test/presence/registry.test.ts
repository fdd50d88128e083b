/** The presence registry of our own processes: entry files, updates, unregistering, degrading. */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorageFile } from '../../engine/node/openStorageFile.js';
import { parseProcStat, processStartId } from '../../engine/node/presence/processInfo.js';
import { liveRegistrations, registerPresence } from '../../engine/node/presence/registry.js';
import { parseEntry, readRegistryDir, registryDirOf } from '../../engine/node/presence/registryFiles.js';
import { runInProcess, scratchAside, snapshot, type Scratch } from './helpers.js';

let scratch: Scratch | null = null;
afterEach(() => {
  scratch?.cleanup();
  scratch = null;
  delete process.env.MKINSPECT_PRESENCE;
});

function fresh(): Scratch {
  scratch = scratchAside('aside-4');
  return scratch;
}

describe('process start identity', () => {
  it('reads field 22 of /proc/<pid>/stat even when the command holds spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[0] = 'S';
    fields[19] = '987654';
    expect(parseProcStat(`4242 (evil) (name ) x) ${fields.join(' ')}`)).toEqual({ state: 'S', startTicks: 987654 });
    expect(parseProcStat('garbage')).toBeNull();
  });

  it('is the start time of this very process', () => {
    const stat = readFileSync('/proc/self/stat', 'latin1');
    const field22 = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    expect(processStartId(process.pid)).toBe(field22);
  });
});

describe('registerPresence', () => {
  it('writes one complete entry next to the file and removes it (and the empty directory) on unregister', () => {
    const s = fresh();
    const before = snapshot(s.main);
    const reg = registerPresence(s.main, { role: 'extender', mode: 'extend', generation: '37+1428', end: 37 });
    expect(reg.registered).toBe(true);
    expect(reg.reason).toBeNull();
    expect(reg.dir).toBe(`${s.main}.readers`);
    const names = readdirSync(reg.dir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(new RegExp(`^${process.pid}-${processStartId(process.pid)}-[0-9a-f]{16}\\.json$`));
    const entry = parseEntry(readFileSync(reg.entryPath as string, 'utf8'));
    if (typeof entry === 'string') throw new Error(entry);
    expect(entry).toMatchObject({
      v: 1, pid: process.pid, startId: processStartId(process.pid), host: hostname(), role: 'extender', mode: 'extend',
      file: s.main, generation: '37+1428', end: 37, heartbeatMs: 15_000,
    });
    expect(entry.ino).toBe(String(statSync(s.main, { bigint: true }).ino));
    expect(Date.parse(entry.openedAt)).toBeLessThanOrEqual(Date.now());
    expect(liveRegistrations()).toBeGreaterThan(0);

    reg.update({ generation: '37+2000', end: 40 });
    const updated = parseEntry(readFileSync(reg.entryPath as string, 'utf8'));
    expect(typeof updated !== 'string' && [updated.generation, updated.end]).toEqual(['37+2000', 40]);

    reg.unregister();
    reg.unregister();
    expect(existsSync(reg.dir)).toBe(false);
    const after = snapshot(s.main);
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(after.mtimeNs).toBe(before.mtimeNs);
  });

  it('degrades to "not registered" when the registry directory cannot be created', () => {
    const s = fresh();
    writeFileSync(`${s.main}.readers`, 'a file in the way');
    const before = snapshot(s.main);
    const h = openStorageFile(s.main, { aside: s.aside });
    try {
      expect(h.storage.view('a').rowCount).toBe(8);
      expect(h.presence.registered).toBe(false);
      expect(h.presence.problems).toHaveLength(1);
      expect(h.presence.problems[0]).toMatch(/^main: not registered: cannot write .*main\.mk\.readers \(ENOTDIR: not a directory.*OS scan/);
      expect(h.presence.entries.find((e) => e.file === 'aside')?.entryPath).toMatch(/aside\.mka\.readers\//);
    } finally {
      h.close();
    }
    expect(readFileSync(`${s.main}.readers`, 'utf8')).toBe('a file in the way');
    expect(snapshot(s.main).bytes.equals(before.bytes)).toBe(true);
    expect(snapshot(s.main).mtimeNs).toBe(before.mtimeNs);
  });

  it('can be switched off with MKINSPECT_PRESENCE=off', () => {
    const s = fresh();
    process.env.MKINSPECT_PRESENCE = 'off';
    const h = openStorageFile(s.main);
    expect(h.presence.registered).toBe(false);
    expect(h.presence.problems[0]).toContain('MKINSPECT_PRESENCE=off');
    expect(existsSync(`${s.main}.readers`)).toBe(false);
    h.close();
  });
});

describe('openStorageFile', () => {
  it('registers main and aside as the given role and unregisters when the storage closes', () => {
    const s = fresh();
    const before = { main: snapshot(s.main), aside: snapshot(s.aside) };
    const h = openStorageFile(s.main, { aside: s.aside, role: 'inspector' });
    expect(h.presence.registered).toBe(true);
    const mainEntries = readRegistryDir(registryDirOf(s.main));
    const asideEntries = readRegistryDir(registryDirOf(s.aside));
    expect(mainEntries.map((e) => [e.entry?.role, e.entry?.mode, e.entry?.generation, e.entry?.end])).toEqual([['inspector', 'read', '37+1428', 37]]);
    expect(asideEntries.map((e) => [e.entry?.role, e.entry?.generation, e.entry?.end])).toEqual([['inspector', '37+1428', 1428]]);
    // Closing the Storage itself (not only the handle) removes the entries: commands that only know
    // the storage cannot leak them.
    h.storage.close();
    expect(existsSync(`${s.main}.readers`)).toBe(false);
    expect(existsSync(`${s.aside}.readers`)).toBe(false);
    h.close();
    for (const [p, b] of [[s.main, before.main], [s.aside, before.aside]] as const) {
      expect(snapshot(p).bytes.equals(b.bytes)).toBe(true);
      expect(snapshot(p).mtimeNs).toBe(b.mtimeNs);
    }
  });

  it('opens read-only only (writable opens are openWritableStorageFile\'s)', () => {
    const s = fresh();
    expect(() => openStorageFile(s.main, { mode: 'extend' })).toThrow(RangeError);
    expect(() => openStorageFile(s.main, { mode: 'extend' })).toThrow(/for mode 'extend' use openWritableStorageFile/);
    expect(existsSync(`${s.main}.readers`)).toBe(false);
  });

  it('leaves no entry behind when the file is not a datafile', () => {
    const s = fresh();
    writeFileSync(s.main, 'not metakit at all');
    expect(() => openStorageFile(s.main)).toThrow(/not a Metakit datafile/);
    expect(existsSync(`${s.main}.readers`)).toBe(false);
  });
});

describe('mkinspect readers', () => {
  it('refuses a missing file with exit code 2', async () => {
    const r = await runInProcess(['readers', '/nonexistent/dir/x.mk']);
    expect(r).toEqual({ code: 2, out: '', err: 'mkinspect: error IO: expected to open /nonexistent/dir/x.mk read-only, but ENOENT: no such file (file /nonexistent/dir/x.mk)\n' });
  });
});

describe('registry entries', () => {
  it('rejects files that are not entries, with the reason', () => {
    expect(parseEntry('{')).toMatch(/^not JSON/);
    expect(parseEntry('{"v":1,"pid":-3}')).toMatch(/^not a registry entry \(.*pid/);
  });
});
