/**
 * The Electron security checklist, item by item, with electron mocked: webPreferences, CSP on every
 * response and in the page, no navigation, no new windows, no webviews, no permissions, no downloads,
 * the privileged app:// scheme that serves only renderer/dist, and a single instance.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fake, FakeBrowserWindow } from '../helpers/electronMock.js';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from '../../electron/shared/security.js';
import { tempDir } from '../helpers/service.js';
import { writeFileSync } from 'node:fs';

vi.mock('electron', async () => (await import('../helpers/electronMock.js')).electron);

const { createMainWindow } = await import('../../electron/main/window.js');
const { hardenSession, APP_URL } = await import('../../electron/main/security.js');
const { registerAppScheme, serveAppRequest } = await import('../../electron/main/protocol.js');
const { startApp } = await import('../../electron/main/app.js');

const ROOT = join(import.meta.dirname, '..', '..');

function newWindow() {
  const win = createMainWindow('/app/dist/electron/preload/preload.cjs') as unknown as FakeBrowserWindow;
  return win;
}

describe('Electron security checklist', () => {
  it('creates windows with context isolation, the sandbox, no Node integration and web security on', () => {
    const win = newWindow();
    // Stated as what is on and what is off (window.ts writes the literal out for Electronegativity).
    const prefs = win.options.webPreferences as Record<string, unknown>;
    const keysWith = (value: unknown): string[] => Object.keys(prefs).filter((k) => prefs[k] === value).sort();
    expect(keysWith(true)).toEqual(['contextIsolation', 'safeDialogs', 'sandbox', 'webSecurity']);
    expect(keysWith(false)).toEqual([
      'allowRunningInsecureContent', 'experimentalFeatures', 'navigateOnDragDrop', 'nodeIntegration',
      'nodeIntegrationInSubFrames', 'nodeIntegrationInWorker', 'spellcheck', 'webviewTag',
    ]);
    expect(prefs.preload).toBe('/app/dist/electron/preload/preload.cjs');
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(Object.keys(prefs)).toHaveLength(4 + 8 + 2);
    expect(win.loaded).toBe(APP_URL);
    expect(APP_URL).toBe('app://inspector/index.html');
  });

  it('denies navigation away from the page (links, dropped files, redirects)', () => {
    const wc = newWindow().webContents;
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://inspector/other.html', 'http://127.0.0.1:8080/']) {
      const event = { preventDefault: vi.fn() };
      wc.emit('will-navigate', event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    const same = { preventDefault: vi.fn() };
    wc.emit('will-navigate', same, APP_URL);
    expect(same.preventDefault).not.toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    wc.emit('will-redirect', redirect, 'https://evil.example/');
    expect(redirect.preventDefault).toHaveBeenCalled();
  });

  it('denies new windows and webviews', () => {
    const wc = newWindow().webContents;
    for (const url of ['https://example.com/', 'app://inspector/index.html', 'about:blank']) {
      expect(wc.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    const attach = { preventDefault: vi.fn() };
    wc.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('grants no permission, checks none as granted, refuses downloads, and adds the CSP to responses', () => {
    const ses = fake.defaultSession;
    hardenSession(ses as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      const callback = vi.fn();
      ses.permissionRequest?.(null, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(ses.permissionCheck?.(null, permission, 'app://inspector', {})).toBe(false);
    }
    const download = { preventDefault: vi.fn() };
    ses.emit('will-download', download, {}, {});
    expect(download.preventDefault).toHaveBeenCalled();
    const callback = vi.fn();
    ses.headersReceived?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  it('uses a strict CSP: no inline or eval script, no remote origin, no framing; the page carries it too', () => {
    expect(CONTENT_SECURITY_POLICY).toBe("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:/);
    const meta = (html: string): string | undefined => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    expect(meta(readFileSync(join(ROOT, 'renderer', 'index.html'), 'utf8'))).toBe(CONTENT_SECURITY_POLICY_META);
    const built = join(ROOT, 'renderer', 'dist', 'index.html');
    if (existsSync(built)) {
      const html = readFileSync(built, 'utf8');
      expect(meta(html)).toBe(CONTENT_SECURITY_POLICY_META);
      // The CSP forbids inline script: the built page must have none.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  it('serves the renderer from a privileged app:// scheme, with the CSP header, and nothing outside it', async () => {
    registerAppScheme();
    expect(fake.state.schemes).toContainEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false } });
    const root = tempDir();
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
    const page = await serveAppRequest(root, 'app://inspector/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html><title>x</title>');
    for (const url of ['app://inspector/../package.json', 'app://inspector/%2e%2e/%2e%2e/etc/passwd', 'app://other/index.html', 'app://inspector/missing.js']) {
      const r = await serveAppRequest(root, url);
      expect(r.status, url).toBe(404);
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('runs as a single instance and denies windows and webviews for every web contents created', () => {
    fake.state.singleInstance = false;
    startApp();
    expect(fake.state.quitCalled).toBe(true);
    fake.state.singleInstance = true;
    fake.state.quitCalled = false;
    startApp();
    expect(fake.state.quitCalled).toBe(false);
    const wc = new (FakeBrowserWindow)({}).webContents;
    fake.module.app.emit('web-contents-created', {}, wc);
    expect(wc.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const attach = { preventDefault: vi.fn() };
    wc.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });
});
