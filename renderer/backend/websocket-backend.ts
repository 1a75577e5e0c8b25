/**
 * Backend over the web host's WebSocket (electron/web/server.ts): each WebSocket message carries frames of
 * shared/ipc/frame-codec.ts, relayed untouched between this page and the worker. The token from the page
 * URL (`?token=…`) authenticates the socket; the server also checks Host and Origin.
 */
import { IpcClient } from '../../shared/ipc/ipc-client';
import type { Backend } from './backend';

export interface WebSocketBackendOptions {
  /** Full ws:// URL including the token; default: derived from `location` of the page. */
  url?: string;
  /** Constructor to use (tests in Node pass the `ws` package's WebSocket). */
  WebSocketImpl?: typeof WebSocket;
}

/** The socket URL for a page served by the web host: same host, path /ipc, same token. */
export function socketUrlFromPage(href: string): string {
  const page = new URL(href);
  const token = page.searchParams.get('token') ?? '';
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${page.host}/ipc?token=${encodeURIComponent(token)}`;
}

/** Opens the socket; resolves once it is open (the worker's `hello` follows as an event). */
export function connectWebSocketBackend(options: WebSocketBackendOptions = {}): Promise<Backend> {
  const Impl = options.WebSocketImpl ?? WebSocket;
  const url = options.url ?? socketUrlFromPage((globalThis as unknown as { location: { href: string } }).location.href);
  const socket = new Impl(url);
  socket.binaryType = 'arraybuffer';
  const client = new IpcClient((bytes) => socket.send(bytes));
  socket.onmessage = (ev: MessageEvent) => {
    if (ev.data instanceof ArrayBuffer) client.receive(new Uint8Array(ev.data));
    else client.close({ code: 'frame.invalid', message: 'text message on the frame socket', fatal: true });
  };
  return new Promise<Backend>((resolve, reject) => {
    let opened = false;
    socket.onopen = () => {
      opened = true;
      client.start();
      resolve(backendOver(client, socket));
    };
    socket.onclose = (ev: CloseEvent) => {
      const why = ev.reason ? `: ${ev.reason}` : '';
      client.transportClosed({ code: 'transport.closed', message: `the connection to the web host closed (${ev.code}${why})`, fatal: true });
      if (!opened) reject(new Error(`cannot connect to ${url.replace(/token=[^&]*/, 'token=…')} (${ev.code}${why})`));
    };
    socket.onerror = () => { /* onclose follows with the code */ };
  });
}

function backendOver(client: IpcClient, socket: WebSocket): Backend {
  return {
    invoke: (name, payload) => client.invoke(name, payload),
    on: (name, cb) => client.on(name, cb),
    onBatch: (cb) => client.onBatch(cb),
    close: () => {
      client.close({ code: 'transport.closed', message: 'closed by the page', fatal: true });
      socket.close(1000, 'closed');
    },
  };
}
