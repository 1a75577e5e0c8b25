import { afterEach, describe, expect, it } from 'vitest';
import { throughputGraph } from '../../../renderer/format/throughput-graph';
import { conversationTable } from '../../../renderer/stores/conversations';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import { streamRows } from '../../../renderer/stores/stream-rows';
import { captureApp, type CaptureApp } from '../support/capture-app';
import { handColumns } from '../support/hand-columns';

describe('throughput graph (Wireshark\'s fillThroughput, 1 s moving average)', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  it('averages the bytes sent in the window before each packet, with a point where a packet leaves the window', () => {
    const { cols, rows } = handColumns([
      { t: 0, dir: 0, seq: 1, len: 100 },
      { t: 0.2, dir: 1, ack: 1 },                       // the first ACK: goodput counts from here
      { t: 0.5, dir: 0, seq: 101, len: 100 },
      { t: 0.5, dir: 0, seq: 201, len: 50 },            // same time: updates the last point
      { t: 0.6, dir: 1, ack: 201 },
      { t: 1.2, dir: 0, seq: 251, len: 100 },           // the packet at 0 leaves at 1.0
      { t: 1.3, dir: 1, ack: 100, flags: 0x010 },       // an older ACK acknowledges nothing new
    ]);
    const g = throughputGraph(cols, rows, 0);
    expect([...g.segLen]).toEqual([100, 100, 50, 100]);
    expect([...g.tputTime]).toEqual([0, 0.5, 1, 1.2]);
    expect([...g.tput]).toEqual([800, 2000, 1200, 2000]);
    expect([...g.gputTime]).toEqual([0.2, 0.6, 1.2, 1.3]);
    expect([...g.gput]).toEqual([0, 1600, 1600, 1600]);
    // With a half-second window all three earlier packets have left by 1.2, each adding a point as it leaves.
    const h = throughputGraph(cols, rows, 0, 0.5);
    expect([...h.tputTime]).toEqual([0, 0.5, 0.5, 1, 1, 1.2]);
    expect([...h.tput]).toEqual([1600, 4000, 2400, 800, 0, 1600]);
  });

  it('over a window as long as the conversation, the last throughput is all bytes sent and goodput all bytes ACKed', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const rows = streamRows(0), c = conversationTable.at(0)!, cols = packetColumns.cols;
    const server = c.clientDir === 0 ? 1 : 0;
    const g = throughputGraph(cols, rows, server, 1e6);
    expect(g.tput[g.tput.length - 1]).toBeCloseTo((server === 1 ? c.payloadB : c.payloadA) * 8 / 1e6, 9);
    let first = -1, last = 0;
    for (const r of rows) if (cols.dir[r] !== server && cols.tcpFlags[r] & 0x10) { if (first < 0) first = cols.ackRel[r]; last = cols.ackRel[r]; }
    expect(g.gput[g.gput.length - 1]).toBeCloseTo((last - first) * 8 / 1e6, 9);
    // Every step of the line is at or after the one before it.
    for (let i = 1; i < g.tputTime.length; i++) expect(g.tputTime[i]).toBeGreaterThanOrEqual(g.tputTime[i - 1]);
  });
});
