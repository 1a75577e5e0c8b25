import { describe, expect, it } from 'vitest';
import { concat, ethernet, fields, ipv4Tcp, ipv6Tcp } from '../../support/capture-bytes';
import { expectSameAsTshark } from '../../support/corpus-variant';
import { requireTool } from '../../support/require-tool';
import { tcpFieldRows } from '../../support/tcp-fields';
import { writePcap } from '../../support/write-pcap';

/**
 * IP fragments reassembled as tshark does by default (Zeek's ipv4_fragmented, GTP-over-fragmented-IP and ERSPAN
 * traces): the frame that completes a datagram shows its TCP segment whole, the other fragments none; fragments
 * may come in any order and repeat; a datagram never completed shows no TCP at all; a fragment the capture cut
 * short is not reassembled (its first fragment shows the TCP header, as without reassembly).
 */
const A: [number, number, number, number] = [10, 0, 0, 1], B: [number, number, number, number] = [10, 0, 0, 2];
const A6 = [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 1], B6 = [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 2];

/** IPv4 fragments of `datagram` (an IPv4 packet from ipv4Tcp) cut at the byte offsets `cuts` (multiples of 8). */
function fragments4(datagram: Uint8Array, id: number, cuts: number[]): Uint8Array[] {
  const payload = datagram.subarray(20), ends = [...cuts, payload.length];
  return ends.map((end, k) => {
    const start = k === 0 ? 0 : ends[k - 1];
    const more = end < payload.length ? 0x2000 : 0;
    const h = datagram.slice(0, 20);
    const v = new DataView(h.buffer);
    v.setUint16(2, 20 + end - start); v.setUint16(4, id); v.setUint16(6, more | (start / 8)); v.setUint16(10, 0);
    return ethernet(concat(h, payload.subarray(start, end)));
  });
}

/** IPv6 fragments (fragment header, identification `id`) of an IPv6 TCP packet, cut at `cuts`. */
function fragments6(packet: Uint8Array, id: number, cuts: number[]): Uint8Array[] {
  const payload = packet.subarray(40), ends = [...cuts, payload.length];
  return ends.map((end, k) => {
    const start = k === 0 ? 0 : ends[k - 1];
    const h = packet.slice(0, 40);
    const v = new DataView(h.buffer);
    v.setUint16(4, 8 + end - start); v.setUint8(6, 44);
    const frag = fields(false, [6, 1], [0, 1], [start | (end < payload.length ? 1 : 0), 2], [id, 4]);
    return concat(Uint8Array.of(0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x86, 0xdd), h, frag, payload.subarray(start, end));
  });
}

function capture(): string {
  const data = new Uint8Array(300).fill(0x61);
  const seg = (sport: number, seq: number, flags: number, payload?: Uint8Array): Uint8Array =>
    ipv4Tcp({ src: A, dst: B, sport, dport: 80, seq, ack: 501, flags, payload });
  const frames = [
    ethernet(ipv4Tcp({ src: A, dst: B, sport: 40001, dport: 80, seq: 100, ack: 0, flags: 0x02 })),
    ethernet(ipv4Tcp({ src: B, dst: A, sport: 80, dport: 40001, seq: 500, ack: 101, flags: 0x12 })),
    ...fragments4(seg(40001, 101, 0x18, data), 7, [104, 208]),                // in order
    ...fragments4(seg(40001, 401, 0x18, data), 8, [104, 208]).reverse(),      // last fragment first
    ...(() => { const f = fragments4(seg(40001, 701, 0x18, data), 9, [104, 208]); return [f[0], f[0], f[2], f[1]]; })(),   // a repeat
    fragments4(seg(40001, 1001, 0x18, data), 10, [104])[0],                  // never completed
    ...fragments6(ipv6Tcp({ src: A6, dst: B6, sport: 40002, dport: 80, seq: 100, ack: 0, flags: 0x02, payload: data }), 77, [152]),
  ];
  return writePcap('ip-reassembly', 'ip-reassembly', frames);
}

describe('IP reassembly', () => {
  it('shows each datagram\'s segment on the frame that completes it, whole, and nothing on the other fragments', () => {
    const rows = tcpFieldRows(capture(), ['tcp.seq_raw', 'tcp.len']);
    expect([...rows].map(([frame, v]) => `${frame}:${v.join('/')}`))
      .toEqual(['1:100/0', '2:500/0', '5:101/300', '8:401/300', '12:701/300', '15:100/300']);
  });

  it.skipIf(!requireTool('tshark'))('agrees with tshark (reassembly on, its default) on every -T fields field and -z conv,tcp', () => {
    expectSameAsTshark(capture(), 'IP reassembly');
  });
});
