/**
 * Conversation-table text from a ConversationSummary: endpoints as client → server, how it ended, the final
 * states, completeness in words, sizes, duration, iRTT and expert counts.
 */
import type { ConversationSummary } from '../../shared/ipc/contract';
import { completenessWords } from './tcp-analysis-text';
import { nsBetween } from './packet-time';
import { stateName } from './tcp-labels';
import { bytesText, endpointText, expertText, humanDuration } from '../../shared/format/conversation-words';

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
