/**
 * App lifecycle: one instance, the app:// scheme, the document service in its worker, the contract
 * on IPC, the menu, the window; files from the command line, from a second launch and from the OS
 * (macOS open-file) open as documents.
 */
import { app, BrowserWindow, session, type WebContents } from 'electron';
import { join } from 'node:path';
import { startServiceClient, type ServiceClient } from '../service/host/serviceClient.js';
import type { MenuCommand } from '../shared/contract.js';
import { APP_VERSION } from '../shared/security.js';
import { registerContract, sendEvent } from './ipc.js';
import { desktopApi } from './mainApi.js';
import { installMenu } from './menu.js';
import { preloadPath, rendererDir } from './paths.js';
import { handleAppScheme, registerAppScheme } from './protocol.js';
import { hardenSession } from './security.js';
import { createMainWindow } from './window.js';

/** Datafiles named on a command line (the app's own flags and the executable are skipped). */
export function filesFromArgv(argv: readonly string[]): string[] {
  return argv.slice(app.isPackaged ? 1 : 2).filter((a) => !a.startsWith('-') && /\.(mk|mka|kit)$/i.test(a));
}

export function startApp(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  let win: BrowserWindow | null = null;
  let service: ServiceClient | null = null;
  const pending: string[] = [...filesFromArgv(process.argv)];
  const windows = new Set<WebContents>();

  const command = (c: MenuCommand): void => {
    if (win) sendEvent(win.webContents, { type: 'menu', command: c });
  };
  const openPath = async (path: string): Promise<void> => {
    if (!service) {
      pending.push(path);
      return;
    }
    const r = await api().openDocument({ path });
    if (r.ok && win) sendEvent(win.webContents, { type: 'documentOpened', document: r.value });
  };
  const refreshMenu = async (): Promise<void> => {
    const recent = service ? await service.listRecent({}) : null;
    installMenu(recent?.ok ? recent.value : [], {
      command,
      openRecent: (f) => void openPath(f.path),
      clearRecent: () => void api().clearRecent({}),
      isMac: process.platform === 'darwin',
      devTools: !app.isPackaged,
    });
  };
  let desktop: ReturnType<typeof desktopApi> | null = null;
  const api = (): ReturnType<typeof desktopApi> => {
    if (!desktop) throw new Error('the document service is not started');
    return desktop;
  };

  app.on('second-instance', (_e, argv) => {
    for (const f of filesFromArgv(argv)) void openPath(f);
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('open-file', (e, path) => {
    e.preventDefault();
    void openPath(path);
  });
  app.on('web-contents-created', (_e, wc) => {
    wc.on('will-attach-webview', (event) => event.preventDefault());
    wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void service?.close();
  });

  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    handleAppScheme(rendererDir());
    service = startServiceClient({ version: APP_VERSION, transport: 'ipc', configDir: join(app.getPath('userData'), 'inspector') });
    desktop = desktopApi(service, () => win, () => void refreshMenu());
    service.subscribe((event) => {
      for (const wc of windows) sendEvent(wc, event);
    });
    registerContract(desktop, (wc) => windows.has(wc));
    await refreshMenu();
    const open = (): void => {
      win = createMainWindow(preloadPath());
      const wc = win.webContents;
      windows.add(wc);
      win.on('closed', () => {
        windows.delete(wc);
        win = null;
      });
      wc.once('did-finish-load', () => {
        for (const f of pending.splice(0)) void openPath(f);
      });
    };
    open();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open();
    });
  });
}
