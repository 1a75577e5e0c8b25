/**
 * Tunnel headers that tshark looks through by default, so TCP inside is found where tshark finds it:
 * VXLAN (RFC 7348, UDP port 4789), Geneve (RFC 8926, UDP 6081), GTP-U (3GPP TS 29.281, UDP 2152), Teredo
 * (RFC 4380, UDP 3544), AYIYA (UDP 5072), GRE in UDP (RFC 8086, UDP 4754), L2TPv2 (RFC 2661, UDP 1701), CAPWAP data
 * (RFC 5415, UDP 5247), GRE (RFC 2784/2890, and RFC 2637's
 * enhanced GRE for PPTP) with ERSPAN types I/II/III, MikroTik EoIP, WCCP redirection and Aruba's 802.11 frames. IP-in-IP needs no header and is handled by
 * the decoder.
 * Contract: after `reset*()` returns null, `nextType`/`nextOffset` name what follows (see link.ts types).
 */
import { CMD_HEADER, ETHERTYPE_CMD, ETHERTYPE_IPV4, ETHERTYPE_PPP, ETHERTYPE_IPV6, NEXT_ETHERNET, NEXT_IEEE80211, NEXT_IEEE80211_SWAPPED, NEXT_IP_BY_VERSION, NEXT_NONE, NEXT_PPP } from './link';
import { isArubaGreProtocol } from './ieee80211';
import { ProblemSlot, WireProblemCode, type WireProblem } from './wire-problem';
import { WIRESHARK_UDP_PORTS } from './wireshark-udp-ports';

export const UDP_PORT_VXLAN = 4789, UDP_PORT_GENEVE = 6081, UDP_PORT_GTP_U = 2152, UDP_PORT_TEREDO = 3544;
export const UDP_PORT_AYIYA = 5072, UDP_PORT_GRE = 4754, UDP_PORT_L2TP = 1701, UDP_PORT_CAPWAP_DATA = 5247;
/** CAPWAP's control port: its dissector takes the datagram (before a data port on the other side), nothing inside. */
export const UDP_PORT_CAPWAP_CONTROL = 5246;
const TUNNEL_PORTS = [UDP_PORT_VXLAN, UDP_PORT_GENEVE, UDP_PORT_GTP_U, UDP_PORT_TEREDO, UDP_PORT_AYIYA, UDP_PORT_GRE, UDP_PORT_L2TP,
  UDP_PORT_CAPWAP_DATA, UDP_PORT_CAPWAP_CONTROL];
const VXLAN_HEADER = 8, GENEVE_HEADER = 8, GRE_MIN = 4, GTP_HEADER = 8, AYIYA_HEADER = 8;
/** GTPv1 flags: version 1 in the top 3 bits, protocol type GTP, then E, S and PN (any of them adds 4 bytes). */
const GTP_V1 = 0x20, GTP_VERSION_PT = 0xf0, GTP_E = 0x04, GTP_ESN = 0x07, GTP_G_PDU = 0xff;
/** Teredo authentication (RFC 4380 §5.1.1) and origin indication (§5.1.2) headers start with these types. */
const TEREDO_AUTH = 0x0001, TEREDO_ORIGIN = 0x0000, TEREDO_ORIGIN_LENGTH = 8;
const AYIYA_FORWARD = 1, IPPROTO_IPV4 = 4, IPPROTO_IPV6 = 41;
/** CAPWAP header flags (RFC 5415 §4.3, the 9 bits after WBID): native frame (T), fragment (F), keep-alive (K). */
const CAPWAP_T = 0x100, CAPWAP_F = 0x80, CAPWAP_K = 0x08, CAPWAP_DTLS = 1, WBID_IEEE80211 = 1;
/** L2TPv2 header bits (RFC 2661 §3.1): control message, length, sequence numbers, offset; version 2 in the low nibble. */
const L2TP_T = 0x8000, L2TP_L = 0x4000, L2TP_S = 0x0800, L2TP_O = 0x0200, L2TP_VERSION = 0x000f;
/** WCCP (draft-wilson-wrec-wccp-v2) redirect header: 4 bytes ahead of the redirected IP packet. */
const ETHERTYPE_WCCP = 0x883e, WCCP_HEADER = 4;
const GRE_C = 0x8000, GRE_R = 0x4000, GRE_K = 0x2000, GRE_S = 0x1000, GRE_A = 0x0080, GRE_VERSION = 0x0007;
/** Payloads packet-gre.c treats as PPP with PPTP's header fields (PPP only with a nonzero version). */
const ETHERTYPE_3GPP2 = 0x88d2, ETHERTYPE_CDMA2000_A10_UBS = 0x8881;
/** Source route entries followed before giving up (a hostile list could be long; real ones are never seen). */
const MAX_GRE_SRES = 64;
/** GRE protocol types packet-cisco-erspan.c registers: 0x88BE (a header only with GRE's S flag), 0x22EB (type III). */
const ETHERTYPE_ERSPAN_2 = 0x88be, ETHERTYPE_ERSPAN_3 = 0x22eb;
/** MikroTik's Ethernet over IP. */
const GRE_MIKROTIK_EOIP = 0x6400;
/** ERSPAN header lengths by version (type II: 1, type III: 2), type III's optional platform subheader, type II's encap 3. */
const ERSPAN_II_HEADER = 8, ERSPAN_III_HEADER = 12, ERSPAN_SUBHEADER = 8, ERSPAN_ENCAP_TAGGED = 3;

