/**
 * Coloring rules (Wireshark's View ▸ Coloring Rules): the first enabled rule whose filter a packet matches gives its
 * row colours, and tshark names it as frame.coloring_rule.name. Wireshark's default rules come from its own file
 * (wireshark-colorfilters.ts); a default rule left as it is runs here as SynAck's own test of the row's columns and
 * the decoder's COLOR_FACTS (SUPPORTED), because most of them name protocols the display filter does not know
 * (HSRP, Spanning Tree, SCTP, checksum errors — tshark verifies no checksums by default, so that one never matches
 * there either —, DCE/RPC and System Event never match here; HTTP and SMB are recognised by their dissectors' ports,
 * not by Wireshark's heuristics). Any other rule — the user's own, or a default one edited — runs as a display
 * filter (shared/filter/compile.ts), checked against `tshark -2 --color` with the same colorfilters file; one the
 * filter cannot compile never matches, and `problem(k)` says why.
 */
import { TCP_FIN, TCP_RST, TCP_SYN } from '../wire/tcp-flag-bits';
import type { PacketColumns } from '../ipc/batch-layout';
import { compileFilter, type CompiledFilter } from '../filter/compile';
import type { FieldDef } from '../filter/fields';
import type { FilterColumns, FilterContext } from '../filter/filter-context';
import { analysisShown, hasTcp, hasUdp, tcpHeaderShown } from '../filter/tcp-shown';
import { TCP_A } from '../tcp/analysis-flags';
import { COLOR_FACTS } from '../wire/decoded-packet';
import { WIRESHARK_COLORFILTERS } from './wireshark-colorfilters';

export interface ColoringRule {
  name: string;
  /** The rule's display filter, as Wireshark writes it. */
  filter: string;
  /** CSS colours (#rrggbb). */
  background: string;
  foreground: string;
  /** Listed but not applied (a `!@` line of a colorfilters file). */
  disabled?: boolean;
}

/** The columns the rules read. */
export type ColoringColumns = Pick<PacketColumns, 'analysis' | 'decodeProblem' | 'stream' | 'tcpFlags' | 'rowBits' | 'colorFacts'>;

/** A 16-bit-per-channel colour of a colorfilters line as CSS. */
function cssColor(triple: string): string {
  return `#${triple.split(',').map((c) => (Number(c) >> 8).toString(16).padStart(2, '0')).join('')}`;
}

/** A CSS colour (#rrggbb) as a colorfilters triple (16 bits a channel, as Wireshark writes 8-bit ones: ×257). */
function colorTriple(css: string): string {
  return [1, 3, 5].map((k) => parseInt(css.slice(k, k + 2), 16) * 257).join(',');
}

/**
 * Parses Wireshark's colorfilters format (`@name@filter@[bg r,g,b][fg r,g,b]`; `!@` a disabled rule, `#` comments).
 * Lines that are none of these are skipped, as Wireshark's reader skips them.
 */
export function parseColorFilters(text: string): ColoringRule[] {
  const rules: ColoringRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^(!?)@([^@]*)@(.*)@\[(\d+,\d+,\d+)\]\[(\d+,\d+,\d+)\]\s*$/.exec(line);
    if (!m) continue;
    const rule: ColoringRule = { name: m[2], filter: m[3], background: cssColor(m[4]), foreground: cssColor(m[5]) };
    if (m[1]) rule.disabled = true;
    rules.push(rule);
  }
  return rules;
}

/** `rules` as a colorfilters file Wireshark imports (View ▸ Coloring Rules ▸ Import…). */
export function formatColorFilters(rules: readonly ColoringRule[]): string {
  const lines = rules.map((r) => `${r.disabled ? '!' : ''}@${r.name}@${r.filter}@[${colorTriple(r.background)}][${colorTriple(r.foreground)}]`);
  return `# This file was created by SynAck. Edit with care.\n${lines.join('\n')}\n`;
}

/** Wireshark's default rules, as its colorfilters file lists them. */
export function defaultColoringRules(): ColoringRule[] {
  return parseColorFilters(WIRESHARK_COLORFILTERS);
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
  'TCP RST': (c, i) => tcpHeaderShown(c, i) && (c.tcpFlags[i] & TCP_RST) !== 0,
  'TTL low or unexpected': fact(COLOR_FACTS.TTL_RULE),
  SMB: payload(COLOR_FACTS.PAYLOAD_SMB),
  HTTP: (c, i) => (c.colorFacts[i] & COLOR_FACTS.TCP_PORT_80) !== 0 || payload(COLOR_FACTS.PAYLOAD_HTTP)(c, i),
  Routing: fact(COLOR_FACTS.ROUTING),
  'TCP SYN/FIN': (c, i) => tcpHeaderShown(c, i) && (c.tcpFlags[i] & (TCP_SYN | TCP_FIN)) !== 0,
  TCP: hasTcp,
  UDP: hasUdp,
  Broadcast: first(COLOR_FACTS.FIRST_ETH_GROUP),
};

/** Columns a rule reads: the default rules' facts, and the display filter's columns for the others. */
export type RuleColumns = ColoringColumns & FilterColumns;
type RuleTest = (c: RuleColumns, i: number, ctx: FilterContext | null) => boolean;

/** The filter of each default rule SUPPORTED evaluates, by name: a rule still equal to it runs as SynAck's own test. */
const DEFAULT_FILTERS = new Map(defaultColoringRules().filter((r) => SUPPORTED[r.name]).map((r) => [r.name, r.filter]));

/** A rule list, with how each rule is evaluated here. */
export class ColoringRules {
  private readonly tests: (RuleTest | null)[];
  private readonly problems: (string | null)[];
  private readonly ownTest: boolean[];
  /** Every field the compiled rules name (what their columns must hold: renderer/stores/field-reads.ts). */
  readonly fields: readonly FieldDef[];

  constructor(readonly rules: readonly ColoringRule[]) {
    const fields = new Set<FieldDef>();
    this.problems = rules.map(() => null);
    this.ownTest = rules.map(() => false);
    this.tests = rules.map((r, k) => {
      if (r.disabled) return null;
      const own = SUPPORTED[r.name];
      if (own && DEFAULT_FILTERS.get(r.name) === r.filter) { this.ownTest[k] = true; return (c, i) => own(c, i); }
      const compiled = compileFilter(r.filter);
      if (!compiled.ok) { this.problems[k] = compiled.error.message; return null; }
      for (const f of compiled.filter.fields) fields.add(f);
      return filterTest(compiled.filter);
    });
    this.fields = [...fields];
  }

  /** Whether SynAck evaluates rule k (else it is listed but never matches). */
  supported(k: number): boolean { return this.tests[k] !== null; }

  /** Why enabled rule k never matches here (its filter does not compile in SynAck), or null. */
  problem(k: number): string | null { return this.problems[k]; }

  /** Whether rule k is a default rule left as it is, run as SynAck's own test of the decoder's facts. */
  ownTestOf(k: number): boolean { return this.ownTest[k]; }

  /**
   * Index of the first rule row i matches, -1 none. A rule that is a display filter needs `ctx` (and columns holding
   * what its fields read); without it only the default rules run.
   */
  match(c: RuleColumns, i: number, ctx: FilterContext | null = null): number {
    const tests = this.tests;
    for (let k = 0; k < tests.length; k++) if (tests[k]?.(c, i, ctx)) return k;
    return -1;
  }
}

/** A compiled rule's test of one row (a screenful is coloured at a time: one row is cheap enough). */
function filterTest(f: CompiledFilter): RuleTest {
  return (c, i, ctx) => ctx !== null && f.test(c, ctx, i);
}
