/**
 * What the Electron preload (electron/preload/index.ts) is expected to expose as `window.synack` through
 * contextBridge. Minimal on purpose (STYLE.md §9.4): no ipcRenderer, no event objects. Packet traffic does
 * not go through it: main hands the page a MessagePort straight to the worker (or to the relay of an
 * elevated worker), carrying shared/ipc/frame-codec.ts frames, so main never reads a batch.
 */
export interface SynackPreloadApi {
  /** PROTOCOL_VERSION of shared/ipc/contract.ts the preload was built with. */
  readonly protocol: number;
  /** process.platform of the app. */
  readonly platform: string;
  /**
   * Asks main for a port to the worker. The preload forwards it to the page with
   * `window.postMessage({ type: 'synack.port' }, '*', [port])` (contextBridge cannot pass ports).
   */
  requestPort(): void;
  /** Native "Open capture file" dialog; null when cancelled. */
  openFileDialog(): Promise<string | null>;
  /** Path of a dropped File (webUtils.getPathForFile), '' when it has none. */
  pathForFile(file: File): string;
  /** Path given on the command line or by the OS file association, once at start; null when none. */
  initialFile(): Promise<string | null>;
}

declare global {
  interface Window {
    synack?: SynackPreloadApi;
  }
}
