/**
 * The outer IP layer of a frame that holds more than one IP header: the outer header of a tunnel (VXLAN,
 * Geneve, GRE, IP-in-IP) or the IP header of an ICMP error whose quoted datagram the DecodedPacket describes.
 * tshark shows every layer, so `ip.src`, `ipv6.addr`, `udp.port` … match the outer one too; the tracker keeps it
 * as a second flow per row (shared/tcp/outer-flow.ts). Layers between the outermost and the innermost (a tunnel
 * in a tunnel) are not read.
 *
 * Contract: after `read()` returns true the fields have the shape of a flow key (shared/tcp/flow-table.ts):
 * addresses at absolute offsets in the same view, the protocol after IPv6 extension headers, and UDP ports when
 * that protocol is UDP and its ports were captured (0 otherwise). Reads only bytes before the inner IP header.
 */
import type { DecodedPacket } from './decoded-packet';
import { Ipv6View } from './ipv6';

const IPPROTO_UDP = 17;
const IPV4_PROTOCOL = 9, IPV4_SRC = 12, IPV4_DST = 16;

/** Reads the outer layer of a packet. Reused: `read` re-points it, no allocation. */
export class OuterIpReader {
  l3: 4 | 6 = 4;
  srcAddrOffset = 0;
  dstAddrOffset = 0;
  addrLen: 4 | 16 = 4;
  /** IP protocol the outer header carries (17 for a UDP tunnel, 1/58 for an ICMP error, 47 GRE, 4/41 IP-in-IP). */
  proto = 0;
  srcPort = 0;
  dstPort = 0;
  private readonly ipv6 = new Ipv6View();

  /** False when the packet has a single IP layer (or none). */
  read(dv: DataView, pkt: DecodedPacket): boolean {
    if (pkt.l3 === 0 || pkt.tunnelDepth === 0) return false;
    const at = pkt.outerIpOffset, capEnd = pkt.capEnd;
    let l4: number;
    this.srcPort = 0; this.dstPort = 0;
    if (dv.getUint8(at) >> 4 === 4) {
      this.l3 = 4; this.addrLen = 4;
      this.srcAddrOffset = at + IPV4_SRC; this.dstAddrOffset = at + IPV4_DST;
      this.proto = dv.getUint8(at + IPV4_PROTOCOL);
      l4 = at + (dv.getUint8(at) & 0x0f) * 4;
    } else {
      // The decoder walked this header before the inner one, so reset and the walk succeed again.
      const v6 = this.ipv6;
      if (v6.reset(dv, at, capEnd - at)) return false;
      this.l3 = 6; this.addrLen = 16;
      this.srcAddrOffset = v6.srcOffset; this.dstAddrOffset = v6.dstOffset;
      if (v6.walkExtensions(capEnd, capEnd)) return false;
      this.proto = v6.nextProtocol;
      l4 = v6.nextOffset;
    }
    if (this.proto === IPPROTO_UDP && l4 + 4 <= capEnd) {
      this.srcPort = dv.getUint16(l4); this.dstPort = dv.getUint16(l4 + 2);
    }
    return true;
  }
}
