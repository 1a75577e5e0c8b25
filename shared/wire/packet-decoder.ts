/**
 * PacketDecoder: link → EtherType chain → IP → transport, with tunnels followed back into the chain, in
 * the manner of gopacket's DecodingLayerParser. One decoder owns one view per header and one DecodedPacket,
 * and `decode()` refills them: zero allocations per packet. The returned object is the same on every call
 * (copy fields you keep). Problems never throw; the first one is recorded in `problem`/`problemOffset`
 * and the layers before it stay valid.
 *
 * Lengths follow tshark: the transport length comes from the IP length (IPv4 total length, IPv6 payload
 * length or jumbo length), clamped to the frame's reported (original) length; an IP length of 0 (TSO/GSO,
 * bigtcp) means "to the end of the frame", as packet-ip.c / packet-ipv6.c do.
 */
import { CHECKSUM_CORRECT, transportChecksum } from './checksum';
import { type DecodedPacket, LAYER_SEEN, emptyDecodedPacket } from './decoded-packet';
import { EtherTypeChain } from './ethertype';
import { Ipv4View, ipv4RoutedDestinationOffset } from './ipv4';
import { IPPROTO_HOPOPTS, Ipv6View } from './ipv6';
import { IpReassembly, type FragmentOrigin } from './ip-reassembly';
import { SyntheticFrame } from './synthetic-frame';
import type { CaptureRecord } from '../capture-file/capture-record';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_REVARP, LINKTYPE_IPV4, LinkReader, NEXT_NONE } from './link';
import { TCP_MIN_HEADER, TcpView } from './tcp';
import { TcpOptionReader, readTcpOptions } from './tcp-options';
import { FTP_CONTROL_PORT, readFtpDataLine } from './ftp-data-line';
import { TunnelReader, udpTunnelPort } from './tunnel';
import { ArpView, UdpView } from './udp-icmp';
import { ColorFactsScratch } from './color-facts';
import { isIcmpError } from './icmp-messages';
import { WireProblemCode, type WireProblem } from './wire-problem';

export const IPPROTO_ICMP = 1, IPPROTO_IPIP = 4, IPPROTO_TCP = 6, IPPROTO_UDP = 17, IPPROTO_IPV6 = 41;
export const IPPROTO_GRE = 47, IPPROTO_AH = 51, IPPROTO_ICMPV6 = 58;
const ICMP_REDIRECT = 5;
/** ICMPv4 destination unreachable, fragmentation needed (type << 8 | code); ICMPv6 packet too big. */
const ICMP_FRAG_NEEDED = 0x0304, ICMP6_PACKET_TOO_BIG = 2;
/** IP headers followed per frame (outer + tunnels); more is reported as tooDeep. */
const MAX_IP_LAYERS = 8;

/** Layer kinds reported to a DecodeTracer (the detail tree uses them to describe one packet). */
export const LAYER_LINK = 1, LAYER_CHAIN = 2, LAYER_IPV4 = 3, LAYER_IPV6 = 4, LAYER_TCP = 5, LAYER_UDP = 6;
export const LAYER_ICMP = 7, LAYER_ARP = 8, LAYER_TUNNEL = 9, LAYER_FRAGMENT = 10;

/**
 * Optional observer of each layer the decoder passes: `kind` (LAYER_*), a kind-specific `type` (link type,
 * chain start type, tunnel port or 47 for GRE, 1 for ICMPv6, IP protocol of a fragment) and the absolute
 * byte range [at, end) — `end` is the reported end for IP/transport layers, the next header for others.
 */
export interface DecodeTracer {
  layer(kind: number, type: number, at: number, end: number): void;
}

export interface PacketDecoderOptions {
  /** Verify TCP checksums (sums every payload byte; off by default for list speed). */
  verifyChecksums?: boolean;
  /**
   * Reassemble IP fragments as tshark does by default (ip-reassembly.ts): the completing frame decodes as the whole
   * datagram (`reassembled`, `frameRecord`), the other fragments as fragments without a transport header. Off for
   * the tcpdump printer, which shows each fragment as it is.
   */
  reassemble?: boolean;
}

