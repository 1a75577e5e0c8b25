/**
 * What the sequence graph (Wireshark's Statistics ▸ TCP Stream Graphs ▸ tcptrace) draws for one direction of a
 * conversation: each data segment as a vertical bar from its relative sequence number to its end (re-sent ones
 * apart), and from the other side's segments the acknowledged number and the receive window's right edge (ack +
 * scaled window) as steps. Times are seconds since the conversation's first packet. Pure data from the columns;
 * the component scales it and draws it as a few paths, so a conversation of a million segments is a few strings.
 */
import { TCP_ACK, TCP_SYN } from '../../shared/wire/tcp-flag-bits';
import type { StoredColumns } from '../stores/packet-columns';

import { windowSizeAt } from '../../shared/filter/window-size';
import { TCP_A_ANY_RETRANSMISSION } from '../../shared/tcp/analysis-flags';

export interface SeqGraph {
  /** Per data segment of the drawn direction: time, seq, seq end (−1: nothing to draw), frame, re-sent (parallel arrays). */
  segTime: Float64Array; segSeq: Float64Array; segEnd: Float64Array; segFrame: Uint32Array; segResent: Uint8Array;
  /** Per segment of the other side with the ACK flag: time, acknowledged number, window's right edge (−1 unknown). */
  ackTime: Float64Array; ackSeq: Float64Array; ackWindow: Float64Array;
  /** Extent of the data: the last time and the highest sequence number or window edge drawn. */
  timeMax: number; seqMax: number;
  /** Payload bytes of the drawn direction. */
  bytes: number;
}

/**
 * The graph of the data `dir` (0/1, the flow's A/B) sends in the conversation made of `rows` (ascending stored rows),
 * times since the conversation's first row.
 */
export function seqGraph(cols: StoredColumns, rows: Uint32Array, dir: number): SeqGraph {
  let nSeg = 0, nAck = 0;
  for (const r of rows) {
    if (cols.dir[r] === dir) { if (cols.payloadLen[r] > 0) nSeg++; } else if (cols.tcpFlags[r] & TCP_ACK) nAck++;
  }
  const g: SeqGraph = {
    segTime: new Float64Array(nSeg), segSeq: new Float64Array(nSeg), segEnd: new Float64Array(nSeg), segFrame: new Uint32Array(nSeg),
    segResent: new Uint8Array(nSeg), ackTime: new Float64Array(nAck), ackSeq: new Float64Array(nAck), ackWindow: new Float64Array(nAck),
    timeMax: 0, seqMax: 0, bytes: 0,
  };
  if (rows.length === 0) return g;
  const t0Sec = cols.tsSec[rows[0]], t0Nsec = cols.tsNsec[rows[0]];
  let s = 0, a = 0;
  for (const r of rows) {
    const t = (cols.tsSec[r] - t0Sec) + (cols.tsNsec[r] - t0Nsec) / 1e9;
    g.timeMax = Math.max(g.timeMax, t);
    if (cols.dir[r] === dir) {
      const len = cols.payloadLen[r];
      if (len === 0) continue;
      // A SYN's sequence number is the byte before the data it carries (TCP Fast Open).
      const seq = cols.seqRel[r] + (cols.tcpFlags[r] & TCP_SYN ? 1 : 0);
      g.segTime[s] = t; g.segSeq[s] = seq; g.segEnd[s] = seq + len; g.segFrame[s] = cols.frame[r];
      g.segResent[s] = cols.analysis[r] & TCP_A_ANY_RETRANSMISSION ? 1 : 0;
      g.seqMax = Math.max(g.seqMax, seq + len);
      g.bytes += len;
      s++;
    } else if (cols.tcpFlags[r] & TCP_ACK) {
      const ack = cols.ackRel[r], win = windowSizeAt(cols, r);
      g.ackTime[a] = t; g.ackSeq[a] = ack; g.ackWindow[a] = win >= 0 ? ack + win : -1;
      g.seqMax = Math.max(g.seqMax, ack, win >= 0 ? ack + win : 0);
      a++;
    }
  }
  return g;
}

/**
 * The same shape for Wireshark's Window Scaling graph: the bytes in flight of `dir`'s data segments
 * (tcp.analysis.bytes_in_flight, as points: segSeq = segEnd) against the other side's advertised receive window
 * (tcp.window_size, as steps in ackSeq; no ackWindow line). A window the bytes in flight reach is a full window.
 */
export function windowGraph(cols: StoredColumns, rows: Uint32Array, dir: number): SeqGraph {
  const g = seqGraph(cols, rows, dir);
  let s = 0, a = 0;
  g.seqMax = 0;
  for (const r of rows) {
    if (cols.dir[r] === dir) {
      if (cols.payloadLen[r] === 0) continue;
      const b = cols.bytesInFlight[r];          // 0: not tracked (after a lost segment, or no analysis record)
      g.segSeq[s] = b > 0 ? b : -1; g.segEnd[s] = g.segSeq[s];
      g.seqMax = Math.max(g.seqMax, b);
      s++;
    } else if (cols.tcpFlags[r] & TCP_ACK) {
      const w = windowSizeAt(cols, r);
      g.ackSeq[a] = w >= 0 ? w : -1; g.ackWindow[a] = -1;
      g.seqMax = Math.max(g.seqMax, w);
      a++;
    }
  }
  return g;
}
