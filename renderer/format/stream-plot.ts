/**
 * What the conversation pane's graph draws for each of Wireshark's TCP Stream Graphs (Round Trip Time, Throughput,
 * Stevens, tcptrace, Window Scaling): series over time (or sequence number for the RTT graph by sequence) on one or two value
 * axes (plot.ts), and the segments a click can pick.
 */
import type { StoredColumns } from '../stores/packet-columns';
import type { AxisInfo, Plot, PlotSeries } from './plot';
import { rttGraph } from './rtt-graph';
import { seqGraph, windowGraph, type SeqGraph } from './seq-graph-model';
import { throughputGraph } from './throughput-graph';
import { TCP_A_ANY_RETRANSMISSION } from '../../shared/tcp/analysis-flags';

export type GraphKind = 'rtt' | 'throughput' | 'stevens' | 'tcptrace' | 'window';

/** A stream graph, with the drawn side's payload bytes and data segments (for labels). */
export interface StreamPlot extends Plot { bytes: number; segments: number }

export interface PlotOptions {
  /** Throughput's moving-average window in seconds (Wireshark's "MA Window (s)", 1 by default). */
  maWindowSec: number;
  /** Throughput: which lines show (Wireshark's check boxes: segment length and throughput on, goodput off). */
  showSegLength: boolean; showThroughput: boolean; showGoodput: boolean;
  /** RTT graph over sequence numbers instead of time. */
  rttBySeq: boolean;
}

export const DEFAULT_PLOT_OPTIONS: PlotOptions = { maWindowSec: 1, showSegLength: true, showThroughput: true, showGoodput: false, rttBySeq: false };

const TIME: AxisInfo = { label: 'Time (s)', unit: 's' };

/** The `kind` graph of the data side `dir` sends in the conversation of `rows`; roles name the sides ("client"). */
export function streamPlot(kind: GraphKind, cols: StoredColumns, rows: Uint32Array, dir: number, roles: [string, string],
  options: PlotOptions = DEFAULT_PLOT_OPTIONS): StreamPlot {
  const me = roles[dir], peer = roles[1 - dir];
  const seq = seqGraph(cols, rows, dir);
  const counts = { bytes: seq.bytes, segments: seq.segTime.length };
  switch (kind) {
    case 'stevens': return { ...stevens(cols, rows, dir, me, seq.timeMax), ...counts };
    case 'tcptrace': return { ...tcptrace(seq, me, peer), ...counts };
    case 'window': return { ...windowScaling(windowGraph(cols, rows, dir), me, peer), ...counts };
    case 'throughput': return { ...throughput(cols, rows, dir, me, peer, options), ...counts };
    case 'rtt': return { ...roundTrip(cols, rows, dir, me, peer, options.rttBySeq), ...counts };
  }
}

type Drawn = Omit<StreamPlot, 'bytes' | 'segments'>;

/**
 * Time / Sequence (Stevens), tcp_stream_dialog.cpp fillStevens: every segment one side sends, data or not, as a dot at
 * its relative sequence number over time (re-sent ones apart): a steady climb is data flowing, a dot below the
 * climb a segment sent again.
 */
function stevens(cols: StoredColumns, rows: Uint32Array, dir: number, me: string, timeMax: number): Drawn {
  let n = 0;
  for (const r of rows) if (cols.dir[r] === dir) n++;
  const x = new Float64Array(n), seq = new Float64Array(n), frame = new Uint32Array(n), resent = new Uint8Array(n);
  const t0Sec = rows.length > 0 ? cols.tsSec[rows[0]] : 0, t0Nsec = rows.length > 0 ? cols.tsNsec[rows[0]] : 0;
  let k = 0;
  for (const r of rows) {
    if (cols.dir[r] !== dir) continue;
    x[k] = (cols.tsSec[r] - t0Sec) + (cols.tsNsec[r] - t0Nsec) / 1e9;
    seq[k] = cols.seqRel[r]; frame[k] = cols.frame[r];
    resent[k] = cols.analysis[r] & TCP_A_ANY_RETRANSMISSION ? 1 : 0;
    k++;
  }
  return {
    series: [dots('data', `segments of the ${me}`, x, seq, resent.map((v) => 1 - v)), dots('resent', 're-sent', x, seq, resent)],
    xAxis: TIME, yAxes: [{ label: 'Sequence number (B)', unit: 'number' }, null], xMax: timeMax,
    pickX: x, pickY: seq, pickFrame: frame,
  };
}

