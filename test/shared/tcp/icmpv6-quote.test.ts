import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { concat, fields, ipv6Tcp, pcapHeader, pcapRecord } from '../../support/capture-bytes';
import { expectSameAsTshark } from '../../support/corpus-variant';
import { TEST_OUTPUT_DIR } from '../../support/paths';
import { requireTool } from '../../support/require-tool';
import { tcpFieldRows } from '../../support/tcp-fields';

/**
 * A TCP header quoted in an ICMPv6 error (nDPI's 6in4tunnel capture): packet-tcp.c adds tcp.seq early and leaves out
 * tcp.seq_raw only for an ICMPv4 quote (the layers before tcp are ip, icmp), so here tcp.seq_raw is shown.
 */
const C = [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 1], S = [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 2];
const R = [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 9];
const ETH = Uint8Array.of(0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x86, 0xdd);

const ipv6 = (src: number[], dst: number[], nh: number, payload: Uint8Array): Uint8Array =>
  concat(ETH, fields(false, [0x60000000, 4], [payload.length, 2], [nh, 1], [64, 1]), Uint8Array.from(src), Uint8Array.from(dst), payload);

function capture(): string {
  const hello = new Uint8Array(1200).fill(0x61);
  const data = ipv6Tcp({ src: C, dst: S, sport: 40000, dport: 443, seq: 1001, ack: 5001, flags: 0x18, payload: hello });
  const frames = [
    concat(ETH, ipv6Tcp({ src: C, dst: S, sport: 40000, dport: 443, seq: 1000, ack: 0, flags: 0x02 })),
    concat(ETH, ipv6Tcp({ src: S, dst: C, sport: 443, dport: 40000, seq: 5000, ack: 1001, flags: 0x12 })),
    concat(ETH, data),
    // Packet Too Big (type 2) from a router, quoting the first 100 bytes of the data segment's IPv6 packet.
    ipv6(R, C, 58, concat(Uint8Array.of(2, 0, 0, 0), fields(false, [1280, 4]), data.subarray(0, 100))),
  ];
  const dir = join(TEST_OUTPUT_DIR, 'icmpv6-quote');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'icmpv6-quote.pcap');
  writeFileSync(path, concat(pcapHeader(), ...frames.map((f, j) => pcapRecord(true, 1000 + j, 0, f))));
  return path;
}

describe('a TCP header quoted in an ICMPv6 error', () => {
  it('shows tcp.seq_raw (an ICMPv4 quote does not)', () => {
    expect(tcpFieldRows(capture(), ['tcp.seq_raw']).get(4)).toEqual(['1001']);
  });

  it.skipIf(!requireTool('tshark'))('agrees with tshark on every -T fields field and -z conv,tcp', () => {
    expectSameAsTshark(capture(), 'ICMPv6 quote');
  });
});
