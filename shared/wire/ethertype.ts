/**
 * The EtherType chain: from "type T starts at offset A" to the IP (or ARP) header, through Ethernet II and
 * 802.3 headers, 802.1Q/802.1ad tags (any depth), MPLS label stacks (RFC 3032), 802.2 LLC/SNAP, PPPoE
 * sessions and PPP. One `step()` passes one header, so the detail tree can describe each one, and
 * `walk()` repeats it. Contract: after a successful walk `type` is IPv4, IPv6, ARP/RARP or NEXT_NONE
 * and `at` is where that starts; the headers passed were captured.
 */
import {
  ETHERTYPE_ARP, ETHERTYPE_CMD, CMD_HEADER, ETHERTYPE_ETAG, ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_MPLS, ETHERTYPE_MPLS_MC, ETHERTYPE_PBB, ETHERTYPE_PPP,
  ETHERTYPE_PPPOE_SESSION, ETHERTYPE_VNTAG, ETHERTYPE_QINQ, ETHERTYPE_QINQ_OLD, ETHERTYPE_REVARP, ETHERTYPE_VLAN, NEXT_ETHERNET,
  NEXT_IEEE80211, NEXT_IEEE80211_SWAPPED, NEXT_IP_BY_VERSION, NEXT_LLC, NEXT_NONE, NEXT_PPP,
} from './link';
import { isKnownOui } from './manuf-oui';
import { ieee80211DataHeader, ieee80211Payload, wifiPayload, WIFI_ETHERNET, WIFI_ETHERTYPE, WIFI_LLC } from './ieee80211';
import { ProblemSlot, WireProblemCode, type WireProblem } from './wire-problem';

export const ETHERNET_HEADER = 14;
/** Steps allowed per walk: deep enough for QinQinQ + MPLS stacks, small enough to bound hostile input. */
const MAX_STEPS = 32;
/** 802.3 length fields are ≤ 1500; 1536 and up are EtherTypes (IEEE 802.3 §3.2.6). */
const MAX_8023_LENGTH = 1500;
const PPP_IPV4 = 0x0021, PPP_IPV6 = 0x0057, PPP_MPLS = 0x0281;
/**
 * Bytes from a tag's start to the EtherType after it: 802.1ah's I-TAG (4) and the customer MAC addresses (12);
 * VN-Tag's 4; E-Tag's 6 (Wireshark packet-ieee8021ah.c, packet-vntag.c, packet-etag.c).
 */
const PBB_TYPE_AT = 16, VNTAG_TYPE_AT = 4, ETAG_TYPE_AT = 6;
const ETHERTYPE_FABRICPATH = 0x8903, FABRICPATH_HEADER = 16, FCS_LENGTH = 4;

/** EtherTypes the chain passes or ends at: Wireshark has a dissector for each (802.11's EPD test). */
export function isKnownEtherType(t: number): boolean {
  switch (t) {
    case ETHERTYPE_IPV4: case ETHERTYPE_IPV6: case ETHERTYPE_ARP: case ETHERTYPE_REVARP: case ETHERTYPE_VLAN: case ETHERTYPE_QINQ:
    case ETHERTYPE_QINQ_OLD: case ETHERTYPE_MPLS: case ETHERTYPE_MPLS_MC: case ETHERTYPE_PPPOE_SESSION: case ETHERTYPE_PPP:
    case NEXT_ETHERNET: case ETHERTYPE_PBB: case ETHERTYPE_VNTAG: case ETHERTYPE_ETAG: case ETHERTYPE_CMD: case ETHERTYPE_FABRICPATH:
      return true;
    default: return false;
  }
}

/** True when `t` ends the chain (an IP version, ARP, or nothing known). */
export function isChainEnd(t: number): boolean {
  return t === ETHERTYPE_IPV4 || t === ETHERTYPE_IPV6 || t === ETHERTYPE_ARP || t === ETHERTYPE_REVARP || t === NEXT_NONE;
}

