import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rttGraph } from '../../../renderer/format/rtt-graph';
import { conversationTable } from '../../../renderer/stores/conversations';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import { streamRows } from '../../../renderer/stores/stream-rows';
import { CORPUS, captureApp, type CaptureApp } from '../support/capture-app';
import { handColumns } from '../support/hand-columns';

/** tshark's tcp.analysis.ack_rtt (ms) by frame, from the corpus file's `tshark -2` TSV. */
function tsharkAckRtt(name: string): Map<number, number> {
  const [head, ...lines] = readFileSync(resolve(CORPUS, `${name}.tshark.tsv`), 'utf8').trimEnd().split('\n');
  const cols = head.split('\t'), frame = cols.indexOf('frame.number'), rtt = cols.indexOf('tcp.analysis.ack_rtt');
  const out = new Map<number, number>();
  for (const line of lines) {
    const f = line.split('\t');
    if (f[rtt]) out.set(Number(f[frame]), Number(f[rtt]) * 1000);
  }
  return out;
}

describe('round trip time graph (Wireshark\'s fillRoundTripTime)', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  it('times each segment by the first ACK that covers it: the newest one it covers agrees with tshark\'s ack_rtt', async () => {
    let total = 0;
    for (const name of ['zeek__tcp__timestamp.pcap', 'zeek__http__206_example_b.pcap', 'zeek__smtp.pcap', 'zeek__http__docker-http-upgrade.pcap', 'gopacket__le__test301.pcapng']) {
      app = await captureApp(name);
      const tshark = tsharkAckRtt(name), cols = packetColumns.cols;
      let checked = 0;
      for (let stream = 0; stream < conversationTable.length; stream++) {
        const rows = streamRows(stream);
        for (const dir of [0, 1]) {
          // Re-sent segments are not timed (Karn); tshark times the ACK against the last copy sent: compare the sides without.
          if ([...rows].some((r) => cols.dir[r] === dir && cols.analysis[r] & 0x4401)) continue;
          const g = rttGraph(cols, rows, dir);
          // Per ACK, the newest segment it covers (the shortest time); rows are frames - 1 here.
          const newest = new Map<number, number>();
          for (let i = 0; i < g.rttMs.length; i++) if (!(g.rttMs[newest.get(g.ackFrame[i]) ?? -1] <= g.rttMs[i])) newest.set(g.ackFrame[i], i);
          for (const [ack, i] of newest) {
            // tshark times the segment whose end the ACK names; an ACK that also covers a FIN times the FIN (no data, no point here).
            const seg = g.frame[i] - 1;
            if (cols.ackRel[ack - 1] !== cols.seqRel[seg] + cols.payloadLen[seg]) continue;
            expect(tshark.get(ack), `${name} frame ${ack}`).toBeCloseTo(g.rttMs[i], 6);
            checked++;
          }
        }
      }
      expect(checked, name).toBeGreaterThan(0);
      total += checked;
      app.disconnect(); app = undefined;
    }
    expect(total).toBeGreaterThan(100);
  });

  it('leaves re-sent segments untimed, times a segment ACKed in parts once per part, and ignores segments without ACK', () => {
    const { cols, rows } = handColumns([
      { t: 0, dir: 0, seq: 1, len: 100 },                 // 1: [1, 101)
      { t: 0.1, dir: 0, seq: 101, len: 3000 },            // 2: [101, 3101), a GSO super-segment
      { t: 0.2, dir: 0, seq: 1, len: 100 },               // 3: re-sent while 1 waits: not timed
      { t: 0.3, dir: 1, ack: 101 },                       // 4: times 1
      { t: 0.4, dir: 1, ack: 1101, flags: 0x002 },        // 5: a SYN without ACK acknowledges nothing
      { t: 0.5, dir: 1, ack: 1101 },                      // 6: times 2 in part
      { t: 0.7, dir: 1, ack: 3101 },                      // 7: times the rest of 2
    ]);
    const g = rttGraph(cols, rows, 0);
    expect([...g.frame]).toEqual([1, 2, 2]);
    expect([...g.ackFrame]).toEqual([4, 6, 7]);
    expect([...g.seq]).toEqual([1, 101, 1101]);
    expect([...g.rttMs].map((v) => Math.round(v))).toEqual([300, 400, 600]);
    expect(g.timeMax).toBeCloseTo(0.7, 9);
  });

  it('a capture without the ACK side keeps every segment waiting, and times nothing', () => {
    const { cols, rows } = handColumns(Array.from({ length: 5000 }, (_, i) => ({ t: i / 1000, dir: 0 as const, seq: 1 + i * 1000, len: 1000 })));
    expect(rttGraph(cols, rows, 0).rttMs.length).toBe(0);
  });
});
