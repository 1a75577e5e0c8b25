/**
 * A small subset of libpcap's capture-filter language, evaluated the way the compiled BPF program would
 * look at the frame, so `read FILE tcp` prints the same packets as `tcpdump -r FILE tcp`:
 *   primitives  tcp | udp | icmp | icmp6 | ip | ip6 | arp | port N | host A.B.C.D
 *   joined by   and (&&); a leading `not` (!) negates one primitive.
 * Like BPF, only the outermost network layer counts: `tcp` does not match behind 802.1Q tags, MPLS labels or
 * tunnels (libpcap needs `vlan and tcp` for those), and IPv6 `tcp` also matches a fragment header followed
 * by TCP (gen_proto in gencode.c).
 */
import type { CaptureRecord } from '../capture-file/capture-record';
import type { DecodedPacket } from '../wire/decoded-packet';
import { llcNetwork } from './tcpdump-link-llc';

type Primitive =
  | { kind: 'proto'; name: 'tcp' | 'udp' | 'icmp' | 'icmp6' | 'ip' | 'ip6' | 'arp' }
  | { kind: 'port'; port: number }
  | { kind: 'host'; addr: number[] };

interface Term { negate: boolean; primitive: Primitive }

/** A parsed filter; `matches` is cheap enough to run per packet. */
export interface TcpdumpFilter {
  readonly text: string;
  matches(record: CaptureRecord, decoded: DecodedPacket): boolean;
}

/** Parses `words` (the filter arguments, joined like tcpdump joins them); a string error on bad input. */
export function parseTcpdumpFilter(words: string[]): TcpdumpFilter | string {
  const tokens = words.join(' ').trim().split(/\s+/).filter((t) => t !== '');
  const terms: Term[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let negate = false;
    if (tokens[i] === 'not' || tokens[i] === '!') { negate = true; i++; }
    const t = tokens[i];
    if (t === undefined) return 'filter ends after "not"';
    let primitive: Primitive;
    if (['tcp', 'udp', 'icmp', 'icmp6', 'ip', 'ip6', 'arp'].includes(t)) {
      primitive = { kind: 'proto', name: t as 'tcp' };
    } else if (t === 'port' || t === 'host') {
      const v = tokens[++i];
      if (v === undefined) return `"${t}" needs a value`;
      if (t === 'port') {
        if (!/^\d+$/.test(v) || Number(v) > 65535) return `bad port "${v}"`;
        primitive = { kind: 'port', port: Number(v) };
      } else {
        const parts = v.split('.').map(Number);
        if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return `bad host "${v}"`;
        primitive = { kind: 'host', addr: parts };
      }
    } else {
      return `unsupported filter word "${t}" (supported: tcp udp icmp icmp6 ip ip6 arp port N host A.B.C.D, and, not)`;
    }
    terms.push({ negate, primitive });
    const joiner = tokens[i + 1];
    if (joiner !== undefined) {
      if (joiner !== 'and' && joiner !== '&&') return `expected "and" after "${t}", got "${joiner}"`;
      i++;
      if (tokens[i + 1] === undefined) return 'filter ends after "and"';
    }
  }
  const text = tokens.join(' ');
  return { text, matches: (r, d) => terms.every((term) => evaluate(term.primitive, r, d) !== term.negate) };
}

/** The outermost network layer as BPF sees it: 4 / 6 / 'arp' and its offset, or null. */
interface Network { kind: 4 | 6 | 'arp'; at: number }