/**
 * Which UDP tunnel, if any, a port pair announces. packet-udp.c (decode_udp_ports) offers the datagram to the lower
 * port's dissector first, then the higher's, and a dissector may turn it down. So a tunnel port on the higher side
 * wins over a lower port Wireshark has no dissector for (104, 40000) and loses to a well-known one (DNS's 53 takes
 * GTP's 2152); the dissectors on registered ports from 1024 up mostly check their protocol and turn a tunnel's
 * datagram down (NetFlow's 2055 under VXLAN), so they let it through: an approximation of each dissector's test.
 */
export function udpTunnelPort(src: number, dst: number): number {
  const low = Math.min(src, dst), high = Math.max(src, dst);
  if (TUNNEL_PORTS.includes(low)) return low;
  if (low !== 0 && low < 1024 && WIRESHARK_UDP_PORTS.has(low)) return 0;
  return TUNNEL_PORTS.includes(high) ? high : 0;
}

/** The detail tree's name for a tunnel: `type` is IPPROTO_GRE or a UDP tunnel port. */
export function tunnelName(type: number): string {
  switch (type) {
    case UDP_PORT_VXLAN: return 'Virtual eXtensible Local Area Network';
    case UDP_PORT_GENEVE: return 'Generic Network Virtualization Encapsulation';
    case UDP_PORT_GTP_U: return 'GPRS Tunneling Protocol (user plane)';
    case UDP_PORT_TEREDO: return 'Teredo IPv6 over UDP tunneling';
    case UDP_PORT_AYIYA: return 'Anything in Anything';
    case UDP_PORT_GRE: return 'Generic Routing Encapsulation over UDP';
    case UDP_PORT_L2TP: return 'Layer 2 Tunneling Protocol';
    case UDP_PORT_CAPWAP_DATA: return 'Control And Provisioning of Wireless Access Points (data)';
    case UDP_PORT_CAPWAP_CONTROL: return 'Control And Provisioning of Wireless Access Points (control)';
    default: return 'Generic Routing Encapsulation';
  }
}

/** Reads one tunnel header. Reused: each reset re-points it. */
export class TunnelReader {
  private readonly problem = new ProblemSlot();
  nextType = NEXT_NONE;
  nextOffset = 0;
  /** Bytes of tunnel header read. */
  headerLength = 0;
  /**
   * The VLAN id an ERSPAN header gives Wireshark's pinfo->vlan_id (-1: none): type III sets it over any other
   * (`erspanVlanFirst`), type II only when none is set yet. Cleared by resetGre.
   */
  erspanVlan = -1;
  erspanVlanFirst = false;

