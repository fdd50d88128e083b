/**
 * The preload: one method per channel, typed by the contract, exposed as window.api; plus event
 * subscription and the path of a dropped file. Nothing else reaches the page. Runs sandboxed, so it
 * is bundled to one CommonJS file (dist/electron/preload/preload.cjs) by scripts/build.js.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, type InspectorEvent, type PreloadBridge } from '../shared/contract.js';

const api = {
  appInfo: (args) => ipcRenderer.invoke('mk:appInfo', args),
  chooseFile: (args) => ipcRenderer.invoke('mk:chooseFile', args),
  openDocument: (args) => ipcRenderer.invoke('mk:openDocument', args),
  closeDocument: (args) => ipcRenderer.invoke('mk:closeDocument', args),
  listDocuments: (args) => ipcRenderer.invoke('mk:listDocuments', args),
  setAsideAttached: (args) => ipcRenderer.invoke('mk:setAsideAttached', args),
  listViews: (args) => ipcRenderer.invoke('mk:listViews', args),
  describeView: (args) => ipcRenderer.invoke('mk:describeView', args),
  getRows: (args) => ipcRenderer.invoke('mk:getRows', args),
  getCell: (args) => ipcRenderer.invoke('mk:getCell', args),
  getStats: (args) => ipcRenderer.invoke('mk:getStats', args),
  listRecent: (args) => ipcRenderer.invoke('mk:listRecent', args),
  clearRecent: (args) => ipcRenderer.invoke('mk:clearRecent', args),
  cancelJob: (args) => ipcRenderer.invoke('mk:cancelJob', args),
  subscribe: (listener) => {
    const handler = (_event: IpcRendererEvent, event: InspectorEvent): void => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  pathForFile: (file) => webUtils.getPathForFile(file as File),
} satisfies PreloadBridge;

contextBridge.exposeInMainWorld('api', api);
