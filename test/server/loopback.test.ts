/**
 * The loopback server's walls: 127.0.0.1 only, the per-run token (missing or wrong: 401), Host and
 * Origin (foreign: 403), JSON-only POSTs, no path outside the renderer; and the contract over HTTP
 * and SSE behind them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentService } from '../../electron/service/documentService.js';
import { startLoopbackServer, type LoopbackServer } from '../../electron/server/server.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/shared/security.js';
import { apiCall, rawRequest } from '../helpers/http.js';
import { corpusFile, newService, tempDir } from '../helpers/service.js';

let service: DocumentService;
let server: LoopbackServer;
let staticDir: string;

beforeAll(async () => {
  service = newService();
  staticDir = tempDir();
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>renderer</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startLoopbackServer({ api: service, port: 0, staticDir });
});
afterAll(async () => {
  await server.close();
  service.dispose();
});

const json = { 'Content-Type': 'application/json' };

describe('loopback server: who may talk to it', () => {
  it('prints a URL on 127.0.0.1 with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  });

  it('listens on the loopback interface only', async () => {
    const others = Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal);
    for (const a of others) {
      const refused = await fetch(`http://${a?.address}:${server.port}/`).then(() => false, () => true);
      expect(refused, `reachable on ${a?.address}`).toBe(true);
    }
    const ok = await rawRequest(server.port, { headers: { 'X-MK-Token': server.token } });
    expect(ok.status).toBe(200);
  });

  it('refuses requests without the token (401)', async () => {
    for (const path of ['/', '/assets/app.js', '/api/events']) {
      const r = await rawRequest(server.port, { path });
      expect(r.status, path).toBe(401);
      expect(r.body).toBe('no token: open the URL the server printed\n');
    }
    const post = await rawRequest(server.port, { method: 'POST', path: '/api/listDocuments', headers: json, body: '{}' });
    expect(post.status).toBe(401);
  });

  it('refuses a wrong token in the header, the cookie or the URL (401)', async () => {
    const wrong = `${server.token.slice(0, -1)}${server.token.endsWith('A') ? 'B' : 'A'}`;
    const viaHeader = await rawRequest(server.port, { method: 'POST', path: '/api/listDocuments', headers: { ...json, 'X-MK-Token': wrong }, body: '{}' });
    expect(viaHeader.status).toBe(401);
    expect(viaHeader.body).toBe('wrong token: open the URL the server printed\n');
    const viaCookie = await rawRequest(server.port, { path: '/', headers: { Cookie: `mk_token_${server.port}=${wrong}` } });
    expect(viaCookie.status).toBe(401);
    const otherPortCookie = await rawRequest(server.port, { path: '/', headers: { Cookie: `mk_token_1=${server.token}` } });
    expect(otherPortCookie.status).toBe(401);
    const viaUrl = await rawRequest(server.port, { path: `/?token=${wrong}` });
    expect(viaUrl.status).toBe(401);
    expect(viaUrl.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a foreign Host header (403), even with the right token (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '']) {
      const r = await rawRequest(server.port, { path: '/', headers: { Host: host, 'X-MK-Token': server.token } });
      expect(r.status, host).toBe(403);
      expect(r.body).toMatch(/^Host '.*' is not this server/);
    }
    const localhost = await rawRequest(server.port, { path: '/', headers: { Host: `localhost:${server.port}`, 'X-MK-Token': server.token } });
    expect(localhost.status).toBe(200);
  });

  it('refuses a foreign Origin header (403), even with the right token', async () => {
    for (const origin of ['https://evil.example', `http://127.0.0.1:${server.port + 1}`, 'null']) {
      const r = await rawRequest(server.port, { method: 'POST', path: '/api/listDocuments', headers: { ...json, Origin: origin, 'X-MK-Token': server.token }, body: '{}' });
      expect(r.status, origin).toBe(403);
      expect(r.body).toBe(`Origin '${origin}' may not use this server\n`);
    }
    const own = await rawRequest(server.port, { method: 'POST', path: '/api/listDocuments', headers: { ...json, Origin: `http://127.0.0.1:${server.port}`, 'X-MK-Token': server.token }, body: '{}' });
    expect(own.status).toBe(200);
  });

  it('trades the token in the printed URL for an HttpOnly SameSite=Strict cookie and a clean URL', async () => {
    const first = await rawRequest(server.port, { path: `/?token=${server.token}` });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = (first.headers['set-cookie'] as string[])[0] as string;
    expect(cookie).toBe(`mk_token_${server.port}=${server.token}; HttpOnly; SameSite=Strict; Path=/`);
    const page = await rawRequest(server.port, { path: '/', headers: { Cookie: cookie.split(';')[0] as string } });
    expect(page.status).toBe(200);
    expect(page.body).toBe('<!doctype html><title>renderer</title>');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('accepts only JSON POSTs on the API and serves nothing outside the renderer directory', async () => {
    const h = { 'X-MK-Token': server.token };
    expect((await rawRequest(server.port, { method: 'POST', path: '/api/listDocuments', headers: { ...h, 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await rawRequest(server.port, { method: 'GET', path: '/api/listDocuments', headers: h })).status).toBe(405);
    const notJson = await rawRequest(server.port, { method: 'POST', path: '/api/listDocuments', headers: { ...h, ...json }, body: '{' });
    expect(notJson.status).toBe(400);
    expect((await rawRequest(server.port, { method: 'POST', path: '/api/x', headers: { ...h, ...json }, body: 'x'.repeat((1 << 20) + 1) })).status).toBe(413);
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/../../etc/passwd', '/%00']) {
      expect((await rawRequest(server.port, { path, headers: h })).status, path).toBe(404);
    }
    expect((await rawRequest(server.port, { path: '/assets/app.js', headers: h })).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });
});

describe('loopback server: the contract over HTTP and SSE', () => {
  it('validates arguments with the contract schemas and answers Results', async () => {
    const bad = await apiCall(server.port, server.token, 'getRows', { docId: 'd1', path: { view: 'big', steps: [] }, start: -1, count: 10 });
    expect(bad).toEqual({ ok: false, error: { code: 'BAD_ARGUMENT', message: expect.stringMatching(/^invalid arguments for getRows at start: /) } });
    const extra = await apiCall(server.port, server.token, 'listDocuments', { sneaky: true });
    expect(extra.ok).toBe(false);
    const unknown = await apiCall(server.port, server.token, 'constructor', {});
    expect(unknown).toEqual({ ok: false, error: { code: 'BAD_ARGUMENT', message: "unknown method 'constructor'" } });
    const native = await apiCall(server.port, server.token, 'chooseFile', {});
    expect(native.ok === false && native.error.code).toBe('UNSUPPORTED');
  });

  it('streams events to SSE subscribers', async () => {
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${server.port}/api/events`, { headers: { 'X-MK-Token': server.token }, signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const opened = await apiCall<{ id: string }>(server.port, server.token, 'openDocument', { path: corpusFile('rows-100') });
    expect(opened.ok).toBe(true);
    let text = '';
    while (!text.includes('"type":"documents"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const data = text.split('\n').find((l) => l.startsWith('data: ') && l.includes('"documents"')) as string;
    const event = JSON.parse(data.slice(6)) as { type: string; documents: { title: string }[] };
    expect(event.documents.map((d) => d.title)).toContain('data.mk');
    controller.abort();
  });
});