/** Decodes frames into one reused DecodedPacket. Not re-entrant: one decoder per pipeline. */
export class PacketDecoder {
  /** Whether decode() verifies TCP checksums (tcpChecksumStatus stays 2 otherwise). */
  verifyChecksums: boolean;
  private readonly out: DecodedPacket = emptyDecodedPacket();
  private readonly link = new LinkReader();
  private readonly chain = new EtherTypeChain();
  private readonly ipv4 = new Ipv4View();
  private readonly ipv6 = new Ipv6View();
  private readonly tcpView = new TcpView();
  private readonly udpView = new UdpView();
  private readonly arpView = new ArpView();
  private readonly tunnel = new TunnelReader();
  private readonly options = new TcpOptionReader();
  /** What the coloring rules test, gathered layer by layer (DecodedPacket.colorFacts). */
  private readonly colors = new ColorFactsScratch();
  private dv!: DataView;
  /** dv.byteLength. */
  private viewBytes = 0;
  private capEnd = 0;
  /** Set by a layer that hands over to the chain again: what follows, where, and its reported end. */
  private nextType = NEXT_NONE;
  private nextAt = 0;
  private nextEnd = 0;
  /** Set only while the detail tree decodes one packet; null on the hot path. */
  tracer: DecodeTracer | null = null;

  /** Fragments waiting for the rest of their datagram (null: no reassembly). */
  private readonly reassembly: IpReassembly | null;
  /** The frame the last decode() really decoded when it completed a datagram. */
  private readonly synthetic = new SyntheticFrame();
  private inSynthetic = false;
  /** Whether the last decode() completed an IP datagram: the packet's offsets are then into `frameRecord()`'s view. */
  reassembled = false;
  /** The number of the frame the next decode() is given, recorded with its fragments (`reassembledFrom`); 0: unknown. */
  frame = 0;

  constructor(options: PacketDecoderOptions = {}) {
    this.verifyChecksums = options.verifyChecksums ?? false;
    this.reassembly = options.reassemble ? new IpReassembly() : null;
  }

  /**
   * After a decode() that completed a datagram: a copy of the frame it was decoded from (the completing frame's headers,
   * then the datagram) and the fragments the datagram was laid out from. Null otherwise.
   */
  reassembledFrom(): { bytes: Uint8Array; fragments: FragmentOrigin[] } | null {
    if (!this.reassembled || !this.reassembly) return null;
    const s = this.synthetic;
    return { bytes: new Uint8Array(s.view.buffer, s.view.byteOffset, s.length).slice(), fragments: this.reassembly.fragments };
  }

  /**
   * The record the last decoded packet's offsets refer to: `rec` itself, or after a completed datagram a copy whose
   * bytes are that frame's headers followed by the datagram (lengths, times and file position stay the frame's).
   */
  frameRecord(rec: CaptureRecord): CaptureRecord {
    return this.reassembled ? this.synthetic.record(rec) : rec;
  }

  /**
   * Decodes the frame of `capLen` captured bytes (`origLen` on the wire) starting at `at` in `view`.
   * Returns the decoder's one DecodedPacket, valid until the next call.
   */
  decode(view: DataView, at: number, capLen: number, origLen: number, linkType: number): DecodedPacket {
    this.reassembled = false;
    this.synthetic.length = 0;
    const p = this.decodeFrame(view, at, capLen, origLen, linkType);
    if (this.synthetic.length === 0) return p;
    // This frame completed an IP datagram: decode the synthetic frame instead, as tshark shows the reassembly here.
    this.reassembled = true;
    this.inSynthetic = true;
    try {
      return this.decodeFrame(this.synthetic.view, 0, this.synthetic.length, this.synthetic.length, linkType);
    } finally {
      this.inSynthetic = false;
    }
  }