/** Data segments of one sender as bars (re-sent ones apart), and the peer's ACK and window edge as steps. */
function tcptrace(g: SeqGraph, me: string, peer: string): Drawn {
  const fresh = g.segResent.map((v) => 1 - v);
  return {
    series: [
      { kind: 'steps', cls: 'window', legend: `receive window of the ${peer}`, x: g.ackTime, lo: g.ackWindow, hi: g.ackWindow, axis: 0 },
      { kind: 'steps', cls: 'ack', legend: `ACKed by the ${peer}`, x: g.ackTime, lo: g.ackSeq, hi: g.ackSeq, axis: 0 },
      bars('data', `data of the ${me}`, g.segTime, g.segSeq, g.segEnd, fresh),
      bars('resent', 're-sent', g.segTime, g.segSeq, g.segEnd, g.segResent),
    ],
    xAxis: TIME, yAxes: [{ label: 'Sequence number (B)', unit: 'number' }, null], xMax: g.timeMax,
    pickX: g.segTime, pickY: g.segEnd, pickFrame: g.segFrame,
  };
}

/** Bytes in flight of one sender as dots (re-sent ones apart) against the peer's receive window. */
function windowScaling(g: SeqGraph, me: string, peer: string): Drawn {
  const fresh = g.segResent.map((v) => 1 - v);
  return {
    series: [
      { kind: 'steps', cls: 'ack', legend: `receive window of the ${peer}`, x: g.ackTime, lo: g.ackSeq, hi: g.ackSeq, axis: 0 },
      dots('data', `bytes in flight of the ${me}`, g.segTime, g.segSeq, fresh),
      dots('resent', 're-sent', g.segTime, g.segSeq, g.segResent),
    ],
    xAxis: TIME, yAxes: [{ label: 'Bytes', unit: 'number' }, null], xMax: g.timeMax,
    pickX: g.segTime, pickY: g.segSeq, pickFrame: g.segFrame,
  };
}

function throughput(cols: StoredColumns, rows: Uint32Array, dir: number, me: string, peer: string, o: PlotOptions): Drawn {
  const g = throughputGraph(cols, rows, dir, o.maWindowSec);
  const w = `${Number(o.maWindowSec.toPrecision(6))} s`;
  const series: PlotSeries[] = [];
  if (o.showSegLength) series.push(dots('data', `segment length of the ${me}`, g.segTime, g.segLen));
  if (o.showThroughput) series.push({ kind: 'steps', cls: 'tput', legend: `throughput (${w} average)`, x: g.tputTime, lo: g.tput, hi: g.tput, axis: 1 });
  if (o.showGoodput) series.push({ kind: 'steps', cls: 'gput', legend: `goodput: bytes the ${peer} ACKed (${w} average)`, x: g.gputTime, lo: g.gput, hi: g.gput, axis: 1 });
  return {
    series, xAxis: TIME, xMax: g.timeMax,
    yAxes: [{ label: 'Segment length (B)', unit: 'number' }, o.showThroughput || o.showGoodput ? { label: 'Average throughput (bits/s)', unit: 'bit/s' } : null],
    pickX: g.segTime, pickY: g.segLen, pickFrame: g.segFrame,
  };
}

function roundTrip(cols: StoredColumns, rows: Uint32Array, dir: number, me: string, peer: string, bySeq: boolean): Drawn {
  const g = rttGraph(cols, rows, dir);
  const x = bySeq ? g.seq : g.time;
  return {
    series: [dots('data', `RTT of the ${me}'s segments, until the ${peer}'s ACK`, x, g.rttMs)],
    xAxis: bySeq ? { label: 'Sequence number (B)', unit: 'number' } : TIME, xMax: bySeq ? g.seqMax : g.timeMax,
    yAxes: [{ label: 'Round-trip time (ms)', unit: 'ms' }, null],
    pickX: x, pickY: g.rttMs, pickFrame: g.frame,
  };
}

/** Values where `keep[i]` is 1, −1 elsewhere (not drawn). */
function only(values: Float64Array, keep?: Uint8Array): Float64Array {
  return keep ? values.map((v, i) => (keep[i] ? v : -1)) : values;
}

function bars(cls: string, legend: string, x: Float64Array, lo: Float64Array, hi: Float64Array, keep?: Uint8Array): PlotSeries {
  return { kind: 'bars', cls, legend, x, lo: only(lo, keep), hi, axis: 0 };
}

function dots(cls: string, legend: string, x: Float64Array, v: Float64Array, keep?: Uint8Array): PlotSeries {
  const lo = only(v, keep);
  return { kind: 'dots', cls, legend, x, lo, hi: lo, axis: 0 };
}
