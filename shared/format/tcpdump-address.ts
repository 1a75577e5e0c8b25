/**
 * Addresses the way tcpdump -n writes them: dotted quads for IPv4 and tcpdump's own addrtostr6
 * (addrtostr.c) for IPv6 — the longest run of two or more zero words becomes "::" (the first run wins a
 * tie), words in lower-case hex without leading zeros, and "::a.b.c.d" / "::ffff:a.b.c.d" for IPv4-compatible
 * and IPv4-mapped addresses.
 */

import { ipv6Text } from '../wire/ipv6';

/** Dotted quad of the 4 bytes at `at`. */
export function ipv4String(view: DataView, at: number): string {
  return `${view.getUint8(at)}.${view.getUint8(at + 1)}.${view.getUint8(at + 2)}.${view.getUint8(at + 3)}`;
}

/**
 * tcpdump's addrtostr6 of the 16 bytes at `at`: the same text as tshark's (both are BIND's inet_ntop6), so one
 * function writes both.
 */
export const ipv6String = (view: DataView, at: number): string => ipv6Text(view, at);
