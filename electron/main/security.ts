/**
 * The Electron security checklist (with window.ts, whose webPreferences are written out literally so
 * Electronegativity can check them): no navigation, no new windows, no webviews, no permissions, the
 * CSP on every response, and which frames may call the contract (our top frame on our own scheme).
 */
import type { Session, WebContents, WebFrameMain } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared/security.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'inspector';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** True for URLs of our own pages. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Only the top frame of one of our windows, showing our own page, may use the contract. */
export function isTrustedSender(frame: WebFrameMain | null | undefined, trusted: (wc: WebContents) => boolean, sender: WebContents): boolean {
  if (!frame || frame.parent !== null) return false;
  if (!trusted(sender)) return false;
  return isAppUrl(frame.url);
}

export function hardenWebContents(wc: WebContents): void {
  // Drag-and-drop and links must never take the window away from the app.
  wc.on('will-navigate', (event, url) => {
    if (url !== wc.getURL()) event.preventDefault();
  });
  wc.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
  // The protocol handler sets the CSP too; this also covers anything else the session serves.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
