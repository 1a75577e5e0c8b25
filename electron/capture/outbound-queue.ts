/**
 * The worker's ordered outbound queue with credit-based flow control (shared/ipc/contract.ts).
 *
 * Everything a source produces — batches and the JSON events between them (flows, conversations,
 * progress, end) — leaves in the order it was produced, so a consumer never sees `end` before the last
 * rows. Only batches cost credits: when the consumer holds none, the head batch waits and so does all
 * that follows it. The reader of a file awaits `ready()` before reading the next chunk, so at zero credits
 * the file is not read any further and memory stays bounded by one chunk's worth of rows.
 * Replies to requests bypass the queue (a packet-detail answer must not wait behind rows).
 */
type Item = { batch: true; bytes: ArrayBuffer; written?: BatchWritten } | { batch: false; bytes: Uint8Array };

/** Called with a batch's buffer once the transport no longer needs it (it may be filled again). */
export type BatchWritten = (batch: ArrayBuffer) => void;

export interface OutboundSink {
  /** Sends one JSON frame (already encoded). */
  sendFrame(bytes: Uint8Array): void;
  /** Sends one batch buffer as a BATCH frame; `written` (if given) once the buffer is no longer needed. */
  sendBatch(batch: ArrayBuffer, written?: BatchWritten): void;
}

export class OutboundQueue {
  private credits = 0;
  private readonly items: Item[] = [];
  private head = 0;
  private waiters: (() => void)[] = [];
  /** Batches handed to the sink so far, and the rows in them. */
  batchesSent = 0;
  rowsSent = 0;

  constructor(private readonly sink: OutboundSink) {}

  /** Credits the consumer still holds. */
  get available(): number { return this.credits; }

  /** Items waiting (batches and the events behind them). */
  get waiting(): number { return this.items.length - this.head; }

  grant(batches: number): void {
    this.credits += batches;
    this.pump();
  }

  /** Queues a batch; `written` gets its buffer back once the sink has sent it (not when it is dropped by clear()). */
  pushBatch(batch: ArrayBuffer, written?: BatchWritten): void {
    this.items.push({ batch: true, bytes: batch, written });
    this.pump();
  }

  pushFrame(bytes: Uint8Array): void {
    this.items.push({ batch: false, bytes });
    this.pump();
  }

  /** Drops everything queued (the source was cancelled); waiters are released. */
  clear(): void {
    this.items.length = 0;
    this.head = 0;
    this.release();
  }

  /** Resolves once nothing is queued and the consumer holds at least one credit. */
  ready(): Promise<void> {
    if (this.isReady()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private isReady(): boolean {
    return this.waiting === 0 && this.credits > 0;
  }

  private pump(): void {
    while (this.head < this.items.length) {
      const item = this.items[this.head];
      if (item.batch) {
        if (this.credits === 0) break;
        this.credits--;
        this.batchesSent++;
        if (item.bytes.byteLength >= 12) this.rowsSent += new DataView(item.bytes).getUint32(8, true); // batch header: rows
        this.sink.sendBatch(item.bytes, item.written);
      } else {
        this.sink.sendFrame(item.bytes);
      }
      this.items[this.head++] = undefined as unknown as Item;
    }
    if (this.head === this.items.length) { this.items.length = 0; this.head = 0; }
    if (this.isReady()) this.release();
  }

  private release(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const resolve of w) resolve();
  }
}
