/**
 * What `PacketDecoder.decode()` fills in for one frame: numbers only, in one object the decoder reuses for
 * every packet (zero allocations per packet). Offsets are absolute positions in the DataView the frame was
 * decoded from, so readers of this struct (formatter, tracker, detail tree) read bytes with the same view.
 *
 * Validity: a field group is meaningful only when its presence flag says so (`l3 !== 0`, `tcp`, `udp`).
 * When a layer is cut short or impossible, `problem`/`problemOffset` name the first bad byte and the
 * layers before it stay valid. When IP is tunnelled (VXLAN, Geneve, GRE, IP-in-IP, MPLS), the IP and
 * transport fields describe the innermost IP header that carries the transport; `outerIpOffset` keeps the
 * first one (tshark's `ip.src` with occurrence=f is the outer address).
 */
export interface DecodedPacket {
  /** LINKTYPE_* the frame was decoded as. */
  linkType: number;
  /** Absolute offsets of the frame's first byte and of the end of its captured bytes (at + capLen, clamped to the view). */
  frameOffset: number;
  capEnd: number;
  /** Number of 802.1Q/802.1ad tags passed. */
  vlanTags: number;
  /** Outermost VLAN id, or -1. */
  vlanId: number;

  /** 0 none, 4 IPv4, 6 IPv6, for the IP header that carries the transport. */
  l3: 0 | 4 | 6;
  /** Offset of that IP header. */
  ipOffset: number;
  /** Offset of the first IP header in the frame (same as ipOffset unless tunnelled). */
  outerIpOffset: number;
  /** Offsets of the first IPv4 and the first IPv6 header in the frame, or -1 (tshark occurrence=f of ip.* / ipv6.*). */
  firstIpv4Offset: number;
  firstIpv6Offset: number;
  /** IP headers passed before the one in ipOffset (0 unless tunnelled, or an ICMP error quoting a datagram). */
  tunnelDepth: number;
  /**
   * LAYER_SEEN bits: the protocols the frame holds at any depth as tshark counts them — IPv4 where the link
   * layer, an EtherType or a tunnel hands over at least one byte, IPv6 wherever it is handed over (even
   * nothing, a header cut short or one with another version number), UDP where at least its ports were captured.
   */
  layersSeen: number;
  /**
   * The IP/TCP headers are the quoted original datagram inside an ICMP/ICMPv6 error (RFC 792, RFC 4443
   * §2.4), which tshark dissects and shows as TCP (without tcp.len or tcp.seq_raw). Not a segment of the
   * connection: a tracker should not count it as one.
   */
  inIcmpError: boolean;
  /** IPv4: IHL×4; IPv6: 40 + extension headers walked. */
  ipHeaderLen: number;
  /** Length claimed by the IP header (IPv4 total length; IPv6 40 + payload length). */
  ipTotalLen: number;
  /** Offsets of the source and destination addresses; `addrLen` is 4 or 16. */
  srcAddrOffset: number;
  dstAddrOffset: number;
  addrLen: 4 | 16;
  /** Transport protocol number after IPv6 extension headers (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6 …). */
  ipProto: number;
  /**
   * Non-first fragment: transport header not present in this frame. With reassembly (PacketDecoderOptions), also
   * every fragment held for its datagram, as tshark shows them ("Fragmented IP protocol").
   */
  isLaterFragment: boolean;
  /**
   * First fragment of a fragmented datagram (MF set, offset 0) that is not reassembled (no reassembly, or the capture
   * cut it short, as tshark then does): its transport header is decoded and payloadLen counts this fragment's bytes.
   */
  isFirstFragment: boolean;

  /** Offset of the transport header and its length per the IP header (not the captured length). */
  l4Offset: number;
  l4Len: number;