  private decodeFrame(view: DataView, at: number, capLen: number, origLen: number, linkType: number): DecodedPacket {
    const out = this.out;
    resetPacket(out, linkType);
    // Per chunk, not per packet: the store runs V8's write barrier, and byteLength is a call, not a field read.
    if (this.dv !== view) { this.dv = view; this.viewBytes = view.byteLength; }
    const cap = Math.max(0, Math.min(capLen, this.viewBytes - at));
    this.capEnd = at + cap;
    out.frameOffset = at; out.capEnd = at + cap;
    this.colors.reset(view, at, cap, linkType);
    const p = this.link.reset(view, at, cap, linkType);
    if (p) { this.fail(p); return this.finish(); }
    this.tracer?.layer(LAYER_LINK, linkType, at, this.link.nextOffset);
    this.chain.clearVlans();
    this.nextType = this.link.nextType; this.nextAt = this.link.nextOffset;
    this.nextEnd = at + Math.max(origLen, cap);
    for (let layers = 0; this.nextType !== NEXT_NONE; layers++) {
      if (layers >= MAX_IP_LAYERS) { this.fail(null, WireProblemCode.tooDeep, this.nextAt); return this.finish(); }
      const q = this.chain.walk(view, this.nextType, this.nextAt, this.capEnd);
      this.tracer?.layer(LAYER_CHAIN, this.nextType, this.nextAt, this.chain.at);
      out.vlanTags = this.chain.vlanTags; out.vlanId = this.chain.vlanId;
      if (q) { this.fail(q); return this.finish(); }
      // A synthetic frame's datagram runs past what its link headers announce (PPPoE length, FabricPath FCS).
      if (!this.inSynthetic) {
        if (this.chain.end < this.nextEnd) this.nextEnd = this.chain.end;
        this.nextEnd -= this.chain.trailer;
      }
      const type = this.chain.type;
      this.nextType = NEXT_NONE;
      if (type === ETHERTYPE_IPV4) this.decodeIpv4(this.chain.at, this.nextEnd, layers === 0 && this.link.innerLinkType === LINKTYPE_IPV4);
      else if (type === ETHERTYPE_IPV6) this.decodeIpv6(this.chain.at, this.nextEnd);
      else if (type === ETHERTYPE_ARP || type === ETHERTYPE_REVARP) this.decodeArp(this.chain.at);
    }
    return this.finish();
  }

  /** The packet, with its coloring facts summed up. */
  private finish(): DecodedPacket {
    this.out.colorFacts = this.colors.facts();
    return this.out;
  }

  /** `rawLink`: the header is the frame's first layer on a raw IPv4 link (LINKTYPE_IPV4), not behind an EtherType. */
  private decodeIpv4(at: number, end: number, rawLink: boolean): void {
    const out = this.out, ip = this.ipv4;
    // packet-ip.c hands a version-6 header it was given as IPv4 to the IPv6 dissector ("Bogus IPv4 version"), so
    // tshark shows ipv6 and tcp under it; tcpdump prints "IP6, wrong link-layer encapsulation" (tcpdump-ip.ts).
    const v6 = at < this.capEnd && this.dv.getUint8(at) >> 4 === 6;
    // packet-ip.c reads the version nibble first: with no byte there is no `ip`; with one, any header is `ip`,
    // except a version-6 one on a raw IPv4 link, which goes to IPv6 before `ip` is added (tshark 4.0: `-Y ip`
    // matches it under EtherType 0x0800, not on LINKTYPE_IPV4).
    if (at < this.capEnd && !(v6 && rawLink)) out.layersSeen |= LAYER_SEEN.IPV4;
    if (v6) { this.decodeIpv6(at, end); return; }
    const p = ip.reset(this.dv, at, this.capEnd - at);
    if (p) { this.fail(p); return; }
    this.enterIp(4, at);
    this.colors.ipv4(this.dv, at);
    const hl = ip.headerLength, total = ip.totalLength;
    out.ipHeaderLen = hl; out.ipTotalLen = total;
    // packet-ip.c: a source route's last address is the destination upper layers see (conversation, checksum).
    out.srcAddrOffset = ip.srcOffset; out.dstAddrOffset = ipv4RoutedDestinationOffset(this.dv, at, ip.headerLength); out.addrLen = 4;
    out.ipProto = ip.protocol;
    const frag = ip.fragmentOffset;
    out.isLaterFragment = frag !== 0;
    out.isFirstFragment = frag === 0 && ip.moreFragments;
    const ipEnd = Math.max(total === 0 ? end : Math.min(at + total, end), at + hl);
    this.tracer?.layer(LAYER_IPV4, 0, at, ipEnd);
    // packet-ip.c reassembles a fragment whose payload was all captured (not one quoted in an ICMP error).
    if (this.reassembly && !this.inSynthetic && (out.isLaterFragment || out.isFirstFragment) && !out.inIcmpError
      && total > hl && at + total <= this.capEnd) {
      const key = `4 ${this.addressKey(ip.srcOffset, 4)} ${this.addressKey(out.dstAddrOffset, 4)} ${this.ipv4FragmentId(ip.srcOffset, out.dstAddrOffset, ip.protocol, ip.ident)}`;
      if (this.reassembly.add(key, this.dv, at + hl, at + total, frag, ip.moreFragments, this.frame)) this.completed(at, at + hl, 4, 0);
      out.isFirstFragment = false; out.isLaterFragment = true;
      this.tracer?.layer(LAYER_FRAGMENT, ip.protocol, at + hl, ipEnd);
      return;
    }
    if (out.isLaterFragment) { this.tracer?.layer(LAYER_FRAGMENT, ip.protocol, at + hl, ipEnd); return; }
    this.decodeTransport(ip.protocol, at + hl, ipEnd);
  }

