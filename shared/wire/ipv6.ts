/**
 * IPv6 header view (RFC 8200 §3) and its extension-header walk (§4): hop-by-hop (0), routing (43),
 * fragment (44), destination options (60), AH (51, RFC 4302 length in 4-byte units) and Mobility (135).
 * Contract: after `reset()` returns null the fixed 40 bytes were captured and the version is 6; after
 * `walkExtensions()` the `next*` fields say where the upper-layer header starts. A jumbo payload option
 * (RFC 2675) supplies the length when the payload length field is 0.
 */
import { type DetailNode, hexValue, leaf } from './detail-node';
import { ipProtocolName } from './ipv4';
import { ProblemSlot, WireProblemCode, type WireProblem } from './wire-problem';

const VER_TC_FLOW = 0, PAYLOAD_LEN = 4, NEXT_HEADER = 6, HOP_LIMIT = 7, SRC = 8, DST = 24;
export const IPV6_HEADER = 40;
export const IPPROTO_HOPOPTS = 0, IPPROTO_ROUTING = 43, IPPROTO_FRAGMENT = 44, IPPROTO_DSTOPTS = 60;
export const IPPROTO_AH = 51, IPPROTO_MOBILITY = 135, IPPROTO_NONE = 59;
/** More extension headers than this is treated as hostile (tshark has no fixed limit, but we must stop). */
const MAX_EXTENSIONS = 16;
const JUMBO_OPTION = 0xc2, HOME_ADDRESS_OPTION = 0xc9;
/** Routing header types whose segments-left > 0 make packet-ipv6.c take another address as the destination. */
const RH_SOURCE_ROUTE = 0, RH_MOBILE = 2, RH_SEGMENT = 4;

/** True for the next-header values that are extension headers walked here. */
export function isIpv6Extension(nh: number): boolean {
  return nh === IPPROTO_HOPOPTS || nh === IPPROTO_ROUTING || nh === IPPROTO_FRAGMENT || nh === IPPROTO_DSTOPTS
    || nh === IPPROTO_AH || nh === IPPROTO_MOBILITY;
}

/** View over an IPv6 header inside a larger buffer. Reused: `reset` re-points it. */
export class Ipv6View {
  private dv!: DataView;
  private at = 0;
  private readonly problem = new ProblemSlot();
  /** After walkExtensions: upper-layer protocol and its absolute offset. */
  nextProtocol = 0;
  nextOffset = 0;
  /** After walkExtensions: a fragment header was seen; its offset in bytes and M flag. */
  fragmented = false;
  fragmentOffset = 0;
  /** After walkExtensions: the fragment header's absolute offset (meaningful when `fragmented`). */
  fragmentHeader = 0;
  moreFragments = false;
  /** After walkExtensions: jumbo payload length, or -1. */
  jumboLength = -1;
  /**
   * After walkExtensions: where packet-ipv6.c finds the destination upper layers see (pinfo->dst, used by TCP's
   * conversations and checksum) when a routing header has segments left: a type-0 header's last address, a type-2
   * header's home address, a segment routing header's first segment; -1 otherwise.
   */
  routeFinalDst = -1;
  /** After walkExtensions: a Home Address option (Mobile IPv6), the source upper layers see (pinfo->src); or -1. */
  homeAddress = -1;

  /** `len` = bytes captured from `at`. */
  reset(dv: DataView, at: number, len: number): WireProblem | null {
    if (this.dv !== dv) this.dv = dv;   // per chunk, not per packet: a pointer store costs a write barrier
    this.at = at;
    if (len < 1) return this.problem.set(WireProblemCode.ipTruncated, at);
    if (dv.getUint8(at) >> 4 !== 6) return this.problem.set(WireProblemCode.ipVersion, at);
    if (len < IPV6_HEADER) return this.problem.set(WireProblemCode.ipTruncated, at + len);
    return null;
  }

