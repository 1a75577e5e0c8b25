import { describe, expect, it } from 'vitest';
import { LINKTYPE_ETHERNET, LINKTYPE_RAW } from '../../../shared/wire/link';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { packetSummary } from '../../../shared/wire/summary';
import { ARP_REQUEST_FRAME, SEED_SYN_IP_TCP, hex, join, viewAt } from './wire-fixtures';

function summary(frame: Uint8Array, linkType: number): string {
  const dv = viewAt(frame);
  return packetSummary(dv, new PacketDecoder().decode(dv, 0, frame.length, frame.length, linkType));
}

const IP_HEAD = (proto: number, len: number) => hex`4500 ${(20 + len).toString(16).padStart(4, '0')} 0001 0000 40${proto.toString(16).padStart(2, '0')} 0000 0a00 0001 0a00 0002`;

describe('packetSummary', () => {
  it('words ARP, UDP and ICMP like tcpdump', () => {
    expect(summary(ARP_REQUEST_FRAME, LINKTYPE_ETHERNET)).toBe('ARP, Request who-has 10.2.1.2 tell 10.2.1.1, length 28');
    expect(summary(join(IP_HEAD(17, 12), hex`cf08 0035 000c 0000 0102 0304`), LINKTYPE_RAW)).toBe('UDP, length 4');
    expect(summary(join(IP_HEAD(1, 8), hex`0800 0000 0001 0002`), LINKTYPE_RAW)).toBe('ICMP echo request, id 1, seq 2, length 8');
  });

  it('names other protocols, later fragments and problems', () => {
    expect(summary(join(IP_HEAD(112, 4), hex`0000 0000`), LINKTYPE_RAW)).toBe('VRRP (112), length 4');
    const frag = IP_HEAD(17, 4); frag[7] = 0x10;
    expect(summary(join(frag, hex`0000 0000`), LINKTYPE_RAW)).toBe('IP fragment of a UDP datagram');
    expect(summary(SEED_SYN_IP_TCP.slice(0, 30), LINKTYPE_RAW)).toBe('TCP header truncated');
    expect(summary(SEED_SYN_IP_TCP, LINKTYPE_RAW)).toBe('');
  });
});
