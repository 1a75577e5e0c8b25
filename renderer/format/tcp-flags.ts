/**
 * TCP flag text as tcpdump prints it (print-tcp.c `tcp_flag_values`: F S R P . U E W, in that order, "none"
 * when no flag is set) plus Wireshark's names for the chips and the legend. Bits are tshark's tcp.flags.
 */

import { TCP_ACK, TCP_AE, TCP_CWR, TCP_ECE, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, TCP_URG } from '../../shared/wire/tcp-flag-bits';

export interface FlagInfo {
  bit: number;
  /** tcpdump's letter. */
  letter: string;
  /** Wireshark's short name (tcp.flags.*). */
  name: string;
  /** One sentence for the legend and the chip tooltip. */
  meaning: string;
}

/** In tcpdump's print order, so `Flags [S.]`, `[F.]`, `[FP.]` come out the same. */
export const FLAG_INFO: readonly FlagInfo[] = [
  { bit: TCP_FIN, letter: 'F', name: 'FIN', meaning: 'Finish: the sender has no more data to send (RFC 9293 §3.10.7.4 closes one direction).' },
  { bit: TCP_SYN, letter: 'S', name: 'SYN', meaning: 'Synchronize: opens a connection and carries the initial sequence number.' },
  { bit: TCP_RST, letter: 'R', name: 'RST', meaning: 'Reset: aborts the connection at once, or refuses one that was never open.' },
  { bit: TCP_PSH, letter: 'P', name: 'PSH', meaning: 'Push: hand the data to the application now instead of buffering it.' },
  { bit: TCP_ACK, letter: '.', name: 'ACK', meaning: 'Acknowledgment: the ack number is valid (tcpdump prints a dot).' },
  { bit: TCP_URG, letter: 'U', name: 'URG', meaning: 'Urgent: the urgent pointer is valid (rarely used).' },
  { bit: TCP_ECE, letter: 'E', name: 'ECE', meaning: 'ECN-Echo: on SYN, offers ECN; otherwise the peer saw congestion (RFC 3168).' },
  { bit: TCP_CWR, letter: 'W', name: 'CWR', meaning: 'Congestion Window Reduced: the sender reacted to ECN-Echo (RFC 3168).' },
];

/** tcpdump's bracket content for a flag word: "S", "S.", "F.", "FP.", or "none". */
export function tcpdumpFlags(flags: number): string {
  let out = '';
  for (const f of FLAG_INFO) if (flags & f.bit) out += f.letter;
  return out === '' ? 'none' : out;
}

/** Wireshark's Info-column flag list, "SYN, ACK": set bits from FIN upwards, as packet-tcp.c's tcp_flags_to_str. */
export function wiresharkFlags(flags: number): string {
  const names: string[] = [];
  for (const f of FLAG_INFO) if (flags & f.bit) names.push(f.name);
  if (flags & TCP_AE) names.push('AE');
  return names.join(', ');
}

/** The flags set in a word, in tcpdump order, for chips. */
export function setFlags(flags: number): FlagInfo[] {
  return FLAG_INFO.filter((f) => (flags & f.bit) !== 0);
}
