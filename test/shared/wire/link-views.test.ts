import { describe, expect, it } from 'vitest';
import { EthernetView, LoopbackView, MplsEntryView, Sll2View, SllView, VlanTagView } from '../../../shared/wire/link-views';
import { WireProblemCode } from '../../../shared/wire/wire-problem';
import { QINQINQ_SYN_FRAME, SEED_NULL_HEADER, SLL_SYN_FRAME, hex, viewAt } from './wire-fixtures';

// SLL2 header: protocol 0x0800, ifindex 2, ARPHRD_ETHER, PACKET_OUTGOING (4), 6-byte address 00:11:22:33:44:55.
const SLL2 = hex`0800 0000 0000 0002 0001 0406 0011 2233 4455 0000`;

describe('link views', () => {
  it('EthernetView reads zeek vlan-qinqinq.pcap frame 1: TPID 0x8100', () => {
    const v = new EthernetView();
    expect(v.reset(viewAt(QINQINQ_SYN_FRAME, 2), 2, QINQINQ_SYN_FRAME.length)).toBeNull();
    expect([v.offset, v.headerLength, v.dstOffset, v.srcOffset, v.typeOrLength, v.isLength]).toEqual([2, 14, 2, 8, 0x8100, false]);
  });

  it('VlanTagView reads the three tags 30, 20, 10', () => {
    const v = new VlanTagView();
    const dv = viewAt(QINQINQ_SYN_FRAME);
    const ids = [14, 18, 22].map((at) => { v.reset(dv, at, 4); return [v.vlanId, v.priority, v.dei, v.innerType]; });
    expect(ids).toEqual([[30, 0, false, 0x8100], [20, 0, false, 0x8100], [10, 0, false, 0x0800]]);
  });

  it('MplsEntryView reads label, TC, S and TTL (zeek mixed-vlan-mpls.pcap: label 29, exp 6, S, ttl 255)', () => {
    const v = new MplsEntryView();
    expect(v.reset(viewAt(hex`0001 ddff`), 0, 4)).toBeNull();
    expect([v.label, v.trafficClass, v.bottomOfStack, v.ttl]).toEqual([29, 6, true, 255]);
  });

  it('SllView reads tcp-handshake-nano.pcap frame 1 (sent by us, ARPHRD_PPP 512, no address, IPv4)', () => {
    const v = new SllView();
    expect(v.reset(viewAt(SLL_SYN_FRAME), 0, SLL_SYN_FRAME.length)).toBeNull();
    expect([v.packetType, v.arphrdType, v.addressLength, v.addressOffset, v.protocol]).toEqual([4, 512, 0, 6, 0x0800]);
  });

  it('Sll2View reads every field', () => {
    const v = new Sll2View();
    expect(v.reset(viewAt(SLL2), 0, 20)).toBeNull();
    expect([v.protocol, v.interfaceIndex, v.arphrdType, v.packetType, v.addressLength, v.addressOffset]).toEqual([0x0800, 2, 1, 4, 6, 12]);
  });

  it('LoopbackView reads the seed NULL header in host order and LOOP in network order', () => {
    const v = new LoopbackView();
    v.reset(viewAt(SEED_NULL_HEADER), 0, 4);
    expect([v.familyHostOrder, v.familyNetworkOrder]).toEqual([2, 0x02000000]);
  });

  it('every truncated prefix of every view is a problem at the first missing byte', () => {
    const cases: [{ reset: (dv: DataView, at: number, len: number) => { code: number; offset: number } | null }, number, number][] = [
      [new EthernetView(), 14, WireProblemCode.encapTruncated], [new VlanTagView(), 4, WireProblemCode.encapTruncated],
      [new MplsEntryView(), 4, WireProblemCode.encapTruncated], [new SllView(), 16, WireProblemCode.linkTruncated],
      [new Sll2View(), 20, WireProblemCode.linkTruncated], [new LoopbackView(), 4, WireProblemCode.linkTruncated],
    ];
    for (const [view, size, code] of cases) {
      for (let n = 0; n < size; n++) {
        const p = view.reset(viewAt(new Uint8Array(n), 1), 1, n);
        expect(p?.code).toBe(code);
        expect(p?.offset).toBe(1 + n);
      }
    }
  });
});
