/**
 * The loopback server: the contract over HTTP (POST /api/<method> with the JSON argument, answering the
 * JSON Result), Server-Sent Events at /api/events, and the built renderer. Binds 127.0.0.1 only;
 * every request must pass the Host/Origin checks and carry the per-run token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InspectorTransport } from '../shared/contract.js';
import { dispatch } from '../shared/dispatch.js';
import { SECURITY_HEADERS } from '../shared/security.js';
import { checkAddress, checkToken, newToken, sameTokenText, tokenCookie } from './auth.js';
import { EventStreams } from './events.js';
import { MISSING_RENDERER_PAGE, staticFile } from './staticFiles.js';

export const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 1 << 20;

export interface LoopbackOptions {
  api: InspectorTransport;
  /** 0 picks a free port. */
  port?: number;
  /** Directory of the built renderer, or null to serve only the API. */
  staticDir: string | null;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
  /**
   * Told the longest synchronous slice each API request spent on this thread (before handing the call
   * to the service, and after: serialising the answer). Measurements use it.
   */
  onTiming?: (method: string, syncMs: number) => void;
}

export interface LoopbackServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        // Answer 413 and drop the rest of the body; the connection closes after the answer.
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const token = options.token ?? newToken();
  const streams = new EventStreams();
  const unsubscribe = options.api.subscribe((e) => streams.send(e));
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const address = checkAddress(req, port);
    if (!address.ok) return send(res, address.status, `${address.reason}\n`, 'text/plain; charset=utf-8');
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    // First visit: the printed URL carries the token; trade it for a cookie and drop it from the URL.
    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!sameTokenText(url.searchParams.get('token'), token)) return send(res, 401, 'wrong token: open the URL the server printed\n', 'text/plain; charset=utf-8');
      return send(res, 303, '', 'text/plain; charset=utf-8', { Location: '/', 'Set-Cookie': tokenCookie(port, token) });
    }
    const auth = checkToken(req, port, token);
    if (!auth.ok) return send(res, auth.status, `${auth.reason}\n`, 'text/plain; charset=utf-8');

    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return send(res, 405, 'GET only\n', 'text/plain; charset=utf-8');
      streams.add(res, { ...SECURITY_HEADERS });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'POST only\n', 'text/plain; charset=utf-8', { Allow: 'POST' });
      // A JSON body cannot be sent by a plain HTML form: one more wall against cross-site requests.
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'expected Content-Type: application/json\n', 'text/plain; charset=utf-8');
      const body = await readBody(req);
      if (body === null) return send(res, 413, `request body over ${MAX_BODY_BYTES} bytes\n`, 'text/plain; charset=utf-8', { Connection: 'close' });
      let args: unknown;
      try {
        args = body === '' ? {} : JSON.parse(body);
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'BAD_ARGUMENT', message: 'the request body is not JSON' } }), 'application/json');
      }
      const method = url.pathname.slice('/api/'.length);
      const before = performance.now();
      const pending = dispatch(options.api, method, args);
      const handOff = performance.now() - before;
      const result = await pending;
      const after = performance.now();
      send(res, 200, JSON.stringify(result), 'application/json');
      options.onTiming?.(method, Math.max(handOff, performance.now() - after));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only\n', 'text/plain; charset=utf-8');
    if (!options.staticDir) return send(res, url.pathname === '/' ? 200 : 404, MISSING_RENDERER_PAGE, 'text/html; charset=utf-8');
    const file = staticFile(options.staticDir, url.pathname);
    if (!file) return send(res, 404, 'not found\n', 'text/plain; charset=utf-8');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Cache-Control': url.pathname.startsWith('/assets/') ? 'max-age=31536000, immutable' : 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, `internal error: ${e instanceof Error ? e.message : String(e)}\n`, 'text/plain; charset=utf-8');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    close: () => new Promise<void>((resolve) => {
      unsubscribe();
      streams.close();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
