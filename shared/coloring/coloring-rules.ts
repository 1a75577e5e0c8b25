/**
 * Wireshark's default coloring rules (View ▸ Coloring Rules): the first rule whose filter a packet matches gives
 * its row colours, and tshark names it as frame.coloring_rule.name. The rules are read from Wireshark's own file
 * (wireshark-colorfilters.ts); each is evaluated here from the row's columns and the decoder's COLOR_FACTS, in
 * Wireshark's order. Rules about protocols SynAck does not dissect never match (SUPPORTED says which do):
 * HSRP, Spanning Tree, SCTP, checksum errors (tshark verifies no checksums by default, so it never matches
 * there either), DCE/RPC and System Event; HTTP and SMB are recognised by their dissectors' ports, not by
 * Wireshark's heuristics (HTTP on port 2375, say, stays TCP here).
 */
import type { PacketColumns } from '../ipc/batch-layout';
import { analysisShown, hasTcp, hasUdp, tcpHeaderShown } from '../filter/tcp-shown';
import { TCP_A, TH_FIN, TH_RST, TH_SYN } from '../tcp/analysis';
import { COLOR_FACTS } from '../wire/decoded-packet';

export interface ColoringRule {
  name: string;
  /** The rule's display filter, as Wireshark writes it. */
  filter: string;
  /** CSS colours (#rrggbb). */
  background: string;
  foreground: string;
}

/** The columns the rules read. */
export type ColoringColumns = Pick<PacketColumns, 'analysis' | 'decodeProblem' | 'stream' | 'tcpFlags' | 'rowBits' | 'colorFacts'>;

/** A 16-bit-per-channel colour of a colorfilters line as CSS. */
function cssColor(triple: string): string {
  return `#${triple.split(',').map((c) => (Number(c) >> 8).toString(16).padStart(2, '0')).join('')}`;
}

/** Parses Wireshark's colorfilters format (`@name@filter@[bg r,g,b][fg r,g,b]`; `!@` disabled, `#` comments). */
export function parseColorFilters(text: string): ColoringRule[] {
  const rules: ColoringRule[] = [];
  for (const line of text.split('\n')) {
    const m = /^@([^@]*)@(.*)@\[(\d+,\d+,\d+)\]\[(\d+,\d+,\d+)\]\s*$/.exec(line);
    if (m) rules.push({ name: m[1], filter: m[2], background: cssColor(m[3]), foreground: cssColor(m[4]) });
  }
  return rules;
}

const analysisFlags = (c: ColoringColumns, i: number): number => (c.stream[i] >= 0 && analysisShown(c, i) ? c.analysis[i] : 0);
/** The payload reached a dissector: packet-tcp.c gives a keep-alive's byte to none. */
const payloadDissected = (c: ColoringColumns, i: number): boolean => (analysisFlags(c, i) & TCP_A.KEEP_ALIVE) === 0;
const fact = (bit: number) => (c: ColoringColumns, i: number): boolean => (c.colorFacts[i] & bit) !== 0;
const first = (value: number) => (c: ColoringColumns, i: number): boolean => (c.colorFacts[i] & COLOR_FACTS.FIRST_MASK) === value;
const payload = (value: number) => (c: ColoringColumns, i: number): boolean =>
  (c.colorFacts[i] & COLOR_FACTS.PAYLOAD_MASK) === value && payloadDissected(c, i);

/** How SynAck evaluates each default rule it supports, by name. */
const SUPPORTED: Readonly<Record<string, (c: ColoringColumns, i: number) => boolean>> = {
  'Bad TCP': (c, i) => { const a = analysisFlags(c, i); return a !== 0 && (a & (TCP_A.WINDOW_UPDATE | TCP_A.KEEP_ALIVE | TCP_A.KEEP_ALIVE_ACK)) === 0; },
  'OSPF State Change': first(COLOR_FACTS.FIRST_OSPF_STATE_CHANGE),
  'ICMP errors': first(COLOR_FACTS.FIRST_ICMP_ERROR),
  ARP: first(COLOR_FACTS.FIRST_ARP),
  ICMP: first(COLOR_FACTS.FIRST_ICMP),
  'TCP RST': (c, i) => tcpHeaderShown(c, i) && (c.tcpFlags[i] & TH_RST) !== 0,
  'TTL low or unexpected': fact(COLOR_FACTS.TTL_RULE),
  SMB: payload(COLOR_FACTS.PAYLOAD_SMB),
  HTTP: (c, i) => (c.colorFacts[i] & COLOR_FACTS.TCP_PORT_80) !== 0 || payload(COLOR_FACTS.PAYLOAD_HTTP)(c, i),
  Routing: fact(COLOR_FACTS.ROUTING),
  'TCP SYN/FIN': (c, i) => tcpHeaderShown(c, i) && (c.tcpFlags[i] & (TH_SYN | TH_FIN)) !== 0,
  TCP: hasTcp,
  UDP: hasUdp,
  Broadcast: first(COLOR_FACTS.FIRST_ETH_GROUP),
};

/** A rule list with the evaluation of each rule SynAck supports (null: never matches here). */
export class ColoringRules {
  private readonly tests: (((c: ColoringColumns, i: number) => boolean) | null)[];

  constructor(readonly rules: readonly ColoringRule[]) {
    this.tests = rules.map((r) => SUPPORTED[r.name] ?? null);
  }

  /** Whether SynAck evaluates rule k (else it is listed but never matches). */
  supported(k: number): boolean { return this.tests[k] !== null; }

  /** Index of the first rule row i matches, -1 none. */
  match(c: ColoringColumns, i: number): number {
    const tests = this.tests;
    for (let k = 0; k < tests.length; k++) if (tests[k]?.(c, i)) return k;
    return -1;
  }
}
