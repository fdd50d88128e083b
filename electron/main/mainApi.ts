/**
 * The contract as the desktop app serves it: the document service (in its worker) plus what only the
 * main process can do: the native file dialog, the OS recent-documents list.
 */
import type { BrowserWindow } from 'electron';
import { app, dialog } from 'electron';
import type { InspectorApi, InspectorTransport } from '../shared/contract.js';
import { ok } from '../shared/result.js';

export const FILE_FILTERS = [
  { name: 'Metakit datafiles', extensions: ['mk', 'mka', 'kit'] },
  { name: 'All files', extensions: ['*'] },
];

export function desktopApi(service: InspectorTransport, window: () => BrowserWindow | null, onOpened: () => void): InspectorApi {
  return {
    ...service,
    appInfo: async (args) => {
      const r = await service.appInfo(args);
      return r.ok ? ok({ ...r.value, transport: 'ipc', canChooseFiles: true }) : r;
    },
    chooseFile: async () => {
      const win = window();
      const options = { title: 'Open a Metakit datafile', properties: ['openFile' as const], filters: FILE_FILTERS };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return ok(r.canceled ? null : (r.filePaths[0] ?? null));
    },
    openDocument: async (args) => {
      const r = await service.openDocument(args);
      if (r.ok) {
        app.addRecentDocument(r.value.main.path);
        onOpened();
      }
      return r;
    },
    clearRecent: async (args) => {
      app.clearRecentDocuments();
      const r = await service.clearRecent(args);
      onOpened();
      return r;
    },
  };
}