  /** Absolute offset of the first header byte. */
  get offset(): number { return this.at; }
  /** Traffic class. */
  get trafficClass(): number { return (this.dv.getUint16(this.at + VER_TC_FLOW) >> 4) & 0xff; }
  /** Flow label (20 bits). */
  get flowLabel(): number { return this.dv.getUint32(this.at + VER_TC_FLOW) & 0xfffff; }
  /** Payload length field (0 with a jumbogram or with GSO/bigtcp captures). */
  get payloadLength(): number { return this.dv.getUint16(this.at + PAYLOAD_LEN); }
  /** Next header of the fixed header. */
  get nextHeader(): number { return this.dv.getUint8(this.at + NEXT_HEADER); }
  /** Hop limit. */
  get hopLimit(): number { return this.dv.getUint8(this.at + HOP_LIMIT); }
  /** Absolute offsets of the 16-byte source and destination addresses. */
  get srcOffset(): number { return this.at + SRC; }
  get dstOffset(): number { return this.at + DST; }

  /**
   * Walks extension headers within [at+40, min(capEnd, end)). Returns a problem when one is cut short or
   * runs past `end` (the payload length); `next*` then name the header that could not be read.
   */
  walkExtensions(capEnd: number, end: number): WireProblem | null {
    const dv = this.dv;
    let nh = this.nextHeader, p = this.at + IPV6_HEADER;
    this.fragmented = false; this.fragmentOffset = 0; this.moreFragments = false;
    this.jumboLength = -1; this.routeFinalDst = -1; this.homeAddress = -1;
    for (let n = 0; isIpv6Extension(nh); n++) {
      this.nextProtocol = nh; this.nextOffset = p;
      if (n >= MAX_EXTENSIONS) return this.problem.set(WireProblemCode.tooDeep, p);
      if (p + 8 > capEnd) return this.problem.set(WireProblemCode.ipv6ExtensionTruncated, Math.max(p, capEnd));
      const len = nh === IPPROTO_FRAGMENT ? 8 : nh === IPPROTO_AH ? (dv.getUint8(p + 1) + 2) * 4 : (dv.getUint8(p + 1) + 1) * 8;
      if (p + len > end) return this.problem.set(WireProblemCode.ipv6ExtensionLength, p + 1);
      if (p + len > capEnd) return this.problem.set(WireProblemCode.ipv6ExtensionTruncated, capEnd);
      if (nh === IPPROTO_FRAGMENT) this.readFragment(p);
      else if (nh === IPPROTO_HOPOPTS || nh === IPPROTO_DSTOPTS) this.readOptions(p, len, nh === IPPROTO_HOPOPTS);
      else if (nh === IPPROTO_ROUTING) this.readRouting(p);
      nh = dv.getUint8(p);
      p += len;
      if (this.fragmented && this.fragmentOffset !== 0) break;
    }
    this.nextProtocol = nh; this.nextOffset = p;
    return null;
  }

  private readFragment(p: number): void {
    this.fragmentHeader = p;
    const w = this.dv.getUint16(p + 2);
    this.fragmented = true;
    this.fragmentOffset = w & 0xfff8;
    this.moreFragments = (w & 1) !== 0;
  }

  /**
   * Options of a hop-by-hop or destination options header: RFC 2675's jumbo payload (hop-by-hop only) and RFC 6275's
   * Home Address, which packet-ipv6.c takes as the source in either header (16 bytes, whatever the option length).
   */
  private readOptions(p: number, len: number, hopByHop: boolean): void {
    let jumboSeen = false;
    for (let o = p + 2; o < p + len;) {
      const t = this.dv.getUint8(o);
      if (t === 0) { o++; continue; }
      if (o + 1 >= p + len) return;
      const olen = this.dv.getUint8(o + 1);
      // packet-ipv6.c ipv6_get_jumbo_plen: the first jumbo option decides, and only a length above 65535 counts.
      if (hopByHop && t === JUMBO_OPTION && olen === 4 && o + 6 <= p + len && !jumboSeen) {
        jumboSeen = true;
        const v = this.dv.getUint32(o + 2);
        if (v > 0xffff) this.jumboLength = v;
      }
      if (t === HOME_ADDRESS_OPTION && o + 18 <= p + len) this.homeAddress = o + 2;
      o += 2 + olen;
    }
  }

  /** The destination a routing header with segments left names (routeFinalDst). */
  private readRouting(p: number): void {
    const dv = this.dv, hdrLen = dv.getUint8(p + 1), type = dv.getUint8(p + 2), segLeft = dv.getUint8(p + 3);
    if (segLeft === 0) return;
    if (type === RH_SOURCE_ROUTE && hdrLen >= 2) this.routeFinalDst = p + 8 + ((hdrLen >> 1) - 1) * 16;
    else if ((type === RH_MOBILE || type === RH_SEGMENT) && hdrLen >= 2) this.routeFinalDst = p + 8;
  }

