/** `mkinspect serve` as a real process: the printed URL, the files opened, a clean stop on SIGINT. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiCall, rawRequest } from '../helpers/http.js';
import { ROOT, startServe } from '../helpers/serveProcess.js';
import { corpusFile, tempDir } from '../helpers/service.js';

describe('mkinspect serve', () => {
  it('prints the URL with the token on stdout, opens the files, and stops on SIGINT with exit 0', async () => {
    const s = await startServe([corpusFile('rows-100'), corpusFile('aside-4', 'main.mk'), '--aside', corpusFile('rows-1000')], { MKINSPECT_CONFIG_DIR: tempDir() });
    try {
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
      const docs = await apiCall<{ title: string; main: { mode: string } }[]>(s.port, s.token, 'listDocuments', {});
      expect(docs.ok && docs.value.map((d) => [d.title, d.main.mode])).toEqual([['data.mk', 'read'], ['main.mk', 'read']]);
      expect((await rawRequest(s.port, { path: '/api/listDocuments', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
      await expect.poll(() => s.stderr()).toMatch(/2 of 2 file\(s\) open/);
    } finally {
      expect(await s.stop()).toBe(0);
    }
  });

  it('reports files it cannot open and keeps serving the others', async () => {
    const s = await startServe([corpusFile('damaged-not-metakit', 'text.mk'), corpusFile('rows-100')], { MKINSPECT_CONFIG_DIR: tempDir() });
    try {
      expect(s.stderr()).toMatch(/cannot open .*text\.mk: NOT_METAKIT: expected a Metakit datafile/);
      await expect.poll(() => s.stderr()).toMatch(/1 of 2 file\(s\) open/);
    } finally {
      expect(await s.stop()).toBe(0);
    }
  });

  it('refuses a bad port with exit code 2', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'mkinspect.js'), 'serve', '--port', '70000'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/expected a port 0\.\.65535, got '70000'/);
    expect(r.stdout).toBe('');
  });
});