  /**
   * TCP fields, valid when `tcp` is true (the header was captured through its window field, 16 bytes, and its data
   * offset is ≥ 5; a header cut before its checksum or urgent pointer has them 0 and a tcpTruncated problem, as tshark
   * analyses such a segment and then stops). With 4–15 TCP bytes, tshark shows TCP with the ports alone and no
   * stream: `tcp` is false then (seq/ack/flags are unknown), `tcpPortsOnly` true with the ports, and a tcpTruncated problem.
   * Check `inIcmpError` too: a quoted header is TCP to tshark but not a segment of the connection.
   */
  tcp: boolean;
  /**
   * 4–15 bytes of a TCP header were captured: the ports are set (and `seq` from 8 bytes on), nothing else (tshark: tcp
   * with srcport/dstport only; an ICMP error's quote shows the raw seq too).
   */
  tcpPortsOnly: boolean;
  /** `tcpPortsOnly` in an ICMPv4 error's quote of 8 bytes or more: tshark shows its (raw) tcp.seq after the ports. */
  tcpSeqQuoted: boolean;
  /**
   * `tcp` with a data offset below 5 ("Bogus TCP header length"): tshark shows its ports, stream, seq, tcp.len and
   * tcp.hdr_len and nothing after (no flags, ack, window, options or analysis). Flags and ack are still decoded.
   */
  tcpBogusHeader: boolean;
  /**
   * A short segment (problem tcpHeaderBeyondIp) whose option walk stopped on a bad option length before the IP
   * payload's end: packet-tcp.c then finishes its dissection, so its tap (conv,tcp) counts the segment, where a walk
   * that reads past the payload's end throws first.
   */
  shortSegmentFinished: boolean;
  /**
   * `tcp`, and the header's 20 fixed bytes are captured within the IP payload: tshark reads its urgent pointer and
   * shows the stream times (tcp.time_relative, tcp.time_delta). A header cut after the window field has not.
   */
  tcpFixedHeader: boolean;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  /** 12 bits as tshark's tcp.flags: 0x800 AE(NS)… 0x080 CWR, 0x040 ECE, 0x020 URG, 0x010 ACK, 0x008 PSH, 0x004 RST, 0x002 SYN, 0x001 FIN. */
  tcpFlags: number;
  window: number;
  urgentPointer: number;
  tcpHeaderLen: number;
  /**
   * Offset of the TCP payload; `payloadLen` from the IP length (tshark tcp.len); `payloadCaptured` what the
   * frame holds. When options were cut by the capture, payloadOffset lies past the captured bytes and
   * payloadCaptured is 0.
   */
  payloadOffset: number;
  payloadLen: number;
  payloadCaptured: number;

  /** TCP options, summarised for the tracker (-1 / false when absent). */
  mss: number;
  /** The last window scale option's shift: packet-tcp.c sets the sender's scale from each, so the last one counts. */
  windowScale: number;
  /** The first one's shift, as tshark's tcp.options.wscale.shift shows it (occurrence=f). */
  windowScaleFirst: number;
  sackPermitted: boolean;
  /**
   * An AccECN option of a length packet-tcp.c dissects (kinds 172/174 with 0–3 counters, or 253/254 with experiment id
   * 0xACC0/0xACC1): from the next packet on, tshark reads the connection's ECN flags as the ACE counter.
   */
  accEcnOption: boolean;
  /**
   * An FTP control line announcing a data connection (ftp-data-line.ts FtpData; 0 none), its port and, for PASV and
   * PORT, the IPv4 address it names: the tracker then expects that connection as tshark does.
   */
  ftpData: number;
  ftpDataPort: number;
  ftpDataIpv4: number;
  /**
   * The first SACK-permitted option whatever its length (-1 none) and how many of its bytes the frame holds: tshark 4.0
   * shows that option as a protocol item, i.e. its captured bytes (`0402`, or `04040000` for a wrong length).
   */
  sackPermOffset: number;
  sackPermBytes: number;
  hasTimestamp: boolean;
  tsVal: number;
  /** A timestamps option the capture cut after its TSval: `tsVal` is set, `hasTimestamp` is not (tshark shows the TSval alone). */
  tsValOnly: boolean;
  tsEcr: number;
  /** SACK blocks: `sackCount` pairs of (left, right) raw edges in `sackEdges` (capacity 4 pairs). */
  sackCount: number;
  sackEdges: Uint32Array;

  /**
   * TCP checksum as tshark's tcp.checksum.status: 0 bad, 1 good, 2 unverified (verification off, segment not
   * fully captured, or a fragment). `tcpChecksumShouldBe` is the value the field should hold when bad.
   */
  tcpChecksumStatus: 0 | 1 | 2;
  tcpChecksumShouldBe: number;

  /** UDP fields, valid when `udp` is true (ports reuse srcPort/dstPort). */
  udp: boolean;
  /** An ARP/RARP packet starts at l4Offset (l3 stays 0). */
  arp: boolean;

  /**
   * The COLOR_FACTS byte: what Wireshark's default coloring rules test that the other fields do not keep (ICMP types,
   * IPv4 TTLs and destinations, routing protocols, payload dissectors by port, the Ethernet group bit).
   * shared/coloring/coloring-rules.ts turns them, with the row's TCP columns, into the rule a packet matches.
   */
  colorFacts: number;

