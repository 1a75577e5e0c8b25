/**
 * Frames over Node byte streams (stdio pipes, a Unix socket): the worker and every Node-side consumer
 * (tests, web host, benchmarks) read and write shared/ipc frames through these two small classes.
 */
import type { Readable, Writable } from 'node:stream';
import { batchFrameHeader } from '../../shared/ipc/encode';
import type { BatchWritten } from './outbound-queue';
import { type Frame, type FrameError, FrameDecoder } from '../../shared/ipc/frame-codec';

/** Writes frames to a stream; a batch goes out as header + the batch buffer itself (no copy). */
export class StreamFrameWriter {
  private broken = false;

  constructor(private readonly out: Writable) {
    out.on('error', () => { this.broken = true; });
  }

  /** Bytes queued in the stream but not yet taken by the OS (the consumer's pipe is full). */
  get backlog(): number { return this.out.writableLength; }

  get writable(): boolean { return !this.broken && !this.out.destroyed && this.out.writable; }

  sendFrame(bytes: Uint8Array): void {
    if (this.writable) this.out.write(bytes);
  }

  /** `written` gets the buffer back after the stream has handed it on (its write callback), never after an error. */
  sendBatch(batch: ArrayBuffer, written?: BatchWritten): void {
    if (!this.writable) return;
    this.out.write(batchFrameHeader(batch));
    this.out.write(new Uint8Array(batch), written && ((err) => { if (!err) written(batch); }));
  }
}

/**
 * Reads frames from a stream. `onFrame` gets each frame; `onEnd` is called once with null when the stream
 * ended cleanly between frames, or with the error (bad frame, truncated stream).
 */
export function readFrames(input: Readable, onFrame: (f: Frame) => void, onEnd: (error: FrameError | null) => void): void {
  const decoder = new FrameDecoder(onFrame);
  let done = false;
  const finish = (error: FrameError | null): void => {
    if (done) return;
    done = true;
    onEnd(error);
  };
  input.on('data', (chunk: Buffer) => {
    if (done) return;
    const bad = decoder.push(chunk);
    if (bad) {
      finish(bad);
      input.destroy();
    }
  });
  input.on('end', () => finish(decoder.finish()));
  input.on('close', () => finish(decoder.finish()));
  input.on('error', () => finish(decoder.finish()));
  input.resume(); // a socket handed over paused (worker-socket.ts) starts flowing here
}
