/**
 * The one capture pipeline, shared by the worker, the CLI, the web host and the tests:
 *
 *   chunks (file-source / live session) → createCaptureReader() → PacketDecoder.decode() → TcpTracker.track()
 *   → rows in reused PacketColumns → batches flushed by count (BATCH_ROWS) or at most BATCH_MAX_DELAY_MS
 *   after their first row → sink: new flows first, then the batch, then the conversations changed since the
 *   last summaries went out.
 *
 * Conversation summaries ride on a flush only when SUMMARY_INTERVAL_MS have passed since the last ones, or
 * the flush is a timed or final one: while a large file streams in, a batch of 4,096 rows changes a few
 * hundred conversations, and sending (encoding, validating, storing) each one again per batch cost more than
 * the rows themselves. A conversation is never left out: every one changed since the last summaries is in the
 * next, and the last flush sends them all.
 *
 * A large file's reading and decoding can run on a decode thread instead (file-job.ts): its blocks of
 * decoded records enter through `pushBlock()` and join the same path at TcpTracker.track().
 *
 * Per packet nothing is allocated: the reader reuses its record, the decoder its DecodedPacket, rows go
 * into preallocated typed arrays and `onRecord` is a bound field. The sink sees the reused columns only
 * during its `batch` call (the worker encodes them into one flat buffer there).
 */
import { createCaptureReader, type CaptureReader } from '../../shared/capture-file/capture-reader';
import { interfaceSummary, type InterfaceSummary } from '../../shared/capture-file/capture-interface';
import type { CaptureProblem } from '../../shared/capture-file/capture-problem';
import type { CaptureRecord } from '../../shared/capture-file/capture-record';
import { emptyCaptureRecord } from '../../shared/capture-file/pcap-reader';
import { allocateBatchColumns, allocateColumns, batchBytes, COLUMNS, decodeBatch, encodeBatch, takeFullBatch, type PacketColumns } from '../../shared/ipc/batch-layout';
import { BlockReader, type DecodedBlock } from '../../shared/ipc/decoded-block';
import { DECODED_COLUMN_NAMES } from '../../shared/ipc/decoded-columns';
import { BATCH_MAX_DELAY_MS, BATCH_ROWS, type ConversationSummary } from '../../shared/ipc/contract';
import type { FlowInfo } from '../../shared/ipc/flow';
import type { TcpTracker } from '../../shared/tcp/tcp-tracker';
import { emptyDecodedPacket, type DecodedPacket } from '../../shared/wire/decoded-packet';
import { PacketDecoder } from '../../shared/wire/packet-decoder';
import type { BatchBufferPool } from './batch-buffer-pool';
import { runFileJob, type FileJobHooks } from './file-job';
import { FrameIndex } from './frame-index';
import { TrackerBinding } from './tracker-binding';

const FIRST_BATCH_ROWS = 256;
/** Least time between two conversation updates while rows arrive faster than batches fill. */
export const SUMMARY_INTERVAL_MS = BATCH_MAX_DELAY_MS;

export interface PipelineSink {
  /** Flows first referenced by the rows of the batch that follows. */
  flows(flows: FlowInfo[]): void;
  /**
   * A full (or timed-out) batch; the columns are reused after this call returns. `encoded()` gives it as one
   * flat ArrayBuffer to send or keep (encodeBatch's layout): a full batch's own buffer, so no copy is made.
   * A sink done with that buffer (sent, nothing reads it any more) may give it to PipelineOptions.batchPool.
   */
  batch(columns: PacketColumns, encoded: () => ArrayBuffer): void;
  /** Conversations changed by the rows just sent. */
  conversations(conversations: ConversationSummary[]): void;
}

