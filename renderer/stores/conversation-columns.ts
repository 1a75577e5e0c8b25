/**
 * Conversation summaries (one per tcp.stream, replaced on each upsert) as typed columns instead of one
 * ConversationSummary object per stream: ~100 bytes a conversation instead of ~220, for the renderer's
 * 80-bytes-a-packet budget. Addresses and ports are not stored twice: they come from the flow table by the
 * summary's `flow`. Expert counts take a byte each; a count past 254 moves to a small map, so every value
 * stays exact. `at(stream)` builds a ConversationSummary on demand (the rows on screen, the selected one).
 */
import type { ConversationEnd, ConversationSummary, ExpertCounts } from '../../shared/ipc/contract';
import type { FlowColumns } from './flow-columns';
import { grownCapacity, resized } from './typed-growth';

/** The conversation table's sortable columns. */
export type ConversationSortKey = 'stream' | 'end' | 'completeness' | 'packets' | 'bytes' | 'duration' | 'irtt' | 'expert';

const ENDS: readonly ConversationEnd[] = ['open', 'half-closed', 'closed', 'reset', 'unreachable'];
const EXPERT: readonly (keyof ExpertCounts)[] = [
  'retransmissions', 'fastRetransmissions', 'spuriousRetransmissions', 'outOfOrder', 'lostSegments', 'ackedUnseen',
  'dupAcks', 'zeroWindows', 'windowFull', 'keepAlives', 'reusedPorts', 'icmpErrors',
];
/** An expert byte holding this value means "see `bigCounts`". */
const BIG = 255;

export class ConversationColumns {
  /** ENDS index + 1; 0 for a stream not (yet) summarised. */
  private end = new Uint8Array(0);
  private flow = new Int32Array(0);
  private clientDir = new Int8Array(0);
  private firstFrame = new Uint32Array(0);
  private lastFrame = new Uint32Array(0);
  private firstSec = new Float64Array(0);
  private lastSec = new Float64Array(0);
  private firstNsec = new Uint32Array(0);
  private lastNsec = new Uint32Array(0);
  private packetsA = new Uint32Array(0);
  private packetsB = new Uint32Array(0);
  private bytesA = new Float64Array(0);
  private bytesB = new Float64Array(0);
  private payloadA = new Float64Array(0);
  private payloadB = new Float64Array(0);
  private irttNs = new Float64Array(0);
  /** tcp.completeness and the endpoint states after the last packet. */
  private completenessCol = new Uint8Array(0);
  private stateA = new Uint8Array(0);
  private stateB = new Uint8Array(0);
  /** The window scale shift of A and B (stream × 2 + side): 0–14, -1 unknown, -2 none (ConversationSummary.winScaleA). */
  private winScale = new Int8Array(0);
  /** EXPERT.length bytes per stream. */
  private expert = new Uint8Array(0);
  /** Counts ≥ BIG, by stream * EXPERT.length + counter. */
  private bigCounts = new Map<number, number>();
  private size = 0;

  constructor(private readonly flows: FlowColumns) {}

  /** One past the highest stream summarised. */
  get length(): number {
    return this.size;
  }

  get byteLength(): number {
    return this.end.length * (1 + 4 + 1 + 4 + 4 + 8 + 8 + 4 + 4 + 4 + 4 + 8 * 5 + 3 + 2 + EXPERT.length);
  }

  /** Stores (or replaces) the summary of `c.stream`. */
  set(c: ConversationSummary): void {
    const s = c.stream;
    if (s >= this.end.length) this.grow(grownCapacity(this.end.length, s + 1));
    this.end[s] = ENDS.indexOf(c.end) + 1;
    this.flow[s] = c.flow; this.clientDir[s] = c.clientDir;
    this.firstFrame[s] = c.firstFrame; this.lastFrame[s] = c.lastFrame;
    this.firstSec[s] = c.firstSec; this.firstNsec[s] = c.firstNsec; this.lastSec[s] = c.lastSec; this.lastNsec[s] = c.lastNsec;
    this.packetsA[s] = c.packetsA; this.packetsB[s] = c.packetsB; this.bytesA[s] = c.bytesA; this.bytesB[s] = c.bytesB;
    this.payloadA[s] = c.payloadA; this.payloadB[s] = c.payloadB; this.irttNs[s] = c.irttNs;
    this.completenessCol[s] = c.completeness; this.stateA[s] = c.stateA; this.stateB[s] = c.stateB;
    this.winScale[2 * s] = c.winScaleA; this.winScale[2 * s + 1] = c.winScaleB;
    EXPERT.forEach((name, k) => {
      const v = c.expert[name], at = s * EXPERT.length + k;
      this.expert[at] = Math.min(v, BIG);
      if (v >= BIG) this.bigCounts.set(at, v); else this.bigCounts.delete(at);
    });
    this.size = Math.max(this.size, s + 1);
  }

  /** tcp.completeness of a stream (0 when not summarised), without building the summary. */
  completeness(stream: number): number {
    return stream >= 0 && stream < this.size ? this.completenessCol[stream] : 0;
  }