  /**
   * The frame's first ICMP/ICMPv6 header whose type and code were captured: type << 8 | code, -1 none. `icmpV6` tells
   * the two apart; `icmpMtu` is the MTU an ICMPv4 "fragmentation needed" or ICMPv6 "packet too big" gives (-1 else).
   */
  icmpTypeCode: number;
  icmpV6: boolean;
  icmpMtu: number;

  /** First problem found (WireProblemCode, 0 none) and the absolute offset of the byte that caused it. */
  problem: number;
  problemOffset: number;
}

/**
 * Bits of DecodedPacket.layersSeen: IPv4/IPv6/UDP at any layer; INNER_AH: the innermost IPv4 header's protocol is an
 * authentication header (transport mode), so its ip.proto is 51 though `ipProto` names what AH protects.
 */
export const LAYER_SEEN = { IPV4: 1, IPV6: 2, UDP: 4, INNER_AH: 8 } as const;

/**
 * DecodedPacket.colorFacts, one byte (the renderer keeps it per row): what Wireshark's default coloring rules test
 * that the other columns do not keep, each fact true when any layer of the frame has it (as a display filter's field
 * test holds when any occurrence passes). The low three bits name the first of the rules that precede TCP RST and
 * need the decoder (FIRST_*), or that the frame's only such fact is the Ethernet group bit, which only the last rule
 * (Broadcast) reads; two bits name the payload dissector the ports choose.
 */
export const COLOR_FACTS = {
  FIRST_MASK: 0b111,
  /** ospf.msg != 1: an OSPF header whose message type is not Hello. */
  FIRST_OSPF_STATE_CHANGE: 1,
  /** icmp.type in {3..5, 11} || icmpv6.type in {1..4}. */
  FIRST_ICMP_ERROR: 2,
  FIRST_ARP: 3,
  /** icmp || icmpv6 (the ICMP header's first byte was captured). */
  FIRST_ICMP: 4,
  /** None of the above, but eth[0] & 1: the Ethernet destination is a group (broadcast or multicast) address. */
  FIRST_ETH_GROUP: 5,
  /**
   * The TTL rule's filter holds: (ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf) || (ip.dst == 224.0.0.0/24
   * && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp || carp)), over every IPv4 header of the frame.
   */
  TTL_RULE: 8,
  PAYLOAD_MASK: 0b110000,
  /** Data for a dissector Wireshark's SMB rule names (nbss on TCP 139/445, nbns on UDP 137, nbdgm+smb on 138). */
  PAYLOAD_SMB: 16,
  /** Data for the HTTP dissector (TCP 80, 631, 1900, 3128 …). */
  PAYLOAD_HTTP: 32,
  /** tcp.port == 80 (a TCP header with at least its ports). */
  TCP_PORT_80: 64,
  /** A routing protocol of the Routing rule: igmp, eigrp, ospf, vrrp/carp (IP 2, 88, 89, 112); bgp (TCP 179 with data). */
  ROUTING: 128,
} as const;

/** A fresh DecodedPacket with every field at its "absent" value. */
export function emptyDecodedPacket(): DecodedPacket {
  return {
    linkType: 0, frameOffset: 0, capEnd: 0, vlanTags: 0, vlanId: -1,
    l3: 0, ipOffset: 0, outerIpOffset: 0, firstIpv4Offset: -1, firstIpv6Offset: -1, tunnelDepth: 0, layersSeen: 0, inIcmpError: false, ipHeaderLen: 0, ipTotalLen: 0,
    srcAddrOffset: 0, dstAddrOffset: 0, addrLen: 4, ipProto: 0,
    isLaterFragment: false, isFirstFragment: false, l4Offset: 0, l4Len: 0,
    tcp: false, tcpPortsOnly: false, tcpSeqQuoted: false, tcpBogusHeader: false, shortSegmentFinished: false, tcpFixedHeader: false, srcPort: 0, dstPort: 0, seq: 0, ack: 0, tcpFlags: 0, window: 0, urgentPointer: 0,
    tcpHeaderLen: 0, payloadOffset: 0, payloadLen: 0, payloadCaptured: 0,
    mss: -1, windowScale: -1, windowScaleFirst: -1, sackPermitted: false, accEcnOption: false, ftpData: 0, ftpDataPort: 0, ftpDataIpv4: 0, sackPermOffset: -1, sackPermBytes: 0, hasTimestamp: false, tsVal: 0, tsEcr: 0, tsValOnly: false,
    sackCount: 0, sackEdges: new Uint32Array(8),
    tcpChecksumStatus: 2, tcpChecksumShouldBe: 0,
    udp: false, arp: false, colorFacts: 0, icmpTypeCode: -1, icmpV6: false, icmpMtu: -1, problem: 0, problemOffset: 0,
  };
}