  /** Detail rows for the fixed header and each extension header walked. */
  describe(base: number, capEnd: number): DetailNode {
    const a = this.at, dv = this.dv;
    const children: DetailNode[] = [
      leaf('Version', '6', a, 1, base),
      leaf('Traffic Class', `${hexValue(this.trafficClass, 2)} (DSCP ${this.trafficClass >> 2}, ECN ${this.trafficClass & 3})`, a, 2, base),
      leaf('Flow Label', hexValue(this.flowLabel, 5), a + 1, 3, base),
      leaf('Payload Length', String(this.payloadLength), a + PAYLOAD_LEN, 2, base),
      leaf('Next Header', `${ipProtocolName(this.nextHeader)} (${this.nextHeader})`, a + NEXT_HEADER, 1, base),
      leaf('Hop Limit', String(this.hopLimit), a + HOP_LIMIT, 1, base),
      leaf('Source Address', ipv6Text(dv, a + SRC), a + SRC, 16, base, `ipv6.src == ${ipv6Text(dv, a + SRC)}`),
      leaf('Destination Address', ipv6Text(dv, a + DST), a + DST, 16, base, `ipv6.dst == ${ipv6Text(dv, a + DST)}`),
    ];
    let nh = this.nextHeader, p = a + IPV6_HEADER;
    for (let n = 0; isIpv6Extension(nh) && n < MAX_EXTENSIONS && p + 8 <= capEnd; n++) {
      const len = nh === IPPROTO_FRAGMENT ? 8 : nh === IPPROTO_AH ? (dv.getUint8(p + 1) + 2) * 4 : (dv.getUint8(p + 1) + 1) * 8;
      const next = dv.getUint8(p);
      let value = `next header ${ipProtocolName(next)} (${next}), length ${len}`;
      if (nh === IPPROTO_FRAGMENT) {
        const w = dv.getUint16(p + 2);
        value += `, offset ${w & 0xfff8}, ${w & 1 ? 'more fragments' : 'last fragment'}, id ${hexValue(dv.getUint32(p + 4), 8)}`;
      }
      if (nh === IPPROTO_ROUTING) value += `, type ${dv.getUint8(p + 2)}, segments left ${dv.getUint8(p + 3)}`;
      children.push(leaf(ipProtocolName(nh), value, p, Math.min(len, capEnd - p), base));
      if (p + len > capEnd) break;
      nh = next; p += len;
      if (n === 0 && this.jumboLength >= 0) children.push(leaf('Jumbo Payload Length', String(this.jumboLength), p - len, len, base));
    }
    return {
      label: 'Internet Protocol Version 6', filter: 'ipv6',
      value: `Src: ${ipv6Text(dv, a + SRC)}, Dst: ${ipv6Text(dv, a + DST)}`,
      start: a - base, length: Math.min(p, capEnd) - a, children,
    };
  }
}

/**
 * RFC 5952 text form as BIND's inet_ntop6 writes it (tshark through glibc, tcpdump's addrtostr6): lower-case hex,
 * the longest run (≥ 2) of zero groups as "::", the first run on ties, IPv4-mapped and -compatible as dotted quads.
 */
export function ipv6Text(dv: DataView, at: number): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push(dv.getUint16(at + 2 * i));
  let bestAt = -1, bestLen = 1;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { bestAt = i; bestLen = j - i; }
    i = j;
  }
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d, exactly 96 zero bits first) addresses keep the
  // dotted quad, as BIND's inet_ntop6 writes them (glibc for tshark, addrtostr6 for tcpdump).
  const quad = (): string => `${dv.getUint8(at + 12)}.${dv.getUint8(at + 13)}.${dv.getUint8(at + 14)}.${dv.getUint8(at + 15)}`;
  if (bestAt === 0 && bestLen === 5 && g[5] === 0xffff) return `::ffff:${quad()}`;
  if (bestAt === 0 && bestLen === 6) return `::${quad()}`;
  if (bestAt < 0) return g.map((x) => x.toString(16)).join(':');
  const head = g.slice(0, bestAt).map((x) => x.toString(16)).join(':');
  const tail = g.slice(bestAt + bestLen).map((x) => x.toString(16)).join(':');
  return `${head}::${tail}`;
}
