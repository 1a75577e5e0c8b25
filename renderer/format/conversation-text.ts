/**
 * Conversation-table text from a ConversationSummary: endpoints as client → server, how it ended, the final
 * states, completeness in words, sizes, duration, iRTT and expert counts.
 */
import type { ConversationSummary, ExpertCounts } from '../../shared/ipc/contract';
import { completenessWords } from './tcp-analysis-text';
import { humanDuration, nsBetween } from './packet-time';
import { stateName } from './tcp-labels';
import { endpointText } from '../stores/conversations';

export interface ConversationText {
  stream: number;
  client: string;
  server: string;
  /** "client → server" is known only when the SYN was seen; otherwise "A ↔ B". */
  arrow: string;
  ended: string;
  states: string;
  completeness: string;
  packets: string;
  bytes: string;
  duration: string;
  irtt: string;
  expert: string;
  expertTotal: number;
}

const END_WORDS: Record<ConversationSummary['end'], string> = {
  open: 'still open', 'half-closed': 'half-closed (FIN one way)', closed: 'closed with FIN both ways', reset: 'reset (RST)',
  unreachable: 'unreachable (ICMP)',
};

const EXPERT_WORDS: [keyof ExpertCounts, string][] = [
  ['retransmissions', 'retransmission'], ['fastRetransmissions', 'fast retransmission'],
  ['spuriousRetransmissions', 'spurious retransmission'], ['outOfOrder', 'out-of-order'], ['lostSegments', 'lost segment'],
  ['ackedUnseen', 'ACKed unseen'], ['dupAcks', 'dup ACK'], ['zeroWindows', 'zero window'], ['windowFull', 'window full'],
  ['keepAlives', 'keep-alive'], ['reusedPorts', 'reused ports'], ['icmpErrors', 'ICMP error'],
];

/** "1.2 kB" style byte counts (SI, as Wireshark's conversation table). */
export function bytesText(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1000, u = 0;
  while (v >= 1000 && u < units.length - 1) { v /= 1000; u++; }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

export function expertText(e: ExpertCounts): { text: string; total: number } {
  const parts: string[] = [];
  let total = 0;
  for (const [key, word] of EXPERT_WORDS) {
    const n = e[key];
    if (n > 0) { parts.push(`${n} ${word}${n > 1 && !word.endsWith('d') ? 's' : ''}`); total += n; }
  }
  return { text: parts.length ? parts.join(', ') : 'none', total };
}

export function conversationText(c: ConversationSummary): ConversationText {
  const a = endpointText(c.addrA, c.portA), b = endpointText(c.addrB, c.portB);
  const clientIsB = c.clientDir === 1;
  const client = clientIsB ? b : a, server = clientIsB ? a : b;
  const clientState = stateName(clientIsB ? c.stateB : c.stateA), serverState = stateName(clientIsB ? c.stateA : c.stateB);
  const known = c.clientDir >= 0;
  const ex = expertText(c.expert);
  return {
    stream: c.stream,
    client, server,
    arrow: known ? `${client} → ${server}` : `${a} ↔ ${b}`,
    ended: END_WORDS[c.end],
    states: known ? `client ${clientState}, server ${serverState}` : `A ${stateName(c.stateA)}, B ${stateName(c.stateB)}`,
    completeness: completenessWords(c.completeness),
    packets: String(c.packetsA + c.packetsB),
    bytes: bytesText(c.bytesA + c.bytesB),
    duration: humanDuration(nsBetween(c.firstSec, c.firstNsec, c.lastSec, c.lastNsec)),
    irtt: c.irttNs >= 0 ? humanDuration(c.irttNs) : '—',
    expert: ex.text,
    expertTotal: ex.total,
  };
}
