import { describe, expect, it } from 'vitest';
import { IPPROTO_FRAGMENT, Ipv6View, ipv6Text } from '../../../shared/wire/ipv6';
import { WireProblemCode } from '../../../shared/wire/wire-problem';
import { IP6_SYN_FRAME, hex, join, viewAt } from './wire-fixtures';

const IP6 = IP6_SYN_FRAME.slice(14, 54);

/** IPv6 header with next header `nh` and payload length `pl`, addresses ::1 → ::2. */
function ip6(nh: number, pl: number): Uint8Array {
  return hex`6000 0000 ${pl.toString(16).padStart(4, '0')} ${nh.toString(16).padStart(2, '0')}40
    0000 0000 0000 0000 0000 0000 0000 0001 0000 0000 0000 0000 0000 0000 0000 0002`;
}

describe('Ipv6View', () => {
  it('reads every field of zeek ip6-tcp-bad-chksum.pcap frame 1', () => {
    const v = new Ipv6View();
    expect(v.reset(viewAt(IP6_SYN_FRAME), 14, IP6_SYN_FRAME.length - 14)).toBeNull();
    expect(v.offset).toBe(14);
    expect(v.trafficClass).toBe(0);
    expect(v.flowLabel).toBe(0);
    expect(v.payloadLength).toBe(20);
    expect(v.nextHeader).toBe(6);
    expect(v.hopLimit).toBe(64);
    expect([v.srcOffset, v.dstOffset]).toEqual([22, 38]);
    const dv = viewAt(IP6_SYN_FRAME);
    expect(ipv6Text(dv, v.srcOffset)).toBe('2001:4f8:4:7:2e0:81ff:fe52:ffff');
    expect(v.walkExtensions(IP6_SYN_FRAME.length, 74)).toBeNull();
    expect([v.nextProtocol, v.nextOffset, v.fragmented, v.jumboLength]).toEqual([6, 54, false, -1]);
  });

  it('every truncated prefix 0..39 is a problem and never throws', () => {
    const v = new Ipv6View();
    for (let n = 0; n < 40; n++) expect(v.reset(viewAt(IP6.slice(0, n)), 0, n)?.code, `prefix ${n}`).toBe(WireProblemCode.ipTruncated);
  });

  it('version 4 in an IPv6 slot is ipVersion', () => {
    const b = IP6.slice(); b[0] = 0x45;
    expect(new Ipv6View().reset(viewAt(b), 0, 40)?.code).toBe(WireProblemCode.ipVersion);
  });

  it('walks hop-by-hop, destination options and a first fragment to TCP', () => {
    const bytes = join(ip6(0, 32), hex`3c00 0000 0000 0000`, hex`2c00 0000 0000 0000`, hex`0600 0001 1234 5678`, hex`0000 0000 0000 0000`);
    const v = new Ipv6View();
    v.reset(viewAt(bytes), 0, bytes.length);
    expect(v.walkExtensions(bytes.length, bytes.length)).toBeNull();
    expect([v.nextProtocol, v.nextOffset, v.fragmented, v.fragmentOffset, v.moreFragments]).toEqual([6, 64, true, 0, true]);
  });

  it('stops at a later fragment (offset 8)', () => {
    const bytes = join(ip6(IPPROTO_FRAGMENT, 16), hex`0600 0008 0000 0001`, hex`0000 0000 0000 0000`);
    const v = new Ipv6View();
    v.reset(viewAt(bytes), 0, bytes.length);
    v.walkExtensions(bytes.length, bytes.length);
    expect([v.fragmented, v.fragmentOffset, v.nextProtocol]).toEqual([true, 8, 6]);
  });

  it('AH length counts 4-byte units plus 2 (RFC 4302)', () => {
    const bytes = join(ip6(51, 24), hex`0604 0000 0000 0001 0000 0001 0000 0000`, hex`0000 0000 0000 0000`);
    const v = new Ipv6View();
    v.reset(viewAt(bytes), 0, bytes.length);
    v.walkExtensions(bytes.length, bytes.length);
    expect([v.nextProtocol, v.nextOffset]).toEqual([6, 64]);
  });

  it('reads a jumbo payload length from hop-by-hop options (RFC 2675)', () => {
    const bytes = join(ip6(0, 0), hex`0600 c204 0001 0000`);
    const v = new Ipv6View();
    v.reset(viewAt(bytes), 0, bytes.length);
    v.walkExtensions(bytes.length, bytes.length);
    expect(v.jumboLength).toBe(0x10000);
  });

  it('an extension header cut by the capture or beyond the payload length is a problem', () => {
    const bytes = join(ip6(0, 16), hex`3c01 0000 0000 0000`, hex`0600 0000 0000 0000`);
    const v = new Ipv6View();
    v.reset(viewAt(bytes), 0, bytes.length);
    expect(v.walkExtensions(44, bytes.length)?.code).toBe(WireProblemCode.ipv6ExtensionTruncated);
    expect(v.walkExtensions(bytes.length, 50)?.code).toBe(WireProblemCode.ipv6ExtensionLength);
  });

  it('a chain of many extension headers stops with tooDeep instead of looping', () => {
    const parts = [ip6(60, 8 * 40)];
    for (let i = 0; i < 40; i++) parts.push(hex`3c00 0000 0000 0000`);
    const bytes = join(...parts);
    const v = new Ipv6View();
    v.reset(viewAt(bytes), 0, bytes.length);
    expect(v.walkExtensions(bytes.length, bytes.length)?.code).toBe(WireProblemCode.tooDeep);
  });

  it('formats addresses like RFC 5952 (and tshark)', () => {
    expect(ipv6Text(viewAt(hex`0000 0000 0000 0000 0000 0000 0000 0001`), 0)).toBe('::1');
    expect(ipv6Text(viewAt(hex`fe80 0000 0000 0000 0000 0000 0000 0000`), 0)).toBe('fe80::');
    expect(ipv6Text(viewAt(hex`2001 0db8 0000 0001 0000 0000 0000 0001`), 0)).toBe('2001:db8:0:1::1');
    expect(ipv6Text(viewAt(hex`2001 0db8 0000 0000 0001 0000 0000 0001`), 0)).toBe('2001:db8::1:0:0:1');
    expect(ipv6Text(viewAt(hex`2001 0db8 0001 0001 0001 0001 0000 0001`), 0)).toBe('2001:db8:1:1:1:1:0:1');
    expect(ipv6Text(viewAt(hex`0000 0000 0000 0000 0000 ffff 0a00 0001`), 0)).toBe('::ffff:10.0.0.1');
  });
});
