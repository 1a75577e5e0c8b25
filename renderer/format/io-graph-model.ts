/**
 * Wireshark's I/O Graph (Statistics ▸ I/O Graphs) over the stored columns: the capture cut into equal intervals from
 * its first frame, and per interval the frames (and their bytes on the wire) a line's display filter matches, or a
 * calculation over a Y field's values in them (io-graph-units.ts). Intervals are counted as tshark's `-z io,stat`
 * counts them (tap-iostat.c): a frame's time since the first frame in microseconds, rounded; a frame whose time falls
 * before the interval of the line's previous frame (a clock that stepped back) is left out, as tshark leaves it out.
 * A line with a Y field counts only frames that have the field: Wireshark adds the field to the line's filter.
 */
import type { StoredColumns } from '../stores/packet-columns';
import { fieldOccurrences } from '../../shared/filter/field-column';
import type { FieldValue } from '../../shared/filter/field-value-text';
import type { FieldDef } from '../../shared/filter/fields';
import type { FilterColumns, FilterContext } from '../../shared/filter/filter-context';
import { frameTimeOrigin } from '../../shared/filter/time-origin';
import { fieldKind, unitName, type IoUnit } from './io-graph-units';
import type { AxisInfo, Plot, PlotSeries } from './plot';

/** Intervals a graph may have (a 1 ms interval over a day would be 86 million). */
export const MAX_INTERVALS = 100_000;

/**
 * One line's numbers per interval: its frames and their bytes, and over its Y field's values (all 0 without one) how
 * many there were, their total, least and greatest (times in ns; LOAD's total is the µs its values spanned).
 */
export interface IoLine {
  frames: Float64Array; bytes: Float64Array; firstFrame: Uint32Array;
  fields: Float64Array; tot: Float64Array; min: Float64Array; max: Float64Array;
}

/** A line's Y field: what it reads, its calculation, and the columns and context its values come from. */
export interface IoYField { def: FieldDef; unit: IoUnit; cols: FilterColumns; ctx: FilterContext }

export interface IoAxis {
  intervalUs: number;
  /** Intervals from the first frame to the last. */
  count: number;
  /** Each row's time since the first frame, µs (tap-iostat.c's rounding). */
  relUs: Float64Array;
}

/** Each row's time since the capture's first frame, in µs as tap-iostat.c rounds it, and the interval count. */
export function ioAxis(cols: StoredColumns, intervalUs: number): IoAxis | { tooMany: number } {
  const n = cols.rows, relUs = new Float64Array(n);
  if (n === 0) return { intervalUs, count: 0, relUs };
  const o = frameTimeOrigin(cols.frame[0], cols.tsSec[0], cols.tsNsec[0]);
  let max = 0, last = 0;
  for (let r = 0; r < n; r++) {
    const sec = cols.tsSec[r] - o.sec, nsec = cols.tsNsec[r] - o.nsec;
    const ns = sec * 1e9 + nsec;
    // A negative time (before the first frame) counts as the one before it, as tap-iostat.c does.
    const us = ns >= 0 ? sec * 1e6 + Math.floor((nsec + 500) / 1000) : last;
    relUs[r] = us; last = us;
    if (us > max) max = us;
  }
  const count = Math.floor(max / intervalUs) + 1;
  return count > MAX_INTERVALS ? { tooMany: count } : { intervalUs, count, relUs };
}

/** One line's numbers: `rows` are the matching rows, ascending (null: every row); `y` its Y field, if its unit takes one. */
export function ioLine(cols: StoredColumns, axis: IoAxis, rows: ArrayLike<number> | null, n = rows?.length ?? cols.rows, y: IoYField | null = null): IoLine {
  const c = axis.count;
  const line: IoLine = {
    frames: new Float64Array(c), bytes: new Float64Array(c), firstFrame: new Uint32Array(c),
    fields: new Float64Array(c), tot: new Float64Array(c), min: new Float64Array(c), max: new Float64Array(c),
  };
  const values: FieldValue[] = [];
  let cur = 0;
  for (let k = 0; k < n; k++) {
    const r = rows === null ? k : rows[k];
    if (y !== null) {
      values.length = 0;
      fieldOccurrences(y.def, y.cols, y.ctx, r, values);
      if (values.length === 0) continue;          // "filter && (field)": the frame is not the line's
    }
    const idx = Math.floor(axis.relUs[r] / axis.intervalUs);
    if (idx < cur) continue;
    cur = idx;
    if (line.frames[idx] === 0) line.firstFrame[idx] = cols.frame[r];
    line.frames[idx]++;
    line.bytes[idx] += cols.origLen[r];
    if (y === null) continue;
    if (y.unit === 'load') for (const v of values) spreadLoad(line.tot, idx, axis.relUs[r] % axis.intervalUs, v as number, axis.intervalUs);
    else addValues(line, idx, values, fieldKind(y.def) !== 'countOnly');
  }
  return line;
}

