import { describe, expect, it } from 'vitest';
import { LINKTYPE_ETHERNET, LINKTYPE_RAW } from '../../../shared/wire/link';
import { OuterIpReader } from '../../../shared/wire/outer-ip';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { IP6_SYN_FRAME, SEED_ACK_IP_TCP, SEED_SYN_FRAME, SEED_SYN_IP_TCP, ethernet, hex, join, viewAt } from './wire-fixtures';

/** The outer layer of `frame` as the reader sees it after the decoder ran, or null. */
function outer(frame: Uint8Array, linkType: number) {
  const dv = viewAt(frame);
  const pkt = new PacketDecoder().decode(dv, 0, frame.length, frame.length, linkType);
  const r = new OuterIpReader();
  if (!r.read(dv, pkt)) return null;
  const addr = (at: number): string => Array.from(frame.subarray(at, at + r.addrLen), (b) => b.toString(16).padStart(2, '0')).join('');
  return { l3: r.l3, proto: r.proto, src: addr(r.srcAddrOffset), dst: addr(r.dstAddrOffset), srcPort: r.srcPort, dstPort: r.dstPort, inner: pkt.ipOffset };
}

/** IPv4 header 192.0.2.1 -> 198.51.100.2 carrying `proto` and `payload` bytes. */
function ipv4(proto: number, payload: number): Uint8Array {
  const h = hex`4500 0000 0001 0000 4000 0000 c000 0201 c633 6402`;
  h[2] = (20 + payload) >> 8; h[3] = (20 + payload) & 0xff; h[9] = proto;
  return h;
}

describe('OuterIpReader', () => {
  it('has nothing to say about a frame with one IP layer', () => {
    expect(outer(SEED_SYN_FRAME, 0)).toBeNull();
  });

  it('reads a VXLAN tunnel\'s outer IPv4 addresses and UDP ports', () => {
    const inner = join(ethernet(0x0800), SEED_SYN_IP_TCP);
    const udp = hex`9c40 12b5 0000 0000`;
    udp[5] = 16 + inner.length;
    const f = join(ipv4(17, 16 + inner.length), udp, hex`0800 0000 0000 0100`, inner);
    expect(outer(f, LINKTYPE_RAW)).toEqual({ l3: 4, proto: 17, src: 'c0000201', dst: 'c6336402', srcPort: 40000, dstPort: 4789, inner: 50 });
  });

  it('reads the ICMP error\'s own header around a quoted TCP header (the router\'s address), without ports', () => {
    const f = join(ipv4(1, 8 + 40), hex`0304 0000 0000 05d4`, SEED_ACK_IP_TCP.slice(0, 40));
    expect(outer(f, LINKTYPE_RAW)).toMatchObject({ l3: 4, proto: 1, src: 'c0000201', dst: 'c6336402', srcPort: 0, dstPort: 0, inner: 28 });
  });

  it('walks an outer IPv6 header\'s extension headers to the UDP header of a Geneve tunnel', () => {
    const v6 = IP6_SYN_FRAME.slice(14, 54);
    const hopByHop = hex`1100 0000 0000 0000`;                         // next header UDP, 8 bytes of padding options
    const geneve = join(hex`0000 0800`, hex`0000 2a00`, SEED_SYN_IP_TCP); // no options, protocol IPv4
    const udp = hex`5689 17c1 0000 0000`;
    udp[5] = 8 + geneve.length;
    v6[4] = 0; v6[5] = hopByHop.length + udp.length + geneve.length; v6[6] = 0;
    const f = join(ethernet(0x86dd), v6, hopByHop, udp, geneve);
    expect(outer(f, LINKTYPE_ETHERNET)).toMatchObject({ l3: 6, proto: 17, srcPort: 22153, dstPort: 6081, inner: 14 + 40 + 8 + 8 + 8 });
    expect(outer(f, LINKTYPE_ETHERNET)!.src).toBe(Array.from(v6.subarray(8, 24), (b) => b.toString(16).padStart(2, '0')).join(''));
  });

  it('reads an IP-in-IP outer header with its protocol and no ports', () => {
    const f = join(ipv4(4, SEED_SYN_IP_TCP.length), SEED_SYN_IP_TCP);
    expect(outer(f, LINKTYPE_RAW)).toMatchObject({ l3: 4, proto: 4, srcPort: 0, dstPort: 0, inner: 20 });
  });
});
