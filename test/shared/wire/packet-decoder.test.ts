import { describe, expect, it } from 'vitest';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { LAYER_SEEN } from '../../../shared/wire/decoded-packet';
import { LINKTYPE_ETHERNET, LINKTYPE_IPV6, LINKTYPE_LINUX_SLL, LINKTYPE_NULL, LINKTYPE_RAW } from '../../../shared/wire/link';
import { WireProblemCode } from '../../../shared/wire/wire-problem';
import {
  ARP_REQUEST_FRAME, IP6_SYN_FRAME, MPTCP_SYN_FRAME, QINQINQ_SYN_FRAME, SACK_SYN_FRAME, SEED_ACK_IP_TCP,
  SEED_SYN_FRAME, SEED_SYN_IP_TCP, SLL_SYN_FRAME, TFO_EXP_SYN_FRAME, ethernet, hex, join, viewAt,
} from './wire-fixtures';

const FIXTURES: [string, Uint8Array, number][] = [
  ['seed NULL SYN', SEED_SYN_FRAME, LINKTYPE_NULL], ['IPv6 SYN', IP6_SYN_FRAME, LINKTYPE_ETHERNET],
  ['SLL SYN', SLL_SYN_FRAME, LINKTYPE_LINUX_SLL], ['QinQinQ SYN', QINQINQ_SYN_FRAME, LINKTYPE_ETHERNET],
  ['TFO SYN', TFO_EXP_SYN_FRAME, LINKTYPE_ETHERNET], ['MPTCP SYN', MPTCP_SYN_FRAME, LINKTYPE_ETHERNET],
  ['SACK SYN', SACK_SYN_FRAME, LINKTYPE_ETHERNET],
];

function decode(bytes: Uint8Array, linkType: number, origLen = bytes.length, pad = 0, verify = false) {
  const d = new PacketDecoder({ verifyChecksums: verify });
  return d.decode(viewAt(bytes, pad), pad, bytes.length, origLen, linkType);
}

/** IPv4 header (20 bytes, checksum 0) carrying `proto` with total length 20 + payload. */
function ipv4(proto: number, payload: number, flagsFrag = 0x4000): Uint8Array {
  const h = hex`4500 0000 0001 0000 4000 0000 0a00 0001 0a00 0002`;
  const total = 20 + payload;
  h[2] = total >> 8; h[3] = total & 0xff; h[6] = flagsFrag >> 8; h[7] = flagsFrag & 0xff; h[9] = proto;
  return h;
}

function udp(src: number, dst: number, payload: number): Uint8Array {
  const len = 8 + payload;
  return hex`${src.toString(16).padStart(4, '0')} ${dst.toString(16).padStart(4, '0')} ${len.toString(16).padStart(4, '0')} 0000`;
}

