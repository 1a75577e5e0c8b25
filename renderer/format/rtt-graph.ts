/**
 * Wireshark's Round Trip Time graph (Statistics ▸ TCP Stream Graphs ▸ Round Trip Time; tcp_stream_dialog.cpp
 * fillRoundTripTime): every data segment of one side waits in an unacknowledged list until an ACK of the other side
 * covers it; then its round-trip time is the ACK's time less the segment's. A segment whose first byte is still
 * waiting in the list (a re-send, a keep-alive) is not added, so a re-sent segment is not timed (Karn). An ACK that
 * covers part of a segment (a GSO/TSO super-segment) times that segment and leaves the rest waiting.
 *
 * Unlike Wireshark's, only segments with the ACK flag acknowledge (a SYN without ACK carries no ack number), and
 * SACK blocks are not used (the renderer's columns do not keep them): a SACKed segment is timed when the cumulative
 * ACK reaches it.
 */
import { TCP_ACK, TCP_SYN } from '../../shared/wire/tcp-flag-bits';
import type { StoredColumns } from '../stores/packet-columns';


export interface RttGraph {
  /** Per measurement: the segment's time, its (remaining) first relative sequence number, RTT in ms, its frame and the ACK's. */
  time: Float64Array; seq: Float64Array; rttMs: Float64Array; frame: Uint32Array; ackFrame: Uint32Array;
  timeMax: number; seqMax: number;
}

const before = (a: number, b: number): boolean => ((a - b) | 0) < 0;

/** The unacknowledged segments, in the order sent; acknowledged ones are marked dead and skipped. */
class UnackedList {
  readonly time: Float64Array; readonly seq: Uint32Array; readonly end: Uint32Array; readonly frame: Uint32Array;
  private readonly dead: Uint8Array;
  head = 0;
  n = 0;
  /**
   * Whether every segment added so far starts at or after the end of the one added before it (the usual case): then
   * the list is in sequence order, an ACK stops at the first segment it does not reach, and a segment starting at or
   * after the last end is no re-send — without this, a capture missing the ACK side would make each segment scan all
   * those before it.
   */
  private ordered = true;

  constructor(capacity: number) {
    this.time = new Float64Array(capacity); this.seq = new Uint32Array(capacity); this.end = new Uint32Array(capacity);
    this.frame = new Uint32Array(capacity); this.dead = new Uint8Array(capacity);
  }

  /** rtt_is_retrans: whether `seq` lies inside a waiting segment. */
  holds(seq: number): boolean {
    if (this.ordered && (this.n === 0 || !before(seq, this.end[this.n - 1]))) return false;
    for (let i = this.head; i < this.n; i++) {
      if (!this.dead[i] && !before(seq, this.seq[i]) && before(seq, this.end[i])) return true;
    }
    return false;
  }

  add(t: number, seq: number, len: number, frame: number): void {
    const i = this.n++;
    if (i > this.head && before(seq, this.end[i - 1])) this.ordered = false;
    this.time[i] = t; this.seq[i] = seq; this.end[i] = (seq + len) >>> 0; this.frame[i] = frame; this.dead[i] = 0;
  }

  /** Calls `timed(i)` for each waiting segment `ack` reaches (before trimming it); removes those it covers whole. */
  acknowledge(ack: number, timed: (i: number) => void): void {
    for (let i = this.head; i < this.n; i++) {
      if (this.dead[i]) continue;
      if (!before(this.seq[i], ack)) { if (this.ordered) break; continue; }
      timed(i);
      if (!before(ack, this.end[i])) this.dead[i] = 1;
      else this.seq[i] = ack;
    }
    while (this.head < this.n && this.dead[this.head]) this.head++;
    if (this.head === this.n) { this.head = 0; this.n = 0; this.ordered = true; }
  }
}

/**
 * The RTT graph of the data `dir` (0/1, the flow's A/B) sends in the conversation made of `rows` (ascending stored
 * rows), times since the conversation's first row.
 */
export function rttGraph(cols: StoredColumns, rows: Uint32Array, dir: number): RttGraph {
  let nData = 0, nAck = 0;
  for (const r of rows) {
    if (cols.dir[r] === dir) { if (cols.payloadLen[r] > 0) nData++; } else if (cols.tcpFlags[r] & TCP_ACK) nAck++;
  }
  const list = new UnackedList(nData);
  // A measurement per segment acknowledged whole, plus at most one per ACK for a segment it covers in part.
  const cap = nData + nAck;
  const g: RttGraph = {
    time: new Float64Array(cap), seq: new Float64Array(cap), rttMs: new Float64Array(cap), frame: new Uint32Array(cap),
    ackFrame: new Uint32Array(cap), timeMax: 0, seqMax: 0,
  };
  let n = 0, t = 0, ackFrame = 0;
  const timed = (i: number): void => {
    g.time[n] = list.time[i]; g.seq[n] = list.seq[i]; g.rttMs[n] = (t - list.time[i]) * 1000;
    g.frame[n] = list.frame[i]; g.ackFrame[n] = ackFrame;
    g.seqMax = Math.max(g.seqMax, list.seq[i]);
    n++;
  };
  if (rows.length > 0) {
    const t0Sec = cols.tsSec[rows[0]], t0Nsec = cols.tsNsec[rows[0]];
    for (const r of rows) {
      t = (cols.tsSec[r] - t0Sec) + (cols.tsNsec[r] - t0Nsec) / 1e9;
      g.timeMax = Math.max(g.timeMax, t);
      if (cols.dir[r] === dir) {
        const len = cols.payloadLen[r];
        // A SYN's sequence number is the byte before the data it carries (TCP Fast Open).
        const seq = (cols.seqRel[r] + (cols.tcpFlags[r] & TCP_SYN ? 1 : 0)) >>> 0;
        if (len > 0 && !list.holds(seq)) list.add(t, seq, len, cols.frame[r]);
      } else if (cols.tcpFlags[r] & TCP_ACK) {
        ackFrame = cols.frame[r];
        list.acknowledge(cols.ackRel[r], timed);
      }
    }
  }
  return {
    time: g.time.slice(0, n), seq: g.seq.slice(0, n), rttMs: g.rttMs.slice(0, n), frame: g.frame.slice(0, n),
    ackFrame: g.ackFrame.slice(0, n), timeMax: g.timeMax, seqMax: g.seqMax,
  };
}
