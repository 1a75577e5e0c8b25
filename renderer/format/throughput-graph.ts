/**
 * Wireshark's Throughput graph (Statistics ▸ TCP Stream Graphs ▸ Throughput; tcp_stream_dialog.cpp fillThroughput
 * with its default MA_1_SECOND): one side's segment lengths, its throughput — the bytes it sent in the last
 * `windowSec` seconds (the moving-average window, 1 s by default) as bits per second — and its goodput, the bytes
 * the other side's ACKs newly acknowledge, averaged the same way. Each average gets a point where a packet enters
 * the window and where one leaves it, so the line drops when data stops instead of holding its last value.
 */
import { TCP_ACK } from '../../shared/wire/tcp-flag-bits';
import type { StoredColumns } from '../stores/packet-columns';


export interface ThroughputGraph {
  /** Every packet of the drawn side: time and TCP payload length (0 for pure ACKs, as Wireshark draws them), frame. */
  segTime: Float64Array; segLen: Float64Array; segFrame: Uint32Array;
  /** Throughput (bits/s) of the drawn side, as points of a step line. */
  tputTime: Float64Array; tput: Float64Array;
  /** Goodput (bits/s): bytes newly acknowledged by the other side's ACKs. */
  gputTime: Float64Array; gput: Float64Array;
  timeMax: number;
}

/** tcp_seq_eq_or_after: `a` at or after `b` in 32-bit sequence space. */
const atOrAfter = (a: number, b: number): boolean => ((a - b) | 0) >= 0;

/** One side's moving average over a time window: the running sum and the points it produced. */
class MovingAverage {
  private readonly times: Float64Array;
  private readonly lens: Float64Array;
  private n = 0;
  private oldest = 0;
  private sum = 0;
  readonly outTime: Float64Array;
  readonly out: Float64Array;
  outN = 0;

  constructor(capacity: number, private readonly windowSec: number) {
    this.times = new Float64Array(capacity); this.lens = new Float64Array(capacity);
    // Each packet adds at most one point on entering and one on leaving the window.
    this.outTime = new Float64Array(2 * capacity); this.out = new Float64Array(2 * capacity);
  }

  add(t: number, len: number): void {
    const w = this.windowSec;
    this.times[this.n] = t; this.lens[this.n] = len; this.n++;
    while (this.oldest < this.n && t - this.times[this.oldest] > w) {
      this.sum -= this.lens[this.oldest];
      this.point(this.times[this.oldest] + w, this.sum * 8 / w);
      this.oldest++;
    }
    this.sum += len;
    const avg = this.sum * 8 / w;
    // A point only where time advanced; otherwise the latest one is updated (as Wireshark does).
    if (this.outN > 0 && t <= this.outTime[this.outN - 1]) this.out[this.outN - 1] = avg;
    else this.point(t, avg);
  }

  private point(t: number, v: number): void { this.outTime[this.outN] = t; this.out[this.outN] = v; this.outN++; }
}

/**
 * The throughput graph of the data `dir` (0/1, the flow's A/B) sends in the conversation made of `rows` (ascending
 * stored rows), times since the conversation's first row; `windowSec` > 0.
 */
export function throughputGraph(cols: StoredColumns, rows: Uint32Array, dir: number, windowSec = 1): ThroughputGraph {
  let nFwd = 0;
  for (const r of rows) if (cols.dir[r] === dir) nFwd++;
  const fwd = new MovingAverage(nFwd, windowSec), rev = new MovingAverage(rows.length - nFwd, windowSec);
  const segTime = new Float64Array(nFwd), segLen = new Float64Array(nFwd), segFrame = new Uint32Array(nFwd);
  let timeMax = 0;
  // Goodput counts from the first acknowledgement the other side sent.
  let lastAck = 0;
  for (const r of rows) if (cols.dir[r] !== dir && cols.tcpFlags[r] & TCP_ACK) { lastAck = cols.ackRel[r]; break; }
  if (rows.length > 0) {
    const t0Sec = cols.tsSec[rows[0]], t0Nsec = cols.tsNsec[rows[0]];
    let s = 0;
    for (const r of rows) {
      const t = (cols.tsSec[r] - t0Sec) + (cols.tsNsec[r] - t0Nsec) / 1e9;
      timeMax = Math.max(timeMax, t);
      if (cols.dir[r] === dir) {
        const len = cols.payloadLen[r];
        segTime[s] = t; segLen[s] = len; segFrame[s] = cols.frame[r]; s++;
        fwd.add(t, len);
      } else {
        let acked = 0;
        const ack = cols.ackRel[r];
        if (cols.tcpFlags[r] & TCP_ACK && atOrAfter(ack, lastAck)) { acked = (ack - lastAck) >>> 0; lastAck = ack; }
        rev.add(t, acked);
      }
    }
  }
  return {
    segTime, segLen, segFrame, timeMax,
    tputTime: fwd.outTime.slice(0, fwd.outN), tput: fwd.out.slice(0, fwd.outN),
    gputTime: rev.outTime.slice(0, rev.outN), gput: rev.out.slice(0, rev.outN),
  };
}