function outerNetwork(r: CaptureRecord, d: DecodedPacket, linkType = r.linkType, at = r.at): Network | null {
  const v = r.view, end = r.at + r.capLen;
  const byType = (type: number, p: number): Network | null =>
    type === 0x0800 ? { kind: 4, at: p } : type === 0x86dd ? { kind: 6, at: p } : type === 0x0806 ? { kind: 'arp', at: p } : null;
  switch (linkType) {
    case 1: return at + 14 <= end ? byType(v.getUint16(at + 12), at + 14) : null;
    case 113: return at + 16 <= end ? byType(v.getUint16(at + 14), at + 16) : null;
    case 276: return at + 20 <= end ? byType(v.getUint16(at), at + 20) : null;
    case 0: case 108: {
      if (at + 4 > end) return null;
      const le = v.getUint32(at, true), be = v.getUint32(at);
      const fam = linkType === 108 ? be : (le & 0xffff0000) ? be : le;
      return fam === 2 ? { kind: 4, at: at + 4 } : fam === 24 || fam === 28 || fam === 30 ? { kind: 6, at: at + 4 } : null;
    }
    case 101: case 12: case 14: case 228: case 229: {
      if (at >= end) return null;
      const ver = v.getUint8(at) >> 4;
      return ver === 4 ? { kind: 4, at } : ver === 6 ? { kind: 6, at } : null;
    }
    case 192: {
      // PPI: the inner link type follows the PPI header (little-endian length and DLT).
      if (at + 8 > end) return null;
      return outerNetwork(r, d, v.getUint32(at + 4, true), at + v.getUint16(at + 2, true));
    }
    case 10: case 105: case 129: {
      const n = llcNetwork(v, linkType, at, end, true);
      return n ? byType(n.type, n.at) : null;
    }
    default:
      // Link types we do not parse here: trust the decoder when nothing sits between link and IP.
      if (d.l3 === 0 || d.vlanTags !== 0 || d.outerIpOffset !== d.ipOffset) return null;
      return { kind: d.l3, at: d.outerIpOffset };
  }
}

/** IP protocol of the outer header (IPv6: after one fragment header, as gen_proto does), or -1. */
function transportProto(r: CaptureRecord, n: Network): number {
  const end = r.at + r.capLen, v = r.view;
  if (n.kind === 4) return n.at + 10 <= end ? v.getUint8(n.at + 9) : -1;
  if (n.kind !== 6 || n.at + 7 > end) return -1;
  const nh = v.getUint8(n.at + 6);
  if (nh === 44 && n.at + 41 <= end) return v.getUint8(n.at + 40);
  return nh;
}

function evaluate(p: Primitive, r: CaptureRecord, d: DecodedPacket): boolean {
  const n = outerNetwork(r, d);
  if (!n) return false;
  if (p.kind === 'proto') {
    if (p.name === 'ip') return n.kind === 4;
    if (p.name === 'ip6') return n.kind === 6;
    if (p.name === 'arp') return n.kind === 'arp';
    const want = { tcp: 6, udp: 17, icmp: 1, icmp6: 58 }[p.name];
    if (p.name === 'icmp' && n.kind !== 4) return false;
    return transportProto(r, n) === want;
  }
  if (p.kind === 'host') return n.kind === 4 && hostMatches(r, n.at, p.addr);
  return portMatches(r, n, p.port);
}

function hostMatches(r: CaptureRecord, at: number, addr: number[]): boolean {
  if (at + 20 > r.at + r.capLen) return false;
  const same = (o: number): boolean => addr.every((b, i) => r.view.getUint8(o + i) === b);
  return same(at + 12) || same(at + 16);
}

/** `port N`: TCP/UDP/SCTP source or destination, first IPv4 fragment only (gen_port). */
function portMatches(r: CaptureRecord, n: Network, port: number): boolean {
  const proto = transportProto(r, n);
  if (proto !== 6 && proto !== 17 && proto !== 132) return false;
  const v = r.view, end = r.at + r.capLen;
  let l4: number;
  if (n.kind === 4) {
    if (n.at + 20 > end || (v.getUint16(n.at + 6) & 0x1fff) !== 0) return false;
    l4 = n.at + (v.getUint8(n.at) & 0x0f) * 4;
  } else {
    if (v.getUint8(n.at + 6) !== proto) return false;
    l4 = n.at + 40;
  }
  if (l4 + 4 > end) return false;
  return v.getUint16(l4) === port || v.getUint16(l4 + 2) === port;
}
