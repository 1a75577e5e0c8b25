import { describe, expect, it } from 'vitest';
import { ArpView, IcmpView, UdpView } from '../../../shared/wire/udp-icmp';
import { WireProblemCode } from '../../../shared/wire/wire-problem';
import { ARP_REQUEST_FRAME, hex, viewAt } from './wire-fixtures';

// ../shared/corpus/tcpdump__arcnet-rfc1201-arp-icmp-http.pcap frame 3 (ARCNET_LINUX, 8-byte header):
// IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto ICMP (1), length 84)
//   10.80.131.1 > 10.80.131.254: ICMP echo request, id 59392, seq 0, length 64
const ECHO_FRAME = hex`be50 a8e7 d400 0166 4500 0054 0000 4000 4001 1f0a 0a50 8301 0a50 83fe 0800 925e
  e800 0000 681f 6ed9 000c bb98 0809 0a0b 0c0d 0e0f 1011 1213 1415 1617 1819 1a1b
  1c1d 1e1f 2021 2223 2425 2627 2829 2a2b 2c2d 2e2f 3031 3233 3435 3637`;
// Same file, frame 2: ARP, ArcNet (len 1), IPv4 (len 4), Reply 10.80.131.254 is-at 50, length 18
const ARCNET_ARP_REPLY = hex`50be 0000 d500 0165 0007 0800 0104 0002 500a 5083 febe 0a50 8301`;
// A DNS query header: 192.168.1.2.53000 > 192.168.1.1.53: UDP, length 32 (UDP header only).
const UDP_DNS = hex`cf08 0035 0028 1234`;

describe('UdpView', () => {
  it('reads ports, length and checksum', () => {
    const v = new UdpView();
    expect(v.reset(viewAt(UDP_DNS, 2), 2, 8)).toBeNull();
    expect([v.offset, v.srcPort, v.dstPort, v.length, v.checksum]).toEqual([2, 53000, 53, 40, 0x1234]);
    expect(v.describe(0, '').children).toHaveLength(4);
  });

  it('every truncated prefix 0..7 is udpTruncated', () => {
    for (let n = 0; n < 8; n++) expect(new UdpView().reset(viewAt(UDP_DNS.slice(0, n)), 0, n)?.code).toBe(WireProblemCode.udpTruncated);
  });
});

describe('IcmpView', () => {
  it('reads the ARCnet echo request and names it as tshark\'s Info does', () => {
    const v = new IcmpView();
    expect(v.reset(viewAt(ECHO_FRAME), 28, ECHO_FRAME.length - 28, false)).toBeNull();
    expect([v.type, v.code, v.checksum, v.isEcho, v.echoId, v.echoSeq]).toEqual([8, 0, 0x925e, true, 59392, 0]);
    expect(v.describe(0).value).toBe('Echo (ping) request');
  });

  it('names ICMPv6 messages and errors with their codes, as the packet list does', () => {
    const v = new IcmpView();
    v.reset(viewAt(hex`8000 0000 0001 0002`), 0, 8, true);
    expect(v.describe(0).value).toBe('Echo (ping) request');
    v.reset(viewAt(hex`8700 0000 0000 0000`), 0, 8, true);
    expect(v.describe(0).value).toBe('Neighbor Solicitation');
    v.reset(viewAt(hex`0304 0000 0000 05d4`), 0, 8, false);
    expect(v.describe(0).value).toBe('Destination unreachable (Fragmentation needed)');
    expect(v.echoId).toBe(-1);
  });

  it('every truncated prefix 0..3 is icmpTruncated; echo id/seq need 8 bytes', () => {
    for (let n = 0; n < 4; n++) expect(new IcmpView().reset(viewAt(new Uint8Array(n)), 0, n, false)?.code).toBe(WireProblemCode.icmpTruncated);
    const v = new IcmpView();
    v.reset(viewAt(hex`0800 0000 00`), 0, 5, false);
    expect(v.echoId).toBe(-1);
  });
});

describe('ArpView', () => {
  it('summarises an Ethernet ARP request (mptcp-fclose.pcap)', () => {
    const v = new ArpView();
    expect(v.reset(viewAt(ARP_REQUEST_FRAME), 14, 28)).toBeNull();
    expect([v.hardwareType, v.protocolType, v.hardwareLength, v.protocolLength, v.operation, v.length]).toEqual([1, 0x0800, 6, 4, 1, 28]);
    expect(v.summary(28)).toBe('ARP, Request who-has 10.2.1.2 tell 10.2.1.1, length 28');
  });

  it('summarises an ARCnet ARP reply with a 1-byte hardware address', () => {
    const v = new ArpView();
    expect(v.reset(viewAt(ARCNET_ARP_REPLY), 8, 18)).toBeNull();
    expect(v.summary(18)).toBe('ARP, Reply 10.80.131.254 is-at 50, length 18');
  });

  it('every truncated prefix, addresses included, is arpTruncated', () => {
    for (let n = 0; n < 28; n++) {
      expect(new ArpView().reset(viewAt(ARP_REQUEST_FRAME.slice(14, 14 + n)), 0, n)?.code, `prefix ${n}`).toBe(WireProblemCode.arpTruncated);
    }
  });
});
