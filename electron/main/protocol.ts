/**
 * The renderer is served from app://inspector/ (a standard, secure scheme) rather than file://: the
 * origin is ours alone, 'self' in the CSP means exactly the renderer's files, and nothing outside
 * renderer/dist can be read.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { SECURITY_HEADERS } from '../shared/security.js';
import { APP_HOST, APP_SCHEME } from './security.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.map': 'application/json',
};

/** Must run before the app is ready. (Module scripts are fetched: supportFetchAPI; same origin: no CORS.) */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false } }]);
}

/** The response for one app:// request. */
export async function serveAppRequest(root: string, url: string): Promise<Response> {
  const u = new URL(url);
  const headers = { ...SECURITY_HEADERS };
  if (u.host !== APP_HOST) return new Response('not found', { status: 404, headers });
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return new Response('bad path', { status: 400, headers });
  }
  const file = normalize(join(root, rel === '/' ? '/index.html' : rel));
  if (!file.startsWith(root + sep) || rel.includes('\0')) return new Response('not found', { status: 404, headers });
  try {
    const body = await readFile(file);
    return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' } });
  } catch {
    return new Response('not found', { status: 404, headers });
  }
}

export function handleAppScheme(root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(root, request.url));
}
