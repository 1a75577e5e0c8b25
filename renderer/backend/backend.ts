/**
 * The one interface the stores talk to, whatever carries the bytes (Electron MessagePort/preload, or the
 * web host's WebSocket). Names and payload types come from shared/ipc/contract.ts; every frame is
 * validated before a callback sees it (shared/ipc/ipc-client.ts does that for each implementation).
 *
 * - `invoke` answers once; it rejects with an IpcError (`.info` is the contract's ErrorInfo) when the
 *   worker refuses or the connection is lost.
 * - `on` subscribes to a JSON event; `error` also fires once, fatal, when the connection is lost.
 * - `onBatch` gets each packet batch as views over one received buffer (valid as long as you keep them;
 *   copy the rows you keep into your own columns). Flow-control credits are paid back automatically after
 *   the batch callbacks return, so a slow consumer slows the worker instead of filling memory.
 */
import type { PacketColumns } from '../../shared/ipc/batch-layout';
import type { EventPayload, JsonEventName, RequestName, RequestPayload, ResponsePayload } from '../../shared/ipc/contract';

export type BatchCallback = (columns: PacketColumns, buffer: ArrayBuffer) => void;

export interface Backend {
  invoke<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<ResponsePayload<K>>;
  on<K extends JsonEventName>(name: K, cb: (payload: EventPayload<K>) => void): () => void;
  onBatch(cb: BatchCallback): () => void;
  /** Closes the connection; later invokes reject. */
  close(): void;
}

export { IpcError } from '../../shared/ipc/ipc-client';
