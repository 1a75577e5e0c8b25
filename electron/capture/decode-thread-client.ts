/**
 * The pipeline thread's side of a decode thread: starts the Worker on a file, queues what it posts, hands
 * blocks back for reuse and reports the thread's death (an exception, a crash, termination by someone else)
 * as a `died` message instead of throwing, so the file job can read the rest itself.
 * The thread's entry is found by thread-entry.ts.
 */
import type { Worker } from 'node:worker_threads';
import { blockTransferList, type DecodedBlock } from '../../shared/ipc/decoded-block';
import type { DecodeThreadData, DecodeThreadMessage } from './decode-producer';
import type { FileIdentity } from './file-source';
import { startThread } from './thread-entry';

export type DecodeThreadEvent = DecodeThreadMessage | { type: 'died'; message: string };

/** Starts a decode thread on `path`, which must still be the file `identity` names; what the file job needs from one. */
export type DecodeThreadFactory = (path: string, identity: FileIdentity) => DecodeThreadHandle;

export interface DecodeThreadHandle {
  /** The file the thread was asked to read. */
  readonly identity: FileIdentity;
  /** Whether a message is waiting (next() would resolve at once). */
  readonly pending: boolean;
  next(): Promise<DecodeThreadEvent>;
  recycle(block: DecodedBlock): void;
  terminate(): Promise<void>;
}

export const startDecodeThread: DecodeThreadFactory = (path, identity) => new DecodeThread(path, identity);

class DecodeThread implements DecodeThreadHandle {
  private readonly queue: DecodeThreadEvent[] = [];
  private waiter: ((e: DecodeThreadEvent) => void) | null = null;
  private readonly worker: Worker;
  private over = false;

  constructor(path: string, readonly identity: FileIdentity) {
    this.worker = startThread('decode-thread', { path, identity } satisfies DecodeThreadData);
    this.worker.on('message', (m: DecodeThreadMessage) => this.deliver(m));
    this.worker.on('error', (e) => this.deliver({ type: 'died', message: e.message }));
    this.worker.on('exit', (code) => this.deliver({ type: 'died', message: `the decode thread exited (code ${code})` }));
  }

  get pending(): boolean { return this.queue.length > 0; }

  next(): Promise<DecodeThreadEvent> {
    const e = this.queue.shift();
    if (e) return Promise.resolve(e);
    return new Promise((resolve) => { this.waiter = resolve; });
  }

  recycle(block: DecodedBlock): void {
    if (!this.over) this.worker.postMessage(block, blockTransferList(block));
  }

  async terminate(): Promise<void> {
    this.over = true;
    await this.worker.terminate();
  }

  private deliver(e: DecodeThreadEvent): void {
    if (this.over) return;
    if (e.type === 'end' || e.type === 'died' || e.type === 'failed') this.over = true;
    const w = this.waiter;
    this.waiter = null;
    if (w) w(e); else this.queue.push(e);
  }
}
