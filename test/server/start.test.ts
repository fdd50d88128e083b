/**
 * The README's start command on a machine without the Electron binary: `npm start` builds the
 * renderer, writes the demo database (mkinspect demo .demo) and the sample starkit, serves them on 127.0.0.1 and prints the URL with the token.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiCall, rawRequest } from '../helpers/http.js';
import { ROOT } from '../helpers/serveProcess.js';

describe('npm start (no Electron binary)', () => {
  it('serves the demo database and the samples, prints the URL and the demo writer hint; Ctrl+C stops it', async () => {
    expect(existsSync(join(ROOT, 'node_modules', 'electron', 'path.txt'))).toBe(false);
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.js'), '--no-open'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL in 120 s: ${out}`)), 120_000);
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /^http:\/\/127\.0\.0\.1:\d+\/\?token=\S+$/m.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[0]);
          }
        });
      });
      const u = new URL(url);
      const token = u.searchParams.get('token') as string;
      const docs = await apiCall<{ title: string; aside: unknown }[]>(Number(u.port), token, 'listDocuments', {});
      expect(docs.ok && docs.value.map((d) => d.title)).toEqual(['demo.mk', 'sample.kit', 'data.mk', 'data.mk', 'data.mk', 'data.mk', 'with-aside.mk']);
      // The demo database and the corpus pair both open with their asides attached.
      expect(docs.ok && docs.value[0]?.aside).not.toBeNull();
      expect(docs.ok && docs.value.at(-1)?.aside).not.toBeNull();
      expect(out).toContain('npx mkinspect demo-writer .demo --rate 5');
      const page = await rawRequest(Number(u.port), { path: `/?token=${token}` });
      expect(page.status).toBe(303);
      expect(out).toMatch(/Open http:\/\/127\.0\.0\.1:\d+\/\?token=\S+ in a browser/);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 180_000);
});
