/**
 * Who may talk to the loopback server: requests addressed to 127.0.0.1/localhost on our port (Host,
 * against DNS rebinding), from our own origin when the browser says where it comes from (Origin,
 * against other sites), and carrying the per-run token (cookie after the first visit, or a header).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-mk-token';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Cookies are not scoped by port: the name carries it so two servers do not overwrite each other. */
export function cookieName(port: number): string {
  return `mk_token_${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export type Verdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Checks Host and Origin (403) — the part that does not depend on the token. */
export function checkAddress(req: IncomingMessage, port: number): Verdict {
  const host = req.headers.host;
  if (!host || !allowedHosts(port).includes(host.toLowerCase())) {
    return { ok: false, status: 403, reason: `Host '${host ?? ''}' is not this server (expected 127.0.0.1:${port})` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`)) {
    return { ok: false, status: 403, reason: `Origin '${origin}' may not use this server` };
  }
  return { ok: true };
}

/** Checks the token from the cookie or the header (401). */
export function checkToken(req: IncomingMessage, port: number, token: string): Verdict {
  const header = req.headers[TOKEN_HEADER];
  const given = typeof header === 'string' ? header : cookieValue(req.headers.cookie, cookieName(port));
  if (given === undefined) return { ok: false, status: 401, reason: 'no token: open the URL the server printed' };
  if (!sameToken(given, token)) return { ok: false, status: 401, reason: 'wrong token: open the URL the server printed' };
  return { ok: true };
}

export function sameTokenText(given: string | null, token: string): boolean {
  return sameToken(given ?? undefined, token);
}
