/**
 * Node streams over an Electron MessagePortMain, so code written for byte streams (the worker's frame
 * reader and writer, electron/capture/stream-transport.ts) runs unchanged over a port:
 * - in the capture worker when it is a utilityProcess (stdin cannot be piped to one), on the port main
 *   sends it through process.parentPort;
 * - in main's relay (./relay.ts) for an elevated worker's socket.
 * Bytes pass untouched: each written chunk becomes one ArrayBuffer message, each received ArrayBuffer (or
 * view) one chunk; the frame codec on the far side reassembles frames from any split. Between processes
 * Electron copies an ArrayBuffer (it cannot transfer one), so a chunk that already owns its whole buffer
 * is posted as is, and only a view into a larger buffer is sliced first.
 * No `electron` import: the port is typed structurally.
 */
import { Readable, Writable } from 'node:stream';

/** The subset of Electron's MessagePortMain used here. */
export interface MessagePortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

/** `process.parentPort` in a utility process: one message from main carries the port. */
export interface ParentPortLike {
  once(event: 'message', listener: (e: { data: unknown; ports: readonly MessagePortLike[] }) => void): unknown;
}

/** Bytes of a received message, or null when it is not binary (a protocol violation). */
export function messageBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/** An ArrayBuffer holding exactly `chunk`'s bytes (the chunk's own when it spans its whole buffer). */
export function ownBuffer(chunk: Uint8Array): ArrayBuffer {
  if (chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength && chunk.buffer instanceof ArrayBuffer) {
    return chunk.buffer;
  }
  // Not chunk.slice(): on a Buffer that is a view of the same (pooled) memory, not a copy.
  const copy = new Uint8Array(chunk.byteLength);
  copy.set(chunk);
  return copy.buffer;
}

export interface PortStreams {
  input: Readable;
  output: Writable;
}

/**
 * Wraps `port`. A non-binary message or the port closing ends `input` (a non-binary message destroys it
 * with an error); ending `output` closes the port.
 */
export function portStreams(port: MessagePortLike): PortStreams {
  const input = new Readable({ read() { /* data is pushed as messages arrive */ } });
  let closed = false;
  port.on('message', (e) => {
    if (closed) return;
    const bytes = messageBytes(e.data);
    if (bytes) input.push(bytes);
    else { closed = true; input.destroy(new Error('non-binary message on the worker port')); port.close(); }
  });
  port.on('close', () => {
    if (closed) return;
    closed = true;
    input.push(null);
  });
  const output = new Writable({
    write(chunk: Uint8Array, _enc, done) {
      if (closed) { done(new Error('port closed')); return; }
      port.postMessage(ownBuffer(chunk));
      done();
    },
    final(done) {
      if (!closed) { closed = true; port.close(); input.push(null); }
      done();
    },
  });
  port.start();
  return { input, output };
}

/** Waits for main's one message with a port (utility process side). */
export function receivePort(parent: ParentPortLike): Promise<MessagePortLike> {
  return new Promise((resolve, reject) => {
    parent.once('message', (e) => {
      if (e.ports.length === 1) resolve(e.ports[0]);
      else reject(new Error(`expected one port from main, got ${e.ports.length}`));
    });
  });
}