export interface PipelineOptions {
  batchRows?: number;
  /** Rows in a source's first batch (smaller, so the first rows show at once even while code is cold). */
  firstBatchRows?: number;
  /** Longest a row waits before its batch is flushed; 0 disables the timer (flush by count and at the end). */
  maxDelayMs?: number;
  /**
   * Whether a timed flush is worth it now; false (e.g. the consumer holds no credits, so the batch could not
   * leave anyway) re-arms the timer instead, so waiting for credits does not cut batches short.
   */
  canFlushEarly?: () => boolean;
  /** Least time between conversation updates sent with full batches (default SUMMARY_INTERVAL_MS). */
  summaryIntervalMs?: number;
  /** Where full batches' buffers come from once the sink has given them back (batch-buffer-pool.ts). */
  batchPool?: BatchBufferPool;
}

export class CapturePipeline {
  readonly index = new FrameIndex();
  private reader: CaptureReader = createCaptureReader();
  private decoder = new PacketDecoder({ reassemble: true });
  private readonly tracker = new TrackerBinding();
  /** This batch's rows, laid out as its encoded buffer (replaced when a sink takes that buffer). */
  private cols: PacketColumns;
  private readonly batchRows: number;
  /** Row count at which the current batch is flushed: firstBatchRows for the first one, then batchRows. */
  private flushAt: number;
  private readonly maxDelayMs: number;
  private readonly summaryIntervalMs: number;
  private readonly canFlushEarly: () => boolean;
  private readonly batchPool: BatchBufferPool | null;
  /** Bytes of a full batch's buffer (what the pool hands back). */
  private readonly fullBatchBytes: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When conversation summaries last went out (performance.now()); -Infinity: never, so the first flush sends. */
  private summariesAt = -Infinity;
  private problem: CaptureProblem | null = null;
  /** Frame number of the last record taken; records up to `skipThrough` are passed over (already taken). */
  private lastFrame = 0;
  private skipThrough = 0;
  /** Interfaces by id as a decode thread reported them (its reader saw the whole file). */
  private threadInterfaces: InterfaceSummary[] = [];
  /**
   * The record and packet a block's slot is unpacked into (reused), made by the same functions as the
   * reader's and the decoder's, so the tracker sees one object shape from either source.
   */
  private readonly blockRecord = emptyCaptureRecord();
  private readonly blockPacket = emptyDecodedPacket();
  private readonly blockReader = new BlockReader();

  constructor(private readonly sink: PipelineSink, options: PipelineOptions = {}) {
    this.batchRows = options.batchRows ?? BATCH_ROWS;
    this.maxDelayMs = options.maxDelayMs ?? BATCH_MAX_DELAY_MS;
    this.summaryIntervalMs = options.summaryIntervalMs ?? SUMMARY_INTERVAL_MS;
    this.canFlushEarly = options.canFlushEarly ?? (() => true);
    this.batchPool = options.batchPool ?? null;
    this.fullBatchBytes = batchBytes(this.batchRows);
    this.flushAt = Math.min(this.batchRows, options.firstBatchRows ?? FIRST_BATCH_ROWS);
    this.cols = this.freshColumns();
  }

  /** Frames read so far. */
  get frames(): number { return this.index.count; }

  /** Records taken from a decode thread's blocks (the rest were read in this thread). */
  recordsFromThread = 0;

  /** The TCP tracker's state, for memory reports (bench/pipeline-child.ts). */
  get tcpTracker(): TcpTracker { return this.tracker.tracker; }

  /** LINKTYPE_* of a reader interface id (for reading a frame back). */
  linkTypeOf(iface: number): number {
    return this.interfaceOf(iface)?.linkType ?? 0;
  }

  /** A reader interface id's link type, section, name and byte order (for a frame's detail). */
  interfaceOf(iface: number): InterfaceSummary | undefined {
    const own = this.reader.interfaces[iface];
    return own ? interfaceSummary(own, this.reader.format) : this.threadInterfaces[iface];
  }

  /** The interfaces as a decode thread's reader saw them. */
  adoptInterfaces(interfaces: InterfaceSummary[]): void {
    this.threadInterfaces = interfaces;
  }

