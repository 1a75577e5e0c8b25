/**
 * Spare buffers of sent batches, for the next ones. A full batch leaves the pipeline in its own ArrayBuffer
 * (shared/ipc/batch-layout.ts takeFullBatch); once the transport has written it (the stream's write callback),
 * the worker gives it back here and the pipeline fills it again instead of allocating ~450 KB per 4,096 rows.
 * Fresh buffers cost more than their zeroing: page faults, and on release an munmap whose TLB shootdown
 * interrupts the decode thread's core too (together ~5% of the pipeline thread on the bench file).
 * Bounded: at most `max` spares are kept, the rest are left to the garbage collector.
 */
export class BatchBufferPool {
  private readonly spare: ArrayBuffer[] = [];

  constructor(private readonly max = 16) {}

  /** Spare buffers held. */
  get size(): number { return this.spare.length; }

  /** A spare buffer of exactly `bytes`, or undefined (spares of another size are dropped). */
  take(bytes: number): ArrayBuffer | undefined {
    for (let b = this.spare.pop(); b; b = this.spare.pop()) if (b.byteLength === bytes) return b;
    return undefined;
  }

  /** A buffer nobody reads any more (a detached one, byteLength 0, is ignored). */
  give(buf: ArrayBuffer): void {
    if (buf.byteLength > 0 && this.spare.length < this.max && !this.spare.includes(buf)) this.spare.push(buf);
  }
}