  /** Every summarised stream's tcp.completeness by stream (a view: valid until the next `set`), as a filter reads it. */
  completenessByStream(): Uint8Array {
    return this.completenessCol.subarray(0, this.size);
  }

  /**
   * Every summarised stream's window scale shifts (stream × 2 + side; -1 unknown, -2 none; a view valid until the next
   * `set`), as tcp.window_size_scalefactor reads them: the values tshark -2 shows on every packet of the stream.
   */
  windowScaleByStream(): Int8Array {
    return this.winScale.subarray(0, 2 * this.size);
  }

  /** The initial RTT of a stream in ns (-1 unknown or not summarised), without building the summary. */
  initialRtt(stream: number): number {
    return stream >= 0 && stream < this.size && this.end[stream] !== 0 ? this.irttNs[stream] : -1;
  }

  /**
   * What the conversation table sorts `stream` by in column `key` (an unsummarised stream: -Infinity), read from the
   * columns without building the summary.
   */
  sortValue(stream: number, key: ConversationSortKey): number {
    const s = stream;
    if (!(s >= 0 && s < this.size) || this.end[s] === 0) return -Infinity;
    switch (key) {
      case 'stream': return s;
      case 'end': return this.end[s];
      case 'completeness': return this.completenessCol[s];
      case 'packets': return this.packetsA[s] + this.packetsB[s];
      case 'bytes': return this.bytesA[s] + this.bytesB[s];
      case 'duration': return (this.lastSec[s] - this.firstSec[s]) * 1e9 + (this.lastNsec[s] - this.firstNsec[s]);
      case 'irtt': return this.irttNs[s];
      case 'expert': {
        let total = 0;
        for (let k = 0; k < EXPERT.length; k++) {
          const at = s * EXPERT.length + k;
          total += this.expert[at] === BIG ? this.bigCounts.get(at)! : this.expert[at];
        }
        return total;
      }
    }
  }

  /** The summary of `stream` (a new object), or undefined. */
  at(stream: number): ConversationSummary | undefined {
    const s = stream;
    if (!(s >= 0 && s < this.size) || this.end[s] === 0) return undefined;
    const f = this.flows.at(this.flow[s]);
    const expert = {} as ExpertCounts;
    EXPERT.forEach((name, k) => {
      const at = s * EXPERT.length + k;
      expert[name] = this.expert[at] === BIG ? this.bigCounts.get(at)! : this.expert[at];
    });
    return {
      stream: s, flow: this.flow[s], addrA: f?.addrA ?? '', portA: f?.portA ?? 0, addrB: f?.addrB ?? '', portB: f?.portB ?? 0,
      clientDir: this.clientDir[s] as -1 | 0 | 1, firstFrame: this.firstFrame[s], lastFrame: this.lastFrame[s],
      firstSec: this.firstSec[s], firstNsec: this.firstNsec[s], lastSec: this.lastSec[s], lastNsec: this.lastNsec[s],
      packetsA: this.packetsA[s], packetsB: this.packetsB[s], bytesA: this.bytesA[s], bytesB: this.bytesB[s],
      payloadA: this.payloadA[s], payloadB: this.payloadB[s], completeness: this.completenessCol[s],
      stateA: this.stateA[s], stateB: this.stateB[s], end: ENDS[this.end[s] - 1], expert, irttNs: this.irttNs[s],
      winScaleA: this.winScale[2 * s], winScaleB: this.winScale[2 * s + 1],
    };
  }

  /** Gives back growth room (a file finished loading). */
  trim(): void {
    if (this.end.length > this.size) this.grow(this.size);
  }

  clear(): void {
    this.size = 0;
    this.bigCounts.clear();
    this.grow(0);
  }

  private grow(capacity: number): void {
    const n = this.size;
    this.end = resized(this.end, capacity, n); this.flow = resized(this.flow, capacity, n); this.clientDir = resized(this.clientDir, capacity, n);
    this.firstFrame = resized(this.firstFrame, capacity, n); this.lastFrame = resized(this.lastFrame, capacity, n);
    this.firstSec = resized(this.firstSec, capacity, n); this.lastSec = resized(this.lastSec, capacity, n);
    this.firstNsec = resized(this.firstNsec, capacity, n); this.lastNsec = resized(this.lastNsec, capacity, n);
    this.packetsA = resized(this.packetsA, capacity, n); this.packetsB = resized(this.packetsB, capacity, n);
    this.bytesA = resized(this.bytesA, capacity, n); this.bytesB = resized(this.bytesB, capacity, n);
    this.payloadA = resized(this.payloadA, capacity, n); this.payloadB = resized(this.payloadB, capacity, n);
    this.irttNs = resized(this.irttNs, capacity, n); this.completenessCol = resized(this.completenessCol, capacity, n);
    this.stateA = resized(this.stateA, capacity, n); this.stateB = resized(this.stateB, capacity, n);
    this.winScale = resized(this.winScale, capacity * 2, n * 2);
    this.expert = resized(this.expert, capacity * EXPERT.length, n * EXPERT.length);
  }
}
