/**
 * Link layers: the LINKTYPE_* values we read (https://www.tcpdump.org/linktypes.html) and `LinkReader`,
 * which turns any link header into "what follows, and where" as an EtherType-like number, so Ethernet,
 * SLL, loopback, RAW and tunnels all continue through one EtherType chain (see ethertype.ts).
 * Contract: after `reset()` returns null, `nextType`/`nextOffset` are set and the header bytes were captured.
 */
import { ieee80211DataHeader } from './ieee80211';
import { ProblemSlot, WireProblemCode, type WireProblem } from './wire-problem';

export const LINKTYPE_NULL = 0, LINKTYPE_ETHERNET = 1, LINKTYPE_PPP = 9, LINKTYPE_FDDI = 10, LINKTYPE_DLT_RAW12 = 12;
export const LINKTYPE_DLT_RAW14 = 14, LINKTYPE_PPP_HDLC = 50, LINKTYPE_RAW = 101, LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113, LINKTYPE_ARCNET_LINUX = 129, LINKTYPE_PPI = 192, LINKTYPE_IPV4 = 228;
export const LINKTYPE_IEEE802_11 = 105, LINKTYPE_IEEE802_11_RADIOTAP = 127;
export const LINKTYPE_IPV6 = 229, LINKTYPE_ETHERNET_MPACKET = 274, LINKTYPE_LINUX_SLL2 = 276;
export const LINKTYPE_NFLOG = 239, LINKTYPE_IPOIB = 242, LINKTYPE_JUNIPER_ETHER = 178, LINKTYPE_C_HDLC = 104;

/** Names as tcpdump prints them after "link-type" (pcap_datalink_val_to_name). */
export const LINKTYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'NULL', 1: 'EN10MB', 9: 'PPP', 10: 'FDDI', 12: 'RAW', 14: 'RAW', 50: 'PPP_HDLC', 101: 'RAW', 108: 'LOOP',
  105: 'IEEE802_11', 113: 'LINUX_SLL', 127: 'IEEE802_11_RADIO', 129: 'ARCNET_LINUX', 192: 'PPI', 228: 'IPV4', 229: 'IPV6', 274: 'ETHERNET_MPACKET',
  104: 'C_HDLC', 178: 'JUNIPER_ETHER', 239: 'NFLOG', 242: 'IPOIB', 276: 'LINUX_SLL2',
};

/** EtherTypes and pseudo-types the chain understands. Pseudo-types are above 0xffff. */
export const ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_ARP = 0x0806, ETHERTYPE_IPV6 = 0x86dd, ETHERTYPE_VLAN = 0x8100;
export const ETHERTYPE_QINQ = 0x88a8, ETHERTYPE_QINQ_OLD = 0x9100, ETHERTYPE_MPLS = 0x8847, ETHERTYPE_MPLS_MC = 0x8848;
export const ETHERTYPE_PPPOE_SESSION = 0x8864, ETHERTYPE_PPP = 0x880b, ETHERTYPE_TEB = 0x6558, ETHERTYPE_REVARP = 0x8035;
/** 802.1ah backbone service instance tag (PBB), Cisco VN-Tag, 802.1BR E-Tag: tags with an EtherType after them. */
export const ETHERTYPE_PBB = 0x88e7, ETHERTYPE_VNTAG = 0x8926, ETHERTYPE_ETAG = 0x893f;
/** Cisco MetaData (TrustSec security group tag), packet-cisco-metadata.c: 6 bytes, then the EtherType. */
export const ETHERTYPE_CMD = 0x8909, CMD_HEADER = 8;
/** Pseudo-types: an IP header whose version nibble decides; an 802.2 LLC header; a PPP header; an 802.11 data frame; nothing we read. */
export const NEXT_IP_BY_VERSION = 0x10000, NEXT_LLC = 0x10001, NEXT_PPP = 0x10002, NEXT_IEEE80211 = 0x10003, NEXT_NONE = 0x1ffff;
/** An 802.11 data frame whose frame control bytes are swapped (CAPWAP from Cisco access points). */
export const NEXT_IEEE80211_SWAPPED = 0x10004;
/** Transparent Ethernet bridging (RFC 1701 0x6558) doubles as "an Ethernet header follows". */
export const NEXT_ETHERNET = ETHERTYPE_TEB;

/** BSD address families that mean IPv6 in NULL/LOOP headers (NetBSD/OpenBSD 24, FreeBSD 28, Darwin 30, Linux 10). */
/** BSD address families the null.type table knows for IP (packet-ip.c, packet-ipv6.c): IPv4, and IPv6 of the BSDs. */
const AF_INET = 2, AF_INET6_VALUES = [24, 28, 30];

