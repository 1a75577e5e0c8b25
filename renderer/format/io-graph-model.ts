/**
 * Wireshark's I/O Graph (Statistics ▸ I/O Graphs) over the stored columns: the capture cut into equal intervals from
 * its first frame, and per interval the frames (and their bytes on the wire) a line's display filter matches.
 * Intervals are counted as tshark's `-z io,stat` counts them (tap-iostat.c): a frame's time since the first frame in
 * microseconds, rounded; a frame whose time falls before the interval of the line's previous frame (a clock that
 * stepped back) is left out, as tshark leaves it out.
 */
import type { StoredColumns } from '../stores/packet-columns';
import { frameTimeOrigin } from '../../shared/filter/time-origin';
import type { Plot, PlotSeries } from './plot';

/** Intervals a graph may have (a 1 ms interval over a day would be 86 million). */
export const MAX_INTERVALS = 100_000;

export interface IoLine { frames: Float64Array; bytes: Float64Array; firstFrame: Uint32Array }

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

/** One line's counts: `rows` are the matching rows, ascending (null: every row). */
export function ioLine(cols: StoredColumns, axis: IoAxis, rows: ArrayLike<number> | null, n = rows?.length ?? cols.rows): IoLine {
  const frames = new Float64Array(axis.count), bytes = new Float64Array(axis.count), firstFrame = new Uint32Array(axis.count);
  let cur = 0;
  for (let k = 0; k < n; k++) {
    const r = rows === null ? k : rows[k];
    const idx = Math.floor(axis.relUs[r] / axis.intervalUs);
    if (idx < cur) continue;
    cur = idx;
    if (frames[idx] === 0) firstFrame[idx] = cols.frame[r];
    frames[idx]++;
    bytes[idx] += cols.origLen[r];
  }
  return { frames, bytes, firstFrame };
}

export type IoUnit = 'packets' | 'bytes' | 'bits';
export interface IoLineSpec { name: string; style: 'line' | 'bars'; cls: string; line: IoLine }

const UNIT_LABEL: Record<IoUnit, string> = { packets: 'Packets', bytes: 'Bytes', bits: 'Bits' };

/** The plot of the lines: x the interval's start in seconds, y the unit per interval; picks: each interval's first frame of the first line. */
export function ioPlot(axis: IoAxis, lines: readonly IoLineSpec[], unit: IoUnit): Plot {
  const x = Float64Array.from({ length: axis.count }, (_, i) => (i * axis.intervalUs) / 1e6);
  const valueOf = (l: IoLine): Float64Array => (unit === 'packets' ? l.frames : unit === 'bytes' ? l.bytes : l.bytes.map((b) => b * 8));
  const series: PlotSeries[] = lines.map((l) => {
    const v = valueOf(l.line);
    // Bars rise from 0; a line is a step per interval.
    return l.style === 'bars'
      ? { kind: 'bars', cls: l.cls, legend: l.name, x, lo: v.map((y) => (y > 0 ? 0 : -1)), hi: v, axis: 0, width: axis.intervalUs / 1e6 }
      : { kind: 'steps', cls: l.cls, legend: l.name, x, lo: v, hi: v, axis: 0 };
  });
  const first = lines[0]?.line;
  const picks = first ? [...first.firstFrame.keys()].filter((i) => first.firstFrame[i] > 0) : [];
  const interval = axis.intervalUs >= 1e6 ? `${axis.intervalUs / 1e6} s` : `${axis.intervalUs / 1e3} ms`;
  return {
    series, xMax: axis.count * axis.intervalUs / 1e6,
    xAxis: { label: 'Time (s)', unit: 's' },
    yAxes: [{ label: `${UNIT_LABEL[unit]} per ${interval}`, unit: 'number' }, null],
    pickX: Float64Array.from(picks, (i) => x[i]), pickY: Float64Array.from(picks, (i) => valueOf(first!)[i]),
    pickFrame: Uint32Array.from(picks, (i) => first!.firstFrame[i]),
  };
}
