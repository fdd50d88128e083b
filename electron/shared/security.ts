/**
 * The renderer's Content-Security-Policy, one text for every way the renderer is served: the
 * Electron protocol handler, the loopback server, and the meta tag of renderer/index.html (a test
 * keeps the three equal). No inline script or style, no eval, no remote origin, no framing.
 */
const PAGE_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** Sent as a header. */
export const CONTENT_SECURITY_POLICY = [...PAGE_DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** The meta tag's copy: browsers ignore (and complain about) frame-ancestors in a meta tag. */
export const CONTENT_SECURITY_POLICY_META = PAGE_DIRECTIVES.join('; ');

/** Headers sent with every response of the renderer (Electron protocol and loopback server). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const APP_VERSION = '0.1.0';
