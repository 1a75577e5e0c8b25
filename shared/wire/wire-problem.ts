/**
 * Problems found while decoding bytes off the wire. Every view's `reset()` returns `null` when the bytes can
 * be the header it reads, or a WireProblem naming what is wrong and the absolute offset of the first bad
 * byte. Problems are values, never throws (STYLE.md §9.1): the hot path stays allocation-free because each
 * view owns one WireProblem object that it refills, so a returned problem is valid until that view's next
 * `reset()` (copy `code`/`offset` if you keep them).
 */

/** Numeric problem codes; the numbers travel in DecodedPacket.problem and never change meaning. */
export const WireProblemCode = {
  none: 0,
  /** The frame ends inside the link-layer header. */
  linkTruncated: 1,
  /** LINKTYPE_* this decoder does not read. */
  linkUnsupported: 2,
  /** More VLAN tags / MPLS labels / tunnels than the decoder follows. */
  tooDeep: 3,
  /** The frame ends inside a VLAN tag, MPLS label, LLC/SNAP or tunnel header. */
  encapTruncated: 4,
  /** The frame ends inside the fixed IPv4/IPv6 header. */
  ipTruncated: 5,
  /** The version nibble is not the one the link layer announced. */
  ipVersion: 6,
  /** IPv4 IHL below 5 (header shorter than 20 bytes). */
  ipv4HeaderLength: 7,
  /** IPv4 total length smaller than the header length. */
  ipv4TotalLength: 8,
  /** An IPv4 option's length byte is below 2 or runs past the header. */
  ipv4OptionLength: 9,
  /** The frame ends inside the IPv4 options. */
  ipv4OptionsTruncated: 10,
  /** The frame ends inside an IPv6 extension header. */
  ipv6ExtensionTruncated: 11,
  /** An IPv6 extension header runs past the payload length. */
  ipv6ExtensionLength: 12,
  /** The frame ends inside the fixed 20-byte TCP header. */
  tcpTruncated: 13,
  /** TCP data offset below 5 (header shorter than 20 bytes). */
  tcpDataOffset: 14,
  /** TCP header longer than the IP payload carries. */
  tcpHeaderBeyondIp: 15,
  /** The frame ends inside the TCP options. */
  tcpOptionsTruncated: 16,
  /** A TCP option's length byte is below 2, runs past the header, or is wrong for its kind. */
  tcpOptionLength: 17,
  /** The frame ends inside the 8-byte UDP header. */
  udpTruncated: 18,
  /** UDP length below 8 or beyond the IP payload. */
  udpLength: 19,
  /** The frame ends inside the ICMP/ICMPv6 header. */
  icmpTruncated: 20,
  /** The frame ends inside the ARP header or its addresses. */
  arpTruncated: 21,
  /** The IP length says the datagram ends before the header it claims. */
  ipv6PayloadLength: 22,
  /** The frame ends inside a GRE / VXLAN / Geneve header. */
  tunnelTruncated: 23,
  /** The frame ends inside an IPv4 header carried in an ICMP error, or similar inner header. */
  innerTruncated: 24,
  /**
   * A TCP option too short for the fields its tshark dissector reads (a SACK option below one block, an MPTCP option
   * too short for its subtype): tshark's dissection stops there, as at a cut (shared/wire/tcp-option-reach.ts).
   */
  tcpOptionOverrun: 25,
} as const;

export type WireProblemCodeValue = (typeof WireProblemCode)[keyof typeof WireProblemCode];

/**
 * Whether tshark's dissection of a TCP header stopped before its end: the capture cut it (in its fixed part, or
 * inside an option where the option's dissector reads), or an option's dissector ran past a too-short option
 * (shared/wire/tcp-option-reach.ts). packet-tcp.c adds the SEQ/ACK analysis last, so tshark shows none for such a
 * segment, though its analysis ran; on a SYN it never verifies the window scaling. The tracker, the `-T fields`
 * output (shared/tcp/tshark-fields.ts) and the display filter (shared/filter/fields.ts) all ask this.
 */
export function tcpDissectionStopped(problem: number): boolean {
  return problem === WireProblemCode.tcpTruncated || problem === WireProblemCode.tcpOptionsTruncated
    || problem === WireProblemCode.tcpOptionOverrun;
}

/** Human names by code, for the detail tree and test messages. */
export const WIRE_PROBLEM_NAMES: readonly string[] = [
  'no problem',
  'link-layer header truncated',
  'link type not supported',
  'too many nested encapsulations',
  'encapsulation header truncated',
  'IP header truncated',
  'IP version does not match the link layer',
  'IPv4 header length below 20 bytes',
  'IPv4 total length below header length',
  'bad IPv4 option length',
  'IPv4 options truncated',
  'IPv6 extension header truncated',
  'IPv6 extension header beyond payload length',
  'TCP header truncated',
  'TCP data offset below 5',
  'TCP header longer than the IP payload',
  'TCP options truncated',
  'bad TCP option length',
  'UDP header truncated',
  'bad UDP length',
  'ICMP header truncated',
  'ARP packet truncated',
  'IPv6 payload length too short',
  'tunnel header truncated',
  'inner header truncated',
  'TCP option too short for its fields',
];

/** A decoding problem: which rule was broken and the absolute offset of the byte that broke it. */
export interface WireProblem {
  code: number;
  offset: number;
}

/** Holder a view refills and returns, so reporting a problem allocates nothing. */
export class ProblemSlot implements WireProblem {
  code = 0;
  offset = 0;
  /** Fills the slot and returns it (for `return this.problem.set(...)`). */
  set(code: number, offset: number): WireProblem {
    this.code = code;
    this.offset = offset;
    return this;
  }
}

/** The name of a problem code, or "problem N" for codes from a newer version. */
export function wireProblemName(code: number): string {
  return WIRE_PROBLEM_NAMES[code] ?? `problem ${code}`;
}
