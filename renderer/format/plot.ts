/**
 * A plot of series over an x axis, as the conversation pane's stream graphs and the I/O graph draw them: each series
 * a list of points on the left or right value axis, plus the points a click can pick (each with its packet).
 * PlotView.vue scales them and bins them per pixel column; the builders (stream-plot.ts, io-graph-model.ts) say what
 * goes where.
 */

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
  /** Bars as wide as this many x units (an I/O graph's interval), where the zoom gives them room; else thin bars. */
  width?: number;
  /** Steps: a value below 0 is a gap that breaks the line (an interval without a value), not a point to hold across. */
  gaps?: boolean;
}

export interface AxisInfo {
  label: string;
  /** How tick values read: seconds, plain numbers (bytes, sequence numbers, packets), bits per second, milliseconds. */
  unit: 's' | 'number' | 'bit/s' | 'ms';
}

export interface Plot {
  series: PlotSeries[];
  xAxis: AxisInfo;
  /** Left and (when a series uses it) right value axes. */
  yAxes: [AxisInfo, AxisInfo | null];
  xMax: number;
  /** Points a click can pick: x, y (on axis 0), the packet. */
  pickX: Float64Array; pickY: Float64Array; pickFrame: Uint32Array;
}

/** The lowest and highest value on `axis` of the series' points whose x lies within [xLo, xHi] ([0, 1] when none). */
export function valueRange(plot: Plot, axis: 0 | 1, xLo: number, xHi: number): [number, number] {
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
export function nearestPick(plot: Plot, x: number): number {
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
    case 'number': return v.toLocaleString('en-US');
    case 'bit/s': {
      const [scale, prefix] = SI.find(([s]) => Math.abs(v) >= s) ?? [1, ''];
      return `${Number((v / scale).toPrecision(4))} ${prefix}bit/s`;
    }
  }
}