  /** The header of the UDP tunnel `port` (from udpTunnelPort) at `at`, `len` bytes captured. */
  resetUdp(dv: DataView, at: number, len: number, port: number): WireProblem | null {
    switch (port) {
      case UDP_PORT_VXLAN:
        if (len < VXLAN_HEADER) return this.cut(at + Math.max(len, 0));
        return this.go(NEXT_ETHERNET, at, VXLAN_HEADER);
      case UDP_PORT_GENEVE: return this.readGeneve(dv, at, len);
      case UDP_PORT_GTP_U: return this.readGtp(dv, at, len);
      case UDP_PORT_TEREDO: return this.readTeredo(dv, at, len);
      case UDP_PORT_AYIYA: return this.readAyiya(dv, at, len);
      case UDP_PORT_L2TP: return this.readL2tp(dv, at, len);
      case UDP_PORT_CAPWAP_DATA: return this.readCapwap(dv, at, len);
      case UDP_PORT_CAPWAP_CONTROL: return this.go(NEXT_NONE, at, 0);
      default: return this.resetGre(dv, at, len);
    }
  }

  private readGeneve(dv: DataView, at: number, len: number): WireProblem | null {
    if (len < GENEVE_HEADER) return this.cut(at + Math.max(len, 0));
    const hl = GENEVE_HEADER + (dv.getUint8(at) & 0x3f) * 4;
    if (len < hl) return this.cut(at + len);
    return this.go(dv.getUint16(at + 2), at, hl);
  }

  /**
   * GTPv1-U: a G-PDU carries a user packet, IPv4 or IPv6 by its version nibble (packet-gtp.c); optional fields and
   * a chain of extension headers (length in 4-byte units, next type in the last byte) may come first. Other
   * messages (echo, error indication, GTP' and GTPv0) carry none.
   */
  private readGtp(dv: DataView, at: number, len: number): WireProblem | null {
    if (len < GTP_HEADER) return this.cut(at + Math.max(len, 0));
    const flags = dv.getUint8(at);
    if ((flags & GTP_VERSION_PT) !== (GTP_V1 | 0x10) || dv.getUint8(at + 1) !== GTP_G_PDU) return this.go(NEXT_NONE, at, GTP_HEADER);
    let hl = GTP_HEADER;
    if (flags & GTP_ESN) {
      hl += 4;
      if (len < hl) return this.cut(at + len);
      for (let next = flags & GTP_E ? dv.getUint8(at + hl - 1) : 0, n = 0; next !== 0; n++) {
        const units = len > hl ? dv.getUint8(at + hl) : 0;
        if (units === 0 || n >= 16) return this.go(NEXT_NONE, at, hl);
        hl += units * 4;
        if (len < hl) return this.cut(at + len);
        next = dv.getUint8(at + hl - 1);
      }
    }
    return this.go(NEXT_IP_BY_VERSION, at, hl);
  }

  /** Teredo: optional authentication and origin indication headers, then IPv6 (packet-teredo.c). */
  private readTeredo(dv: DataView, at: number, len: number): WireProblem | null {
    let hl = 0;
    if (len >= 2 && dv.getUint16(at) === TEREDO_AUTH) {
      if (len < 4) return this.cut(at + len);
      hl = 4 + dv.getUint8(at + 2) + dv.getUint8(at + 3) + 9;   // client id, authentication value, nonce, confirmation
      if (len < hl) return this.cut(at + len);
    }
    if (len >= hl + 2 && dv.getUint16(at + hl) === TEREDO_ORIGIN) {
      hl += TEREDO_ORIGIN_LENGTH;
      if (len < hl) return this.cut(at + len);
    }
    return this.go(ETHERTYPE_IPV6, at, hl);
  }