/** Walks EtherType-like headers. Reused; `vlanTags`/`vlanId` accumulate across walks until `clearVlans()`. */
export class EtherTypeChain {
  private readonly problem = new ProblemSlot();
  /** Current type (EtherType or NEXT_* pseudo-type) and its absolute offset. */
  type = NEXT_NONE;
  at = 0;
  /** VLAN tags passed and the outermost VLAN id (-1 none). */
  vlanTags = 0;
  vlanId = -1;
  /**
   * Wireshark's pinfo->vlan_id: the first non-zero VLAN id passed (a tag with id 0 leaves it to the next), or one an
   * ERSPAN header sets (`erspanVlan`); 0 none. packet-ip.c mixes it into a private address's reassembly key.
   */
  pinfoVlan = 0;
  /** MPLS labels passed. */
  mplsLabels = 0;
  /**
   * Where the headers passed say the payload ends (absolute; Infinity when none does): a PPPoE session header's
   * payload length, which packet-pppoe.c applies to what follows when it is shorter than the frame.
   */
  end = Infinity;
  /** Bytes the headers passed say the frame's end holds that are not payload: a FabricPath frame's inner FCS (4). */
  trailer = 0;

  clearVlans(): void { this.vlanTags = 0; this.vlanId = -1; this.pinfoVlan = 0; this.mplsLabels = 0; }

  /** Passes headers until an IP/ARP header or an unknown type; `capEnd` = end of captured bytes. */
  walk(dv: DataView, type: number, at: number, capEnd: number): WireProblem | null {
    this.type = type; this.at = at; this.end = Infinity; this.trailer = 0;
    for (let n = 0; !isChainEnd(this.type); n++) {
      if (n >= MAX_STEPS) return this.problem.set(WireProblemCode.tooDeep, this.at);
      const p = this.step(dv, capEnd);
      if (p) return p;
    }
    return null;
  }

  /** Passes one header at (type, at). */
  step(dv: DataView, capEnd: number): WireProblem | null {
    const at = this.at, avail = capEnd - at;
    switch (this.type) {
      case NEXT_ETHERNET: {
        if (avail < ETHERNET_HEADER) return this.cut(capEnd);
        const t = dv.getUint16(at + 12);
        const fabricPath = fabricPathHeader(dv, at, avail, t);
        if (fabricPath > 0) { this.trailer += FCS_LENGTH; return this.go(NEXT_ETHERNET, at + fabricPath); }
        return this.go(t <= MAX_8023_LENGTH ? NEXT_LLC : t, at + ETHERNET_HEADER);
      }
      case ETHERTYPE_VLAN: case ETHERTYPE_QINQ: case ETHERTYPE_QINQ_OLD:
        if (avail < 4) return this.cut(capEnd);
        if (this.vlanTags++ === 0) this.vlanId = dv.getUint16(at) & 0x0fff;
        if (this.pinfoVlan === 0) this.pinfoVlan = dv.getUint16(at) & 0x0fff;
        return this.go(vlanInnerType(dv.getUint16(at + 2)), at + 4);
      case ETHERTYPE_MPLS: case ETHERTYPE_MPLS_MC:
        return this.passMpls(dv, at, capEnd);
      case ETHERTYPE_PBB: return this.passTag(dv, at, avail, capEnd, PBB_TYPE_AT);
      case ETHERTYPE_VNTAG: return this.passTag(dv, at, avail, capEnd, VNTAG_TYPE_AT);
      case ETHERTYPE_ETAG: return this.passTag(dv, at, avail, capEnd, ETAG_TYPE_AT);
      // Cisco MetaData hands its EtherType to the EtherType table as it is (its 802.3 branch is compiled out).
      case ETHERTYPE_CMD: return avail < CMD_HEADER ? this.cut(capEnd) : this.go(dv.getUint16(at + CMD_HEADER - 2), at + CMD_HEADER);
      case NEXT_LLC: return this.passLlc(dv, at, avail, capEnd);
      case NEXT_IEEE80211: case NEXT_IEEE80211_SWAPPED: {
        const swapped = this.type === NEXT_IEEE80211_SWAPPED;
        const hl = ieee80211DataHeader(dv, at, avail, swapped);
        if (hl < 0) return this.cut(capEnd);
        if (hl === 0) return this.go(NEXT_NONE, at);
        ieee80211Payload(dv, at, hl, capEnd, swapped, isKnownEtherType);
        const p = wifiPayload;
        return this.go(p.kind === WIFI_LLC ? NEXT_LLC : p.kind === WIFI_ETHERNET ? NEXT_ETHERNET : p.kind === WIFI_ETHERTYPE ? p.etherType : NEXT_NONE, p.at);
      }
      case ETHERTYPE_PPPOE_SESSION:
        if (avail < 6) return this.cut(capEnd);
        this.end = Math.min(this.end, at + 6 + dv.getUint16(at + 4));
        return this.go(NEXT_PPP, at + 6);
      case NEXT_PPP: case ETHERTYPE_PPP: return this.passPpp(dv, at, avail, capEnd);
      case NEXT_IP_BY_VERSION: {
        if (avail < 1) return this.problem.set(WireProblemCode.ipTruncated, capEnd);
        const v = dv.getUint8(at) >> 4;
        return this.go(v === 4 ? ETHERTYPE_IPV4 : v === 6 ? ETHERTYPE_IPV6 : NEXT_NONE, at);
      }
      default: return this.go(NEXT_NONE, at);
    }
  }