function familyType(family: number): number {
  return family === AF_INET ? ETHERTYPE_IPV4 : AF_INET6_VALUES.includes(family) ? ETHERTYPE_IPV6 : NEXT_NONE;
}
/** Linux if_arp.h: netlink captures carry a netlink family, not an EtherType, in the protocol field. */
const ARPHRD_NETLINK = 824;
const SLL_HEADER = 16, SLL2_HEADER = 20, PPI_MIN = 8, FDDI_HEADER = 13, MPACKET_PREAMBLE = 8;
/** IPoIB (RFC 4391 §6 as libpcap writes it): 20 bytes of source and 20 of destination address, type, reserved. */
const IPOIB_HEADER = 44, IPOIB_TYPE = 40;
/** NFLOG: family, version, resource id, then TLVs; NFULA_PAYLOAD holds the packet (linux nfnetlink_log.h). */
const NFLOG_HEADER = 4, NFULA_PAYLOAD = 9, AF_INET6_LINUX = 10;
/** Juniper's capture header (packet-juniper.c): "MGC", flags (0x80 extensions follow, 0x02 no link header). */
const JUNIPER_MAGIC = 0x4d4743, JUNIPER_FLAG_EXT = 0x80, JUNIPER_FLAG_NO_L2 = 0x02, JUNIPER_PROTO_IP = 2, JUNIPER_PROTO_IP6 = 6;
/** ARCnet protocol ids (tcpdump arcnet.h): RFC 1201 types have a split flag and sequence id after the type. */
const ARC_IP_OLD = 240, ARC_ARP_OLD = 241, ARC_IP = 212, ARC_ARP = 213, ARC_REVARP = 214, ARC_INET6 = 0xc4, ARC_DIAGNOSE = 0x80;
/** IEEE 802.3br SMD values that start an express or preemptable frame (Wireshark packet-mpacket.c). */
const SMD_STARTS = [0xd5, 0xe6, 0x4c, 0x7f, 0xb3];

/** Reads the link-layer header of one frame. Reused: `reset` re-points it. */
export class LinkReader {
  private readonly problem = new ProblemSlot();
  /** EtherType or NEXT_* pseudo-type of what follows the link header. */
  nextType = NEXT_NONE;
  /** Absolute offset where it starts. */
  nextOffset = 0;
  /** Link type actually read (PPI's inner DLT, else the one given). */
  innerLinkType = 0;

  /** `len` = bytes captured from `at`. */
  reset(dv: DataView, at: number, len: number, linkType: number): WireProblem | null {
    this.nextType = NEXT_NONE; this.nextOffset = at; this.innerLinkType = linkType;
    if (linkType === LINKTYPE_PPI) {
      if (len < PPI_MIN) return this.truncated(at + len);
      const hl = dv.getUint16(at + 2, true);
      if (hl < PPI_MIN) return this.problem.set(WireProblemCode.linkTruncated, at + 2);
      if (hl > len) return this.truncated(at + len);
      const dlt = dv.getUint32(at + 4, true);
      if (dlt === LINKTYPE_PPI) return this.problem.set(WireProblemCode.tooDeep, at + 4);
      return this.reset(dv, at + hl, len - hl, dlt);
    }
    return this.readSimple(dv, at, len, linkType);
  }

