/**
 * Words for a conversation's figures, shared by the window and the command line: endpoints as "addr:port" (IPv6 in
 * brackets), byte counts in SI units as Wireshark's conversation table, durations for people, and Wireshark's expert
 * flags counted in words ("3 retransmissions, 1 dup ACK").
 */
import type { ExpertCounts } from '../ipc/contract';

/** "127.0.0.1:57273" / "[::1]:443" for one side of a flow. */
export function endpointText(addr: string, port: number): string {
  return addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`;
}

/** "1.2 kB" style byte counts (SI, as Wireshark's conversation table). */
export function bytesText(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1000, u = 0;
  while (v >= 1000 && u < units.length - 1) { v /= 1000; u++; }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** Nanoseconds as a short human duration: "14 µs", "2.3 ms", "20 min 49.95 s". */
export function humanDuration(ns: number): string {
  if (ns < 0) return '—';
  if (ns < 1e3) return `${Math.round(ns)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(ns < 1e4 ? 1 : 0)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(ns < 1e7 ? 2 : 1)} ms`;
  const s = ns / 1e9;
  if (s < 60) return `${s.toFixed(3)} s`;
  const min = Math.floor(s / 60);
  return `${min} min ${(s - min * 60).toFixed(2)} s`;
}

/** Each expert count's words, singular and plural. */
const EXPERT_WORDS: [keyof ExpertCounts, string, string][] = [
  ['retransmissions', 'retransmission', 'retransmissions'], ['fastRetransmissions', 'fast retransmission', 'fast retransmissions'],
  ['spuriousRetransmissions', 'spurious retransmission', 'spurious retransmissions'],
  ['outOfOrder', 'out-of-order segment', 'out-of-order segments'], ['lostSegments', 'lost segment', 'lost segments'],
  ['ackedUnseen', 'ACKed unseen segment', 'ACKed unseen segments'], ['dupAcks', 'dup ACK', 'dup ACKs'],
  ['zeroWindows', 'zero-window segment', 'zero-window segments'], ['windowFull', 'window-full segment', 'window-full segments'],
  ['keepAlives', 'keep-alive', 'keep-alives'], ['reusedPorts', 'reused port pair', 'reused port pairs'], ['icmpErrors', 'ICMP error', 'ICMP errors'],
];

/** The expert flags that occur, counted in words, and their total ("none", 0 when there are none). */
export function expertText(e: ExpertCounts): { text: string; total: number } {
  const parts: string[] = [];
  let total = 0;
  for (const [key, one, many] of EXPERT_WORDS) {
    const n = e[key];
    if (n > 0) { parts.push(`${n} ${n === 1 ? one : many}`); total += n; }
  }
  return { text: parts.length ? parts.join(', ') : 'none', total };
}
