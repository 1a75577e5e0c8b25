/**
 * Gathers DecodedPacket.colorFacts while PacketDecoder walks a frame: what Wireshark's default coloring rules
 * (shared/coloring/coloring-rules.ts) test beyond the row's columns. A display filter's field test holds when any
 * occurrence passes, so each fact is "some layer has it"; the TTL rule, which mixes "any" (==, <) and "all" (!=, as
 * Wireshark 4.0 reads it) over the IPv4 headers, is summed up once the frame is done.
 *
 * Payload dissectors are chosen as packet-tcp.c and packet-udp.c choose them: the lower port's dissector first if
 * Wireshark registers one there, else the higher port's (WIRESHARK_TCP_PORTS, WIRESHARK_UDP_PORTS); heuristic
 * dissectors (HTTP or DCE/RPC on other ports) are not run.
 */
import { COLOR_FACTS } from './decoded-packet';
import { LINKTYPE_ETHERNET } from './link';
import { WIRESHARK_TCP_PORTS } from './wireshark-tcp-ports';
import { WIRESHARK_UDP_PORTS } from './wireshark-udp-ports';

const TTL_BELOW_5 = 1, TTL_1 = 2, DST_MULTICAST = 4, DST_LOCAL_MULTICAST = 8, DST_MDNS = 16, PIM_OR_OSPF = 32, VRRP = 64;
/** Facts gathered before they are packed (COLOR_FACTS has one enumerated field for these). */
const OSPF_STATE = 1, ICMP_ERROR = 2, ARP = 4, ICMP = 8, ETH_GROUP = 16;
const IPPROTO_IGMP = 2, IPPROTO_EIGRP = 88, IPPROTO_OSPF = 89, IPPROTO_PIM = 103, IPPROTO_VRRP = 112;
const OSPF_HELLO = 1;
/** TCP ports Wireshark hands to its HTTP dissector (`tshark -G decodes`: tcp.port … http). */
const HTTP_TCP_PORTS = [80, 631, 1900, 2710, 2869, 3128, 3132, 3689, 5985, 8080, 8088, 11371];
const NBSS_TCP_PORTS = [139, 445];
const BGP_TCP_PORT = 179, NBNS_UDP_PORT = 137, NBDGM_UDP_PORT = 138, HTTP_PORT = 80;

/** What a port's registered dissector is to the coloring rules: none registered, another one, or the rule's payload. */
const NONE = 0, OTHER = 1;

/** Per port (65,536 entries), NONE or OTHER or the COLOR_FACTS payload its dissector sets: two loads per packet, no hashing. */
function portTable(registered: ReadonlySet<number>, named: readonly [readonly number[], number][]): Uint8Array {
  const t = new Uint8Array(65536);
  for (const p of registered) t[p] = OTHER;
  for (const [ports, kind] of named) for (const p of ports) t[p] = kind;
  return t;
}
const ROUTING_PAYLOAD = 2;   // a table value of its own (BGP): not a COLOR_FACTS payload
const TCP_PORT_KIND = portTable(WIRESHARK_TCP_PORTS, [[HTTP_TCP_PORTS, COLOR_FACTS.PAYLOAD_HTTP], [NBSS_TCP_PORTS, COLOR_FACTS.PAYLOAD_SMB], [[BGP_TCP_PORT], ROUTING_PAYLOAD]]);
const UDP_PORT_KIND = portTable(WIRESHARK_UDP_PORTS, [[[NBNS_UDP_PORT, NBDGM_UDP_PORT], COLOR_FACTS.PAYLOAD_SMB]]);

/** The kind of the dissector that gets the payload: the lower port's if Wireshark registers one there, else the higher's. */
function dissectorKind(a: number, b: number, table: Uint8Array): number {
  const low = a < b ? a : b, high = a < b ? b : a;
  const k = table[low];
  return k !== NONE ? k : table[high];
}

export class ColorFactsScratch {
  /** COLOR_FACTS bits outside FIRST_MASK. */
  private bits = 0;
  /** OSPF_STATE … ETH_GROUP. */
  private first = 0;
  private ip = 0;

  /** A new frame: its Ethernet destination's group bit, if the link is Ethernet. */
  reset(view: DataView, at: number, cap: number, linkType: number): void {
    this.bits = 0; this.first = 0; this.ip = 0;
    if (linkType === LINKTYPE_ETHERNET && cap >= 1 && (view.getUint8(at) & 1) !== 0) this.first |= ETH_GROUP;
  }

