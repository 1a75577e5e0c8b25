/**
 * Wires a backend to the stores: every event goes to the store that owns it, and packet batches are copied
 * into the column store. Reactive refs are refreshed at most once per animation frame however many batches
 * arrive, so loading 10 M rows re-renders the visible rows a few hundred times, not 2,500.
 */
import type { Backend } from '../backend/backend';
import { usePacketCommentsStore } from './packet-comments';
import { setCurrentBackend } from './backend-slot';
import { usePacketsStore } from './packets';
import { useConversationsStore } from './conversations';
import { useCaptureStore } from './capture';
import { clearDetailCache } from '../composables/usePacketDetail';

type Schedule = (cb: () => void) => void;

const perFrame: Schedule = (cb) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => cb());
  else setTimeout(cb, 16);
};

/** Subscribes the stores; returns a function that unsubscribes them. `schedule` is for tests. */
export function connectStores(backend: Backend, schedule: Schedule = perFrame): () => void {
  const packets = usePacketsStore();
  const conversations = useConversationsStore();
  const capture = useCaptureStore();
  setCurrentBackend(backend);
  let pending = false;
  const refreshSoon = (): void => {
    if (pending) return;
    pending = true;
    schedule(() => { pending = false; packets.refresh(); });
  };

  const offs = [
    backend.on('source.start', (s) => {
      packets.reset(); conversations.reset(); clearDetailCache(); usePacketCommentsStore().reset();
      capture.onSourceStart(s);
    }),
    backend.onBatch((cols) => {
      packets.appendColumns(cols, false);
      capture.onRows();
      refreshSoon();
    }),
    backend.on('flows.upsert', (m) => conversations.onFlows(m)),
    backend.on('conversations.upsert', (m) => conversations.onConversations(m)),
    backend.on('file.progress', (p) => capture.onProgress(p)),
    backend.on('capture.stats', (s) => capture.onStats(s)),
    backend.on('file.end', (e) => capture.onFileEnd(e)),
    backend.on('error', (e) => capture.onError(e)),
    backend.on('end', (e) => {
      packets.finish();
      conversations.finish();
      packets.refresh();
      capture.onEnd(e);
    }),
  ];
  return () => { for (const off of offs) off(); setCurrentBackend(null); };
}
