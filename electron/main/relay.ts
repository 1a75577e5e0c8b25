/**
 * Byte relay between an elevated capture worker's socket and the renderer's MessagePort. The elevated
 * worker is not Electron's child (it was started through pkexec / the admin prompt / UAC), so it cannot
 * be given a port; main copies its bytes through instead — untouched, never decoded or re-encoded
 * (DESIGN.md "Processes and data flow"). Flow control stays end to end: the renderer's credits reach the
 * worker through this relay, so a slow page slows the worker rather than filling main's memory.
 */
import type { Duplex, Readable, Writable } from 'node:stream';
import { type MessagePortLike, portStreams } from '../capture/port-stream';

export interface Relay {
  /** Resolves once both directions are closed. */
  closed: Promise<void>;
  close(): void;
}

export function relayBytes(socket: Duplex, port: MessagePortLike): Relay {
  const { input, output } = portStreams(port);
  socket.pipe(output, { end: false });
  input.pipe(socket, { end: false });
  return closeTogether(socket, input, output, () => { socket.unpipe(output); input.unpipe(socket); });
}

/**
 * Ties the worker's socket and the page's port streams together: the first of them to end or fail closes
 * both (after `detach`), once. Shared by the plain relay and the one that routes exports (export-route.ts).
 */
export function closeTogether(socket: Duplex, input: Readable, output: Writable, detach: () => void = () => {}): Relay {
  let settle!: () => void;
  const closed = new Promise<void>((resolve) => { settle = resolve; });
  let done = false;
  const close = (): void => {
    if (done) return;
    done = true;
    detach();
    if (!output.writableEnded) output.end();
    socket.end();
    settle();
  };
  socket.once('close', close);
  socket.once('end', close);
  socket.once('error', close);
  input.once('end', close);
  input.once('error', close);
  return { closed, close };
}
