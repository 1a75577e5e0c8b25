/**
 * What the Electron preload exposes as `window.synack` through contextBridge. The preload is the source of
 * truth (electron/preload/api.ts SynackAppApi, built by createPreloadApi): this is that very type, so the
 * renderer cannot drift from it. A type-only import: nothing of the preload or main is bundled into the page.
 *
 * Minimal on purpose (STYLE.md §9.4): no ipcRenderer, no event objects, no generic send. Besides the port
 * hand-off and the file helpers it has typed `invoke`/`on` for the app channels of
 * electron/preload/app-contract.ts (menu commands, settings, worker restarts; Open Recent, menu state).
 * Packet traffic does not go through it: main hands the page a MessagePort straight to the worker (or to the
 * relay of an elevated worker), carrying shared/ipc/frame-codec.ts frames, so main never reads a batch.
 */
import type { SynackAppApi } from '../../electron/preload/api';

export type SynackPreloadApi = SynackAppApi;

declare global {
  interface Window {
    synack?: SynackAppApi;
  }
}
