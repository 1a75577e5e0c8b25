/**
 * A small subset of libpcap's capture-filter language, evaluated the way the compiled BPF program would
 * look at the frame, so `read FILE tcp` prints the same packets as `tcpdump -r FILE tcp`:
 *   primitives  tcp | udp | icmp | icmp6 | ip | ip6 | arp | port N | host A.B.C.D
 *   joined by   and (&&); a leading `not` (!) negates one primitive.
 * Like BPF, only the outermost network layer counts, at the offsets libpcap reads for the link type
 * (bpf-link-layer.ts): `tcp` does not match behind 802.1Q tags, MPLS labels or tunnels (libpcap needs
 * `vlan and tcp` for those), and IPv6 `tcp` also matches a fragment header followed by TCP (gen_proto in
 * gencode.c). A read past the captured bytes rejects the packet, as the BPF program does.
 */
import type { CaptureRecord } from '../capture-file/capture-record';
import { BpfFrame, bpfLinkLayer, NET_ARP, NET_IP, NET_IP6, NET_RARP, type BpfLinkLayer } from './bpf-link-layer';

type Primitive =
  | { kind: 'proto'; name: 'tcp' | 'udp' | 'icmp' | 'icmp6' | 'ip' | 'ip6' | 'arp' }
  | { kind: 'port'; port: number }
  | { kind: 'host'; addr: number };

interface Term { negate: boolean; primitive: Primitive }

/** A parsed filter; `matches` is cheap enough to run per packet. */
export interface TcpdumpFilter {
  readonly text: string;
  /** `littleEndian`: the byte order of the file or section the record comes from (CaptureInterface.littleEndian). */
  matches(record: CaptureRecord, littleEndian: boolean): boolean;
  /** Why tcpdump would refuse this filter on a file of this link type (it then prints no packet), or null. */
  problemFor(linkType: number): string | null;
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
        primitive = { kind: 'host', addr: ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0 };
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
  const frame = new BpfFrame();
  return {
    text,
    problemFor: (linkType) => { const l = bpfLinkLayer(linkType); return typeof l === 'string' ? l : null; },
    matches: (r, littleEndian) => {
      const l = bpfLinkLayer(r.linkType), link = typeof l === 'string' ? NO_LAYER : l;
      frame.reset(r.view, r.at, r.capLen, littleEndian);
      const all = terms.every((term) => evaluate(term.primitive, frame, link) !== term.negate);
      return all && !frame.aborted;
    },
  };
}

/** A link type tcpdump refuses to filter: nothing matches (callers report `problemFor` and stop first). */
const NO_LAYER: BpfLinkLayer = { is: () => false, networkAt: () => 0 };

function evaluate(p: Primitive, f: BpfFrame, link: BpfLinkLayer): boolean {
  if (p.kind === 'proto') {
    switch (p.name) {
      case 'ip': return link.is(f, NET_IP);
      case 'ip6': return link.is(f, NET_IP6);
      case 'arp': return link.is(f, NET_ARP);
      case 'icmp': return ipProto(f, link, 1);
      case 'icmp6': return ip6Proto(f, link, 58);
      default: {
        const want = p.name === 'tcp' ? 6 : 17;
        return ipProto(f, link, want) || ip6Proto(f, link, want);
      }
    }
  }
  if (p.kind === 'host') return hostMatches(f, link, p.addr);
  return portMatches(f, link, p.port);
}

/** gen_proto for IPv4: the protocol byte, fragments included. */
function ipProto(f: BpfFrame, link: BpfLinkLayer, want: number): boolean {
  return link.is(f, NET_IP) && f.u8(link.networkAt(f) + 9) === want;
}

/** gen_proto for IPv6: the next header, or the one after a fragment header. */
function ip6Proto(f: BpfFrame, link: BpfLinkLayer, want: number): boolean {
  if (!link.is(f, NET_IP6)) return false;
  const at = link.networkAt(f), nh = f.u8(at + 6);
  return nh === want || (nh === 44 && f.u8(at + 40) === want);
}

const ARP_NETS = [NET_ARP, NET_RARP] as const;

/** `host A.B.C.D`: IPv4 source or destination, else ARP/RARP sender or target protocol address (gen_host). */
function hostMatches(f: BpfFrame, link: BpfLinkLayer, addr: number): boolean {
  if (link.is(f, NET_IP)) {
    const at = link.networkAt(f);
    if (f.u32(at + 12) === addr || f.u32(at + 16) === addr) return true;
  }
  for (const net of ARP_NETS) {
    if (!link.is(f, net)) continue;
    const at = link.networkAt(f);
    if (f.u32(at + 14) === addr || f.u32(at + 24) === addr) return true;
  }
  return false;
}

const PORT_PROTOS = [132, 6, 17];

/** `port N` (gen_port6, then gen_port): TCP/UDP/SCTP source or destination; IPv4 first fragments only. */
function portMatches(f: BpfFrame, link: BpfLinkLayer, port: number): boolean {
  if (link.is(f, NET_IP6)) {
    const at = link.networkAt(f);
    if (PORT_PROTOS.includes(f.u8(at + 6)) && (f.u16(at + 40) === port || f.u16(at + 42) === port)) return true;
  }
  if (link.is(f, NET_IP)) {
    const at = link.networkAt(f);
    if (!PORT_PROTOS.includes(f.u8(at + 9)) || (f.u16(at + 6) & 0x1fff) !== 0) return false;
    const l4 = at + (f.u8(at) & 0x0f) * 4;
    return f.u16(l4) === port || f.u16(l4 + 2) === port;
  }
  return false;
}
