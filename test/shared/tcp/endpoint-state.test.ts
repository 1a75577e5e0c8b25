import { describe, expect, it } from 'vitest';
import type { CaptureRecord } from '../../../shared/capture-file/capture-record';
import { allocateColumns } from '../../../shared/ipc/batch-layout';
import { EndpointState as S } from '../../../shared/tcp/endpoint-state';
import { TcpTracker } from '../../../shared/tcp/tcp-tracker';
import { emptyDecodedPacket } from '../../../shared/wire/decoded-packet';

const bytes = new Uint8Array([10, 0, 0, 1, 10, 0, 0, 2]);
const view = new DataView(bytes.buffer);
type Seg = [from: 'a' | 'b', flags: number, seq: number, ack: number, len?: number];

/** States of (a, b) after each hand-built segment between 10.0.0.1:40000 (a) and 10.0.0.2:80 (b). */
function states(segs: Seg[]): [number, number][] {
  const t = new TcpTracker();
  const cols = allocateColumns(1);
  return segs.map(([from, flags, seq, ack, len = 0], i) => {
    const rec: CaptureRecord = { bytes, view, at: 0, capLen: 60, origLen: 60, tsSec: 1, tsNsec: i * 1000, iface: 0, linkType: 1, fileOffset: 0, frame: i + 1 };
    const p = emptyDecodedPacket();
    Object.assign(p, { l3: 4, addrLen: 4, ipProto: 6, tcp: true, srcAddrOffset: from === 'a' ? 0 : 4, dstAddrOffset: from === 'a' ? 4 : 0,
      srcPort: from === 'a' ? 40000 : 80, dstPort: from === 'a' ? 80 : 40000, seq, ack, tcpFlags: flags, window: 1000, payloadLen: len });
    t.track(rec, p, cols, 0);
    return [cols.stateA[0], cols.stateB[0]];
  });
}

const SYN = 0x02, SYNACK = 0x12, ACK = 0x10, RST = 0x04, RSTACK = 0x14;
const open: Seg[] = [['a', SYN, 100, 0], ['b', SYNACK, 900, 101], ['a', ACK, 101, 901], ['a', 0x18, 101, 901, 50], ['b', ACK, 901, 151]];

describe('endpoint states on a reset (RFC 9293 §3.10.7, RFC 5961 §3)', () => {
  it('closes both ends on a RST whose seq is exactly the next expected byte', () => {
    expect(states([...open, ['b', RST, 901, 0]]).at(-1)).toEqual([S.Closed, S.Closed]);
    expect(states([...open, ['a', RSTACK, 151, 901]]).at(-1)).toEqual([S.Closed, S.Closed]);
  });

  it('leaves both ends ESTABLISHED on a RST outside or merely inside the window (blind reset, challenge ACK)', () => {
    expect(states([...open, ['a', RST, 5000, 0]]).at(-1)).toEqual([S.Established, S.Established]);
    expect(states([...open, ['a', RST, 160, 0]]).at(-1)).toEqual([S.Established, S.Established]);
  });

  it('refuses a connection only with a RST+ACK that acknowledges the SYN (SYN-SENT)', () => {
    expect(states([['a', SYN, 100, 0], ['b', RSTACK, 0, 101]]).at(-1)).toEqual([S.Closed, S.Closed]);
    expect(states([['a', SYN, 100, 0], ['b', RSTACK, 0, 55]]).at(-1)).toEqual([S.SynSent, S.Listen]);
    expect(states([['a', SYN, 100, 0], ['b', RST, 0, 0]]).at(-1)).toEqual([S.SynSent, S.Listen]);
  });

  it('accepts a RST when the capture started mid-connection (nothing to check against)', () => {
    expect(states([['a', 0x18, 100, 900, 10], ['b', RST, 12345, 0]]).at(-1)).toEqual([S.Closed, S.Closed]);
  });
});
