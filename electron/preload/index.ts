/**
 * Preload (sandboxed, context-isolated): exposes ./api.ts as `window.synack`. Only `contextBridge`,
 * `ipcRenderer` and `webUtils` are used, all of which a sandboxed preload may require.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createPreloadApi } from './api';

const api = createPreloadApi({
  ipc: ipcRenderer,
  platform: process.platform,
  pathForFile: (file) => webUtils.getPathForFile(file as File),
  // Same window, so '*' names no foreign origin; file:// pages have the opaque origin 'null'.
  postToPage: (message, ports) => window.postMessage(message, '*', ports as MessagePort[]),
});

contextBridge.exposeInMainWorld('synack', api);