  private decodeIpv6(at: number, end: number): void {
    const out = this.out, ip = this.ipv6;
    // packet-ipv6.c adds `ipv6` before it checks anything: an empty, short or wrong-version header is ipv6 too.
    out.layersSeen |= LAYER_SEEN.IPV6;
    const p = ip.reset(this.dv, at, this.capEnd - at);
    if (p) { this.fail(p); return; }
    this.enterIp(6, at);
    out.srcAddrOffset = ip.srcOffset; out.dstAddrOffset = ip.dstOffset; out.addrLen = 16;
    const pl = ip.payloadLength;
    let ipEnd = pl === 0 ? end : Math.min(at + 40 + pl, end);
    let q = ip.walkExtensions(this.capEnd, ipEnd);
    const jumbo = pl === 0 && ip.jumboLength >= 0 && ip.nextHeader === IPPROTO_HOPOPTS;
    if (pl === 0 && !jumbo) {
      // No jumbo option: packet-ipv6.c takes the payload length as 0 (its TSO guess is off by default), so nothing
      // after the fixed header is dissected: a Linux BIG TCP capture's IPv6 shows no TCP in tshark.
      ipEnd = at + 40;
      q = ip.walkExtensions(this.capEnd, ipEnd);
    }
    // packet-ipv6.c hands upper layers a Home Address option's address as the source and a routing header's next
    // hops' end as the destination: TCP's conversation (tcp.stream, conv,tcp) and checksum use those.
    if (ip.homeAddress >= 0) out.srcAddrOffset = ip.homeAddress;
    if (ip.routeFinalDst >= 0) out.dstAddrOffset = ip.routeFinalDst;
    if (jumbo) ipEnd = Math.min(at + 40 + ip.jumboLength, end);
    out.ipTotalLen = jumbo ? 40 + ip.jumboLength : 40 + pl;
    out.ipProto = ip.nextProtocol;
    out.ipHeaderLen = ip.nextOffset - at;
    this.tracer?.layer(LAYER_IPV6, 0, at, Math.max(ipEnd, ip.nextOffset));
    if (q) { this.fail(q); return; }
    out.isLaterFragment = ip.fragmented && ip.fragmentOffset !== 0;
    out.isFirstFragment = ip.fragmented && ip.fragmentOffset === 0 && ip.moreFragments;
    // packet-ipv6.c reassembles a fragment whose payload was all captured; an atomic fragment (offset 0, no M) is whole.
    if (this.reassembly && !this.inSynthetic && (out.isLaterFragment || out.isFirstFragment) && !out.inIcmpError && ipEnd <= this.capEnd) {
      const h = ip.fragmentHeader;
      const key = `6 ${this.addressKey(ip.srcOffset, 16)} ${this.addressKey(ip.dstOffset, 16)} ${this.dv.getUint32(h + 4)}`;
      if (this.reassembly.add(key, this.dv, h + 8, ipEnd, ip.fragmentOffset, ip.moreFragments, this.frame)) this.completed(at, h + 8, 6, h);
      out.isFirstFragment = false; out.isLaterFragment = true;
      this.tracer?.layer(LAYER_FRAGMENT, ip.nextProtocol, ip.nextOffset, Math.max(ipEnd, ip.nextOffset));
      return;
    }
    if (out.isLaterFragment) { this.tracer?.layer(LAYER_FRAGMENT, ip.nextProtocol, ip.nextOffset, Math.max(ipEnd, ip.nextOffset)); return; }
    this.decodeTransport(ip.nextProtocol, ip.nextOffset, Math.max(ipEnd, ip.nextOffset));
  }

