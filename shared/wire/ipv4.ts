/**
 * IPv4 header view (RFC 791 §3.1). Contract: after `reset()` returns null, the whole header including its
 * options was captured, IHL ≥ 5 and the version is 4, so no getter reads out of range. A total length of 0
 * is accepted: TSO/GSO captures carry it (tshark "may be caused by TSO"), and the datagram then runs to the
 * end of the frame.
 */
import { type DetailNode, hexValue, leaf } from './detail-node';
import { ProblemSlot, WireProblemCode, type WireProblem } from './wire-problem';

const VER_IHL = 0, TOS = 1, TOTAL_LEN = 2, IDENT = 4, FLAGS_FRAG = 6, TTL = 8, PROTOCOL = 9, CHECKSUM = 10;
const SRC = 12, DST = 16;
export const IPV4_MIN_HEADER = 20;
const FLAG_DF = 0x4000, FLAG_MF = 0x2000, FRAG_MASK = 0x1fff;

/** View over an IPv4 header inside a larger buffer. Reused: `reset` re-points it. */
export class Ipv4View {
  private dv!: DataView;
  private at = 0;
  private readonly problem = new ProblemSlot();

  /** `len` = bytes captured from `at`. */
  reset(dv: DataView, at: number, len: number): WireProblem | null {
    if (this.dv !== dv) this.dv = dv;   // per chunk, not per packet: a pointer store costs a write barrier
    this.at = at;
    if (len < 1) return this.problem.set(WireProblemCode.ipTruncated, at);
    const b0 = dv.getUint8(at);
    if (b0 >> 4 !== 4) return this.problem.set(WireProblemCode.ipVersion, at);
    if (len < IPV4_MIN_HEADER) return this.problem.set(WireProblemCode.ipTruncated, at + len);
    const hl = (b0 & 0x0f) * 4;
    if (hl < IPV4_MIN_HEADER) return this.problem.set(WireProblemCode.ipv4HeaderLength, at);
    const total = dv.getUint16(at + TOTAL_LEN);
    if (total !== 0 && total < hl) return this.problem.set(WireProblemCode.ipv4TotalLength, at + TOTAL_LEN);
    if (len < hl) return this.problem.set(WireProblemCode.ipv4OptionsTruncated, at + len);
    return null;
  }

  /** Absolute offset of the first header byte. */
  get offset(): number { return this.at; }
  /** Header length in bytes (IHL × 4, 20..60). */
  get headerLength(): number { return (this.dv.getUint8(this.at + VER_IHL) & 0x0f) * 4; }
  /** Type of service / DSCP+ECN byte. */
  get tos(): number { return this.dv.getUint8(this.at + TOS); }
  /** Total length field (0 with TSO). */
  get totalLength(): number { return this.dv.getUint16(this.at + TOTAL_LEN); }
  /** Identification. */
  get ident(): number { return this.dv.getUint16(this.at + IDENT); }
  /** The three flag bits (0x4 reserved, 0x2 DF, 0x1 MF). */
  get flags(): number { return this.dv.getUint16(this.at + FLAGS_FRAG) >> 13; }
  /** Don't-fragment bit. */
  get dontFragment(): boolean { return (this.dv.getUint16(this.at + FLAGS_FRAG) & FLAG_DF) !== 0; }
  /** More-fragments bit. */
  get moreFragments(): boolean { return (this.dv.getUint16(this.at + FLAGS_FRAG) & FLAG_MF) !== 0; }
  /** Fragment offset in bytes (field × 8). */
  get fragmentOffset(): number { return (this.dv.getUint16(this.at + FLAGS_FRAG) & FRAG_MASK) * 8; }
  /** Time to live. */
  get ttl(): number { return this.dv.getUint8(this.at + TTL); }
  /** Next protocol number. */
  get protocol(): number { return this.dv.getUint8(this.at + PROTOCOL); }
  /** Header checksum field as sent. */
  get checksum(): number { return this.dv.getUint16(this.at + CHECKSUM); }
  /** Absolute offsets of the source and destination addresses. */
  get srcOffset(): number { return this.at + SRC; }
  get dstOffset(): number { return this.at + DST; }
  /** Source address as a 32-bit number. */
  get src(): number { return this.dv.getUint32(this.at + SRC); }
  /** Destination address as a 32-bit number. */
  get dst(): number { return this.dv.getUint32(this.at + DST); }

