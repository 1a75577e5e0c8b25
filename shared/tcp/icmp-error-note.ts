/**
 * The note of an ICMP error about a TCP connection (Note.IcmpError): what the message means for the connection whose
 * header it quotes, by kind — the path MTU is smaller than the segment, nothing listens on the port, a firewall refused
 * it, no route, a routing loop — with who sent it, since a router's message and the server host's own say different
 * things. Built for one row when it is shown (the note column holds only the template id).
 */
import { TCP_ACK, TCP_SYN } from '../wire/tcp-flag-bits';
import type { NoteValues } from './annotation';
import type { FlowInfo } from '../ipc/flow';
import { icmpCodeName, icmpTypeName } from '../wire/icmp-messages';

export interface IcmpNoteFacts {
  v6: boolean; type: number; code: number;
  /** The path MTU a "fragmentation needed" or "packet too big" gives; null when not at hand (the row's bytes were not read). */
  mtu: number | null;
  /** The ICMP message's sender address, and whether it is the peer's own address (the host answered, not a router). */
  from: string; fromPeer: boolean;
  /**
   * The port the quoted segment was sent to, and what the quote shows of it: a SYN (the connection attempt itself), a
   * later segment, or only its ports (an 8-byte quote, as RFC 792 routers send).
   */
  peerPort: number; quoted: 'syn' | 'segment' | 'ports';
}

/**
 * The facts of an ICMP error about flow `flow` quoting a header its endpoint `dir` sent: `from` is the ICMP message's
 * sender (its own IP layer's source), compared with the quoted header's receiver to tell the peer's host from a router.
 */
export function icmpNoteFacts(message: { v6: boolean; type: number; code: number }, flow: FlowInfo, dir: number, from: string,
  mtu: number | null, quoted: IcmpNoteFacts['quoted']): IcmpNoteFacts {
  const peerAddr = dir === 0 ? flow.addrB : flow.addrA;
  return { ...message, mtu, from, fromPeer: from === peerAddr, peerPort: dir === 0 ? flow.portB : flow.portA, quoted };
}


/** What a quote shows of the header it holds: a whole header (it has a stream) that is a pure SYN, another, or ports. */
export function quotedKind(hasStream: boolean, flags: number): IcmpNoteFacts['quoted'] {
  return !hasStream ? 'ports' : (flags & (TCP_SYN | TCP_ACK)) === TCP_SYN ? 'syn' : 'segment';
}

type Kind = 'mtu' | 'port' | 'filtered' | 'noroute' | 'protocol' | 'ttl' | 'reassembly' | 'quench' | 'redirect' | 'header' | 'other';

/** Which kind of trouble the message reports (RFC 792/1812 for ICMPv4, RFC 4443 for ICMPv6). */
function kindOf(v6: boolean, type: number, code: number): Kind {
  if (v6) {
    if (type === 1) return code === 4 ? 'port' : code === 1 || code === 5 || code === 6 ? 'filtered' : 'noroute';
    if (type === 2) return 'mtu';
    if (type === 3) return code === 0 ? 'ttl' : 'reassembly';
    return type === 4 ? 'header' : 'other';
  }
  switch (type) {
    case 3:
      if (code === 4) return 'mtu';
      if (code === 3) return 'port';
      if (code === 2) return 'protocol';
      return code === 9 || code === 10 || code === 13 ? 'filtered' : 'noroute';
    case 4: return 'quench';
    case 5: return 'redirect';
    case 11: return code === 0 ? 'ttl' : 'reassembly';
    case 12: return 'header';
    default: return 'other';
  }
}

/** The note's text; '' without the ICMP facts. */
export function icmpErrorNote(v: NoteValues): string {
  const m = v.icmp;
  if (!m) return '';
  const code = icmpCodeName(m.v6, m.type, m.code);
  const name = code ? `${icmpTypeName(m.v6, m.type)} (${code})` : icmpTypeName(m.v6, m.type);
  const sender = m.fromPeer ? `The ${v.peer}'s host (${m.from})` : `${m.from}`;
  const what = m.quoted === 'syn' ? `the ${v.who}'s SYN` : m.quoted === 'segment' ? `a segment of the ${v.who}'s (seq ${v.seqRaw})`
    : `a segment of the ${v.who}'s`;
  const fails = m.quoted === 'syn' ? ` The connection attempt fails unless the ${v.who} tries elsewhere.` : '';
  switch (kindOf(m.v6, m.type, m.code)) {
    case 'mtu':
      return `${sender} could not forward ${what}: it is bigger than the next link carries`
        + `${m.mtu !== null ? ` (MTU ${m.mtu} bytes)` : ''} and may not be fragmented. The ${v.who} should send smaller segments `
        + '(path MTU discovery); where such messages are blocked, big segments vanish and the connection stalls.';
    case 'port':
      // A TCP stack answers a closed port with RST; ICMP from the host itself is a packet filter's reject there.
      return m.fromPeer
        ? `${sender} turns away ${what} for TCP port ${m.peerPort} with ICMP instead of a TCP RST (${name}): a TCP stack `
          + `answers a closed port with RST, so this is most likely a firewall on that host that rejects with ICMP.${fails}`
        : `${sender} reports port ${m.peerPort} unreachable for ${what} (${name}): a firewall on the way rejects it.${fails}`;
    case 'filtered':
      return `${sender} says a filter forbids ${what} (${name}): a firewall rejected it rather than dropping it silently.${fails}`;
    case 'noroute':
      return `${sender} cannot deliver ${what} to the ${v.peer} (${name}): no route to it, or its host does not answer `
        + `on the last link.${fails}`;
    case 'protocol':
      return `${sender} says the ${v.peer}'s host does not take TCP at all (${name}) for ${what}.${fails}`;
    case 'ttl':
      return `${what[0].toUpperCase()}${what.slice(1)} ran out of hops at ${m.from} (${name}): a routing loop, or a probe sent `
        + 'with a small TTL on purpose (traceroute).';
    case 'reassembly':
      return `${sender} gave up reassembling the IP fragments of ${what} (${name}): a fragment was lost on the way.`;
    case 'quench':
      return `${sender} asks the ${v.who} to slow down (${name}); RFC 6633 deprecated this message and stacks ignore it.`;
    case 'redirect':
      return `${sender} tells the ${v.who} to use another router for the ${v.peer} (${name}); ${what} was still forwarded.`;
    case 'header':
      return `${sender} found a bad header field in the datagram of ${what} (${name}) and dropped it.`;
    default:
      return `${sender} reports ${name} about ${what}.`;
  }
}