describe('PacketDecoder', () => {
  it('decodes the seed SYN (NULL link) into every DecodedPacket field', () => {
    const p = decode(SEED_SYN_FRAME, LINKTYPE_NULL, 68, 5);
    expect(p).toMatchObject({
      linkType: 0, frameOffset: 5, capEnd: 73, vlanTags: 0, vlanId: -1, l3: 4, ipOffset: 9, outerIpOffset: 9, firstIpv4Offset: 9, firstIpv6Offset: -1,
      tunnelDepth: 0, inIcmpError: false, ipHeaderLen: 20, ipTotalLen: 64, srcAddrOffset: 21, dstAddrOffset: 25, addrLen: 4,
      ipProto: 6, isLaterFragment: false, isFirstFragment: false, l4Offset: 29, l4Len: 44, tcp: true, srcPort: 57273,
      dstPort: 8080, seq: 84347051, ack: 0, tcpFlags: 0x002, window: 65535, urgentPointer: 0, tcpHeaderLen: 44,
      payloadOffset: 73, payloadLen: 0, payloadCaptured: 0, mss: 16344, windowScale: 5, sackPermitted: true,
      hasTimestamp: true, tsVal: 1525310591, tsEcr: 0, sackCount: 0, tcpChecksumStatus: 2, udp: false, arp: false,
      problem: 0, problemOffset: 0,
    });
  });

  it('returns the same reused object on every call', () => {
    const d = new PacketDecoder();
    const a = d.decode(viewAt(SEED_SYN_FRAME), 0, 68, 68, LINKTYPE_NULL);
    const b = d.decode(viewAt(IP6_SYN_FRAME), 0, IP6_SYN_FRAME.length, IP6_SYN_FRAME.length, LINKTYPE_ETHERNET);
    expect(a).toBe(b);
    expect(b.l3).toBe(6);
    expect(b.mss).toBe(-1);
  });

  it('leaves nothing behind from the previous packet: a reused decoder equals a fresh one', () => {
    const frames: [Uint8Array, number][] = [...FIXTURES.map(([, f, lt]) => [f, lt] as [Uint8Array, number]), [ARP_REQUEST_FRAME, LINKTYPE_ETHERNET]];
    const reused = new PacketDecoder({ verifyChecksums: true });
    for (const [prev] of frames) {
      for (const [f, lt] of frames) {
        reused.decode(viewAt(prev), 0, prev.length, prev.length, LINKTYPE_ETHERNET);
        const a = { ...reused.decode(viewAt(f), 0, f.length, f.length, lt) };
        const b = { ...new PacketDecoder({ verifyChecksums: true }).decode(viewAt(f), 0, f.length, f.length, lt) };
        if (!a.sackCount) { a.sackEdges = b.sackEdges; }
        expect(a).toEqual(b);
      }
    }
  });

  it('verifies TCP checksums only when asked: seed frame 1 is "incorrect -> 0x3271"', () => {
    expect(decode(SEED_SYN_FRAME, LINKTYPE_NULL).tcpChecksumStatus).toBe(2);
    const p = decode(SEED_SYN_FRAME, LINKTYPE_NULL, 68, 0, true);
    expect([p.tcpChecksumStatus, p.tcpChecksumShouldBe]).toEqual([0, 0x3271]);
    expect(decode(SLL_SYN_FRAME, LINKTYPE_LINUX_SLL, SLL_SYN_FRAME.length, 0, true).tcpChecksumStatus).toBe(1);
    expect(decode(IP6_SYN_FRAME, LINKTYPE_ETHERNET, IP6_SYN_FRAME.length, 0, true).tcpChecksumShouldBe).toBe(0x2f8a);
  });

  it('decodes IPv6 addresses, VLAN tags, SACK blocks and options from the other fixtures', () => {
    expect(decode(IP6_SYN_FRAME, LINKTYPE_ETHERNET)).toMatchObject({ l3: 6, addrLen: 16, srcAddrOffset: 22, ipHeaderLen: 40, ipTotalLen: 60, srcPort: 30000, dstPort: 80 });
    expect(decode(QINQINQ_SYN_FRAME, LINKTYPE_ETHERNET)).toMatchObject({ vlanTags: 3, vlanId: 30, ipOffset: 26, mss: 1460, windowScale: 4 });
    const s = decode(SACK_SYN_FRAME, LINKTYPE_ETHERNET);
    expect([s.sackCount, s.sackEdges[0], s.sackEdges[1]]).toEqual([1, 1, 16]);
    expect(decode(MPTCP_SYN_FRAME, LINKTYPE_ETHERNET)).toMatchObject({ mss: 1460, windowScale: 6, sackPermitted: true, tsVal: 38230 });
  });

  it('takes tcp.len from the IP length, not the frame: Ethernet padding is not payload', () => {
    const f = join(ethernet(0x0800), SEED_ACK_IP_TCP, new Uint8Array(6));
    expect(decode(f, LINKTYPE_ETHERNET)).toMatchObject({ payloadLen: 0, payloadCaptured: 0, l4Len: 32 });
  });

  it('IPv4 total length 0 (TSO) takes the length from the original frame length, as tshark does', () => {
    const ip = SEED_ACK_IP_TCP.slice(); ip[2] = 0; ip[3] = 0;
    const f = join(ethernet(0x0800), ip, new Uint8Array(100));
    const p = decode(f, LINKTYPE_ETHERNET, 5000);
    expect(p.payloadLen).toBe(5000 - 14 - 20 - 32);
    expect(p.payloadCaptured).toBe(100);
  });

  it('IPv6: a jumbo payload option gives the length; payload length 0 without one (bigtcp) is 0, as tshark takes it', () => {
    const v6 = IP6_SYN_FRAME.slice(14);
    const tcp = v6.slice(40);
    const jumbo = join(v6.slice(0, 40), hex`0600 c204 0001 0000`, tcp, new Uint8Array(100));
    jumbo[4] = 0; jumbo[5] = 0; jumbo[6] = 0;
    const p = decode(jumbo, 229, 0x10000 + 40);
    expect(p).toMatchObject({ tcp: true, ipHeaderLen: 48, ipTotalLen: 0x10000 + 40, payloadLen: 0x10000 - 8 - 20, payloadCaptured: 100 });
    const big = join(v6.slice(0, 40), tcp, new Uint8Array(100));
    big[4] = 0; big[5] = 0;
    expect(decode(big, 229, 90000)).toMatchObject({ tcp: false, ipTotalLen: 40 });
  });

  it('decodes a first fragment and labels later fragments without a transport header', () => {
    const first = join(ipv4(6, 32, 0x2000), SEED_ACK_IP_TCP.slice(20));
    expect(decode(first, LINKTYPE_RAW)).toMatchObject({ isFirstFragment: true, isLaterFragment: false, tcp: true });
    const later = join(ipv4(6, 32, 0x0010), SEED_ACK_IP_TCP.slice(20));
    expect(decode(later, LINKTYPE_RAW)).toMatchObject({ isFirstFragment: false, isLaterFragment: true, tcp: false, ipProto: 6 });
  });

  it('follows VXLAN to the inner TCP; ip.* of the outer header stays available', () => {
    const inner = join(ethernet(0x0800), SEED_SYN_IP_TCP);
    const f = join(ethernet(0x0800), ipv4(17, 8 + 8 + inner.length), udp(40000, 4789, 8 + inner.length), hex`0800 0000 0000 0100`, inner);
    const p = decode(f, LINKTYPE_ETHERNET);
    expect(p).toMatchObject({ tcp: true, udp: false, tunnelDepth: 1, outerIpOffset: 14, firstIpv4Offset: 14, ipOffset: 64, srcPort: 57273 });
  });

  it('follows GRE, IP-in-IP and 6in4 tunnels', () => {
    const gre = join(ipv4(47, 4 + SEED_SYN_IP_TCP.length), hex`0000 0800`, SEED_SYN_IP_TCP);
    expect(decode(gre, LINKTYPE_RAW)).toMatchObject({ tcp: true, tunnelDepth: 1, ipOffset: 24 });
    const ipip = join(ipv4(4, SEED_SYN_IP_TCP.length), SEED_SYN_IP_TCP);
    expect(decode(ipip, LINKTYPE_RAW)).toMatchObject({ tcp: true, tunnelDepth: 1, ipOffset: 20 });
    const v6 = IP6_SYN_FRAME.slice(14);
    expect(decode(join(ipv4(41, v6.length), v6), LINKTYPE_RAW)).toMatchObject({ tcp: true, l3: 6, firstIpv4Offset: 0, firstIpv6Offset: 20 });
  });

  it('UDP length below 8 stops before any tunnel (tshark "BAD UDP LENGTH")', () => {
    const f = join(ipv4(17, 16), udp(1, 4789, -8), new Uint8Array(8));
    expect(decode(f, LINKTYPE_RAW)).toMatchObject({ udp: true, tcp: false, problem: WireProblemCode.udpLength });
  });

  it('decodes the TCP header quoted in an ICMP error and flags it inIcmpError', () => {
    const quote = SEED_ACK_IP_TCP.slice(0, 40);
    const f = join(ipv4(1, 8 + 40), hex`0304 0000 0000 05d4`, quote);
    expect(decode(f, LINKTYPE_RAW)).toMatchObject({ tcp: true, inIcmpError: true, tunnelDepth: 1, srcPort: 57273, seq: 84347052, ipOffset: 28 });
    // RFC 792's minimum quote (IP header + 8 bytes) holds no whole TCP header: reported, not decoded.
    const short = join(ipv4(1, 8 + 28), hex`0304 0000 0000 05d4`, quote.slice(0, 28));
    expect(decode(short, LINKTYPE_RAW)).toMatchObject({ tcp: false, inIcmpError: true, problem: WireProblemCode.tcpTruncated });
    const echo = join(ipv4(1, 8 + 40), hex`0800 0000 0000 0001`, quote);
    expect(decode(echo, LINKTYPE_RAW)).toMatchObject({ tcp: false, inIcmpError: false, ipProto: 1 });
  });

  it('layersSeen names every IP and UDP layer, also an IP header tshark shows but nobody can read', () => {
    const { IPV4, IPV6, UDP } = LAYER_SEEN;
    const v6 = IP6_SYN_FRAME.slice(14);
    expect(decode(SEED_SYN_FRAME, LINKTYPE_NULL).layersSeen).toBe(IPV4);
    expect(decode(join(ipv4(41, v6.length), v6), LINKTYPE_RAW).layersSeen).toBe(IPV4 | IPV6);
    const inner = join(ethernet(0x0800), SEED_SYN_IP_TCP);
    const vxlan = join(ethernet(0x0800), ipv4(17, 8 + 8 + inner.length), udp(40000, 4789, 8 + inner.length), hex`0800 0000 0000 0100`, inner);
    expect(decode(vxlan, LINKTYPE_ETHERNET).layersSeen).toBe(IPV4 | UDP);
    // packet-ipv6.c adds `ipv6` before any check: a wrong version (tcpdump's beep-oobr.pcap), a cut header, no bytes.
    const version3 = v6.slice(0, 40);
    version3[0] = 0x30;
    expect(decode(version3, LINKTYPE_IPV6)).toMatchObject({ l3: 0, problem: WireProblemCode.ipVersion, layersSeen: IPV6 });
    expect(decode(v6.slice(0, 10), LINKTYPE_IPV6)).toMatchObject({ l3: 0, layersSeen: IPV6 });
    expect(decode(ethernet(0x86dd), LINKTYPE_ETHERNET)).toMatchObject({ l3: 0, layersSeen: IPV6 });
    // packet-ip.c needs the version byte: an empty IPv4 payload is no `ip`, one byte is.
    expect(decode(ethernet(0x0800), LINKTYPE_ETHERNET).layersSeen).toBe(0);
    expect(decode(join(ethernet(0x0800), hex`45`), LINKTYPE_ETHERNET)).toMatchObject({ l3: 0, layersSeen: IPV4 });
  });

  it('decodes a version-6 header under EtherType 0x0800 as IPv6, as packet-ip.c hands it over (and `ip` is seen too)', () => {
    const v6 = IP6_SYN_FRAME.slice(14);
    const p = decode(join(ethernet(0x0800), v6), LINKTYPE_ETHERNET);
    expect(p).toMatchObject({ l3: 6, tcp: true, addrLen: 16, problem: 0, layersSeen: LAYER_SEEN.IPV4 | LAYER_SEEN.IPV6 });
    expect(p.tcpFlags).toBe(decode(IP6_SYN_FRAME, LINKTYPE_ETHERNET).tcpFlags);
    // The other way round tshark has no such hand-over: a version-4 header under 0x86dd stays undecoded.
    expect(decode(join(ethernet(0x86dd), SEED_SYN_IP_TCP), LINKTYPE_ETHERNET)).toMatchObject({ l3: 0, problem: WireProblemCode.ipVersion });
  });

  it('flags ARP packets', () => {
    expect(decode(ARP_REQUEST_FRAME, LINKTYPE_ETHERNET)).toMatchObject({ arp: true, l3: 0, l4Offset: 14, tcp: false });
  });

  it('every truncated prefix of every fixture decodes without throwing and reports a problem', () => {
    for (const [name, frame, lt] of FIXTURES) {
      const d = new PacketDecoder({ verifyChecksums: true });
      for (let n = 0; n < frame.length; n++) {
        const p = d.decode(viewAt(frame.slice(0, n)), 0, n, frame.length, lt);
        expect(p.problem !== 0 || p.payloadCaptured < p.payloadLen, `${name} prefix ${n}`).toBe(true);
        if (p.tcp) expect(p.tcpChecksumStatus, `${name} prefix ${n}`).toBe(2);
      }
    }
  });

  it('a capture length beyond the view is clamped to the view, not read past', () => {
    const p = new PacketDecoder().decode(viewAt(SEED_SYN_FRAME), 0, 1000, 1000, LINKTYPE_NULL);
    expect(p.tcp).toBe(true);
    expect(p.payloadCaptured).toBe(0);
  });

  it('reports an unsupported link type as a problem at the frame start', () => {
    expect(decode(SEED_SYN_FRAME, 4242, 68, 3)).toMatchObject({ problem: WireProblemCode.linkUnsupported, problemOffset: 3, l3: 0 });
  });
});
