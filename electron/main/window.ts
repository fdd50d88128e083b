/** The main window: locked down (security.ts), showing app://inspector/index.html. */
import { BrowserWindow, nativeTheme } from 'electron';
import { APP_URL, hardenWebContents } from './security.js';

export function createMainWindow(preload: string): BrowserWindow {
  // Light and dark follow the operating system (the renderer's CSS reads prefers-color-scheme).
  nativeTheme.themeSource = 'system';
  const win = new BrowserWindow({
    width: 1400,
    height: 880,
    minWidth: 720,
    minHeight: 480,
    title: 'Metakit Inspector',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#16191f' : '#ffffff',
    // Written out here, not built elsewhere: Electronegativity checks this literal.
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}
