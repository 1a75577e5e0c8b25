/**
 * The API the preload exposes as `window.synack` (renderer/backend/electron-api.d.ts SynackPreloadApi, plus
 * typed `invoke`/`on` for the app channels of ./app-contract.ts). Built here from an injected
 * ipcRenderer-like object so tests check the allowlist without Electron; ./index.ts passes the real one.
 * Nothing generic is exposed: no send(channel), no ipcRenderer, and listeners never see the IPC event
 * (Electron security checklist #20; zui's typing without its pass-through).
 */
import { PROTOCOL_VERSION } from '../../shared/ipc/contract';
import {
  type AppEventName, type AppEvents, type AppRequestName, type AppRequestPayload, type AppResponse,
  checkAppRequest, isAppEventName, PORT_CHANNEL, PORT_MESSAGE_TYPE, REQUEST_PORT_CHANNEL,
} from './app-contract';

/** The parts of ipcRenderer the preload uses (structural, so a test can pass a stand-in). */
export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  send(channel: string): void;
  on(channel: string, listener: (event: { ports?: readonly unknown[] }, payload: unknown) => void): void;
  removeListener(channel: string, listener: (event: { ports?: readonly unknown[] }, payload: unknown) => void): void;
}

export interface PreloadDeps {
  ipc: IpcRendererLike;
  platform: string;
  /** webUtils.getPathForFile */
  pathForFile(file: unknown): string;
  /** window.postMessage in the page (the port cannot cross contextBridge, a window message can). */
  postToPage(message: { type: string }, ports: readonly unknown[]): void;
}

export interface SynackAppApi {
  readonly protocol: number;
  readonly platform: string;
  requestPort(): void;
  openFileDialog(): Promise<string | null>;
  pathForFile(file: unknown): string;
  initialFile(): Promise<string | null>;
  invoke<K extends AppRequestName>(name: K, payload: AppRequestPayload<K>): Promise<AppResponse<K>>;
  on<K extends AppEventName>(name: K, cb: (payload: AppEvents[K]) => void): () => void;
}

export function createPreloadApi(deps: PreloadDeps): SynackAppApi {
  const { ipc } = deps;
  // Ports main sends are forwarded to the page as they come (one at start, one after each worker restart).
  ipc.on(PORT_CHANNEL, (event) => {
    if (event.ports && event.ports.length === 1) deps.postToPage({ type: PORT_MESSAGE_TYPE }, event.ports);
  });
  const invoke = <K extends AppRequestName>(name: K, payload: AppRequestPayload<K>): Promise<AppResponse<K>> => {
    const why = checkAppRequest(name, payload);
    if (why) return Promise.reject(new Error(why));
    return ipc.invoke(name, payload) as Promise<AppResponse<K>>;
  };
  return Object.freeze({
    protocol: PROTOCOL_VERSION,
    platform: deps.platform,
    requestPort: () => ipc.send(REQUEST_PORT_CHANNEL),
    openFileDialog: () => invoke('app.openFileDialog', null),
    initialFile: () => invoke('app.initialFile', null),
    pathForFile: (file: unknown) => {
      try { return deps.pathForFile(file); } catch { return ''; }
    },
    invoke,
    on<K extends AppEventName>(name: K, cb: (payload: AppEvents[K]) => void): () => void {
      if (!isAppEventName(name)) throw new Error(`unknown event ${String(name)}`);
      const listener = (_event: unknown, payload: unknown): void => cb(payload as AppEvents[K]);
      ipc.on(name, listener);
      return () => ipc.removeListener(name, listener);
    },
  });
}
