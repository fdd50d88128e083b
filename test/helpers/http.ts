/** Raw HTTP requests against the loopback server, with full control over Host, Origin and cookies. */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function rawRequest(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers ?? {}, setHost: !(options.headers && 'Host' in options.headers) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Calls one contract method the way the renderer's HTTP client does. */
export async function apiCall<T = unknown>(port: number, token: string, method: string, args: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
  const r = await rawRequest(port, {
    method: 'POST', path: `/api/${method}`, body: JSON.stringify(args),
    headers: { 'Content-Type': 'application/json', 'X-MK-Token': token },
  });
  if (r.status !== 200) throw new Error(`${method}: HTTP ${r.status} ${r.body}`);
  return JSON.parse(r.body) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
}