  /**
   * packet-ip.c's fragment id: protocol XOR identification (so two datagrams whose XORs match are one to it), XOR
   * the VLAN id when either address is private or link-local (the addresses are part of the key already).
   */
  private ipv4FragmentId(src: number, dst: number, protocol: number, ident: number): number {
    const local = isPrivateOrLinkLocal(this.dv, src) || isPrivateOrLinkLocal(this.dv, dst);
    return protocol ^ ident ^ (local ? this.chain.pinfoVlan : 0);
  }

  /** An address as a map key (reassembly only; fragments are rare). */
  private addressKey(at: number, len: number): string {
    let s = '';
    for (let k = 0; k < len; k++) s += this.dv.getUint8(at + k).toString(16).padStart(2, '0');
    return s;
  }

  /** This fragment completed its datagram: decode() goes on with the synthetic frame. */
  private completed(ipAt: number, payloadAt: number, version: 4 | 6, fragmentHeader: number): void {
    const r = this.reassembly!;
    this.synthetic.build(this.dv, this.out.frameOffset, payloadAt, ipAt, version, fragmentHeader, r.datagram, r.length);
  }

  /** Marks a new IP layer: transport fields belong to the innermost one. */
  private enterIp(version: 4 | 6, at: number): void {
    const out = this.out;
    if (out.l3 !== 0) out.tunnelDepth++;
    else out.outerIpOffset = at;
    out.layersSeen &= ~LAYER_SEEN.INNER_AH;              // an AH before it protected an outer header
    if (version === 4 && out.firstIpv4Offset < 0) out.firstIpv4Offset = at;
    if (version === 6 && out.firstIpv6Offset < 0) out.firstIpv6Offset = at;
    out.l3 = version; out.ipOffset = at;
    out.tcp = false; out.udp = false; out.isLaterFragment = false; out.isFirstFragment = false;
    out.l4Offset = 0; out.l4Len = 0;
  }

  private decodeTransport(proto: number, l4: number, l4End: number): void {
    const out = this.out;
    out.l4Offset = l4; out.l4Len = l4End - l4;
    this.colors.ipProtocol(this.dv, proto, l4, this.capEnd);
    switch (proto) {
      case IPPROTO_TCP: this.decodeTcp(l4, l4End); break;
      case IPPROTO_UDP: this.decodeUdp(l4, l4End); break;
      case IPPROTO_GRE: {
        const p = this.tunnel.resetGre(this.dv, l4, this.capEnd - l4);
        const vlan = this.tunnel.erspanVlan;
        if (vlan >= 0 && (this.tunnel.erspanVlanFirst || this.chain.pinfoVlan === 0)) this.chain.pinfoVlan = vlan;
        if (p) { this.fail(p); return; }
        this.tracer?.layer(LAYER_TUNNEL, IPPROTO_GRE, l4, this.tunnel.nextOffset);
        this.handOver(this.tunnel.nextType, this.tunnel.nextOffset, l4End);
        break;
      }
      case IPPROTO_ICMP: case IPPROTO_ICMPV6: this.decodeIcmp(proto === IPPROTO_ICMPV6, l4, l4End); break;
      case IPPROTO_IPIP: this.handOver(ETHERTYPE_IPV4, l4, l4End); break;
      case IPPROTO_AH: this.passAuthHeader(l4, l4End); break;
      case IPPROTO_IPV6: this.handOver(ETHERTYPE_IPV6, l4, l4End); break;
    }
  }

  /**
   * An IPv4 authentication header (RFC 4302: its length in 4-byte units, minus 2): packet-ah.c dissects what it
   * protects, in transport or tunnel mode. (In IPv6 it is an extension header, walked by Ipv6View.)
   */
  private passAuthHeader(l4: number, l4End: number): void {
    if (l4 + 2 > this.capEnd) { this.fail(null, WireProblemCode.ipTruncated, this.capEnd); return; }
    const next = this.dv.getUint8(l4), len = (this.dv.getUint8(l4 + 1) + 2) * 4;
    if (next === IPPROTO_AH) return;                     // nested: nothing real does this
    if (l4 + len > this.capEnd) { this.fail(null, WireProblemCode.ipTruncated, this.capEnd); return; }
    this.out.ipProto = next;
    if (this.out.l3 === 4) this.out.layersSeen |= LAYER_SEEN.INNER_AH;
    this.decodeTransport(next, l4 + len, l4End);
  }

