import { describe, expect, it } from 'vitest';
import { Ipv4View, describeIpv4Options, ipv4RoutedDestinationOffset, ipv4Text } from '../../../shared/wire/ipv4';
import { WireProblemCode } from '../../../shared/wire/wire-problem';
import { SEED_SYN_IP, hex, viewAt } from './wire-fixtures';

// IP with a NOP and a 15-byte loose source route (10.0.0.1, 10.0.0.2, then 10.0.0.3): IHL 9 (36 bytes).
const LSRR_IP = hex`4900 0024 0001 0000 4006 0000 c0a8 0001 c0a8 0002
                    01 83 0f 04 0a000001 0a000002 0a000003`;

describe('Ipv4View', () => {
  it('reads every field of the seed SYN IP header (seed-lo0.pcap frame 1)', () => {
    const v = new Ipv4View();
    expect(v.reset(viewAt(SEED_SYN_IP, 4), 4, 20)).toBeNull();
    expect(v.offset).toBe(4);
    expect(v.headerLength).toBe(20);
    expect(v.tos).toBe(0x10);
    expect(v.totalLength).toBe(64);
    expect(v.ident).toBe(35702);
    expect(v.flags).toBe(2);
    expect(v.dontFragment).toBe(true);
    expect(v.moreFragments).toBe(false);
    expect(v.fragmentOffset).toBe(0);
    expect(v.ttl).toBe(64);
    expect(v.protocol).toBe(6);
    expect(v.checksum).toBe(0);
    expect(v.src).toBe(0x7f000001);
    expect(v.dst).toBe(0x7f000001);
    expect([v.srcOffset, v.dstOffset]).toEqual([16, 20]);
  });

  it('every truncated prefix 0..19 is a problem and never throws', () => {
    const v = new Ipv4View();
    for (let n = 0; n < 20; n++) {
      const p = v.reset(viewAt(SEED_SYN_IP.slice(0, n)), 0, n);
      expect(p?.code, `prefix ${n}`).toBe(WireProblemCode.ipTruncated);
    }
  });

  it('options cut by the capture are ipv4OptionsTruncated', () => {
    const v = new Ipv4View();
    for (let n = 20; n < LSRR_IP.length; n++) expect(v.reset(viewAt(LSRR_IP.slice(0, n)), 0, n)?.code).toBe(WireProblemCode.ipv4OptionsTruncated);
    expect(v.reset(viewAt(LSRR_IP), 0, LSRR_IP.length)).toBeNull();
    expect(v.headerLength).toBe(36);
  });

  it('version 6 in an IPv4 slot is ipVersion at offset 0', () => {
    const b = SEED_SYN_IP.slice(); b[0] = 0x65;
    expect(new Ipv4View().reset(viewAt(b), 0, 20)).toEqual(expect.objectContaining({ code: WireProblemCode.ipVersion, offset: 0 }));
  });

  it('IHL 4 is ipv4HeaderLength at offset 0', () => {
    const b = SEED_SYN_IP.slice(); b[0] = 0x44;
    expect(new Ipv4View().reset(viewAt(b), 0, 20)?.code).toBe(WireProblemCode.ipv4HeaderLength);
  });

  it('total length below the header length is ipv4TotalLength at offset 2; 0 (TSO) is accepted', () => {
    const b = SEED_SYN_IP.slice(); b[2] = 0; b[3] = 19;
    expect(new Ipv4View().reset(viewAt(b), 0, 20)).toEqual(expect.objectContaining({ code: WireProblemCode.ipv4TotalLength, offset: 2 }));
    b[3] = 0;
    expect(new Ipv4View().reset(viewAt(b), 0, 20)).toBeNull();
  });

  it('reads fragment offset and MF', () => {
    const b = SEED_SYN_IP.slice(); b[6] = 0x20; b[7] = 0x10;
    const v = new Ipv4View();
    v.reset(viewAt(b), 0, 20);
    expect([v.moreFragments, v.dontFragment, v.fragmentOffset]).toEqual([true, false, 128]);
  });

  it('the destination upper layers see follows a source route with a valid pointer to its last hop (packet-ip.c get_dst_offset)', () => {
    const dv = viewAt(LSRR_IP);
    expect(ipv4Text(dv, ipv4RoutedDestinationOffset(dv, 0, 36))).toBe('10.0.0.3');
    expect(ipv4RoutedDestinationOffset(viewAt(SEED_SYN_IP), 0, 20)).toBe(16);
    const badPointer = new Uint8Array(LSRR_IP);
    badPointer[23] = 5;                                                // pointer not a multiple of 4: the header's
    expect(ipv4RoutedDestinationOffset(viewAt(badPointer), 0, 36)).toBe(16);
  });

  it('describes options, and a bad option length as a problem row', () => {
    const node = describeIpv4Options(viewAt(LSRR_IP), 20, 16, 0);
    expect(node.children?.map((c) => [c.label, c.value])).toEqual([
      ['No-Operation (NOP)', 'nop'],
      ['Loose Source Route (LSRR)', 'length 15, pointer 4: 10.0.0.1 10.0.0.2 10.0.0.3'],
    ]);
    const bad = describeIpv4Options(viewAt(hex`0183 1104 0000 0000`), 0, 8, 0);
    expect(bad.children?.map((c) => [c.label, c.value])).toEqual([['No-Operation (NOP)', 'nop'], ['Problem', 'bad option length 17']]);
  });

  it('describe() covers all twelve fields', () => {
    const v = new Ipv4View();
    v.reset(viewAt(SEED_SYN_IP), 0, 20);
    const node = v.describe(0, ' [incorrect, should be 0xb12f]');
    expect(node.children).toHaveLength(12);
    expect(node.value).toBe('Src: 127.0.0.1, Dst: 127.0.0.1');
  });
});
