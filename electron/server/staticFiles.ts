/** The built renderer, served read-only from one directory (no listing, no path outside it). */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** renderer/dist from a source checkout (electron/server) or a compiled one (dist/electron/server). */
export function findRendererDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../..', '../../..']) {
    const dir = resolve(here, up, 'renderer', 'dist');
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}

export interface StaticFile {
  body: Buffer;
  type: string;
}

/** The file for a URL path, or null; `/` is index.html. */
export function staticFile(root: string, urlPath: string): StaticFile | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = normalize(join(root, rel));
  if (!file.startsWith(root + sep)) return null;
  try {
    if (!statSync(file).isFile()) return null;
    return { body: readFileSync(file), type: TYPES[extname(file)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}

export const MISSING_RENDERER_PAGE = `<!doctype html><meta charset="utf-8"><title>Metakit Inspector</title>
<p>The renderer is not built. Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The API works without it: POST /api/&lt;method&gt; with JSON.</p>`;