  /** ICMP errors quote the offending datagram after 8 bytes; tshark dissects it (and its TCP header). */
  private decodeIcmp(v6: boolean, l4: number, l4End: number): void {
    this.tracer?.layer(LAYER_ICMP, v6 ? 1 : 0, l4, l4End);
    if (l4 < this.capEnd) this.colors.icmp(v6, this.dv.getUint8(l4));
    if (this.out.inIcmpError) return;
    if (l4 + 2 <= this.capEnd) this.icmpHeader(v6, l4);
    if (l4 + 8 >= this.capEnd) return;
    const type = this.dv.getUint8(l4);
    if (!isIcmpError(v6, type)) return;
    this.out.inIcmpError = true;
    // The quote is cut short by design: its IP length may exceed what the ICMP message holds.
    const end = Math.min(l4End, this.capEnd);
    this.handOver(v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4, l4 + 8, v6 ? end : Math.min(end, this.icmpv4QuoteEnd(type, l4, l4End)));
  }

  /** The frame's first ICMP header (an error's quote holds none the decoder reads): type, code, and a path MTU. */
  private icmpHeader(v6: boolean, l4: number): void {
    const out = this.out, dv = this.dv;
    if (out.icmpTypeCode >= 0) return;
    out.icmpTypeCode = dv.getUint16(l4); out.icmpV6 = v6;
    if (l4 + 8 > this.capEnd) return;
    // RFC 1191: the next-hop MTU in the low half of the second word; RFC 4443: all 32 bits (held to 65535 here).
    if (!v6 && out.icmpTypeCode === ICMP_FRAG_NEEDED) out.icmpMtu = dv.getUint16(l4 + 6);
    else if (v6 && out.icmpTypeCode >> 8 === ICMP6_PACKET_TOO_BIG) out.icmpMtu = Math.min(dv.getUint32(l4 + 4), 0xffff);
  }

  /**
   * Where packet-icmp.c ends an ICMPv4 error's quote: a redirect quotes the IP header and 8 bytes; an RFC 4884 length
   * (32-bit words after the IP header, byte 5) shorter than the quoted datagram ends it there (extensions follow).
   */
  private icmpv4QuoteEnd(type: number, l4: number, l4End: number): number {
    const dv = this.dv, quote = l4 + 8;
    const ihl = (dv.getUint8(quote) & 0x0f) * 4;
    if (type === ICMP_REDIRECT) return quote + ihl + 8;
    const words = dv.getUint8(l4 + 5);
    if (words === 0 || l4End - l4 <= 8 + words * 4 || quote + 4 > this.capEnd || dv.getUint16(quote + 2) <= words * 4) return l4End;
    return quote + ihl + words * 4;
  }

  private handOver(type: number, at: number, end: number): void {
    this.nextType = type; this.nextAt = at; this.nextEnd = end;
  }

  private decodeUdp(l4: number, l4End: number): void {
    const out = this.out, udp = this.udpView;
    const p = udp.reset(this.dv, l4, this.capEnd - l4);
    // packet-udp.c reads both ports before it adds `udp`: with fewer than 4 bytes captured there is no udp; with
    // 4–7 there are its ports (the flow's) and nothing else, the read of the length stopping the dissection.
    if (p && this.capEnd - l4 < 4) { this.fail(p); return; }
    out.layersSeen |= LAYER_SEEN.UDP;
    out.srcPort = udp.srcPort; out.dstPort = udp.dstPort;   // the view is set even when the header is cut
    if (p) { this.fail(p); return; }
    out.udp = true;
    this.tracer?.layer(LAYER_UDP, 0, l4, l4End);
    const ulen = udp.length;
    // tshark: "BAD UDP LENGTH" below 8 stops dissection (bigtcp sends 0), so no tunnel is followed.
    if (ulen < 8) { this.fail(null, WireProblemCode.udpLength, l4 + 4); return; }
    const end = Math.min(l4 + ulen, l4End);
    this.colors.udp(udp.srcPort, udp.dstPort, Math.min(end, this.capEnd) - (l4 + 8));
    const port = udpTunnelPort(udp.srcPort, udp.dstPort);
    if (port === 0) return;
    const q = this.tunnel.resetUdp(this.dv, l4 + 8, this.capEnd - l4 - 8, port);
    if (q) { this.fail(q); return; }
    this.tracer?.layer(LAYER_TUNNEL, port, l4 + 8, this.tunnel.nextOffset);
    this.handOver(this.tunnel.nextType, this.tunnel.nextOffset, end);
  }

