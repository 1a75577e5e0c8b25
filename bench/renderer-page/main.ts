/**
 * Benchmark page: the real renderer (App, stores, panels) on a SyntheticBackend of `?packets=N` rows.
 * Exposes `window.__synackBench` so bench/renderer.bench.ts can read counts and timings.
 */
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from '../../renderer/App.vue';
import '../../renderer/app.css';
import { connectStores } from '../../renderer/stores/connect';
import { useCaptureStore } from '../../renderer/stores/capture';
import { usePacketsStore } from '../../renderer/stores/packets';
import { packetColumns } from '../../renderer/stores/packet-columns';
import { SyntheticBackend } from './synthetic-backend';

const packets = Number(new URL(window.location.href).searchParams.get('packets') ?? '1000000');
const app = createApp(App);
app.use(createPinia());
app.mount('#app');
connectStores(new SyntheticBackend(packets));
const capture = useCaptureStore();
const store = usePacketsStore();
(window as unknown as Record<string, unknown>).__synackBench = {
  open: () => capture.openFile('synthetic'),
  state: () => ({ status: capture.status, count: store.count, firstRowsMs: capture.firstRowsMs, loadMs: capture.loadMs, columnBytes: packetColumns.byteLength }),
};