  private readSimple(dv: DataView, at: number, len: number, linkType: number): WireProblem | null {
    switch (linkType) {
      case LINKTYPE_NULL: return this.readLoopback(dv, at, len, true);
      case LINKTYPE_LOOP: return this.readLoopback(dv, at, len, false);
      case LINKTYPE_ETHERNET: return this.next(NEXT_ETHERNET, at);
      case LINKTYPE_RAW: case LINKTYPE_DLT_RAW12: case LINKTYPE_DLT_RAW14: return this.next(NEXT_IP_BY_VERSION, at);
      case LINKTYPE_IPV4: return this.next(ETHERTYPE_IPV4, at);
      case LINKTYPE_IPV6: return this.next(ETHERTYPE_IPV6, at);
      case LINKTYPE_PPP: case LINKTYPE_PPP_HDLC:
        // packet-ppp.c hands a frame whose first byte is a Cisco HDLC address (0x0f unicast, 0x8f multicast) to chdlc.
        if (len >= 1 && (dv.getUint8(at) & 0x7f) === 0x0f) return this.readCiscoHdlc(dv, at, len);
        return this.next(NEXT_PPP, at);
      case LINKTYPE_LINUX_SLL:
        if (len < SLL_HEADER) return this.truncated(at + len);
        if (dv.getUint16(at + 2) === ARPHRD_NETLINK) return this.next(NEXT_NONE, at + SLL_HEADER);
        return this.next(sllProtocol(dv.getUint16(at + 14)), at + SLL_HEADER);
      case LINKTYPE_LINUX_SLL2:
        if (len < SLL2_HEADER) return this.truncated(at + len);
        if (dv.getUint16(at + 8) === ARPHRD_NETLINK) return this.next(NEXT_NONE, at + SLL2_HEADER);
        return this.next(sllProtocol(dv.getUint16(at)), at + SLL2_HEADER);
      case LINKTYPE_FDDI:
        if (len < FDDI_HEADER) return this.truncated(at + len);
        // Frame control 0x5X (class async, 48-bit addresses, format LLC; X: priority or control bits) carries LLC, as
        // packet-fddi.c and print-fddi.c read it; other frames (tokens, SMT, MAC, sync) carry none we read.
        return this.next((dv.getUint8(at) & 0xf0) === 0x50 ? NEXT_LLC : NEXT_NONE, at + FDDI_HEADER);
      case LINKTYPE_ARCNET_LINUX: return this.readArcnet(dv, at, len);
      case LINKTYPE_IEEE802_11: return this.readWifi(dv, at, len);
      case LINKTYPE_IEEE802_11_RADIOTAP: {
        if (len < 4) return this.truncated(at + len);
        const hl = dv.getUint16(at + 2, true);
        if (hl < 4 || hl > len) return this.truncated(at + Math.min(len, 2));
        return this.readWifi(dv, at + hl, len - hl);
      }
      case LINKTYPE_NFLOG: return this.readNflog(dv, at, len);
      case LINKTYPE_C_HDLC: return this.readCiscoHdlc(dv, at, len);
      case LINKTYPE_JUNIPER_ETHER: return this.readJuniper(dv, at, len);
      case LINKTYPE_IPOIB:
        if (len < IPOIB_HEADER) return this.truncated(at + len);
        return this.next(dv.getUint16(at + IPOIB_TYPE), at + IPOIB_HEADER);
      case LINKTYPE_ETHERNET_MPACKET:
        if (len < MPACKET_PREAMBLE) return this.truncated(at + len);
        return this.next(SMD_STARTS.includes(dv.getUint8(at + 7)) ? NEXT_ETHERNET : NEXT_NONE, at + MPACKET_PREAMBLE);
      default: return this.problem.set(WireProblemCode.linkUnsupported, at);
    }
  }

  /** NULL: 4-byte address family in the writer's byte order (guessed like tcpdump: high half zero = right order). */
  /**
   * NULL (the capturing host's byte order) and LOOP (network order): a BSD address family, read as packet-null.c
   * does. For NULL it reads the word little-endian (tshark's host order here) and guesses: a value in the upper half
   * is shifted down when it looks like a small family or EtherType in the first bytes, else byte-swapped; a small
   * value with a zero low byte is swapped too. Above 1500 it is an EtherType (some systems put one there), else a
   * family; a frame starting FF 03 is PPP in HDLC framing.
   */
  private readLoopback(dv: DataView, at: number, len: number, hostOrder: boolean): WireProblem | null {
    if (len < 4) return this.truncated(at + len);
    if (!hostOrder) return this.next(familyType(dv.getUint32(at, false)), at + 4);
    if (dv.getUint16(at) === 0xff03) return this.next(NEXT_PPP, at);
    let h = dv.getUint32(at, true);
    if ((h & 0xffff0000) !== 0) {
      h = (h & 0xff000000) === 0 && (h & 0x00ff0000) < 0x00060000 ? h >>> 16 : dv.getUint32(at, false);
    } else if ((h & 0xff) === 0 && (h & 0xff00) < 0x0600) {
      h = ((h & 0xff) << 8) | ((h >>> 8) & 0xff);
    }
    return this.next(h > 1500 ? h & 0xffff : familyType(h), at + 4);
  }

  /**
   * NFLOG: the packet is the payload TLV's value, IPv4 or IPv6 by the header's address family. TLV lengths and types
   * are in the capturing host's byte order, which tshark and tcpdump both take as their own (little-endian here).
   */
  private readNflog(dv: DataView, at: number, len: number): WireProblem | null {
    if (len < NFLOG_HEADER) return this.truncated(at + len);
    const family = dv.getUint8(at), end = at + len;
    for (let p = at + NFLOG_HEADER; p + 4 <= end;) {
      const tlvLen = dv.getUint16(p, true), type = dv.getUint16(p + 2, true) & 0x7fff;
      if (tlvLen < 4) return this.problem.set(WireProblemCode.linkTruncated, p);
      if (type === NFULA_PAYLOAD) {
        const next = family === AF_INET ? ETHERTYPE_IPV4 : family === AF_INET6_LINUX ? ETHERTYPE_IPV6 : NEXT_NONE;
        return this.next(next, p + 4);
      }
      p += (tlvLen + 3) & ~3;
    }
    return this.next(NEXT_NONE, end);
  }

