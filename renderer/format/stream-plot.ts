/**
 * What the conversation pane's graph draws, whatever the graph (Wireshark's TCP Stream Graphs: Round Trip Time,
 * Throughput, tcptrace, Window Scaling): a few series of points over an x axis (time, or sequence number for the RTT
 * graph by sequence), each on the left or right value axis, plus the points a click can pick (each with its packet).
 * The component (StreamGraph.vue) scales and bins them per pixel column; this file says what goes where.
 */
import type { StoredColumns } from '../stores/packet-columns';
import { rttGraph } from './rtt-graph';
import { seqGraph, windowGraph, type SeqGraph } from './seq-graph-model';
import { throughputGraph } from './throughput-graph';

/** bars: vertical from lo to hi; dots: points (lo = hi); steps: a step line through lo (value holds until the next). */
export type SeriesKind = 'bars' | 'dots' | 'steps';

export interface PlotSeries {
  kind: SeriesKind;
  /** CSS class (colour) and legend text. */
  cls: string;
  legend: string;
  x: Float64Array; lo: Float64Array; hi: Float64Array;
  /** 0: the left value axis, 1: the right one. Values < 0 are not drawn. */
  axis: 0 | 1;
}

export type GraphKind = 'rtt' | 'throughput' | 'tcptrace' | 'window';

export interface AxisInfo {
  label: string;
  /** How tick values read: seconds, plain numbers (bytes, sequence numbers), bits per second, milliseconds. */
  unit: 's' | 'B' | 'bit/s' | 'ms';
}

export interface StreamPlot {
  series: PlotSeries[];
  xAxis: AxisInfo;
  /** Left and (when a series uses it) right value axes. */
  yAxes: [AxisInfo, AxisInfo | null];
  xMax: number;
  /** Points a click can pick: x, y (on axis 0), the packet. */
  pickX: Float64Array; pickY: Float64Array; pickFrame: Uint32Array;
  /** Payload bytes the drawn side sent, and the number of its data segments (for labels). */
  bytes: number; segments: number;
}

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
    case 'tcptrace': return { ...tcptrace(seq, me, peer), ...counts };
    case 'window': return { ...windowScaling(windowGraph(cols, rows, dir), me, peer), ...counts };
    case 'throughput': return { ...throughput(cols, rows, dir, me, peer, options), ...counts };
    case 'rtt': return { ...roundTrip(cols, rows, dir, me, peer, options.rttBySeq), ...counts };
  }
}

type Drawn = Omit<StreamPlot, 'bytes' | 'segments'>;

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
    xAxis: TIME, yAxes: [{ label: 'Sequence number (B)', unit: 'B' }, null], xMax: g.timeMax,
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
    xAxis: TIME, yAxes: [{ label: 'Bytes', unit: 'B' }, null], xMax: g.timeMax,
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
    yAxes: [{ label: 'Segment length (B)', unit: 'B' }, o.showThroughput || o.showGoodput ? { label: 'Average throughput (bits/s)', unit: 'bit/s' } : null],
    pickX: g.segTime, pickY: g.segLen, pickFrame: g.segFrame,
  };
}

function roundTrip(cols: StoredColumns, rows: Uint32Array, dir: number, me: string, peer: string, bySeq: boolean): Drawn {
  const g = rttGraph(cols, rows, dir);
  const x = bySeq ? g.seq : g.time;
  return {
    series: [dots('data', `RTT of the ${me}'s segments, until the ${peer}'s ACK`, x, g.rttMs)],
    xAxis: bySeq ? { label: 'Sequence number (B)', unit: 'B' } : TIME, xMax: bySeq ? g.seqMax : g.timeMax,
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

/** The lowest and highest value on `axis` of the series' points whose x lies within [xLo, xHi] ([0, 1] when none). */
export function valueRange(plot: StreamPlot, axis: 0 | 1, xLo: number, xHi: number): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const s of plot.series) {
    if (s.axis !== axis) continue;
    for (let i = 0; i < s.x.length; i++) {
      if (s.x[i] < xLo || s.x[i] > xHi || s.lo[i] < 0) continue;
      lo = Math.min(lo, s.lo[i]); hi = Math.max(hi, s.hi[i]);
    }
  }
  return lo <= hi ? [lo, hi > lo ? hi : lo + 1] : [0, 1];
}

/** The pickable point whose x is nearest `x` (the first of equals), or -1 when there is none. */
export function nearestPick(plot: StreamPlot, x: number): number {
  let best = -1, dist = Infinity;
  for (let i = 0; i < plot.pickX.length; i++) {
    const d = Math.abs(plot.pickX[i] - x);
    if (d < dist) { best = i; dist = d; }
  }
  return best;
}

/** About `count` round tick values from `lo` to `hi` (1, 2 or 5 times a power of ten apart). */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count, p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((v) => v >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

const SI = [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const;

/** A tick value as its axis reads: "0.5 s", "12 ms", "1.5 Mbit/s", "65,536". */
export function tickLabel(v: number, unit: AxisInfo['unit']): string {
  switch (unit) {
    case 's': return `${Number(v.toPrecision(6))} s`;
    case 'ms': return `${Number(v.toPrecision(6))} ms`;
    case 'B': return v.toLocaleString('en-US');
    case 'bit/s': {
      const [scale, prefix] = SI.find(([s]) => Math.abs(v) >= s) ?? [1, ''];
      return `${Number((v / scale).toPrecision(4))} ${prefix}bit/s`;
    }
  }
}