  /** AYIYA: identity (2^n bytes) and signature (4n bytes) lengths in the first two bytes; forwarded packets only. */
  private readAyiya(dv: DataView, at: number, len: number): WireProblem | null {
    if (len < AYIYA_HEADER) return this.cut(at + Math.max(len, 0));
    const hl = AYIYA_HEADER + (1 << (dv.getUint8(at) >> 4)) + (dv.getUint8(at + 1) >> 4) * 4;
    if (len < hl) return this.cut(at + len);
    const proto = dv.getUint8(at + 3), forward = (dv.getUint8(at + 2) & 0x0f) === AYIYA_FORWARD;
    const next = !forward ? NEXT_NONE : proto === IPPROTO_IPV6 ? ETHERTYPE_IPV6 : proto === IPPROTO_IPV4 ? ETHERTYPE_IPV4 : NEXT_NONE;
    return this.go(next, at, hl);
  }

  /**
   * CAPWAP data (packet-capwap.c): header length in 4-byte words; a native 802.11 frame (T, binding 1) with its frame
   * control bytes swapped (tshark's default for Cisco access points), or an 802.3 frame. DTLS, keep-alives and
   * fragments (which tshark reassembles, SynAck does not) carry nothing read here.
   */
  private readCapwap(dv: DataView, at: number, len: number): WireProblem | null {
    if (len < 4) return this.cut(at + Math.max(len, 0));
    if ((dv.getUint8(at) & 0x0f) === CAPWAP_DTLS) return this.go(NEXT_NONE, at, 4);
    const word = dv.getUint32(at) & 0xffffff;              // HLEN(5) RID(5) WBID(5) flags(9)
    const hl = (word >>> 19) * 4, wbid = (word >>> 9) & 0x1f, flags = word & 0x1ff;
    if (hl < 8 || len < hl) return this.cut(at + Math.min(len, hl));
    if (flags & (CAPWAP_K | CAPWAP_F)) return this.go(NEXT_NONE, at, hl);
    if (!(flags & CAPWAP_T)) return this.go(NEXT_ETHERNET, at, hl);
    return this.go(wbid === WBID_IEEE80211 ? NEXT_IEEE80211_SWAPPED : NEXT_NONE, at, hl);
  }

  /** L2TPv2 data message: its optional fields, then PPP (packet-l2tp.c). Control messages and L2TPv3 carry none. */
  private readL2tp(dv: DataView, at: number, len: number): WireProblem | null {
    if (len < 2) return this.cut(at + Math.max(len, 0));
    const bits = dv.getUint16(at);
    if ((bits & L2TP_VERSION) !== 2 || bits & L2TP_T) return this.go(NEXT_NONE, at, 2);
    let hl = 2 + (bits & L2TP_L ? 2 : 0) + 4 + (bits & L2TP_S ? 4 : 0);
    if (bits & L2TP_O) {
      if (len < hl + 2) return this.cut(at + len);
      hl += 2 + dv.getUint16(at + hl);
    }
    if (len < hl) return this.cut(at + len);
    return this.go(NEXT_PPP, at, hl);
  }

