import { afterEach, describe, expect, it } from 'vitest';
import { seqGraph, windowGraph } from '../../../renderer/format/seq-graph-model';
import { streamRows } from '../../../renderer/stores/stream-rows';
import { packetColumns } from '../../../renderer/stores/packet-columns';
import { conversationTable } from '../../../renderer/stores/conversations';
import { captureApp, CORPUS, type CaptureApp } from '../support/capture-app';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** tcp.window_size by frame number, from a corpus file's tshark -2 TSV. */
function tsharkWindows(file: string): Map<number, number> {
  const [head, ...lines] = readFileSync(resolve(CORPUS, `${file}.tshark.tsv`), 'utf8').trim().split('\n');
  const names = head.split('\t'), frame = names.indexOf('frame.number'), win = names.indexOf('tcp.window_size');
  return new Map(lines.map((l) => l.split('\t')).filter((c) => c[win] !== '').map((c) => [Number(c[frame]), Number(c[win])]));
}

describe('sequence graph model', () => {
  let app: CaptureApp | undefined;
  afterEach(() => { app?.disconnect(); app = undefined; });

  it('takes one side\'s data segments and the other side\'s ACKs and window edges from the columns', async () => {
    // zeek__http__206_example_b.pcap stream 0: a download with retransmissions (the server is endpoint B).
    app = await captureApp('zeek__http__206_example_b.pcap');
    const rows = streamRows(0), c = conversationTable.at(0)!, cols = packetColumns.cols;
    const server = c.clientDir === 0 ? 1 : 0;
    const g = seqGraph(cols, rows, server);
    expect(g.bytes).toBe(server === 1 ? c.payloadB : c.payloadA);
    let data = 0, acks = 0, resent = 0;
    for (const r of rows) {
      if (cols.dir[r] === server && cols.payloadLen[r] > 0) { data++; if (cols.analysis[r] & 0x4401) resent++; }
      if (cols.dir[r] !== server && cols.tcpFlags[r] & 0x10) acks++;
    }
    expect(g.segTime.length).toBe(data);
    expect(g.ackTime.length).toBe(acks);
    expect([...g.segResent].filter((v) => v === 1).length).toBe(resent);
    expect(resent).toBeGreaterThan(0);
    expect(g.segSeq[0]).toBe(1);                          // relative, after the SYN-ACK
    for (let i = 0; i < g.segTime.length; i++) expect(g.segEnd[i] - g.segSeq[i]).toBeGreaterThan(0);
    // The window's right edge lies at or beyond the ACK it rides on.
    for (let i = 0; i < g.ackTime.length; i++) if (g.ackWindow[i] >= 0) expect(g.ackWindow[i]).toBeGreaterThanOrEqual(g.ackSeq[i]);
    expect(g.seqMax).toBeGreaterThanOrEqual(g.segEnd.reduce((m, v) => Math.max(m, v), 0));
  });

  it('the window graph: the sender\'s bytes in flight as points (none where not tracked) against the peer\'s window', async () => {
    app = await captureApp('zeek__http__206_example_b.pcap');
    const rows = streamRows(0), cols = packetColumns.cols, windows = tsharkWindows('zeek__http__206_example_b.pcap');
    const g = windowGraph(cols, rows, 1);
    let s = 0, a = 0, maxWin = 0;
    for (const r of rows) {
      if (cols.dir[r] === 1 && cols.payloadLen[r] > 0) {
        const b = cols.bytesInFlight[r];
        expect([g.segSeq[s], g.segEnd[s]]).toEqual(b > 0 ? [b, b] : [-1, -1]);
        s++;
      } else if (cols.dir[r] !== 1 && cols.tcpFlags[r] & 0x10) {
        // The peer's window as tshark -2 has it (the store keeps the shift it was scaled by: window-size.ts).
        expect(g.ackSeq[a++]).toBe(windows.get(cols.frame[r]));
        maxWin = Math.max(maxWin, windows.get(cols.frame[r])!);
      }
    }
    expect([...g.ackWindow].every((v) => v === -1)).toBe(true);
    expect(g.seqMax).toBeGreaterThanOrEqual(maxWin);
  });
});