  /**
   * Juniper Ethernet: the magic and flags, extension TLVs when flagged, then Ethernet; without a link header, a
   * protocol word (host order, taken as little-endian) says IPv4 or IPv6. No magic: tshark reads nothing further.
   */
  private readJuniper(dv: DataView, at: number, len: number): WireProblem | null {
    if (len < 4) return this.truncated(at + len);
    if ((dv.getUint16(at) << 8 | dv.getUint8(at + 2)) !== JUNIPER_MAGIC) return this.next(NEXT_NONE, at);
    const flags = dv.getUint8(at + 3);
    let hl = 4;
    if (flags & JUNIPER_FLAG_EXT) {
      if (len < 6) return this.truncated(at + len);
      hl = 6 + dv.getUint16(at + 4);
    }
    if (!(flags & JUNIPER_FLAG_NO_L2)) return len < hl ? this.truncated(at + len) : this.next(NEXT_ETHERNET, at + hl);
    if (len < hl + 4) return this.truncated(at + len);
    const proto = dv.getUint32(at + hl, true);
    return this.next(proto === JUNIPER_PROTO_IP ? ETHERTYPE_IPV4 : proto === JUNIPER_PROTO_IP6 ? ETHERTYPE_IPV6 : NEXT_NONE, at + hl + 4);
  }

  /** Cisco HDLC: address, control, then an EtherType. */
  private readCiscoHdlc(dv: DataView, at: number, len: number): WireProblem | null {
    if (len < 4) return this.truncated(at + len);
    return this.next(dv.getUint16(at + 2), at + 4);
  }

  /** Linux ARCnet (tcpdump print-arcnet.c arcnet_linux_if_print): 4 bytes + type, RFC 1201 types add 3. */
  private readArcnet(dv: DataView, at: number, len: number): WireProblem | null {
    if (len < 5) return this.truncated(at + len);
    const type = dv.getUint8(at + 4);
    const old = type === ARC_IP_OLD || type === ARC_ARP_OLD || type === ARC_DIAGNOSE;
    const hl = old ? 5 : 8;
    if (len < hl) return this.truncated(at + len);
    let next = NEXT_NONE;
    if (type === ARC_IP || type === ARC_IP_OLD) next = ETHERTYPE_IPV4;
    else if (type === ARC_ARP || type === ARC_ARP_OLD) next = ETHERTYPE_ARP;
    else if (type === ARC_REVARP) next = ETHERTYPE_REVARP;
    else if (type === ARC_INET6) next = ETHERTYPE_IPV6;
    return this.next(next, at + hl);
  }

  /** An 802.11 data frame: the EtherType chain reads its header and payload (ieee80211.ts). */
  private readWifi(dv: DataView, at: number, len: number): WireProblem | null {
    if (ieee80211DataHeader(dv, at, len) < 0) return this.truncated(at + len);
    return this.next(NEXT_IEEE80211, at);
  }

  private next(type: number, offset: number): null {
    this.nextType = type; this.nextOffset = offset;
    return null;
  }

  private truncated(offset: number): WireProblem {
    return this.problem.set(WireProblemCode.linkTruncated, offset);
  }
}

/** SLL protocol field: an EtherType, or 0x0004 for 802.2 LLC frames (Linux if_ether.h ETH_P_802_2). */
function sllProtocol(p: number): number {
  if (p === 0x0004) return NEXT_LLC;
  return p > 0x05dc ? p : NEXT_NONE;
}

/** A short name for an EtherType or pseudo-type, for the detail tree. */
export function etherTypeName(t: number): string {
  switch (t) {
    case ETHERTYPE_IPV4: return 'IPv4';
    case ETHERTYPE_IPV6: return 'IPv6';
    case ETHERTYPE_ARP: return 'ARP';
    case ETHERTYPE_REVARP: return 'RARP';
    case ETHERTYPE_VLAN: return '802.1Q Virtual LAN';
    case ETHERTYPE_QINQ: case ETHERTYPE_QINQ_OLD: return '802.1ad';
    case ETHERTYPE_MPLS: case ETHERTYPE_MPLS_MC: return 'MPLS';
    case ETHERTYPE_PPPOE_SESSION: return 'PPPoE Session';
    case ETHERTYPE_PPP: return 'PPP';
    case ETHERTYPE_TEB: return 'Transparent Ethernet bridging';
    case ETHERTYPE_PBB: return '802.1ah Provider Backbone Bridge';
    case ETHERTYPE_VNTAG: return 'VN-Tag';
    case ETHERTYPE_ETAG: return '802.1BR E-Tag';
    case ETHERTYPE_CMD: return 'Cisco MetaData';
    case NEXT_IEEE80211: case NEXT_IEEE80211_SWAPPED: return 'IEEE 802.11 data';
    default: return 'Unknown';
  }
}