  /** A tag whose next EtherType (or 802.3 length) sits `typeAt` bytes in. */
  private passTag(dv: DataView, at: number, avail: number, capEnd: number, typeAt: number): WireProblem | null {
    if (avail < typeAt + 2) return this.cut(capEnd);
    return this.go(vlanInnerType(dv.getUint16(at + typeAt)), at + typeAt + 2);
  }

  /** Label stack to the bottom-of-stack bit, then the payload guessed like Wireshark (first nibble). */
  private passMpls(dv: DataView, at: number, capEnd: number): WireProblem | null {
    let p = at;
    for (let n = 0; ; n++) {
      if (n >= MAX_STEPS) return this.problem.set(WireProblemCode.tooDeep, p);
      if (p + 4 > capEnd) return this.cut(capEnd);
      this.mplsLabels++;
      const bottom = (dv.getUint8(p + 2) & 1) !== 0;
      p += 4;
      if (bottom) break;
    }
    if (p >= capEnd) return this.go(NEXT_NONE, p);
    const nibble = dv.getUint8(p) >> 4;
    if (nibble === 0) return this.passEthernetPseudowire(dv, p, capEnd);
    return this.go(nibble === 4 ? ETHERTYPE_IPV4 : nibble === 6 ? ETHERTYPE_IPV6 : NEXT_NONE, p);
  }

  /**
   * An MPLS payload starting with a zero nibble, as packet-pw-eth.c's heuristic reads it: a plain Ethernet frame when
   * its first 12 bytes look like two addresses whose manufacturers Wireshark knows (manuf-oui.ts), else a control word
   * (RFC 4385) ahead of one (RFC 4448). So a control word of zeros (OUI 00:00:00, Xerox's) before a destination
   * address whose bytes 2–4 are a known OUI is read as the frame itself, as tshark does.
   */
  private passEthernetPseudowire(dv: DataView, p: number, capEnd: number): WireProblem | null {
    if (capEnd - p >= ETHERNET_HEADER && isKnownOui(dv, p) && isKnownOui(dv, p + 6)) return this.go(NEXT_ETHERNET, p);
    return p + 4 <= capEnd ? this.go(NEXT_ETHERNET, p + 4) : this.cut(capEnd);
  }