  /** Detail rows; `checksumNote` is the verification text computed by the caller. */
  describe(base: number, checksumNote: string): DetailNode {
    const a = this.at, hl = this.headerLength;
    const frag = this.fragmentOffset;
    const children: DetailNode[] = [
      leaf('Version', '4', a, 1, base),
      leaf('Header Length', `${hl} bytes (${hl / 4})`, a, 1, base),
      leaf('Differentiated Services Field', `${hexValue(this.tos, 2)} (DSCP ${this.tos >> 2}, ECN ${this.tos & 3})`, a + TOS, 1, base),
      leaf('Total Length', this.totalLength === 0 ? '0 (may be caused by TSO)' : String(this.totalLength), a + TOTAL_LEN, 2, base),
      leaf('Identification', `${hexValue(this.ident, 4)} (${this.ident})`, a + IDENT, 2, base),
      leaf('Flags', `${hexValue(this.flags, 1)}${this.dontFragment ? ", Don't fragment" : ''}${this.moreFragments ? ', More fragments' : ''}`, a + FLAGS_FRAG, 1, base),
      leaf('Fragment Offset', String(frag), a + FLAGS_FRAG, 2, base),
      leaf('Time to Live', String(this.ttl), a + TTL, 1, base),
      leaf('Protocol', `${ipProtocolName(this.protocol)} (${this.protocol})`, a + PROTOCOL, 1, base, `ip.proto == ${this.protocol}`),
      leaf('Header Checksum', `${hexValue(this.checksum, 4)}${checksumNote}`, a + CHECKSUM, 2, base),
      leaf('Source Address', ipv4Text(this.dv, a + SRC), a + SRC, 4, base, `ip.src == ${ipv4Text(this.dv, a + SRC)}`),
      leaf('Destination Address', ipv4Text(this.dv, a + DST), a + DST, 4, base, `ip.dst == ${ipv4Text(this.dv, a + DST)}`),
    ];
    if (hl > IPV4_MIN_HEADER) children.push(describeIpv4Options(this.dv, a + IPV4_MIN_HEADER, hl - IPV4_MIN_HEADER, base));
    return {
      label: 'Internet Protocol Version 4', filter: 'ip',
      value: `Src: ${ipv4Text(this.dv, a + SRC)}, Dst: ${ipv4Text(this.dv, a + DST)}`,
      start: a - base, length: hl, children,
    };
  }
}

/** Dotted quad at `at`. */
export function ipv4Text(dv: DataView, at: number): string {
  return `${dv.getUint8(at)}.${dv.getUint8(at + 1)}.${dv.getUint8(at + 2)}.${dv.getUint8(at + 3)}`;
}

const PROTOCOL_NAMES: Record<number, string> = {
  0: 'IPv6 Hop-by-Hop', 1: 'ICMP', 2: 'IGMP', 4: 'IPIP', 6: 'TCP', 17: 'UDP', 41: 'IPv6', 43: 'IPv6 Routing',
  44: 'IPv6 Fragment', 47: 'GRE', 50: 'ESP', 51: 'AH', 58: 'ICMPv6', 59: 'IPv6 No Next Header', 60: 'IPv6 Destination Options',
  103: 'PIM', 112: 'VRRP', 132: 'SCTP', 135: 'Mobility',
};

/** IANA protocol name, or "Unknown". */
export function ipProtocolName(p: number): string {
  return PROTOCOL_NAMES[p] ?? 'Unknown';
}

const OPTION_NAMES: Record<number, string> = {
  0: 'End of Options List (EOL)', 1: 'No-Operation (NOP)', 7: 'Record Route (RR)', 68: 'Time Stamp (TS)',
  130: 'Security (SEC)', 131: 'Loose Source Route (LSRR)', 137: 'Strict Source Route (SSRR)', 136: 'Stream ID (SID)',
  148: 'Router Alert (RA)', 82: 'Traceroute', 25: 'Quick-Start',
};

/** IPv4 options (RFC 791 §3.1), one row each; a bad length byte ends the list with a problem row. */
export function describeIpv4Options(dv: DataView, at: number, len: number, base: number): DetailNode {
  const children: DetailNode[] = [];
  const end = at + len;
  let p = at;
  while (p < end) {
    const type = dv.getUint8(p);
    const name = OPTION_NAMES[type] ?? `Unknown option (${type})`;
    if (type === 0 || type === 1) { children.push(leaf(name, type === 0 ? 'eol' : 'nop', p, 1, base)); p++; if (type === 0) break; continue; }
    const olen = p + 1 < end ? dv.getUint8(p + 1) : 0;
    if (olen < 2 || p + olen > end) { children.push(leaf('Problem', `bad option length ${olen}`, p, end - p, base)); break; }
    children.push(leaf(name, describeIpv4Option(dv, type, p, olen), p, olen, base));
    p += olen;
  }
  return { label: 'Options', value: `${len} bytes`, start: at - base, length: len, children };
}

function describeIpv4Option(dv: DataView, type: number, at: number, len: number): string {
  if ((type === 131 || type === 137 || type === 7) && len >= 3) {
    const hops: string[] = [];
    for (let o = 3; o + 4 <= len; o += 4) hops.push(ipv4Text(dv, at + o));
    return `length ${len}, pointer ${dv.getUint8(at + 2)}: ${hops.join(' ')}`;
  }
  if (type === 148 && len === 4) return `value ${dv.getUint16(at + 2)}`;
  return `length ${len}`;
}

/**
 * The destination packet-ip.c hands upper layers (pinfo->dst: TCP's conversation and checksum) and shows as ip.dst
 * (get_dst_offset): a loose or strict source route's last address when its pointer is valid (≥ 4, a multiple of
 * 4, within the option), else the header's destination (then ip.cur_rt). Returns an absolute offset.
 */
export function ipv4RoutedDestinationOffset(dv: DataView, at: number, headerLength: number): number {
  const end = at + headerLength;
  for (let p = at + IPV4_MIN_HEADER; p < end;) {
    const type = dv.getUint8(p);
    if (type === 0 || type === 1) { p++; continue; }   // EOL does not end packet-ip.c's walk
    if (p + 1 >= end) break;
    const len = dv.getUint8(p + 1);
    if (len < 2 || p + len > end) break;
    if (type === 131 || type === 137) {
      const ptr = len >= 3 ? dv.getUint8(p + 2) : 0;
      return ptr < 4 || ptr & 3 || ptr > len ? at + DST : p + len - 4;
    }
    p += len;
  }
  return at + DST;
}

