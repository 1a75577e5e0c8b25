import { describe, expect, it } from 'vitest';
import { allocateColumns, ROW_BITS } from '../../../shared/ipc/batch-layout';
import { flowInfo } from '../../../shared/tcp/conversation-summary';
import { TcpTracker } from '../../../shared/tcp/tcp-tracker';
import { LINKTYPE_RAW } from '../../../shared/wire/link';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { concat, fields, ipv4Tcp } from '../../support/capture-bytes';

const SYN = ipv4Tcp({ src: [10, 0, 0, 1], dst: [10, 0, 0, 2], sport: 40000, dport: 80, seq: 1000, ack: 0, flags: 0x02 });
/** 192.0.2.9 tells 10.0.0.1 that 10.0.0.2 is unreachable, quoting the SYN (RFC 792 type 3). */
const UNREACHABLE = concat(fields(false, [0x45, 1], [0, 1], [20 + 8 + SYN.length, 2], [1, 2], [0, 2], [64, 1], [1, 1], [0, 2],
  [0xc0000209, 4], [0x0a000001, 4]), Uint8Array.of(3, 1, 0, 0, 0, 0, 0, 0), SYN);

function track(frames: Uint8Array[]) {
  const tracker = new TcpTracker(), decoder = new PacketDecoder(), cols = allocateColumns(frames.length);
  frames.forEach((bytes, row) => {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const rec = { bytes, view, at: 0, capLen: bytes.length, origLen: bytes.length, tsSec: 1, tsNsec: row, iface: 0, linkType: LINKTYPE_RAW, fileOffset: 0, frame: row + 1 };
    tracker.track(rec, decoder.decode(view, 0, bytes.length, bytes.length, LINKTYPE_RAW), cols, row);
  });
  cols.rows = frames.length;
  return { tracker, cols, newFlows: tracker.takeNewFlowIds() };
}

describe('outer flows', () => {
  it('a row with one IP layer has no outer flow', () => {
    const { cols } = track([SYN]);
    expect(cols.outerFlow[0]).toBe(-1);
    expect(cols.rowBits[0] & ROW_BITS.OUTER_DIR).toBe(0);
    expect(cols.rowBits[0] & ROW_BITS.IPV4_SEEN).toBe(ROW_BITS.IPV4_SEEN);
  });

  it('an ICMP error quoting a TCP header keeps the TCP flow and gets the ICMP sender/receiver pair as its outer flow', () => {
    const { tracker, cols, newFlows } = track([SYN, UNREACHABLE]);
    expect(cols.flow[1]).toBe(cols.flow[0]);
    const outer = cols.outerFlow[1];
    expect(outer).toBeGreaterThanOrEqual(0);
    expect(newFlows).toContain(outer);
    const f = flowInfo(tracker, outer);
    expect(f).toMatchObject({ l3: 4, proto: 1, stream: -1 });
    // The router (192.0.2.9) sent it: it is endpoint B of the pair (10.0.0.1 sorts first), so OUTER_DIR is set.
    expect([f.addrA, f.addrB]).toEqual(['10.0.0.1', '192.0.2.9']);
    expect(cols.rowBits[1] & ROW_BITS.OUTER_DIR).toBe(ROW_BITS.OUTER_DIR);
  });

  it('the same outer pair is one flow for every row that has it', () => {
    const { cols, newFlows } = track([SYN, UNREACHABLE, UNREACHABLE]);
    expect(cols.outerFlow[2]).toBe(cols.outerFlow[1]);
    expect(newFlows.filter((id) => id === cols.outerFlow[1])).toHaveLength(1);
  });
});
