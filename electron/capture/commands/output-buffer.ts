/**
 * Batches small writes to a stream into ~64 KiB writes and honours backpressure, so printing millions of
 * lines neither piles up memory nor makes one syscall per line. A closed pipe (`| head`) ends output quietly.
 */
import type { Writable } from 'node:stream';

const FLUSH_AT = 64 * 1024;

export class OutputBuffer {
  private pending = '';
  private waiting: Promise<void> | null = null;
  /** True once the destination went away (EPIPE). */
  closed = false;

  constructor(private readonly stream: Writable) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') this.closed = true;
      else throw e;
    });
  }

  write(text: string): void {
    if (this.closed) return;
    this.pending += text;
    if (this.pending.length >= FLUSH_AT) this.push();
  }

  /** Resolves when the stream can take more (call between input chunks). */
  async drain(): Promise<void> {
    if (this.waiting) await this.waiting;
  }

  /** Writes what is pending and waits for the stream to accept it. */
  async flush(): Promise<void> {
    this.push();
    await this.drain();
  }

  private push(): void {
    if (this.closed || this.pending === '') return;
    const ok = this.stream.write(this.pending);
    this.pending = '';
    if (!ok && !this.waiting) {
      this.waiting = new Promise((resolve) => {
        const done = (): void => { this.waiting = null; resolve(); };
        this.stream.once('drain', done);
        this.stream.once('close', done);
      });
    }
  }
}
