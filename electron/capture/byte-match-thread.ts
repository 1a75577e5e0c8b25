/**
 * Entry of the thread that runs a `filter.bytes` search (byte-match-client.ts starts it): byteMatches() with a heartbeat
 * after every chunk, so the worker can tell a search that is only long from a regular expression that never ends on one
 * packet (JavaScript cannot interrupt a RegExp; terminating the thread can).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FilterBytesRequest } from '../../shared/ipc/contract';
import { ByteMatchRefusal, byteMatches } from './byte-match';

export interface ByteMatchThreadData { path: string; req: FilterBytesRequest }
export type ByteMatchThreadMessage =
  | { type: 'progress'; frame: number }
  | { type: 'done'; fromFrame: number; frames: number; matches: Uint8Array[] }
  | { type: 'failed'; message: string; refused: boolean };

const port = parentPort;
if (port) {
  const { path, req } = workerData as ByteMatchThreadData;
  const post = (m: ByteMatchThreadMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
  byteMatches(path, req, (frame) => post({ type: 'progress', frame })).then(
    (r) => post({ type: 'done', ...r }, r.matches.map((m) => m.buffer as ArrayBuffer)),
    (e: Error) => post({ type: 'failed', message: e.message, refused: e instanceof ByteMatchRefusal }),
  );
}
