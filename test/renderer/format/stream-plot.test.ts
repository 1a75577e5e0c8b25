import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { streamPlot, DEFAULT_PLOT_OPTIONS } from '../../../renderer/format/stream-plot';
import { nearestPick, tickLabel, ticks, valueRange } from '../../../renderer/format/plot';
import { seqGraph } from '../../../renderer/format/seq-graph-model';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import { streamRows } from '../../../renderer/stores/stream-rows';
import { CORPUS, captureApp, type CaptureApp } from '../support/capture-app';

const ROLES: [string, string] = ['client', 'server'];

describe('stream plot (what each TCP stream graph draws)', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  it('tcptrace: window and ACK steps, fresh and re-sent bars apart, picks at the segments\' ends', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const cols = packetColumns.cols, rows = streamRows(0);
    const p = streamPlot('tcptrace', cols, rows, 1, ROLES), g = seqGraph(cols, rows, 1);
    expect(p.series.map((s) => `${s.kind} ${s.cls}`)).toEqual(['steps window', 'steps ack', 'bars data', 'bars resent']);
    const [, , data, resent] = p.series;
    for (let i = 0; i < g.segTime.length; i++) {
      expect(data.lo[i] < 0).toBe(g.segResent[i] === 1);        // each segment is drawn in exactly one of the two
      expect(resent.lo[i] < 0).toBe(g.segResent[i] === 0);
    }
    expect([...p.pickY]).toEqual([...g.segEnd]);
    expect(p.yAxes[1]).toBeNull();
    expect(p.bytes).toBe(g.bytes);
  });

  it('Stevens: every segment the server sends at its relative sequence number (tshark -2 tcp.seq), re-sent ones apart', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const cols = packetColumns.cols, rows = streamRows(0);
    const server = 1 - cols.dir[rows[0]];                       // the first packet is the client's SYN
    const p = streamPlot('stevens', cols, rows, server, ROLES);
    expect(p.series.map((s) => `${s.kind} ${s.cls}`)).toEqual(['dots data', 'dots resent']);
    const out = execFileSync('tshark', ['-2', '-r', join(CORPUS, 'zeek__http__206_example_b.pcap'), '-Y', 'tcp.stream == 0 && tcp.srcport == 80',
      '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.seq', '-e', 'tcp.analysis.retransmission', '-e', 'tcp.analysis.fast_retransmission', '-e', 'tcp.analysis.spurious_retransmission'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const lines = out.trim().split('\n').map((l) => l.split('\t'));
    expect([...p.pickFrame]).toEqual(lines.map((l) => Number(l[0])));
    expect([...p.pickY]).toEqual(lines.map((l) => Number(l[1])));
    const resent = lines.map((l) => l.slice(2).some((f) => f !== ''));
    expect(resent.some(Boolean)).toBe(true);
    resent.forEach((r, i) => { expect(p.series[1].lo[i] >= 0).toBe(r); expect(p.series[0].lo[i] >= 0).toBe(!r); });
    expect(p.segments).toBe(seqGraph(cols, rows, server).segTime.length);   // the label counts data segments
  });

  it('throughput: segment lengths on the left axis, throughput (and goodput when asked) on the right; RTT by time or by sequence', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const cols = packetColumns.cols, rows = streamRows(0);
    const t = streamPlot('throughput', cols, rows, 1, ROLES);
    expect(t.series.map((s) => `${s.cls} ${s.axis}`)).toEqual(['data 0', 'tput 1']);
    expect(t.yAxes[1]?.unit).toBe('bit/s');
    const withGoodput = streamPlot('throughput', cols, rows, 1, ROLES, { ...DEFAULT_PLOT_OPTIONS, showGoodput: true, showSegLength: false });
    expect(withGoodput.series.map((s) => s.cls)).toEqual(['tput', 'gput']);
    expect(withGoodput.series[1].legend).toContain('client ACKed');
    const byTime = streamPlot('rtt', cols, rows, 1, ROLES), bySeq = streamPlot('rtt', cols, rows, 1, ROLES, { ...DEFAULT_PLOT_OPTIONS, rttBySeq: true });
    expect(byTime.xAxis.unit).toBe('s');
    expect(bySeq.xAxis.unit).toBe('number');
    expect([...bySeq.series[0].lo]).toEqual([...byTime.series[0].lo]);
    expect(bySeq.xMax).toBeGreaterThan(byTime.xMax);
  });

  it('fits a value axis to the points within an x span (undrawn ones left out) and picks the nearest point', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const p = streamPlot('window', packetColumns.cols, streamRows(0), 1, ROLES);
    const [lo] = valueRange(p, 0, -Infinity, Infinity);
    expect(lo).toBeGreaterThanOrEqual(0);                          // untracked bytes in flight (-1) do not count
    const k = Math.floor(p.pickX.length / 2);
    expect(nearestPick(p, p.pickX[k])).toBe(p.pickX.indexOf(p.pickX[k]));
    expect(nearestPick(p, -5)).toBe(0);
    expect(nearestPick(p, 1e9)).toBe(p.pickX.length - 1);
    expect(valueRange(p, 1, -Infinity, Infinity)).toEqual([0, 1]);   // nothing on the right axis
  });

  it('puts ticks at round values inside the span, labelled in their unit', () => {
    expect(ticks(0, 80)).toEqual([0, 20, 40, 60, 80]);
    expect(ticks(0, 1_000_000)).toEqual([0, 200000, 400000, 600000, 800000, 1000000]);
    expect(ticks(0.13, 0.92)).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(ticks(5, 5)).toEqual([5]);
    expect(tickLabel(1_500_000, 'bit/s')).toBe('1.5 Mbit/s');
    expect(tickLabel(800, 'bit/s')).toBe('800 bit/s');
    expect(tickLabel(65536, 'number')).toBe('65,536');
    expect(tickLabel(0.25, 's')).toBe('0.25 s');
    expect(tickLabel(12.5, 'ms')).toBe('12.5 ms');
  });
});