/** io_graph_item.h update_io_graph_item: each value counts; numbers also make the total, least and greatest. */
function addValues(line: IoLine, idx: number, values: readonly FieldValue[], numeric: boolean): void {
  for (const value of values) {
    if (numeric) {
      const v = value as number, first = line.fields[idx] === 0;
      if (first || v > line.max[idx]) line.max[idx] = v;
      if (first || v < line.min[idx]) line.min[idx] = v;
      line.tot[idx] += v;
    }
    line.fields[idx]++;
  }
}

/**
 * LOAD (io_graph_item.h): a relative time (a response time) ending at this frame is spread over the intervals it
 * spanned, in µs — the part since this interval began here, whole intervals before it, the rest at its start. A
 * negative time (a clock that stepped back) adds nothing.
 */
function spreadLoad(tot: Float64Array, idx: number, sinceIntervalUs: number, ns: number, intervalUs: number): void {
  if (!(ns > 0)) return;
  let t = Math.floor(ns / 1000), part = Math.min(sinceIntervalUs, t);
  for (let j = idx; t > 0; j--) {
    tot[j] += part;
    if (j === 0) break;
    t -= part;
    part = Math.min(t, intervalUs);
  }
}

/**
 * A line's value per interval (io_graph_item.c get_io_graph_item): times in seconds; LOAD the share of the interval
 * its times spanned. SUM, MIN, MAX and AVG have no value where no frame had the field: -1, a gap (plot.ts draws no value
 * below 0), as Wireshark leaves the interval out (IOGraph::hasItemToShow).
 */
export function ioValues(line: IoLine, unit: IoUnit, def: FieldDef | null, intervalUs: number): Float64Array {
  const scale = def !== null && fieldKind(def) === 'relativeTime' ? 1e-9 : 1;
  const gap = (i: number, v: number): number => (line.fields[i] > 0 ? v * scale : -1);
  switch (unit) {
    case 'packets': case 'frames': return line.frames.slice();
    case 'bytes': return line.bytes.slice();
    case 'bits': return line.bytes.map((b) => b * 8);
    case 'fields': return line.fields.slice();
    case 'sum': return line.tot.map((v, i) => gap(i, v));
    case 'max': return line.max.map((v, i) => gap(i, v));
    case 'min': return line.min.map((v, i) => gap(i, v));
    case 'avg': return line.tot.map((v, i) => gap(i, v / line.fields[i]));
    case 'load': return line.tot.map((us) => us / intervalUs);
  }
}

/** Wireshark's SMA periods (IOGraph::movingAveragesToNames): a line's moving average over this many intervals, 0 none. */
export const SMA_PERIODS = [0, 10, 20, 50, 100, 200, 500, 1000] as const;

export interface IoLineSpec {
  name: string; style: 'line' | 'bars'; cls: string; line: IoLine; unit: IoUnit; field: FieldDef | null;
  /** Moving average period in intervals (0: none). */
  sma?: number;
}

/**
 * Wireshark's moving average (IOGraph::recalcGraphData): each interval's value averaged with the period/2 intervals
 * before it and the period/2 − 1 after it (fewer at the ends), an interval without a value counting as 0; an interval
 * that had no value stays without one.
 */
export function movingAverage(values: Float64Array, period: number): Float64Array {
  const n = values.length, half = Math.floor(period / 2), v = (i: number): number => Math.max(0, values[i]);
  const out = new Float64Array(n);
  if (n === 0) return out;
  let sum = v(0), count = 1, add = 1, remove = 0, left = 0;
  for (; add < half && add < n; add++) { sum += v(add); count++; }
  for (let i = 0; i < n; i++) {
    if (i !== 0) {
      if (++left > half) { left--; count--; sum -= v(remove++); }
      if (add < n) { count++; sum += v(add++); }
    }
    out[i] = values[i] < 0 ? -1 : sum / count;
  }
  return out;
}

