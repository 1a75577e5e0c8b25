/**
 * The I/O graph's Y-field calculations (SUM, COUNT, MIN, MAX, AVG, LOAD of a field per interval) against tshark's
 * `-z io,stat,INTERVAL,CALC(FIELD)FILTER` (tap-iostat.c), over the renderer's stored columns as the app holds them.
 * Wireshark's dialog adds the Y field to a line's filter ("FILTER && (FIELD)"); tshark is given that filter, so both
 * count the same frames. tshark prints times as µs (rounded), AVG of integers as a whole number (the sum divided
 * by the count, rounded down) and LOAD as the interval's share with six decimals; the comparison formats ours the
 * same way from the line's totals.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileFilter } from '../../../shared/filter/compile';
import { DerivedTimeColumns } from '../../../shared/filter/derived-times';
import { lookupField } from '../../../shared/filter/fields';
import { PushBytesColumn } from '../../../shared/filter/push-bytes';
import { ioAxis, ioLine, ioPlot, ioValues, type IoAxis, type IoLine } from '../../../renderer/format/io-graph-model';
import { fieldKind, type IoUnit } from '../../../renderer/format/io-graph-units';
import { fieldReads, prepareReads, withReads } from '../../../renderer/stores/field-reads';
import { borrowedSources, storedRowsContext, toRowSelector } from '../../../renderer/stores/filter-adapter';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import { CORPUS, captureApp, type CaptureApp } from '../support/capture-app';

type Calc = 'SUM' | 'COUNT' | 'MIN' | 'MAX' | 'AVG' | 'LOAD';
const UNIT: Record<Calc, IoUnit> = { SUM: 'sum', COUNT: 'fields', MIN: 'min', MAX: 'max', AVG: 'avg', LOAD: 'load' };

/** A calculation of one line: its tshark spec, and what the dialog's line holds (filter, unit, field). */
interface Spec { calc: Calc; field: string; filter: string }