  /** An IPv4 header (at least its 20 fixed bytes): its TTL and destination field. */
  ipv4(dv: DataView, at: number): void {
    const ttl = dv.getUint8(at + 8), dst = dv.getUint32(at + 16);
    if (ttl < 5) this.ip |= TTL_BELOW_5;
    if (ttl === 1) this.ip |= TTL_1;
    if (dst >>> 28 === 0xe) this.ip |= DST_MULTICAST;
    if (dst >>> 8 === 0xe00000) this.ip |= DST_LOCAL_MULTICAST;
    if (dst === 0xe00000fb) this.ip |= DST_MDNS;
  }

  /** The protocol an IP header hands its payload to (not for a fragment that is not reassembled). */
  ipProtocol(dv: DataView, proto: number, l4: number, capEnd: number): void {
    switch (proto) {
      case IPPROTO_IGMP: case IPPROTO_EIGRP: this.bits |= COLOR_FACTS.ROUTING; break;
      case IPPROTO_OSPF:
        this.bits |= COLOR_FACTS.ROUTING; this.ip |= PIM_OR_OSPF;
        if (l4 + 1 < capEnd && dv.getUint8(l4 + 1) !== OSPF_HELLO) this.first |= OSPF_STATE;
        break;
      case IPPROTO_PIM: this.ip |= PIM_OR_OSPF; break;
      case IPPROTO_VRRP: this.bits |= COLOR_FACTS.ROUTING; this.ip |= VRRP; break;
    }
  }

  /** An ICMP or ICMPv6 header whose type byte was captured. */
  icmp(v6: boolean, type: number): void {
    this.first |= ICMP;
    if (v6 ? type >= 1 && type <= 4 : (type >= 3 && type <= 5) || type === 11) this.first |= ICMP_ERROR;
  }

  arp(): void { this.first |= ARP; }

  /** A TCP header with at least its ports, and the payload bytes captured after it. */
  tcp(src: number, dst: number, payloadCaptured: number): void {
    if (src === HTTP_PORT || dst === HTTP_PORT) this.bits |= COLOR_FACTS.TCP_PORT_80;
    if (payloadCaptured <= 0) return;
    const kind = dissectorKind(src, dst, TCP_PORT_KIND);
    if (kind === ROUTING_PAYLOAD) this.bits |= COLOR_FACTS.ROUTING;
    else if (kind !== NONE) this.payload(kind === OTHER ? 0 : kind);
  }

  /** A UDP header of a valid length, and the payload bytes captured after it. */
  udp(src: number, dst: number, payloadCaptured: number): void {
    if (payloadCaptured <= 0) return;
    const kind = dissectorKind(src, dst, UDP_PORT_KIND);
    if (kind !== NONE) this.payload(kind === OTHER ? 0 : kind);
  }

  /** The payload dissector of the innermost transport header (a tunnel's inner one replaces the outer's choice). */
  private payload(which: number): void {
    this.bits = (this.bits & ~COLOR_FACTS.PAYLOAD_MASK) | which;
  }

  /** The frame's facts (DecodedPacket.colorFacts), packed into one byte. */
  facts(): number {
    const ip = this.ip, f = this.first;
    const unicastLowTtl = (ip & (DST_MULTICAST | TTL_BELOW_5 | PIM_OR_OSPF)) === TTL_BELOW_5;
    const oddLocalMulticast = (ip & (DST_LOCAL_MULTICAST | DST_MDNS | TTL_1 | VRRP)) === DST_LOCAL_MULTICAST;
    const first = f & OSPF_STATE ? COLOR_FACTS.FIRST_OSPF_STATE_CHANGE : f & ICMP_ERROR ? COLOR_FACTS.FIRST_ICMP_ERROR
      : f & ARP ? COLOR_FACTS.FIRST_ARP : f & ICMP ? COLOR_FACTS.FIRST_ICMP : f & ETH_GROUP ? COLOR_FACTS.FIRST_ETH_GROUP : 0;
    return this.bits | first | (unicastLowTtl || oddLocalMulticast ? COLOR_FACTS.TTL_RULE : 0);
  }
}