/** A line whose values are seconds (a relative time's SUM, MIN, MAX or AVG), not counts. */
function inSeconds(l: IoLineSpec): boolean {
  return l.field !== null && fieldKind(l.field) === 'relativeTime' && l.unit !== 'frames' && l.unit !== 'fields' && l.unit !== 'load';
}

/** What the lines' values are: their unit's name when they share one (SUM(tcp.len)), else "Values". */
function valueAxis(lines: readonly IoLineSpec[], interval: string): AxisInfo {
  const what = (l: IoLineSpec): string => (l.field ? `${unitName(l.unit)}(${l.field.name})` : unitName(l.unit));
  const names = new Set(lines.map(what));
  return { label: `${names.size === 1 ? [...names][0] : 'Values'} per ${interval}`, unit: lines.length > 0 && lines.every(inSeconds) ? 's' : 'number' };
}

/**
 * The plot of the lines: x the interval's start in seconds, y each line's value per interval. Lines in seconds beside
 * lines of counts get the right-hand axis (on the counts' axis an ACK RTT would lie flat on 0). Picks: each interval's
 * first frame of the first line on the left axis.
 */
export function ioPlot(axis: IoAxis, lines: readonly IoLineSpec[]): Plot {
  const x = Float64Array.from({ length: axis.count }, (_, i) => (i * axis.intervalUs) / 1e6);
  const values = lines.map((l) => { const v = ioValues(l.line, l.unit, l.field, axis.intervalUs); return l.sma ? movingAverage(v, l.sma) : v; });
  const split = lines.some(inSeconds) && !lines.every(inSeconds);
  const axisOf = (l: IoLineSpec): 0 | 1 => (split && inSeconds(l) ? 1 : 0);
  const series: PlotSeries[] = lines.map((l, k) => {
    const v = values[k];
    // Bars rise from 0; a line is a step per interval.
    return l.style === 'bars'
      ? { kind: 'bars', cls: l.cls, legend: l.name, x, lo: v.map((y) => (y > 0 ? 0 : -1)), hi: v, axis: axisOf(l), width: axis.intervalUs / 1e6 }
      : { kind: 'steps', cls: l.cls, legend: l.name, x, lo: v, hi: v, axis: axisOf(l), gaps: l.unit === 'min' || l.unit === 'max' || l.unit === 'avg' };
  });
  const k0 = lines.findIndex((l) => axisOf(l) === 0), first = lines[k0]?.line;
  const picks = first ? [...first.firstFrame.keys()].filter((i) => first.firstFrame[i] > 0) : [];
  const interval = axis.intervalUs >= 1e6 ? `${axis.intervalUs / 1e6} s` : `${axis.intervalUs / 1e3} ms`;
  return {
    series, xMax: axis.count * axis.intervalUs / 1e6,
    xAxis: { label: 'Time (s)', unit: 's' },
    yAxes: [valueAxis(lines.filter((l) => axisOf(l) === 0), interval), split ? valueAxis(lines.filter(inSeconds), interval) : null],
    pickX: Float64Array.from(picks, (i) => x[i]), pickY: Float64Array.from(picks, (i) => Math.max(0, values[k0][i])),
    pickFrame: Uint32Array.from(picks, (i) => first!.firstFrame[i]),
  };
}

/**
 * The lines' values as CSV, as Wireshark's I/O Graph "Copy" writes them (io_graph_dialog.cpp makeCsv): a header of
 * "Interval start" and each line's name (quoted, RFC 4180), then per interval its start in seconds and each line's
 * value. An interval without a value (MIN, MAX, AVG where no frame had the field) is an empty cell, not Wireshark's 0.
 */
export function ioCsv(axis: IoAxis, lines: readonly IoLineSpec[]): string {
  const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  const values = lines.map((l) => ioValues(l.line, l.unit, l.field, axis.intervalUs));
  const rows = [['Interval start', ...lines.map((l) => l.name)].map(quote).join(',')];
  for (let i = 0; i < axis.count; i++) {
    rows.push([String((i * axis.intervalUs) / 1e6), ...values.map((v) => (v[i] < 0 ? '' : String(v[i])))].join(','));
  }
  return `${rows.join('\n')}\n`;
}