/** tshark -2's io,stat cells, one string per interval and spec (as printed). */
function tsharkIoStat(file: string, intervalSec: number, specs: Spec[]): string[][] {
  const cols = specs.map((s) => `${s.calc}(${s.field})${s.filter === '' ? s.field : `${s.filter} && (${s.field})`}`);
  const out = execFileSync('tshark', ['-2', '-r', join(CORPUS, file), '-q', '-z', ['io', 'stat', String(intervalSec), ...cols].join(',')],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
  const rows = out.split('\n').filter((l) => l.includes('<>')).map((l) => l.split('|').slice(2, -1).map((c) => c.trim()));
  return specs.map((_, k) => rows.map((r) => r[k]));
}

/** µs as tshark prints a time: seconds with six decimals. */
const usText = (us: number): string => `${Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, '0')}`;

/** Our interval `i` of `line` as tap-iostat.c prints `calc` (its integer arithmetic on the same totals). */
function asTshark(calc: Calc, line: IoLine, i: number, time: boolean, interval: number): string {
  const n = line.fields[i];
  switch (calc) {
    case 'COUNT': return String(n);
    case 'SUM': case 'MIN': case 'MAX': {
      const v = n === 0 ? 0 : calc === 'SUM' ? line.tot[i] : calc === 'MIN' ? line.min[i] : line.max[i];
      return time ? usText(Math.floor((v + 500) / 1000)) : String(v);
    }
    case 'AVG': {
      const avg = Math.floor(line.tot[i] / Math.max(1, n));
      return time ? usText(Math.floor((avg + 500) / 1000)) : String(avg);
    }
    case 'LOAD': {
      const c = line.tot[i];
      return `${Math.floor(c / interval)}.${String(Math.floor(((c % interval) * 1e6) / interval)).padStart(6, '0')}`;
    }
  }
}

/** The line's rows (its filter's, every row for '') and its Y field's reads, as IoGraph.vue builds them. */
function line(axis: IoAxis, spec: Spec): IoLine {
  const cols = packetColumns.cols;
  let rows: Uint32Array | null = null;
  if (spec.filter !== '') {
    const r = compileFilter(spec.filter);
    if (!r.ok) throw new Error(r.error.message);
    const out = new Uint32Array(Math.max(1, cols.rows));
    rows = out.subarray(0, toRowSelector(r.filter, borrowedSources(new DerivedTimeColumns())).select(cols, 0, cols.rows, out, 0));
  }
  const def = lookupField(spec.field)!;
  const src = borrowedSources(new DerivedTimeColumns(), new PushBytesColumn()), reads = fieldReads([def]);
  prepareReads(src, reads);
  const y = { def, unit: UNIT[spec.calc], cols: withReads(cols, src, reads, cols.rows), ctx: storedRowsContext(reads.initialRtt) };
  return ioLine(cols, axis, rows, rows?.length ?? cols.rows, y);
}

describe('I/O graph Y fields (tshark -2 -z io,stat CALC(FIELD)FILTER)', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  const RTT = 'tcp.analysis.ack_rtt';
  const CASES: [string, number, Spec[]][] = [
    ['zeek__http__206_example_b.pcap', 1, [
      { calc: 'SUM', field: 'tcp.len', filter: '' }, { calc: 'COUNT', field: RTT, filter: '' }, { calc: 'MIN', field: RTT, filter: '' },
      { calc: 'MAX', field: RTT, filter: '' }, { calc: 'AVG', field: RTT, filter: '' }, { calc: 'SUM', field: RTT, filter: '' },
      { calc: 'AVG', field: 'tcp.window_size', filter: '' }, { calc: 'MAX', field: 'tcp.analysis.bytes_in_flight', filter: '' },
      { calc: 'SUM', field: 'tcp.len', filter: 'tcp.srcport == 80' }, { calc: 'COUNT', field: 'ip.addr', filter: '' },
    ]],
    ['gopacket__cip.pcap', 0.1, [
      { calc: 'MIN', field: 'frame.len', filter: 'tcp' }, { calc: 'MAX', field: 'tcp.window_size_value', filter: '' },
      { calc: 'AVG', field: 'frame.time_delta', filter: '' }, { calc: 'COUNT', field: 'tcp.analysis.retransmission', filter: '' },
      { calc: 'AVG', field: 'tcp.len', filter: 'tcp.len > 0' }, { calc: 'MAX', field: RTT, filter: '' },
    ]],
    ['zeek__tcp__retransmit-fast009.pcap', 1, [
      { calc: 'COUNT', field: 'tcp.analysis.duplicate_ack_num', filter: '' }, { calc: 'MAX', field: 'tcp.analysis.duplicate_ack_num', filter: '' },
      { calc: 'SUM', field: 'tcp.analysis.push_bytes_sent', filter: '' }, { calc: 'AVG', field: RTT, filter: 'tcp.srcport == 80' },
    ]],
    ['zeek__tcp__timestamp.pcap', 0.01, [{ calc: 'MIN', field: RTT, filter: '' }, { calc: 'COUNT', field: 'tcp.port', filter: '' }]],
  ];

  it.each(CASES)('%s every %s s: each calculation per interval', async (file, intervalSec, specs) => {
    app = await captureApp(file);
    const axis = ioAxis(packetColumns.cols, Math.round(intervalSec * 1e6)) as IoAxis;
    const expected = tsharkIoStat(file, intervalSec, specs);
    specs.forEach((spec, k) => {
      const l = line(axis, spec), time = fieldKind(lookupField(spec.field)!) === 'relativeTime';
      const ours = Array.from({ length: axis.count }, (_, i) => asTshark(spec.calc, l, i, time, axis.intervalUs));
      expect(ours, `${file} ${spec.calc}(${spec.field}) ${spec.filter}`).toEqual(expected[k].slice(0, axis.count));
      expect(l.fields.some((n) => n > 0), `${spec.calc}(${spec.field}) has values somewhere`).toBe(true);
    });
  });

  it('LOAD spreads a response time over the intervals it spanned: as tshark where it stays in one, the same total where not', async () => {
    const file = 'zeek__http__206_example_b.pcap';
    app = await captureApp(file);
    const axis = ioAxis(packetColumns.cols, 1e6) as IoAxis;
    const spec: Spec = { calc: 'LOAD', field: RTT, filter: '' };
    const l = line(axis, spec), expected = tsharkIoStat(file, 1, [spec])[0];
    // Where a time reaches back past its interval's start, Wireshark's dialog gives that interval the part since its
    // start and the intervals before it the rest; tshark gives it the remainder modulo the interval. Those intervals are
    // found from tshark's own times; tshark divides the last interval by the part the capture covers.
    const spanned = new Set<number>();
    const fields = execFileSync('tshark', ['-2', '-r', join(CORPUS, file), '-T', 'fields', '-e', 'frame.time_relative', '-e', RTT, '-Y', RTT],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
    for (const row of fields.trim().split('\n')) {
      const [rel, rtt] = row.split('\t').map(Number);
      const at = Math.round(rel * 1e6), idx = Math.floor(at / 1e6);
      for (let j = idx, back = Math.floor(rtt * 1e6) - (at % 1e6); back > 0 && j > 0; back -= 1e6) { spanned.add(j); spanned.add(--j); }
    }
    expect(spanned.size).toBeGreaterThan(0);
    const last = axis.count - 1;
    const cells = Array.from({ length: last }, (_, i) => i).filter((i) => !spanned.has(i));
    expect(cells.map((i) => asTshark('LOAD', l, i, true, axis.intervalUs))).toEqual(cells.map((i) => expected[i]));
    const total = (cell: (i: number) => number): number => [...spanned].filter((i) => i < last).reduce((t, i) => t + cell(i), 0);
    expect(total((i) => l.tot[i])).toBeCloseTo(total((i) => Number(expected[i]) * 1e6), 0);
  });

  it('values per unit: times in seconds, gaps where no frame had the field, LOAD as the share of the interval', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const axis = ioAxis(packetColumns.cols, 1e6) as IoAxis;
    const def = lookupField(RTT)!;
    const avg = line(axis, { calc: 'AVG', field: RTT, filter: '' });
    const values = ioValues(avg, 'avg', def, axis.intervalUs);
    expect(values[0]).toBeCloseTo(avg.tot[0] / avg.fields[0] / 1e9, 12);
    const empty = [...avg.fields.keys()].find((i) => avg.fields[i] === 0)!;
    expect(values[empty]).toBe(-1);                                  // drawn as a gap, not as 0
    expect(ioValues(avg, 'fields', def, axis.intervalUs)[0]).toBe(avg.fields[0]);
    expect(ioValues(avg, 'frames', def, axis.intervalUs)[0]).toBe(avg.frames[0]);
    const load = line(axis, { calc: 'LOAD', field: RTT, filter: '' });
    expect(ioValues(load, 'load', def, axis.intervalUs)[0]).toBeCloseTo(load.tot[0] / 1e6, 12);
    const plot = ioPlot(axis, [{ name: 'RTT', style: 'line', cls: 'line1', line: avg, unit: 'avg', field: def }]);
    expect(plot.yAxes[0]).toEqual({ label: 'AVG(tcp.analysis.ack_rtt) per 1 s', unit: 's' });
    expect(plot.series[0].gaps).toBe(true);                          // an interval without a value breaks the line
    const mixed = ioPlot(axis, [
      { name: 'RTT', style: 'line', cls: 'line1', line: avg, unit: 'avg', field: def },
      { name: 'All', style: 'bars', cls: 'line2', line: ioLine(packetColumns.cols, axis, null), unit: 'packets', field: null },
    ]);
    // Seconds beside packets: the seconds get the right-hand axis.
    expect(mixed.yAxes).toEqual([{ label: 'Packets per 1 s', unit: 'number' }, { label: 'AVG(tcp.analysis.ack_rtt) per 1 s', unit: 's' }]);
    expect(mixed.series.map((s) => s.axis)).toEqual([1, 0]);
    expect(mixed.pickFrame[0]).toBe(1);
  });
});
