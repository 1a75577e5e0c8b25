import { describe, expect, it } from 'vitest';
import { concat, ethernet, fields, ipv4Packet, ipv4Tcp, ipv6Tcp } from '../../support/capture-bytes';
import { expectSameAsTshark } from '../../support/corpus-variant';
import { requireTool } from '../../support/require-tool';
import { tcpFieldRows } from '../../support/tcp-fields';
import { writePcap } from '../../support/write-pcap';

/**
 * TCP headers quoted in ICMP errors (nDPI's 6in4tunnel and alexa-app captures). In an ICMPv6 error packet-tcp.c shows
 * tcp.seq_raw (it leaves it out, adding tcp.seq early, only behind ip and icmp). packet-icmp.c ends an ICMPv4 quote
 * early: a redirect after the IP header and 8 bytes, an RFC 4884 length (32-bit words) where it says; the rest of a
 * quoted TCP header is then not there for tshark.
 */
const C = [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 1], S = [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 2];
const R = [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 9];
const ETH = Uint8Array.of(0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x86, 0xdd);

const ipv6 = (src: number[], dst: number[], nh: number, payload: Uint8Array): Uint8Array =>
  concat(ETH, fields(false, [0x60000000, 4], [payload.length, 2], [nh, 1], [64, 1]), Uint8Array.from(src), Uint8Array.from(dst), payload);

const A4: [number, number, number, number] = [10, 0, 0, 1], B4: [number, number, number, number] = [10, 0, 0, 2];
const R4 = [10, 0, 0, 254];

/** ICMPv4 `type` from a router to A quoting `quote`, with byte 5 (RFC 4884 length in words) set to `words`. */
const icmpv4 = (type: number, words: number, quote: Uint8Array): Uint8Array =>
  ethernet(ipv4Packet(1, R4, A4, concat(Uint8Array.of(type, 1, 0, 0, 0, words, 0, 0), quote)));

/** An IPv4 handshake, then three errors quoting its 30-byte data segment: a redirect, a 4884 length of 3 words, none. */
function icmpv4Quotes(): Uint8Array[] {
  const seg = (sport: number, dport: number, seq: number, ack: number, flags: number, payload?: Uint8Array): Uint8Array =>
    ipv4Tcp({ src: sport === 40001 ? A4 : B4, dst: sport === 40001 ? B4 : A4, sport, dport, seq, ack, flags, payload });
  const data = seg(40001, 80, 101, 501, 0x18, new Uint8Array(10).fill(0x62));
  return [
    ethernet(seg(40001, 80, 100, 0, 0x02)), ethernet(seg(80, 40001, 500, 101, 0x12)), ethernet(data),
    icmpv4(5, 0, data), icmpv4(3, 3, concat(data, new Uint8Array(8))), icmpv4(11, 0, data),
  ];
}

function capture(): string {
  const hello = new Uint8Array(1200).fill(0x61);
  const data = ipv6Tcp({ src: C, dst: S, sport: 40000, dport: 443, seq: 1001, ack: 5001, flags: 0x18, payload: hello });
  const frames = [
    concat(ETH, ipv6Tcp({ src: C, dst: S, sport: 40000, dport: 443, seq: 1000, ack: 0, flags: 0x02 })),
    concat(ETH, ipv6Tcp({ src: S, dst: C, sport: 443, dport: 40000, seq: 5000, ack: 1001, flags: 0x12 })),
    concat(ETH, data),
    // Packet Too Big (type 2) from a router, quoting the first 100 bytes of the data segment's IPv6 packet.
    ipv6(R, C, 58, concat(Uint8Array.of(2, 0, 0, 0), fields(false, [1280, 4]), data.subarray(0, 100))),
    ...icmpv4Quotes(),
  ];
  return writePcap('icmp-quote-length', 'icmp-quote-length', frames);
}

describe('TCP headers quoted in ICMP errors', () => {
  it('an ICMPv6 quote shows tcp.seq_raw (an ICMPv4 quote does not)', () => {
    const rows = tcpFieldRows(capture(), ['tcp.seq_raw']);
    expect(rows.get(4)).toEqual(['1001']);
    expect(rows.get(10)).toEqual(['']);
  });

  it('an ICMPv4 redirect or RFC 4884 length ends the quote after 8 TCP bytes: ports and sequence number only', () => {
    const rows = tcpFieldRows(capture(), ['tcp.srcport', 'tcp.seq', 'tcp.hdr_len']);
    expect([8, 9, 10].map((f) => rows.get(f)?.join(' '))).toEqual(['40001 101 ', '40001 101 ', '40001 101 20']);
  });

  it.skipIf(!requireTool('tshark'))('agrees with tshark on every -T fields field and -z conv,tcp', () => {
    expectSameAsTshark(capture(), 'ICMP quotes');
  });
});
