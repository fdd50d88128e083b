/**
 * The preload: one method per contract channel (methods.ts, without zod: the schemas are checked in
 * the main process), exposed as window.api; plus event subscription and the path of a dropped file.
 * Nothing else reaches the page. Runs sandboxed, so it is bundled to one CommonJS file
 * (dist/electron/preload/preload.cjs) by scripts/build.js.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { InspectorApi, InspectorEvent, PreloadBridge } from '../shared/contract.js';
import { channelOf, EVENT_CHANNEL, forwardEach } from '../shared/methods.js';
import type { Result } from '../shared/result.js';

const api: PreloadBridge = {
  ...forwardEach<InspectorApi>((method, args) => ipcRenderer.invoke(channelOf(method), args) as Promise<Result<unknown>>),
  subscribe: (listener) => {
    const handler = (_event: IpcRendererEvent, event: InspectorEvent): void => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  pathForFile: (file) => webUtils.getPathForFile(file as File),
};

contextBridge.exposeInMainWorld('api', api);
