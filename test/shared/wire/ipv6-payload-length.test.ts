import { describe, expect, it } from 'vitest';
import { concat, fields, ipv6Tcp } from '../../support/capture-bytes';
import { expectSameAsTshark } from '../../support/corpus-variant';
import { requireTool } from '../../support/require-tool';
import { tcpFieldRows } from '../../support/tcp-fields';
import { writePcap } from '../../support/write-pcap';

/**
 * An IPv6 payload length of 0 (tcpdump's bigtcp-ipv6 capture: Linux BIG TCP drops the hop-by-hop jumbo option):
 * packet-ipv6.c takes it as 0 unless a hop-by-hop jumbo option above 65535 gives the length (its TSO guess is off
 * by default), so such a segment has no TCP in tshark.
 */
const C = [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 1], S = [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 2];
const ETH = Uint8Array.of(0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x86, 0xdd);

/** `seg` (an IPv6 TCP packet) with payload length 0, and with a hop-by-hop jumbo option of `jumbo` when given. */
function zeroLength(seg: Uint8Array, jumbo?: number): Uint8Array {
  const v = new DataView(seg.buffer.slice(0));
  const ip = new Uint8Array(v.buffer);
  if (jumbo === undefined) { v.setUint16(4, 0); return concat(ETH, ip); }
  v.setUint16(4, 0); v.setUint8(6, 0);                         // next header: hop-by-hop
  const hbh = concat(Uint8Array.of(6, 0), Uint8Array.of(0xc2, 4), fields(false, [jumbo, 4]));
  return concat(ETH, ip.subarray(0, 40), hbh, ip.subarray(40));
}

function capture(): string {
  const data = new Uint8Array(70000).fill(0x61);
  const seg = (port: number, payload = new Uint8Array(0)): Uint8Array =>
    ipv6Tcp({ src: C, dst: S, sport: port, dport: 80, seq: 1, ack: 1, flags: 0x18, payload });
  const frames = [
    concat(ETH, seg(40001)),                                   // an ordinary segment
    zeroLength(seg(40002, data.subarray(0, 1000))),            // BIG TCP: no TCP for tshark
    zeroLength(seg(40003, data), 8 + 20 + data.length),        // a jumbogram: its length from the option
    zeroLength(seg(40004, data.subarray(0, 100)), 8 + 20 + 100),   // a jumbo option at or under 65535 does not count
  ];
  return writePcap('ipv6-payload-length', 'ipv6-payload-length', frames, { snaplen: 262144 });
}

describe('IPv6 payload length 0', () => {
  it('carries TCP only with a jumbo option above 65535', () => {
    const rows = tcpFieldRows(capture(), ['tcp.srcport', 'tcp.len']);
    expect([...rows.values()].map((v) => v.join(' '))).toEqual(['40001 0', '40003 70000']);
  });

  it.skipIf(!requireTool('tshark'))('agrees with tshark on every -T fields field and -z conv,tcp', () => {
    expectSameAsTshark(capture(), 'IPv6 payload length 0');
  });
});
