/**
 * Renderer entry: Pinia, the backend (the Electron preload's `window.synack` when present, otherwise the web
 * host's WebSocket), the stores wired to it, then the app. A connection failure is shown in the page, not
 * left as a blank window.
 */
import { createApp, watch } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import './app.css';
import type { Backend } from './backend/backend';
import { connectElectronBackend, nextPortBackend } from './backend/electron-backend';
import { connectWebSocketBackend } from './backend/websocket-backend';
import { connectAppEvents } from './backend/electron-app-events';
import { connectStores } from './stores/connect';
import { setDroppedFilePath, setFilePicker } from './stores/backend-slot';
import { useCaptureStore } from './stores/capture';

async function chooseBackend(): Promise<Backend> {
  const api = window.synack;
  if (api) {
    setFilePicker(() => api.openFileDialog());
    setDroppedFilePath((f) => api.pathForFile(f) || null);
    return connectElectronBackend(api);
  }
  return connectWebSocketBackend();
}

/** A file named in the page URL (`?file=…`, the web host's `npm run web FILE`) or by the app at start. */
async function initialFile(): Promise<string | null> {
  if (window.synack) return window.synack.initialFile();
  return new URL(window.location.href).searchParams.get('file');
}

async function start(): Promise<void> {
  const app = createApp(App);
  const pinia = createPinia();
  app.use(pinia);
  app.mount('#app');
  const capture = useCaptureStore();
  try {
    let backend = await chooseBackend();
    let detach = connectStores(backend);
    const api = window.synack;
    if (api) {
      // After a worker restart main hands over a new port; the old backend's port is dead.
      const adopt = (next: Backend): void => {
        detach();
        backend.close();
        backend = next;
        detach = connectStores(next);
        void capture.loadInterfaces();
      };
      connectAppEvents(api, {
        reconnect: async () => adopt(await connectElectronBackend(api)),
        awaitPort: () => {
          const next = nextPortBackend();
          return { adopted: next.backend.then(adopt), cancel: next.cancel };
        },
      });
    }
    const file = await initialFile();
    if (file) await capture.openFile(file);
    // Only after the first rows: listing interfaces (pcap_findalldevs) blocks the worker for ~200 ms, which
    // would delay them. A new worker (restart, elevation) is asked again in adopt().
    void firstRowsShown(capture).then(() => capture.loadInterfaces());
  } catch (e) {
    capture.onError({ code: 'transport.closed', message: `Cannot reach the capture worker: ${(e as Error).message}`, fatal: true });
  }
}

/** Resolves once the source being opened has shown rows, or is no longer loading. */
function firstRowsShown(capture: ReturnType<typeof useCaptureStore>): Promise<void> {
  const settled = (): boolean => capture.firstRowsMs !== null || (capture.status !== 'opening' && capture.status !== 'loading');
  if (settled()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = watch(settled, (done) => { if (done) { stop(); resolve(); } });
  });
}

void start();