  /**
   * Starts reading the file again from its first byte with a fresh reader, passing over the records already
   * taken (a decode thread died part-way: its rows are kept, the rest is read here). A fresh decoder sees those
   * records too, without taking them, so a datagram whose first fragments the thread had is still reassembled.
   */
  restartReader(): void {
    this.reader = createCaptureReader();
    this.decoder = new PacketDecoder({ reassemble: true });
    this.skipThrough = this.lastFrame;
    this.problem = null;
  }

  /**
   * Rows from a decode thread's block (records already taken in-process are passed over). The block's
   * decoded columns and frame locations are copied a batch segment at a time; per record only the tracker runs.
   */
  pushBlock(block: DecodedBlock): void {
    const reader = this.blockReader;
    reader.load(block);
    const cols = reader.columns, frames = cols.frame;
    let slot = 0;
    while (slot < block.count && frames[slot] <= this.lastFrame) slot++;
    while (slot < block.count) {
      const end = Math.min(block.count, slot + (this.flushAt - this.cols.rows));
      const row0 = this.cols.rows;
      for (const name of DECODED_COLUMN_NAMES) (this.cols[name] as Uint32Array).set((cols[name] as Uint32Array).subarray(slot, end), row0);
      this.index.addRange(cols, slot, end);
      for (let s = slot; s < end; s++) {
        reader.read(s, this.blockRecord, this.blockPacket);
        this.tracker.trackDecoded(this.blockRecord, this.blockPacket, this.cols, row0 + s - slot, reader.pair, reader.pairDir);
      }
      this.cols.rows = row0 + end - slot;
      this.recordsFromThread += end - slot;
      this.lastFrame = frames[end - 1];
      slot = end;
      if (this.cols.rows === this.flushAt) this.flushFull();
    }
    if (this.cols.rows > 0 && this.timer === null && this.maxDelayMs > 0) this.timer = setTimeout(this.onTimer, this.maxDelayMs);
  }

  /** Feeds capture-file bytes. Returns the file's first problem (then and on every later call). */
  push(chunk: Uint8Array): CaptureProblem | null {
    if (this.problem) return this.problem;
    this.problem = this.reader.push(chunk, this.onRecord);
    return this.problem;
  }

  /**
   * The input ended: flushes every row and returns the file's problem, if any. `threadProblem` is given when
   * a decode thread read the end of the file (this reader saw only its beginning and has nothing to say).
   */
  finish(threadProblem?: CaptureProblem | null): CaptureProblem | null {
    this.problem ??= threadProblem === undefined ? this.reader.end() : threadProblem;
    this.flush();
    return this.problem;
  }

  /** Sends the rows gathered so far (if any) with their flows, and every conversation changed since the last update. */
  flush(): void {
    this.send(true);
  }

  /** A batch filled up: its conversation updates wait unless summaryIntervalMs have passed. */
  private flushFull(): void {
    this.send(performance.now() - this.summariesAt >= this.summaryIntervalMs);
  }