  private decodeTcp(l4: number, l4End: number): void {
    const out = this.out, tcp = this.tcpView, dv = this.dv;
    // packet-tcp.c reads the header from the IP payload: past its end (an IP length shorter than the header) a read
    // stops the dissection as a capture cut does.
    const avail = Math.min(this.capEnd, Math.max(l4End, l4)) - l4;
    const p = tcp.reset(dv, l4, avail);
    if (p) {
      // packet-tcp.c reads the ports first and then throws at the cut: tshark shows tcp with the ports alone.
      if (p.code === WireProblemCode.tcpTruncated && avail >= 4) {
        out.tcpPortsOnly = true; out.srcPort = dv.getUint16(l4); out.dstPort = dv.getUint16(l4 + 2);
        this.colors.tcp(out.srcPort, out.dstPort, 0);
        if (avail >= 8) {
          out.seq = dv.getUint32(l4 + 4);
          out.tcpSeqQuoted = out.inIcmpError && out.l3 === 4;   // shown for an ICMPv4 error's quote (tshark 4.0)
        }
        this.tracer?.layer(LAYER_TCP, 0, l4, l4End);
      }
      this.fail(p);
      return;
    }
    this.tracer?.layer(LAYER_TCP, 0, l4, l4End);
    out.tcp = true; out.tcpFixedHeader = tcp.complete;
    out.srcPort = tcp.srcPort; out.dstPort = tcp.dstPort; out.seq = tcp.seq; out.ack = tcp.ack;
    out.tcpFlags = tcp.flags; out.window = tcp.window; out.urgentPointer = tcp.urgentPointer;
    const hl = tcp.headerLength;
    out.tcpHeaderLen = hl;
    if (tcp.bogusHeaderLength) {
      // packet-tcp.c gives up after the sequence number ("Bogus TCP header length"), but by then the segment has its
      // stream, relative sequence number and tcp.len (IP payload − the bogus length): the tracker does that much.
      out.tcpBogusHeader = true;
      this.colors.tcp(out.srcPort, out.dstPort, 0);
      out.payloadOffset = l4 + TCP_MIN_HEADER;
      out.payloadLen = Math.max(0, l4End - l4 - hl);
      this.fail(null, WireProblemCode.tcpDataOffset, tcp.dataOffsetAt);
      return;
    }
    out.payloadOffset = l4 + hl;
    out.payloadLen = Math.max(0, l4End - l4 - hl);
    out.payloadCaptured = Math.max(0, Math.min(this.capEnd, l4End) - out.payloadOffset);
    this.colors.tcp(out.srcPort, out.dstPort, out.payloadCaptured);
    // A header longer than the IP payload: tshark has no segment length for it ("Short segment"), whatever else is
    // wrong (tcp-tracker.ts withoutSegmentLength); an ICMP error's quote is cut short by design, so there a cut counts.
    const beyondIp = l4 + hl > l4End;
    if (beyondIp && !out.inIcmpError) this.fail(null, WireProblemCode.tcpHeaderBeyondIp, l4 + 12);
    // Cut after the window field (a short snaplen): tshark analyses it, then stops at the checksum ("Packet size
    // limited during capture"), so it is not counted in the conversation table; neither is it here (problem ≠ 0).
    if (!tcp.complete) this.fail(null, WireProblemCode.tcpTruncated, l4 + avail);
    if (beyondIp) this.fail(null, WireProblemCode.tcpHeaderBeyondIp, l4 + 12);
    this.options.reset(dv, l4 + 20, tcp.optionsCaptured, hl - 20);
    const optProblem = readTcpOptions(this.options, dv, out);
    if (optProblem !== 0) this.fail(null, optProblem, this.options.problemOffset);
    out.shortSegmentFinished = beyondIp && tcp.complete && optProblem === WireProblemCode.tcpOptionLength;
    // An ICMP error's quote is the whole segment as far as tshark knows (its IP length is cut to the quote), so the
    // checksum is computed over it even when the quote stops inside the options.
    const inReach = out.inIcmpError ? l4 + 18 <= l4End : l4 + hl <= l4End;
    if (this.verifyChecksums && l4End <= this.capEnd && inReach && !out.isFirstFragment) this.verifyTcp(l4, l4End);
    // tshark hands port 21's payload to its FTP dissector, which may announce a data connection; a bad option length
    // is only a note on the way there.
    if ((out.srcPort === FTP_CONTROL_PORT || out.dstPort === FTP_CONTROL_PORT) && out.payloadCaptured > 0
      && (out.problem === 0 || out.problem === WireProblemCode.tcpOptionLength)
      && !out.inIcmpError && !out.isFirstFragment) {
      readFtpDataLine(dv, out.payloadOffset, out.payloadOffset + out.payloadCaptured, out.dstPort === FTP_CONTROL_PORT, out);
    }
  }

