/**
 * Where SynAck's filter results may differ from `tshark -2 -Y` on the corpus, and why. Each class allows up
 * to `rows` differing frames for expressions that use `field` on `file`. The TCP tracker's own classes
 * (test/fixtures/tcp-known-differences.json: seq/ack/ack_rtt/completeness after port reuse …) apply too.
 *
 * Not listed because the test handles it generally: tshark 4.0 numbers pcapng Custom Blocks as frames
 * (capture-record.ts), so frames tshark lists that the reader never delivered are left out of the compare.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../../support/paths';

export interface KnownClass { file: string; field: string; rows: number; reason: string }

const CUSTOM_FIRST = 'The first frame tshark counts is a pcapng Custom Block (no packet): tshark measures frame.time_relative from it.';
const TUNNEL = 'Geneve tunnel: tshark also matches the outer IPv6/UDP headers; the columns describe the innermost IP header that carries TCP.';
const ICMP_QUOTE = 'ICMP errors quoting a TCP header: tshark has both IP headers, so ip.src also matches the ICMP sender; the row\'s flow is the quoted connection and the outer addresses are not kept per packet.';

export const FILTER_KNOWN: readonly KnownClass[] = [
  { file: 'pcapng-test-generator__be__difficult__test202.pcapng', field: 'frame.time_relative', rows: 8, reason: CUSTOM_FIRST },
  { file: 'pcapng-test-generator__le__advanced__test102.pcapng', field: 'frame.time_relative', rows: 5, reason: CUSTOM_FIRST },
  { file: 'tcpdump__gso-ipv6-geneve-ipv4.pcap', field: 'ipv6', rows: 1, reason: TUNNEL },
  { file: 'tcpdump__gso-ipv6-geneve-ipv4.pcap', field: 'ipv6.addr', rows: 1, reason: TUNNEL },
  { file: 'tcpdump__gso-ipv6-geneve-ipv4.pcap', field: 'ipv6.dst', rows: 1, reason: TUNNEL },
  { file: 'tcpdump__gso-ipv6-geneve-ipv4.pcap', field: 'udp', rows: 1, reason: TUNNEL },
  { file: 'tcpdump__gso-ipv6-geneve-ipv4.pcap', field: 'udp.port', rows: 1, reason: TUNNEL },
  { file: 'zeek__smtp.pcap', field: 'ip.src', rows: 4, reason: ICMP_QUOTE },
  { file: 'tcpdump__beep-oobr.pcap', field: 'ipv6', rows: 1, reason: 'Frame 1 is an IPv6 header cut short: tshark still counts it as ipv6, the decoder stops before calling it IPv6.' },
];

/** Our classes plus the TCP tracker's. */
export function knownClasses(): KnownClass[] {
  const tcp = JSON.parse(readFileSync(join(FIXTURES_DIR, 'tcp-known-differences.json'), 'utf8')) as { classes: KnownClass[] };
  return [...FILTER_KNOWN, ...tcp.classes];
}

/** How many differing frames an expression may have on a file: the sum over the fields it uses. */
export function allowance(classes: readonly KnownClass[], file: string, fields: readonly string[]): number {
  return classes.filter((c) => c.file === file && fields.includes(c.field)).reduce((sum, c) => sum + c.rows, 0);
}
