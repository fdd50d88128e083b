/**
 * issue 14.3, recent files: the service lists only files that still exist (a stat per entry; the gone
 * ones are dropped and forgotten), newest first, with Clear; a list that cannot be read is an IO error
 * naming the file (the renderer shows it with Retry), and never stops a file from opening.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentService } from '../../electron/service/documentService.js';
import { corpusFile, errorOf, newService, tempDir, unwrap } from '../helpers/service.js';

const services: DocumentService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
});

function service(configDir: string): DocumentService {
  const s = newService(configDir);
  services.push(s);
  return s;
}

/** n real datafiles (copies of rows-100) in a scratch folder. */
function files(n: number): string[] {
  const dir = tempDir('mk-recent-files-');
  return Array.from({ length: n }, (_, i) => {
    const path = join(dir, `f${i}.mk`);
    copyFileSync(corpusFile('rows-100'), path);
    return path;
  });
}

async function openAndClose(s: DocumentService, path: string): Promise<void> {
  const doc = unwrap(await s.openDocument({ path }));
  unwrap(await s.closeDocument({ docId: doc.id }));
}

const storedPaths = (configDir: string): string[] =>
  (JSON.parse(readFileSync(join(configDir, 'recent-files.json'), 'utf8')) as { files: { path: string }[] }).files.map((f) => f.path);

describe('issue 14.3: recent files', () => {
  it('lists newest first; a deleted file is dropped from the list and from the stored list', async () => {
    const config = tempDir();
    const [a, b, c] = files(3) as [string, string, string];
    const s = service(config);
    for (const f of [a, b, c]) await openAndClose(s, f);
    expect(unwrap(await s.listRecent({})).map((r) => r.path)).toEqual([c, b, a]);
    await openAndClose(s, a);
    expect(unwrap(await s.listRecent({})).map((r) => r.path)).toEqual([a, c, b]);

    rmSync(c);
    rmSync(b);
    const listed = unwrap(await s.listRecent({}));
    expect(listed.map((r) => r.path)).toEqual([a]);
    expect(listed[0]).toMatchObject({ name: 'f0.mk', aside: null });
    expect(storedPaths(config)).toEqual([a]);
    // A file that comes back is listed again once it is opened again.
    copyFileSync(corpusFile('rows-100'), b);
    await openAndClose(s, b);
    expect(unwrap(await s.listRecent({})).map((r) => r.path)).toEqual([b, a]);
  });

  it('a path that became a directory is dropped too', async () => {
    const config = tempDir();
    const [a, b] = files(2) as [string, string];
    const s = service(config);
    await openAndClose(s, a);
    await openAndClose(s, b);
    rmSync(b);
    mkdirSync(b);
    expect(unwrap(await s.listRecent({})).map((r) => r.path)).toEqual([a]);
  });

  it('orders by the time of opening, also when the stored list is not in that order', async () => {
    const config = tempDir();
    const [a, b, c] = files(3) as [string, string, string];
    writeFileSync(join(config, 'recent-files.json'), JSON.stringify({ version: 1, files: [
      { path: a, aside: null, openedAt: 1000 }, { path: b, aside: null, openedAt: 3000 }, { path: c, aside: '/x/c.mka', openedAt: 2000 },
    ] }));
    const listed = unwrap(await service(config).listRecent({}));
    expect(listed.map((r) => [r.path, r.openedAt, r.aside])).toEqual([[b, 3000, null], [c, 2000, '/x/c.mka'], [a, 1000, null]]);
  });

  it('Clear empties the list, for this process and in the stored file', async () => {
    const config = tempDir();
    const [a] = files(1) as [string];
    const s = service(config);
    await openAndClose(s, a);
    unwrap(await s.clearRecent({}));
    expect(unwrap(await s.listRecent({}))).toEqual([]);
    expect(storedPaths(config)).toEqual([]);
    expect(unwrap(await service(config).listRecent({}))).toEqual([]);
  });

  it('two inspector processes sharing the list keep each other\'s entries', async () => {
    const config = tempDir();
    const [a, b] = files(2) as [string, string];
    const one = service(config);
    const two = service(config);
    await openAndClose(one, a);
    await openAndClose(two, b);
    expect(unwrap(await one.listRecent({})).map((r) => r.path)).toEqual([b, a]);
  });

  it('an unreadable list is an IO error naming it; the file still opens; fixing the cause makes it list again', async () => {
    const config = tempDir();
    const [a] = files(1) as [string];
    const stored = join(config, 'recent-files.json');
    mkdirSync(stored);
    const s = service(config);
    const e = errorOf(await s.listRecent({}));
    expect(e.code).toBe('IO');
    expect(e.message).toMatch(new RegExp(`^cannot read the recent files list ${stored.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: EISDIR`));
    const doc = unwrap(await s.openDocument({ path: a }));
    expect(doc.main.path).toBe(a);
    rmSync(stored, { recursive: true });
    expect(unwrap(await s.listRecent({}))).toEqual([]);
    await openAndClose(s, a);
    expect(unwrap(await s.listRecent({})).map((r) => r.path)).toEqual([a]);
  });

  it('a list that is not JSON is an IO error that says Clear starts a new one; Clear does', async () => {
    const config = tempDir();
    writeFileSync(join(config, 'recent-files.json'), '{"version": 1, "files": [');
    const s = service(config);
    expect(errorOf(await s.listRecent({}))).toMatchObject({ code: 'IO', message: expect.stringMatching(/to be JSON, but .*\(Clear starts a new list\)$/) as unknown });
    unwrap(await s.clearRecent({}));
    expect(unwrap(await s.listRecent({}))).toEqual([]);
  });
});