  private verifyTcp(l4: number, l4End: number): void {
    const out = this.out, dv = this.dv;
    const dst = out.dstAddrOffset;
    const r = transportChecksum(dv, out.srcAddrOffset, dst, out.addrLen, IPPROTO_TCP, l4, l4End - l4, 16);
    out.tcpChecksumStatus = r === CHECKSUM_CORRECT ? 1 : 0;
    out.tcpChecksumShouldBe = r === CHECKSUM_CORRECT ? dv.getUint16(l4 + 16) : r;
  }

  private decodeArp(at: number): void {
    const out = this.out;
    out.l4Offset = at; out.l4Len = this.capEnd - at;
    const p = this.arpView.reset(this.dv, at, this.capEnd - at);
    if (p) { this.fail(p); return; }
    this.tracer?.layer(LAYER_ARP, 0, at, this.capEnd);
    out.arp = true;
    this.colors.arp();
  }

  /** Records the first problem (from a view's slot, or a code and offset) and returns the packet. */
  private fail(p: WireProblem | null, code = 0, offset = 0): DecodedPacket {
    const out = this.out;
    if (out.problem === 0) {
      out.problem = p ? p.code : code;
      out.problemOffset = p ? p.offset : offset;
    }
    return out;
  }
}

/** Puts every field back to "absent" without allocating. */
function resetPacket(out: DecodedPacket, linkType: number): void {
  out.linkType = linkType; out.vlanTags = 0; out.vlanId = -1;
  out.l3 = 0; out.ipOffset = 0; out.outerIpOffset = 0; out.firstIpv4Offset = -1; out.firstIpv6Offset = -1;
  out.tunnelDepth = 0; out.layersSeen = 0; out.inIcmpError = false; out.ipHeaderLen = 0; out.ipTotalLen = 0; out.srcAddrOffset = 0; out.dstAddrOffset = 0;
  out.addrLen = 4; out.ipProto = 0; out.isLaterFragment = false; out.isFirstFragment = false;
  out.l4Offset = 0; out.l4Len = 0;
  out.tcp = false; out.tcpPortsOnly = false; out.tcpSeqQuoted = false; out.tcpBogusHeader = false; out.shortSegmentFinished = false; out.tcpFixedHeader = false; out.srcPort = 0; out.dstPort = 0; out.seq = 0; out.ack = 0; out.tcpFlags = 0; out.window = 0;
  out.urgentPointer = 0; out.tcpHeaderLen = 0; out.payloadOffset = 0; out.payloadLen = 0; out.payloadCaptured = 0;
  out.mss = -1; out.windowScale = -1; out.windowScaleFirst = -1; out.sackPermitted = false; out.accEcnOption = false; out.sackPermOffset = -1; out.sackPermBytes = 0; out.hasTimestamp = false; out.tsVal = 0; out.tsEcr = 0; out.tsValOnly = false;
  out.sackCount = 0; out.ftpData = 0; out.ftpDataPort = 0; out.ftpDataIpv4 = 0; out.tcpChecksumStatus = 2; out.tcpChecksumShouldBe = 0;
  out.udp = false; out.arp = false; out.colorFacts = 0; out.icmpTypeCode = -1; out.icmpV6 = false; out.icmpMtu = -1; out.problem = 0; out.problemOffset = 0;
}

/** 10/8, 172.16/12, 192.168/16 (RFC 1918) or 169.254/16 (link-local): Wireshark's in4_addr_is_private / _link_local. */
function isPrivateOrLinkLocal(dv: DataView, at: number): boolean {
  const a = dv.getUint8(at), b = dv.getUint8(at + 1);
  return a === 10 || (a === 172 && (b & 0xf0) === 16) || (a === 192 && b === 168) || (a === 169 && b === 254);
}
