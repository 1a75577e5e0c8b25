import { describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../shared/capture-file/capture-record';
import { allocateColumns } from '../../../shared/ipc/batch-layout';
import { TCP_A } from '../../../shared/tcp/analysis-flags';
import { isDsack } from '../../../shared/tcp/sack-analysis';
import { TcpTracker } from '../../../shared/tcp/tcp-tracker';
import { emptyDecodedPacket, type DecodedPacket } from '../../../shared/wire/decoded-packet';

const bytes = new Uint8Array([10, 0, 0, 1, 10, 0, 0, 2]);
const view = new DataView(bytes.buffer);

interface Seg { from: 'a' | 'b'; flags: number; seq: number; ack: number; len?: number; win?: number; sack?: number[]; mss?: number }

/** Tracks hand-built segments between 10.0.0.1:40000 (a) and 10.0.0.2:80 (b), 1 µs apart; returns flags and contexts. */
function run(segs: Seg[], sackRules: boolean) {
  const t = new TcpTracker({ sackRules });
  const cols = allocateColumns(segs.length);
  const dsack: boolean[] = [];
  segs.forEach((s, i) => {
    const frame = i + 1;
    const rec: CaptureRecord = { bytes, view, at: 0, capLen: 60, origLen: 60, tsSec: 1000, tsNsec: frame * 1000, iface: 0, linkType: 1, fileOffset: 0, frame };
    const p: DecodedPacket = emptyDecodedPacket();
    Object.assign(p, {
      l3: 4, addrLen: 4, ipProto: 6, tcp: true, srcAddrOffset: s.from === 'a' ? 0 : 4, dstAddrOffset: s.from === 'a' ? 4 : 0,
      srcPort: s.from === 'a' ? 40000 : 80, dstPort: s.from === 'a' ? 80 : 40000, seq: s.seq, ack: s.ack, tcpFlags: s.flags,
      window: s.win ?? 1000, payloadLen: s.len ?? 0, mss: s.mss ?? -1, sackCount: (s.sack ?? []).length / 2,
    });
    p.sackEdges.set(s.sack ?? []);
    t.track(rec, p, cols, i);
    cols.rows++;
    dsack.push(t.lastContext.dsack);
  });
  return { flags: Array.from(cols.analysis.subarray(0, segs.length)), dupNum: Array.from(cols.dupAckNum.subarray(0, segs.length)), dsack };
}

const SYN = 0x02, SYNACK = 0x12, ACK = 0x10, PSH = 0x18;
const handshake: Seg[] = [
  { from: 'a', flags: SYN, seq: 0, ack: 0 }, { from: 'b', flags: SYNACK, seq: 5000, ack: 1, mss: 40 }, { from: 'a', flags: ACK, seq: 1, ack: 5001 },
];
/** a sends [1,101), loses [101,201), sends [201,301). */
const withHole: Seg[] = [...handshake, { from: 'a', flags: PSH, seq: 1, ack: 5001, len: 100 }, { from: 'a', flags: PSH, seq: 201, ack: 5001, len: 100 }];

describe('SACK analysis', () => {
  it('recognises a D-SACK: first block at or below the ACK, or inside the second block (RFC 2883)', () => {
    const e = new Uint32Array([100, 200, 0, 0]);
    expect(isDsack(e, 1, 200)).toBe(true);
    expect(isDsack(e, 1, 150)).toBe(false);
    expect(isDsack(new Uint32Array([300, 400, 250, 500]), 2, 100)).toBe(true);
    expect(isDsack(new Uint32Array([0xfffffff0, 0xfffffffa, 0, 0]), 1, 5)).toBe(true);   // across the wrap
  });

  it('flags the D-SACK in the context without changing the analysis flags (as tshark 4.0)', () => {
    const r = run([...withHole, { from: 'b', flags: ACK, seq: 5001, ack: 101, sack: [1, 101] }], false);
    expect(r.dsack[5]).toBe(true);
    expect(r.flags[5]).toBe(0);
  });

  it('keeps a window update with SACK blocks a window update by default (tshark 4.0, test301 frame 118)', () => {
    const segs: Seg[] = [...withHole, { from: 'b', flags: ACK, seq: 5001, ack: 101 },
      { from: 'b', flags: ACK, seq: 5001, ack: 101, win: 2000, sack: [201, 301] }];
    expect(run(segs, false).flags[6]).toBe(TCP_A.WINDOW_UPDATE);
    const on = run(segs, true);
    expect(on.flags[6]).toBe(TCP_A.DUPLICATE_ACK);                       // false window update (#14937)
    expect(on.dupNum[6]).toBe(1);
  });

  it('makes an ACK with new SACK information a late duplicate ACK #1 when the rules are on', () => {
    const segs: Seg[] = [...withHole, { from: 'b', flags: ACK, seq: 5001, ack: 101, sack: [201, 301] }];
    expect(run(segs, false).flags[5]).toBe(0);
    const on = run(segs, true);
    expect(on.flags[5]).toBe(TCP_A.DUPLICATE_ACK);
    expect(on.dupNum[5]).toBe(1);
  });

  it('calls a retransmission of the ACKed byte fast when the peer SACKed more than 2×MSS (RFC 6675, rule b)', () => {
    const segs: Seg[] = [...withHole, { from: 'b', flags: ACK, seq: 5001, ack: 101, sack: [201, 301] },
      { from: 'a', flags: PSH, seq: 101, ack: 5001, len: 100 }];
    expect(run(segs, false).flags[6] & TCP_A.FAST_RETRANSMISSION).toBe(0);
    expect(run(segs, true).flags[6] & TCP_A.FAST_RETRANSMISSION).toBeTruthy();
  });

  it('calls a retransmission outside every SACK block fast after 2 duplicate ACKs with SACK (rule c)', () => {
    const dup: Seg = { from: 'b', flags: ACK, seq: 5001, ack: 101, sack: [201, 301] };
    const segs: Seg[] = [...withHole, { from: 'b', flags: ACK, seq: 5001, ack: 101 }, dup, dup,
      { from: 'a', flags: PSH, seq: 151, ack: 5001, len: 50 }];
    const off = run(segs, false);
    expect(off.flags[8] & (TCP_A.FAST_RETRANSMISSION | TCP_A.RETRANSMISSION)).toBe(TCP_A.RETRANSMISSION);
    expect(run(segs, true).flags[8] & TCP_A.FAST_RETRANSMISSION).toBeTruthy();
  });

  it('does not call a segment inside a SACK block a fast retransmission by rule c', () => {
    const dup: Seg = { from: 'b', flags: ACK, seq: 5001, ack: 101, sack: [201, 301] };
    const segs: Seg[] = [...withHole, { from: 'b', flags: ACK, seq: 5001, ack: 101 }, dup, dup,
      { from: 'a', flags: PSH, seq: 201, ack: 5001, len: 50 }];
    expect(run(segs, true).flags[8] & TCP_A.FAST_RETRANSMISSION).toBe(0);
  });
});