  private send(withSummaries: boolean): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
    if (this.cols.rows > 0) {
      const flows = this.tracker.takeNewFlows();
      if (flows.length > 0) this.sink.flows(flows);
      this.sink.batch(this.cols, this.encoder());
      this.cols.rows = 0;
      this.flushAt = this.batchRows;
    }
    if (!withSummaries) {
      // The held-back updates leave with the next flush, or by this timer if no more rows come (a live capture gone quiet).
      if (this.timer === null && this.maxDelayMs > 0) this.timer = setTimeout(this.onTimer, this.maxDelayMs);
      return;
    }
    this.summariesAt = performance.now();
    const convs = this.tracker.takeChangedConversations();
    if (convs.length > 0) this.sink.conversations(convs);
  }

  /**
   * The `encoded` of one sink.batch call: a full batch hands over its own buffer and this pipeline continues in
   * fresh columns; a shorter one is copied. Memoized, as the buffer can be handed over only once.
   */
  private encoder(): () => ArrayBuffer {
    let encoded: ArrayBuffer | null = null;
    return () => {
      if (encoded) return encoded;
      const cols = this.cols;
      encoded = cols.rows === this.batchRows ? takeFullBatch(cols) : null;
      if (encoded) this.cols = this.freshColumns();
      else encoded = encodeBatch(cols);
      return encoded;
    };
  }

  /** Columns for the next batch, in a given-back buffer when the pool has one. */
  private freshColumns(): PacketColumns {
    return allocateBatchColumns(this.batchRows, this.batchPool?.take(this.fullBatchBytes));
  }

  /** Stops the batch timer without flushing (the source was cancelled). */
  dispose(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
  }

  private readonly onRecord = (rec: CaptureRecord): void => {
    const pkt = this.decoder.decode(rec.view, rec.at, rec.capLen, rec.origLen, rec.linkType);
    if (rec.frame > this.skipThrough) this.take(rec, pkt);
  };

  private take(rec: CaptureRecord, pkt: DecodedPacket): void {
    this.lastFrame = rec.frame;
    this.index.add(rec);
    const row = this.cols.rows++;
    this.tracker.track(this.decoder.frameRecord(rec), pkt, this.cols, row);
    if (this.cols.rows === this.flushAt) this.flushFull();
    else if (this.timer === null && this.maxDelayMs > 0) this.timer = setTimeout(this.onTimer, this.maxDelayMs);
  }

  private readonly onTimer = (): void => {
    this.timer = null;
    if (this.canFlushEarly()) this.flush();
    else this.timer = setTimeout(this.onTimer, this.maxDelayMs);
  };
}

export interface FileAnalysis {
  /** Every row of the file, in frame order. */
  columns: PacketColumns;
  flows: FlowInfo[];
  /** Latest summary of each conversation, by tcp.stream. */
  conversations: ConversationSummary[];
  problem: CaptureProblem | null;
  /** Rows read and decoded on the decode thread. */
  rowsFromThread: number;
  /** Where each frame is in the file (what packet.detail reads back). */
  index: FrameIndex;
  /** The interface of a frame's `iface` (what packet.detail shows). */
  interfaceOf: (iface: number) => InterfaceSummary | undefined;
}

/** How analyzeFile reads: the file job's decode-thread choice (default 'auto'). */
export type AnalyzeOptions = PipelineOptions & Pick<FileJobHooks, 'decodeThread' | 'threadFactory'>;

/** Runs a whole file through the pipeline (tests, the filter differential, benchmarks). */
export async function analyzeFile(path: string, options: AnalyzeOptions = {}): Promise<FileAnalysis> {
  const batches: PacketColumns[] = [];
  const flows: FlowInfo[] = [];
  const conversations = new Map<number, ConversationSummary>();
  const pipeline = new CapturePipeline({
    flows: (f) => { flows.push(...f); },
    batch: (_cols, encoded) => { batches.push(decodeBatch(encoded())); },
    conversations: (cs) => { for (const c of cs) conversations.set(c.stream, c); },
  }, { maxDelayMs: 0, ...options });
  const result = await runFileJob(path, pipeline, {
    ready: () => Promise.resolve(), progress: () => {}, decodeThread: options.decodeThread, threadFactory: options.threadFactory,
  });
  return {
    columns: concatColumns(batches),
    flows,
    conversations: [...conversations.values()].sort((a, b) => a.stream - b.stream),
    problem: result.problem,
    rowsFromThread: pipeline.recordsFromThread,
    index: pipeline.index,
    interfaceOf: (iface) => pipeline.interfaceOf(iface),
  };
}

function concatColumns(batches: PacketColumns[]): PacketColumns {
  const total = batches.reduce((n, b) => n + b.rows, 0);
  const out = allocateColumns(total);
  let at = 0;
  for (const b of batches) {
    for (const c of COLUMNS) (out[c.name] as Uint32Array).set(b[c.name] as Uint32Array, at);
    at += b.rows;
  }
  out.rows = total;
  return out;
}
