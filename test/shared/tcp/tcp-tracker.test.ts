import { describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../shared/capture-file/capture-record';
import { allocateColumns } from '../../../shared/ipc/batch-layout';
import { TCP_A } from '../../../shared/tcp/analysis-flags';
import { explainLast } from '../../../shared/tcp/flag-explanation';
import { TcpTracker } from '../../../shared/tcp/tcp-tracker';
import { emptyDecodedPacket, type DecodedPacket } from '../../../shared/wire/decoded-packet';
import { WireProblemCode } from '../../../shared/wire/wire-problem';

const bytes = new Uint8Array([10, 0, 0, 1, 10, 0, 0, 2]);
const view = new DataView(bytes.buffer);
let frame = 0;

/** A hand-built TCP (or UDP) packet between 10.0.0.1:40000 (a) and 10.0.0.2:80 (b). */
function seg(from: 'a' | 'b', flags: number, seq: number, ack: number, len = 0, win = 1000, proto = 6): [CaptureRecord, DecodedPacket] {
  frame++;
  const rec: CaptureRecord = { bytes, view, at: 0, capLen: 60, origLen: 60, tsSec: 1000, tsNsec: frame * 1000, iface: 0, linkType: 1, fileOffset: 0, frame };
  const p = emptyDecodedPacket();
  Object.assign(p, {
    l3: 4, addrLen: 4, ipProto: proto, tcp: proto === 6, udp: proto === 17, srcAddrOffset: from === 'a' ? 0 : 4,
    dstAddrOffset: from === 'a' ? 4 : 0, srcPort: from === 'a' ? 40000 : 80, dstPort: from === 'a' ? 80 : 40000,
    seq: seq >>> 0, ack: ack >>> 0, tcpFlags: flags, window: win, payloadLen: len,
  });
  return [rec, p];
}

function run(segs: [CaptureRecord, DecodedPacket][]) {
  frame = 0;
  const t = new TcpTracker();
  const cols = allocateColumns(segs.length);
  segs.forEach(([r, p], i) => { t.track(r, p, cols, i); cols.rows++; });
  return { t, cols };
}

describe('TcpTracker on hand-built segments', () => {
  it('a window scale option in a header longer than the IP payload sets the sender\'s shift (tshark 4.0, corpus byte errors)', () => {
    // Found on gopacket__cip with `editcap -E 0.005 --seed 4` (tcp.window_size_scalefactor 4 in tshark -2): the segment
    // is not analysed, but packet-tcp.c dissects its options, and the window scale option stores the shift.
    const [r0, p0] = seg('a', 0x02, 1000, 0);
    const [r1, p1] = seg('a', 0x18, 1001, 0, 10);
    Object.assign(p0, { windowScale: 7 });
    Object.assign(p1, { windowScale: 2, problem: WireProblemCode.tcpHeaderBeyondIp });
    const { t } = run([[r0, p0], [r1, p1]]);
    expect(t.conversation(0).d[0].winScale).toBe(2);
  });

  it('a TCP pair first seen in a packet that was no segment (header cut, later fragment) gets its stream at the first segment', () => {
    frame = 0;
    const [r0, p0] = seg('a', 0x02, 1000, 0);
    const [r1, p1] = seg('a', 0x02, 1000, 0);
    // IP says TCP but the decoder found no segment: such a packet keys its flow with the ports it has (here 0 and 0).
    Object.assign(p0, { tcp: false, srcPort: 0, dstPort: 0 });
    Object.assign(p1, { srcPort: 0, dstPort: 0 });
    const t = new TcpTracker();
    const cols = allocateColumns(2);
    t.track(r0, p0, cols, 0);
    t.track(r1, p1, cols, 1);
    expect([cols.flow[0], cols.stream[0], cols.flow[1], cols.stream[1]]).toEqual([0, -1, 0, 0]);
    expect(t.conversationCount).toBe(1);
    expect(t.conversation(0)).toMatchObject({ flow: 0, completeness: 1 });
    expect(t.takeNewFlowIds()).toEqual([0, 0]);          // sent again once it has a stream, so its FlowInfo says so
  });

  it('numbers relative sequence numbers across the 0xffffffff → 0 wrap without flags', () => {
    frame = 0;
    const { cols } = run([
      seg('a', 0x02, 0xfffffff0, 0), seg('b', 0x12, 500, 0xfffffff1), seg('a', 0x10, 0xfffffff1, 501),
      seg('a', 0x18, 0xfffffff1, 501, 100), seg('a', 0x18, 0x55, 501, 100), seg('b', 0x10, 501, 0xb9),
    ]);
    expect(Array.from(cols.seqRel.subarray(3, 5))).toEqual([1, 101]);
    expect(cols.ackRel[5]).toBe(201);
    expect(Array.from(cols.analysis.subarray(0, 6))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('treats a jump of exactly 2^31 as ahead (lost segment), like Wireshark GT_SEQ', () => {
    const { cols } = run([seg('a', 0x18, 1000, 1, 10), seg('a', 0x18, (1010 + 2 ** 31) >>> 0, 1, 10)]);
    expect(cols.analysis[1] & TCP_A.LOST_PACKET).toBeTruthy();
  });

  it('gives non-TCP packets a flow and no stream', () => {
    const { t, cols } = run([seg('a', 0, 0, 0, 20, 0, 17), seg('b', 0, 0, 0, 20, 0, 17)]);
    expect(cols.flow[0]).toBe(cols.flow[1]);
    expect([cols.dir[0], cols.dir[1]]).toEqual([0, 1]);
    expect(cols.stream[0]).toBe(-1);
    expect(t.conversationCount).toBe(0);
  });

  it('starts a new stream when a SYN reuses the ports with a new ISN', () => {
    const { t, cols } = run([seg('a', 0x02, 100, 0), seg('b', 0x14, 0, 101), seg('a', 0x02, 9000, 0)]);
    expect(Array.from(cols.stream.subarray(0, 3))).toEqual([0, 0, 1]);
    expect(cols.analysis[2] & TCP_A.REUSED_PORTS).toBeTruthy();
    expect(t.conversation(0).completeness).toBe(1 | 4 | 32); // RST+ACK also sets the ACK bit, as tshark
  });

  it('explains a duplicate ACK and a retransmission with their numbers', () => {
    frame = 0;
    const t = new TcpTracker();
    const cols = allocateColumns(1);
    const segs = [seg('a', 0x02, 0, 0), seg('b', 0x12, 0, 1), seg('a', 0x10, 1, 1), seg('a', 0x18, 1, 1, 100),
      seg('b', 0x10, 1, 1), seg('b', 0x10, 1, 1)];
    segs.forEach(([r, p]) => t.track(r, p, cols, 0));
    const why = explainLast(t, 1, 1, 0, 1000);
    expect(why[0].field).toBe('tcp.analysis.duplicate_ack');
    expect(why[0].because).toContain('unchanged since frame 2: duplicate #2');
    const [r, p] = seg('a', 0x18, 1, 1, 100);
    (r as { tsNsec: number }).tsNsec = 900_000_000;
    t.track(r, p, cols, 0);
    const retr = explainLast(t, 1, 1, 100, 1000);
    expect(retr[0].field).toBe('tcp.analysis.retransmission');
    expect(retr[0].notBecause).toContain('not a fast retransmission: 2 duplicate ACK(s) seen from the peer, needs 2 within 20.000 ms');
  });

  it('explains a SYN sent again to a silent peer without a time since "its last ACK"', () => {
    frame = 0;
    const t = new TcpTracker();
    const cols = allocateColumns(1);
    for (const [r, p] of [seg('a', 0x02, 0, 0), seg('a', 0x02, 0, 0)]) t.track(r, p, cols, 0);
    const retr = explainLast(t, 0, 0, 0, 1000);
    expect(retr[0].field).toBe('tcp.analysis.retransmission');
    expect(retr[0].notBecause).toContain('(the peer has sent nothing yet).');
    expect(retr[0].notBecause).not.toMatch(/last peer ACK/);
  });
});