  /**
   * GRE header at `at`, `len` bytes captured, as packet-gre.c reads it whatever its version: checksum and offset with
   * C or R, key with K (PPTP's payload length and call id), sequence with S, PPTP's acknowledgment with A, then R's
   * source route entries to the empty one.
   */
  resetGre(dv: DataView, at: number, len: number): WireProblem | null {
    this.erspanVlan = -1;
    if (len < GRE_MIN) return this.cut(at + Math.max(len, 0));
    const flags = dv.getUint16(at), proto = dv.getUint16(at + 2);
    const ppp = (proto === ETHERTYPE_PPP && (flags & GRE_VERSION) !== 0) || proto === ETHERTYPE_3GPP2 || proto === ETHERTYPE_CDMA2000_A10_UBS;
    let hl = GRE_MIN;
    if (flags & (GRE_C | GRE_R)) hl += 4;
    if (flags & GRE_K) hl += 4;
    if (flags & GRE_S) hl += 4;
    if (ppp && flags & GRE_A) hl += 4;
    if (flags & GRE_R) {
      for (let n = 0; ; n++) {
        if (len < hl + 4 || n >= MAX_GRE_SRES) return this.cut(at + len);
        const af = dv.getUint16(at + hl), sreLength = dv.getUint8(at + hl + 3);
        hl += 4;
        if (af === 0 && sreLength === 0) break;
        hl += sreLength;
      }
    }
    if (len < hl) return this.cut(at + len);
    // ERSPAN type I has no header (0x88BE without GRE's sequence number); types II and III have one.
    if (proto === ETHERTYPE_ERSPAN_2 && !(flags & GRE_S)) return this.go(NEXT_ETHERNET, at, hl);
    if (proto === ETHERTYPE_ERSPAN_2 || proto === ETHERTYPE_ERSPAN_3) return this.readErspan(dv, at, hl, len);
    // MikroTik's EoIP: an Ethernet frame (Wireshark hands GRE type 0x6400 to eth_withoutfcs, after K's length and tunnel id).
    if (proto === GRE_MIKROTIK_EOIP) return this.go(NEXT_ETHERNET, at, hl);
    if (isArubaGreProtocol(proto)) return this.go(NEXT_IEEE80211, at, hl);
    if (proto === ETHERTYPE_CMD) {
      // In GRE, Cisco MetaData puts the EtherType first, then its 6 bytes (packet-cisco-metadata.c dissect_cmd_gre).
      if (len < hl + CMD_HEADER) return this.cut(at + len);
      return this.go(dv.getUint16(at + hl), at, hl + CMD_HEADER);
    }
    if (proto === ETHERTYPE_WCCP) {
      // WCCPv2 adds a redirect header; packet-gre.c assumes one when the byte after the base header is no IPv4 start.
      const wccp2 = len > GRE_MIN && (dv.getUint8(at + GRE_MIN) & 0xf0) !== 0x40 ? WCCP_HEADER : 0;
      if (len < hl + wccp2) return this.cut(at + len);
      return this.go(ETHERTYPE_IPV4, at, hl + wccp2);
    }
    return this.go(proto, at, hl);
  }

  /**
   * An ERSPAN header after `hl` bytes of GRE, as packet-cisco-erspan.c reads it by its version: type II (1) is 8
   * bytes, type III (2) 12 and an 8-byte platform subheader when its O bit is set, and carries an Ethernet frame only
   * with frame type 0; another version carries nothing. Both set Wireshark's VLAN id (`erspanVlan`).
   */
  private readErspan(dv: DataView, at: number, hl: number, len: number): WireProblem | null {
    const h = at + hl;
    if (len < hl + 2) return this.cut(at + len);
    const word = dv.getUint16(h), version = word >>> 12;
    if (version === 1) {
      // Type II sets pinfo->vlan_id only when none is set and the frame did not keep its own tag (encap 3).
      if (len >= hl + 4 && (dv.getUint16(h + 2) >>> 11 & 3) !== ERSPAN_ENCAP_TAGGED) { this.erspanVlan = word & 0x0fff; this.erspanVlanFirst = false; }
      if (len < hl + ERSPAN_II_HEADER) return this.cut(at + len);
      return this.go(NEXT_ETHERNET, at, hl + ERSPAN_II_HEADER);
    }
    if (version !== 2) return this.go(NEXT_NONE, at, hl + 2);
    this.erspanVlan = word & 0x0fff; this.erspanVlanFirst = true;
    if (len < hl + ERSPAN_III_HEADER) return this.cut(at + len);
    const bits = dv.getUint16(h + ERSPAN_III_HEADER - 2);
    const total = ERSPAN_III_HEADER + (bits & 1 ? ERSPAN_SUBHEADER : 0);
    if (len < hl + total) return this.cut(at + len);
    return this.go((bits >>> 10 & 0x1f) === 0 ? NEXT_ETHERNET : NEXT_NONE, at, hl + total);
  }

  private go(type: number, at: number, hl: number): null {
    this.nextType = type; this.nextOffset = at + hl; this.headerLength = hl;
    return null;
  }

  private cut(offset: number): WireProblem {
    this.headerLength = 0;
    return this.problem.set(WireProblemCode.tunnelTruncated, offset);
  }
}
