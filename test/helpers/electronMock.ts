/**
 * A stand-in for the `electron` module (no Electron binary here): records what the main process and
 * the preload register (IPC handlers, windows and their options and event handlers, session
 * handlers, protocol handlers, menus) so tests can call and inspect them. Use with
 * `vi.mock('electron', async () => (await import('../helpers/electronMock.js')).electron)`.
 */
type Handler = (...args: unknown[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Handler[]>();
  on(name: string, fn: Handler): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn]);
    return this;
  }
  once(name: string, fn: Handler): this {
    return this.on(name, fn);
  }
  removeListener(name: string, fn: Handler): this {
    this.listeners.set(name, (this.listeners.get(name) ?? []).filter((f) => f !== fn));
    return this;
  }
  emit(name: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(name) ?? []).map((f) => f(...args));
  }
}

let nextContentsId = 1;

export class FakeWebContents extends FakeEmitter {
  readonly id = nextContentsId++;
  url = '';
  sent: [string, unknown][] = [];
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  setWindowOpenHandler(fn: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = fn;
  }
  getURL(): string {
    return this.url;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return false;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static created: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.created;
  }
  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    this.webContents.url = url;
    return Promise.resolve();
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
}

class FakeSession extends FakeEmitter {
  permissionRequest: Handler | null = null;
  permissionCheck: Handler | null = null;
  headersReceived: Handler | null = null;
  setPermissionRequestHandler(fn: Handler): void {
    this.permissionRequest = fn;
  }
  setPermissionCheckHandler(fn: Handler): void {
    this.permissionCheck = fn;
  }
  readonly webRequest = {
    onHeadersReceived: (fn: Handler): void => {
      this.headersReceived = fn;
    },
  };
}

function makeElectron() {
  const state = {
    handlers: new Map<string, Handler>(),
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, Handler>(),
    menus: [] as unknown[],
    exposed: new Map<string, unknown>(),
    rendererListeners: new Map<string, Handler[]>(),
    invoked: [] as [string, unknown][],
    recentDocuments: [] as string[],
    dialogResult: { canceled: false, filePaths: ['/chosen/file.mk'] } as { canceled: boolean; filePaths: string[] },
    singleInstance: true,
    quitCalled: false,
  };
  const app = Object.assign(new FakeEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => state.singleInstance,
    quit: () => { state.quitCalled = true; },
    whenReady: () => new Promise<void>(() => {}),
    getPath: () => '/tmp/mk-electron-test',
    addRecentDocument: (p: string) => { state.recentDocuments.push(p); },
    clearRecentDocuments: () => { state.recentDocuments = []; },
  });
  const defaultSession = new FakeSession();
  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    session: { defaultSession },
    nativeTheme: { themeSource: 'system', shouldUseDarkColors: false },
    ipcMain: {
      handle: (channel: string, fn: Handler) => {
        if (state.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        state.handlers.set(channel, fn);
      },
      removeHandler: (channel: string) => state.handlers.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.schemes.push(...schemes),
      handle: (scheme: string, fn: Handler) => state.protocolHandlers.set(scheme, fn),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: unknown) => state.menus.push(menu),
    },
    dialog: { showOpenDialog: async () => state.dialogResult },
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => state.exposed.set(key, value) },
    ipcRenderer: {
      invoke: async (channel: string, args: unknown) => {
        state.invoked.push([channel, args]);
        return { ok: true, value: channel };
      },
      on: (channel: string, fn: Handler) => state.rendererListeners.set(channel, [...(state.rendererListeners.get(channel) ?? []), fn]),
      removeListener: (channel: string, fn: Handler) => state.rendererListeners.set(channel, (state.rendererListeners.get(channel) ?? []).filter((f) => f !== fn)),
    },
    webUtils: { getPathForFile: (f: { name: string }) => `/dropped/${f.name}` },
  };
  return { module, state, defaultSession };
}

export const fake = makeElectron();
export const electron = { ...fake.module, default: fake.module };
