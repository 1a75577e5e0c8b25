/**
 * Backend for the Electron app: the preload's `window.synack` asks main for a MessagePort to the worker,
 * which arrives as a window message; frames on it are shared/ipc/frame-codec.ts bytes, handled by the same
 * IpcClient as the browser host's WebSocket (one protocol, thin transports, as VS Code does).
 */
import { IpcClient } from '../../shared/ipc/ipc-client';
import type { Backend } from './backend';
import type { SynackPreloadApi } from './electron-api';

export const PORT_MESSAGE_TYPE = 'synack.port';

/** Message source for the port hand-off; `window` in the app, a stand-in in tests. */
export interface PortMailbox {
  addEventListener(type: 'message', cb: (ev: MessageEvent) => void): void;
  removeEventListener(type: 'message', cb: (ev: MessageEvent) => void): void;
}

/** Resolves with a backend once main has handed over the worker port. */
export function connectElectronBackend(api: SynackPreloadApi, mailbox: PortMailbox = window): Promise<Backend> {
  const next = nextPortBackend(mailbox);
  api.requestPort();
  return next.backend;
}

/**
 * The backend over the next worker port main hands over unasked (an elevated worker's relay); `cancel`
 * stops waiting. Listen before asking main for that worker, so the port cannot arrive unheard.
 */
export function nextPortBackend(mailbox: PortMailbox = window): { backend: Promise<Backend>; cancel: () => void } {
  let onMessage: (ev: MessageEvent) => void = () => {};
  const backend = new Promise<Backend>((resolve) => {
    onMessage = (ev: MessageEvent): void => {
      const data = ev.data as { type?: unknown } | null;
      if (!data || data.type !== PORT_MESSAGE_TYPE || ev.ports.length !== 1) return;
      mailbox.removeEventListener('message', onMessage);
      resolve(backendOverPort(ev.ports[0]));
    };
    mailbox.addEventListener('message', onMessage);
  });
  return { backend, cancel: () => mailbox.removeEventListener('message', onMessage) };
}

/** Frames in both directions over one MessagePort. Sent buffers are transferred, not copied. */
export function backendOverPort(port: MessagePort): Backend {
  const client = new IpcClient((bytes) => {
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    port.postMessage(own.buffer, [own.buffer as ArrayBuffer]);
  });
  port.onmessage = (ev: MessageEvent) => {
    if (ev.data instanceof ArrayBuffer) client.receive(new Uint8Array(ev.data));
    else if (ev.data instanceof Uint8Array) client.receive(ev.data);
    else client.close({ code: 'frame.invalid', message: 'non-binary message on the worker port', fatal: true });
  };
  port.start();
  client.start();
  return {
    invoke: (name, payload) => client.invoke(name, payload),
    on: (name, cb) => client.on(name, cb),
    onBatch: (cb) => client.onBatch(cb),
    close: () => {
      client.close({ code: 'transport.closed', message: 'closed by the window', fatal: true });
      port.close();
    },
  };
}
