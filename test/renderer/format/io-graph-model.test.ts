/**
 * The I/O graph's counts against tshark's `-z io,stat` (the same tap-iostat.c rules): frames and bytes per interval,
 * for every packet and for display filters, over the renderer's stored columns as the app holds them.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileFilter } from '../../../shared/filter/compile';
import { DerivedTimeColumns } from '../../../shared/filter/derived-times';
import { ioAxis, ioLine, ioPlot, MAX_INTERVALS, movingAverage, type IoAxis } from '../../../renderer/format/io-graph-model';
import { borrowedSources, toRowSelector } from '../../../renderer/stores/filter-adapter';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import { CORPUS, captureApp, type CaptureApp } from '../support/capture-app';

/** tshark's io,stat table: per filter, frames and bytes per interval. */
function tsharkIoStat(file: string, intervalSec: number, filters: string[]): { frames: number[]; bytes: number[] }[] {
  const z = ['io', 'stat', String(intervalSec), ...filters.map((f) => f || 'frame')].join(',');
  const out = execFileSync('tshark', ['-r', join(CORPUS, file), '-q', '-z', z], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
  const rows = out.split('\n').filter((l) => l.includes('<>')).map((l) => l.split('|').slice(2, -1).map((c) => Number(c.trim())));
  return filters.map((_, k) => ({ frames: rows.map((r) => r[2 * k]), bytes: rows.map((r) => r[2 * k + 1]) }));
}

/** The renderer's rows a filter selects (every row for ''). */
function matching(text: string): Uint32Array | null {
  if (text === '') return null;
  const r = compileFilter(text);
  if (!r.ok) throw new Error(r.error.message);
  const cols = packetColumns.cols, out = new Uint32Array(Math.max(1, cols.rows));
  const n = toRowSelector(r.filter, borrowedSources(new DerivedTimeColumns())).select(cols, 0, cols.rows, out, 0);
  return out.subarray(0, n);
}

describe('I/O graph counts (tshark -z io,stat)', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  const CASES: [string, number, string[]][] = [
    ['zeek__http__206_example_b.pcap', 1, ['', 'tcp.analysis.flags', 'tcp.srcport == 80']],
    ['gopacket__cip.pcap', 1, ['', 'tcp.analysis.flags', 'tcp.len > 0']],
    ['gopacket__cip.pcap', 0.1, ['', 'tcp.analysis.retransmission']],
    ['zeek__tcp__timestamp.pcap', 0.01, ['', 'tcp.analysis.flags']],
    ['gopacket__le__test301.pcapng', 0.1, ['', 'tcp']],
    ['zeek__tcp__retransmit-fast009.pcap', 1, ['', 'tcp.analysis.retransmission || tcp.analysis.fast_retransmission']],
    ['zeek__rotation.pcap', 60, ['']],
  ];

  it.each(CASES)('%s every %s s: frames and bytes per interval for each filter', async (file, intervalSec, filters) => {
    app = await captureApp(file);
    const axis = ioAxis(packetColumns.cols, Math.round(intervalSec * 1e6)) as IoAxis;
    expect('tooMany' in axis).toBe(false);
    const expected = tsharkIoStat(file, intervalSec, filters);
    filters.forEach((f, k) => {
      const line = ioLine(packetColumns.cols, axis, matching(f));
      expect([...line.frames], `${file} "${f}" frames`).toEqual(expected[k].frames);
      expect([...line.bytes], `${file} "${f}" bytes`).toEqual(expected[k].bytes);
    });
  });

  it('moving average (Wireshark\'s SMA): the centred window of the period, shorter at the ends, gaps counted as 0 and kept', () => {
    let seed = 7;
    const values = Float64Array.from({ length: 137 }, () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % 11 === 0 ? -1 : seed % 1000; });
    for (const period of [10, 20, 50, 200]) {
      const half = period / 2, got = movingAverage(values, period);
      values.forEach((v, i) => {
        const lo = Math.max(0, i - half), hi = Math.min(values.length - 1, i + half - 1);
        let sum = 0;
        for (let j = lo; j <= hi; j++) sum += Math.max(0, values[j]);
        if (v < 0) expect(got[i]).toBe(-1);
        else expect(got[i], `period ${period} at ${i}`).toBeCloseTo(sum / (hi - lo + 1), 9);
      });
    }
    expect([...movingAverage(Float64Array.of(4, 8), 10)]).toEqual([6, 6]);
    expect(movingAverage(new Float64Array(0), 10).length).toBe(0);
  });

  it('refuses an interval that would cut the capture into too many pieces, and plots lines as steps and bars', async () => {
    app = await captureApp('zeek__smtp.pcap');                       // two sessions 183,109,032 s apart
    expect(ioAxis(packetColumns.cols, 1e6)).toEqual({ tooMany: 183_109_033 });
    expect(MAX_INTERVALS).toBeLessThan(183_109_033);
    app.disconnect();
    app = await captureApp('zeek__http__206_example_b.pcap');
    const axis = ioAxis(packetColumns.cols, 1e6) as IoAxis;
    const all = ioLine(packetColumns.cols, axis, null), errors = ioLine(packetColumns.cols, axis, matching('tcp.analysis.flags'));
    const plot = ioPlot(axis, [
      { name: 'All packets', style: 'line', cls: 'line1', line: all, unit: 'bits', field: null },
      { name: 'TCP errors', style: 'bars', cls: 'errors', line: errors, unit: 'bits', field: null },
    ]);
    expect(plot.series.map((s) => s.kind)).toEqual(['steps', 'bars']);
    expect(plot.series[0].hi[0]).toBe(all.bytes[0] * 8);
    expect(plot.yAxes[0].label).toBe('Bits per 1 s');
    expect(plot.pickFrame[0]).toBe(1);                                 // the first interval starts with frame 1
    expect(plot.xMax).toBe(axis.count);
  });
});