  /**
   * 802.2 LLC; SNAP (AA AA 03 + OUI + protocol id) continues with the protocol id as an EtherType when the OUI says
   * so (RFC 1042's 00-00-00, and 00-00-F8 of Cisco's 802.1H tunnel, as packet-llc.c and print-llc.c); other OUIs
   * have protocol ids of their own. DSAP 0x06 is IPv4.
   */
  private passLlc(dv: DataView, at: number, avail: number, capEnd: number): WireProblem | null {
    if (avail < 3) return this.cut(capEnd);
    const dsap = dv.getUint8(at), ssap = dv.getUint8(at + 1), control = dv.getUint8(at + 2);
    const hl = (control & 3) === 3 ? 3 : 4;
    // packet-llc.c: SNAP only when both SAPs are exactly 0xAA (a response's SSAP 0xAB is not).
    if (dsap === 0xaa && ssap === 0xaa && control === 0x03) {
      if (avail < 8) return this.cut(capEnd);
      return this.go(snapEtherTypeOui(dv, at) ? dv.getUint16(at + 6) : NEXT_NONE, at + 8);
    }
    if (avail < hl) return this.cut(capEnd);
    return this.go(dsap === 0x06 && (ssap & 0xfe) === 0x06 ? ETHERTYPE_IPV4 : NEXT_NONE, at + hl);
  }

  /** PPP (RFC 1661), with or without the HDLC address/control bytes and with compressed protocol fields. */
  private passPpp(dv: DataView, at: number, avail: number, capEnd: number): WireProblem | null {
    let p = at;
    if (avail >= 2 && dv.getUint16(p) === 0xff03) p += 2;
    if (p >= capEnd) return this.cut(capEnd);
    let proto = dv.getUint8(p);
    if (proto & 1) p += 1;
    else {
      if (p + 2 > capEnd) return this.cut(capEnd);
      proto = dv.getUint16(p); p += 2;
    }
    const next = proto === PPP_IPV4 ? ETHERTYPE_IPV4 : proto === PPP_IPV6 ? ETHERTYPE_IPV6 : proto === PPP_MPLS ? ETHERTYPE_MPLS : NEXT_NONE;
    return this.go(next, p);
  }

  private go(type: number, at: number): null {
    this.type = type; this.at = at;
    return null;
  }

  private cut(capEnd: number): WireProblem {
    return this.problem.set(WireProblemCode.encapTruncated, capEnd);
  }
}

/**
 * Cisco FabricPath (MAC-in-MAC, EtherType 0x8903): packet-cisco-fp-mim.c's heuristic, which tshark tries on every
 * Ethernet frame before its EtherType, takes 16 bytes (20 behind an 802.1Q/802.1ad tag) and finds a whole Ethernet
 * frame after them, without the last 4 bytes (taken as the frame check sequence). Returns that header's length, or 0.
 */
function fabricPathHeader(dv: DataView, at: number, avail: number, type: number): number {
  if (type === ETHERTYPE_FABRICPATH) return avail >= FABRICPATH_HEADER ? FABRICPATH_HEADER : 0;
  if ((type === ETHERTYPE_VLAN || type === ETHERTYPE_QINQ) && avail >= 18 && dv.getUint16(at + 16) === ETHERTYPE_FABRICPATH) {
    return avail >= FABRICPATH_HEADER + 4 ? FABRICPATH_HEADER + 4 : 0;
  }
  return 0;
}

/** The type field after a VLAN tag: an EtherType, or an 802.3 length meaning LLC follows. */
function vlanInnerType(t: number): number {
  return t <= MAX_8023_LENGTH ? NEXT_LLC : t;
}

/**
 * Whether the OUI of the SNAP header at `llcAt` makes its protocol id an EtherType: RFC 1042 encapsulation (00-00-00)
 * and Cisco's 802.1H (00-00-F8).
 */
export function snapEtherTypeOui(dv: DataView, llcAt: number): boolean {
  const oui = dv.getUint16(llcAt + 3) << 8 | dv.getUint8(llcAt + 5);
  return oui === 0x000000 || oui === 0x0000f8;
}
