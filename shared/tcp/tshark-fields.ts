/**
 * tshark `-T fields` values for the fields SynAck computes, formatted as tshark 4.0 prints them
 * (tcp.flags as 0x0012, tcp.flags.str with U+00B7 middle dots, FT_NONE analysis flags as "1" or empty, times
 * with 9 decimals). Used by `synack-capture read -T fields` and by the corpus differential tests. One row at a
 * time; allocates the strings it returns (output path, not the tracker's hot path).
 *
 * TSHARK_FIELDS gives a field's first occurrence (tshark -E occurrence=f). A few fields occur more than once
 * in a frame (TSHARK_OCCURRENCES); `fieldText` applies tshark's occurrence and aggregator options to them.
 */
import { TCP_FIN, TCP_SYN } from '../wire/tcp-flag-bits';
import { wiretapNsec, wiretapSec } from '../capture-file/capture-record';
import type { ColoringRule, ColoringRules, RuleColumns } from '../coloring/coloring-rules';
import type { FilterContext } from '../filter/filter-context';
import { DEFAULT_COLORING_RULES } from '../coloring/default-coloring-rules';
import { ipv4RoutedDestinationOffset } from '../wire/ipv4';
import { aceValue } from './acc-ecn';
import type { CaptureRecord } from '../capture-file/capture-record';
import { ROW_BITS, type PacketColumns } from '../ipc/batch-layout';
import type { DecodedPacket } from '../wire/decoded-packet';
import { ipv4Text } from '../wire/ipv4';
import { ipv6Text } from '../wire/ipv6';
import { hexBytes } from '../wire/tcp-options';
import { tcpDissectionStopped } from '../wire/wire-problem';
import { TCP_A, TCP_A_ANY_RETRANSMISSION } from './analysis-flags';
import { type AnalysisContext } from './analysis';
import { WSCALE_NONE, WSCALE_UNKNOWN } from './conversation-state';
import { nstimeDelta, nstimeIsZero, relativeTimeText, type NsTime } from './nstime';
import type { FinalValues } from './final-values';
import type { StreamTimes } from './stream-times';
import type { FrameTimes } from './frame-times';
import { withoutSegmentLength, type TcpTracker } from './tcp-tracker';

/** What a field value is computed from: one tracked row, the packet behind it, and the stream state. */
export interface FieldRow {
  cols: PacketColumns;
  row: number;
  /** The capture record and its decoded packet (addresses, header fields, options, the file's timestamp). */
  record: CaptureRecord;
  packet: DecodedPacket;
  /** The tracker that filled the row, right after this packet (one-pass stream state: window scale, iRTT; its
   * lastContext holds this packet's exact ACK RTT). */
  tracker: TcpTracker;
  /** tcp.completeness before this packet (one-pass tshark prints that). */
  completenessBefore: number;
  /** Set for `-2`: each stream's final state, as tshark's second pass reads it. */
  final: FinalValues | null;
  /** -2: tshark's second pass flags this SYN-ACK as reusing the ports too (FinalValues.advance). */
  reusedInSecondPass?: boolean;
  /** -2: the iRTT the second pass shows at this row (FinalValues.initialRtt); undefined in one pass. */
  secondPassIrtt?: NsTime | null;
  /** tcp.time_relative / tcp.time_delta, advanced to this row. */
  times: StreamTimes;
  /** frame.time_relative / time_delta / time_delta_displayed, advanced to this row (none: those fields are empty). */
  frameTimes?: FrameTimes;
  /** tshark --color: the coloring rule fields have values (tshark applies no rules without it). */
  color?: boolean;
  /**
   * With --color: the rules to apply (default: Wireshark's), and, when some of them are display filters, the row as the
   * filter reads it (its columns and context, row 0), moved to this row by the caller.
   */
  coloring?: { rules: ColoringRules; rowView: () => { cols: RuleColumns; ctx: FilterContext } | null };
}

/** The coloring rule the row matches (shared/coloring), if any; none without --color. */
function coloringRule(r: FieldRow): ColoringRule | undefined {
  if (!r.color) return undefined;
  const rules = r.coloring?.rules ?? DEFAULT_COLORING_RULES, view = r.coloring?.rowView() ?? null;
  const k = view ? rules.match(view.cols, 0, view.ctx) : rules.match(r.cols, r.row);
  return k < 0 ? undefined : rules.rules[k];
}

/** Points `r` at the row just tracked (`r.cols` row `r.row`) and advances the stream clock. Once per TCP row. */
export function advanceFieldRow(r: FieldRow, record: CaptureRecord, packet: DecodedPacket): void {
  r.record = record;
  r.packet = packet;
  r.completenessBefore = r.tracker.completenessBefore;
  r.reusedInSecondPass = false; r.secondPassIrtt = undefined;
  r.frameTimes?.advance(record.frame, record.hasTimestamp !== false, wiretapSec(record), wiretapNsec(record));
  const stream = r.cols.stream[r.row];
  if (stream < 0) return;
  r.times.advance(stream, wiretapSec(record), wiretapNsec(record));
  r.reusedInSecondPass = r.final?.advance(stream, r.cols.dir[r.row] as 0 | 1, r.cols.tcpFlags[r.row], r.cols.seqRaw[r.row], record.frame,
    withoutSegmentLength(packet)) ?? false;
  r.secondPassIrtt = r.final?.initialRtt(stream, r.cols.tcpFlags[r.row], wiretapSec(record), wiretapNsec(record), record.frame, !packet.tcpBogusHeader);
}

const hex4 = (n: number): string => `0x${n.toString(16).padStart(4, '0')}`;
const isTcp = (r: FieldRow): boolean => r.cols.stream[r.row] >= 0;
/** TCP header bytes tshark can read: those the frame holds, within the IP payload. */
const tcpBytesCaptured = (r: FieldRow): number => Math.min(r.packet.capEnd - r.packet.l4Offset, r.packet.l4Len);
const tcp = (f: (r: FieldRow) => string) => (r: FieldRow): string => (isTcp(r) && !r.packet.tcpBogusHeader ? f(r) : '');
/** Fields a segment with a bogus header length still has: packet-tcp.c gave up right after them. */
const tcpHead = (f: (r: FieldRow) => string) => (r: FieldRow): string => (isTcp(r) ? f(r) : '');
/** The port fields, which a header cut after its ports still has (DecodedPacket.tcpPortsOnly). */
const tcpPorts = (f: (r: FieldRow) => string) => (r: FieldRow): string => (isTcp(r) || r.packet.tcpPortsOnly ? f(r) : '');
/**
 * SEQ/ACK analysis fields: packet-tcp.c prints them last, so a header whose dissection stopped early (cut by the
 * capture where a dissector reads, or at a too-short option) has none, though its analysis ran (later frames refer to it).
 */
const analysedRow = (r: FieldRow): boolean => isTcp(r) && !r.packet.tcpBogusHeader && !tcpDissectionStopped(r.packet.problem);
const analysed = (f: (r: FieldRow) => string) => (r: FieldRow): string => (analysedRow(r) ? f(r) : '');
/** The stream timestamps, printed before the options are looked at but after the checksum. */
/** A frame time field: empty for a frame without a timestamp (or without the clock). */
const frameTime = (pick: (t: FrameTimes) => NsTime) => (r: FieldRow): string => {
  const t = r.frameTimes;
  if (!t || !t.timed) return '';
  const d = pick(t);
  return relativeTimeText(d.sec, d.nsec);
};
const timed = (f: (r: FieldRow) => string) => tcp((r) => (r.packet.tcpFixedHeader ? f(r) : ''));
/** The row's TCP_A flags, with -2's second-pass reused ports (FinalValues.advance). */
const analysisBits = (r: FieldRow): number => r.cols.analysis[r.row] | (r.reusedInSecondPass ? TCP_A.REUSED_PORTS : 0);
const flag = (bit: number) => analysed((r) => (analysisBits(r) & bit ? '1' : ''));
const dir = (r: FieldRow): 0 | 1 => r.cols.dir[r.row] as 0 | 1;
const flags = (r: FieldRow): number => r.cols.tcpFlags[r.row];
/**
 * The TCP header is quoted in an ICMPv4 error, right behind the quoted IPv4 header: packet-tcp.c then adds tcp.seq
 * early and no tcp.seq_raw (the layers before tcp are ip, icmp); an ICMPv6 quote gets the regular items.
 */
const inIcmpv4Quote = (r: FieldRow): boolean => r.packet.inIcmpError && r.packet.l3 === 4;
/** The header has no segment length (withoutSegmentLength): tshark shows raw seq/ack, no tcp.len. */
const quoted = (r: FieldRow): boolean => withoutSegmentLength(r.packet);
const optional = (n: number): string => (n < 0 ? '' : String(n));
/** The stream's conversation state: final for -2, else as it stands after this packet. */
const stateOf = (r: FieldRow) => (r.final ? r.final.tracker : r.tracker).conversation(r.cols.stream[r.row]);

/** tcp.seq as printed (relative; -2 uses the direction's final base). */
const seqValue = (r: FieldRow): number => (r.final && !quoted(r)
  ? r.final.seqRel(r.cols.stream[r.row], dir(r), r.cols.seqRaw[r.row]) : r.cols.seqRel[r.row]);

/**
 * tcp.analysis.rto of the segment just analysed: for a (plain) retransmission, the time since its rto_frame was sent
 * (packet-tcp.c: shown with rto_frame only when not zero); null otherwise. `sec`/`nsec`: the packet's wiretap time.
 */
export function retransmissionTimeout(cx: AnalysisContext, sec: number, nsec: number): NsTime | null {
  if (!(cx.flags & TCP_A.RETRANSMISSION) || cx.rtoFrame === 0) return null;
  const d = nstimeDelta({ sec: 0, nsec: 0 }, sec, nsec, cx.rtoSec, cx.rtoNsec);
  return nstimeIsZero(d.sec, d.nsec) ? null : d;
}
const rto = (r: FieldRow): NsTime | null => retransmissionTimeout(r.tracker.lastContext, wiretapSec(r.record), wiretapNsec(r.record));

/** Whether this packet's ACK matched a segment of the peer (packet-tcp.c ta->frame_acked). */
const acksFrame = (r: FieldRow): boolean => r.tracker.lastContext.ackedFrame !== 0;

/**
 * tcp.analysis.ack_rtt: the exact (seconds, ns) difference the tracker kept for this packet. packet-tcp.c shows
 * it whenever the ACK matched a segment and the difference is not zero, negative ones too (the capture's clock
 * ran backwards); the batch column holds positive RTTs only.
 */
function ackRttText(r: FieldRow): string {
  const t = r.tracker.lastContext.ackRttTime;
  return acksFrame(r) && !nstimeIsZero(t.sec, t.nsec) ? relativeTimeText(t.sec, t.nsec) : '';
}

/**
 * tcp.analysis.initial_rtt sits in tshark's SEQ/ACK analysis tree, which packet-tcp.c only builds for a frame with an
 * analysis record: one with an expert flag, or one the tracker marked ROW_BITS.ANALYSIS_RECORD (tcp-tracker.ts).
 */
function initialRtt(r: FieldRow): string {
  const t = r.secondPassIrtt !== undefined ? r.secondPassIrtt : oneRtt(r);
  if (!t) return '';
  const hasAnalysis = analysisBits(r) !== 0 || (r.cols.rowBits[r.row] & ROW_BITS.ANALYSIS_RECORD) !== 0;
  return hasAnalysis ? relativeTimeText(t.sec, t.nsec) : '';
}

/** One pass: the iRTT as the stream stands after this packet (a reused pair). */
function oneRtt(r: FieldRow): NsTime | null {
  const c = r.tracker.conversation(r.cols.stream[r.row]);
  if (!c.hasIrtt) return null;
  onePassIrtt.sec = c.irttSec; onePassIrtt.nsec = c.irttNsec;
  return onePassIrtt;
}
const onePassIrtt: NsTime = { sec: 0, nsec: 0 };

/**
 * tcp.analysis.flags: any expert flag of the SEQ/ACK analysis, reused ports included: packet-tcp.c 4.0 puts a SYN's
 * new ISN on reused ports (a new stream) and a SYN-ACK's (same stream) in the segment's analysis record.
 */
function analysisFlags(r: FieldRow): string {
  return analysisBits(r) !== 0 ? '1' : '';
}

/** tcp.window_size_scalefactor: 2^shift, -1 unknown, -2 no scaling; absent on SYNs. */
function scaleFactor(r: FieldRow): string {
  if (flags(r) & TCP_SYN) return '';
  const shift = stateOf(r).d[dir(r)].winScale;
  return String(shift === WSCALE_UNKNOWN || shift === WSCALE_NONE ? shift : 2 ** shift);
}

/**
 * tcp.flags.str: one letter per flag bit from 0x800 down, U+00B7 where the bit is clear (tshark 4.0); on an AccECN
 * connection the AE, CWR and ECE letters give way to the ACE counter between dashes ("···-2-·A····").
 */
const FLAG_LETTERS = 'RRRACEUAPRSF';
function flagsText(bits: number, ace: boolean): string {
  let s = '';
  for (let i = 0; i < 12; i++) {
    if (ace && i >= 3 && i <= 5) s += i === 4 ? String(aceValue(bits)) : '-';
    else s += bits & (0x800 >> i) ? FLAG_LETTERS[i] : '\u00b7';
  }
  return s;
}

/** Whether tshark shows this row's ECN bits as the ACE counter (one pass: as the tracker saw it; -2: FinalValues). */
const usesAceCounter = (r: FieldRow): boolean => (r.final
  ? r.final.usesAce(r.cols.stream[r.row], flags(r), r.record.frame) : r.tracker.lastContext.useAce);

/**
 * frame.time_epoch as tshark prints it. A damaged pcap fraction prints as wiretap stores it (32-bit signed
 * nsecs, unnormalised): ".1000000000" for a µs field of 10^6, and display_signed_time() puts a "-" before
 * the seconds of a negative fraction.
 */
function epochText(rec: CaptureRecord): string {
  if (rec.hasTimestamp === false) return '';
  const t = rec.rawTimestamp ?? rec;
  const nsecs = t.tsNsec | 0;
  if (nsecs >= 0) return `${t.tsSec}.${String(nsecs).padStart(9, '0')}`;
  return `${t.tsSec >= 0 ? '-' : ''}${t.tsSec}.${String(-nsecs).padStart(9, '0')}`;
}

/**
 * IPv4 / IPv6 headers of the frame in order: the first one, and the innermost one when it differs (a tunnel,
 * or the datagram quoted in an ICMP error). Headers between them in a tunnel of depth ≥ 2 are not listed.
 */
function ipHeaders(p: DecodedPacket, version: 4 | 6): number[] {
  const first = version === 4 ? p.firstIpv4Offset : p.firstIpv6Offset;
  const out = first >= 0 ? [first] : [];
  if (p.l3 === version && p.ipOffset !== first) out.push(p.ipOffset);
  return out;
}
const addresses = (version: 4 | 6, at: number) => (r: FieldRow): string[] =>
  ipHeaders(r.packet, version).map((o) => (version === 4 ? ipv4Text : ipv6Text)(r.record.view, o + at));
/** ip.dst: a source route's last address when the header has one (packet-ip.c shows the header's as ip.cur_rt). */
const ipv4Destinations = (r: FieldRow): string[] => ipHeaders(r.packet, 4).map((o) =>
  ipv4Text(r.record.view, ipv4RoutedDestinationOffset(r.record.view, o, Math.min((r.record.view.getUint8(o) & 0x0f) * 4, r.packet.capEnd - o))));

/** Fields that can occur more than once in a frame: every occurrence, in tshark's order. */
export const TSHARK_OCCURRENCES: Readonly<Record<string, (r: FieldRow) => string[]>> = {
  'ip.src': addresses(4, 12),
  'ip.dst': ipv4Destinations,
  'ipv6.src': addresses(6, 8),
  'ipv6.dst': addresses(6, 24),
  // packet-tcp.c (4.0) adds this item twice: with the flag, and again with the dup-ACK number.
  'tcp.analysis.duplicate_ack': (r) => (analysedRow(r) && r.cols.analysis[r.row] & TCP_A.DUPLICATE_ACK
    ? (r.cols.dupAckNum[r.row] ? ['1', '1'] : ['1']) : []),
};
const first = (name: string) => (r: FieldRow): string => TSHARK_OCCURRENCES[name](r)[0] ?? '';

export const TSHARK_FIELDS: Readonly<Record<string, (r: FieldRow) => string>> = {
  'frame.number': (r) => String(r.cols.frame[r.row]),
  'frame.time_epoch': (r) => epochText(r.record),
  'frame.len': (r) => String(r.cols.origLen[r.row]),
  // As `tshark --color` prints them (without --color tshark applies no coloring rules and prints nothing).
  'frame.coloring_rule.name': (r) => coloringRule(r)?.name ?? '',
  'frame.coloring_rule.string': (r) => coloringRule(r)?.filter ?? '',
  'frame.cap_len': (r) => String(r.cols.capLen[r.row]),
  'frame.time_relative': frameTime((t) => t.relative),
  'frame.time_delta': frameTime((t) => t.delta),
  'frame.time_delta_displayed': frameTime((t) => t.deltaDisplayed),
  // The window's marks do not reach the command line: every frame is unmarked and not ignored, as in tshark.
  'frame.marked': () => '0',
  'frame.ignored': () => '0',
  'ip.src': first('ip.src'),
  'ip.dst': first('ip.dst'),
  'ipv6.src': first('ipv6.src'),
  'ipv6.dst': first('ipv6.dst'),
  'tcp.srcport': tcpPorts((r) => String(r.packet.srcPort)),
  'tcp.dstport': tcpPorts((r) => String(r.packet.dstPort)),
  'tcp.stream': tcpHead((r) => String(r.cols.stream[r.row])),
  'tcp.hdr_len': tcpHead((r) => String(r.packet.tcpHeaderLen)),
  'tcp.flags': tcp((r) => hex4(flags(r))),
  'tcp.flags.str': tcp((r) => flagsText(flags(r), usesAceCounter(r))),
  'tcp.flags.ace': tcp((r) => (usesAceCounter(r) ? String(aceValue(flags(r))) : '')),
  // An ICMP error quoting 8–15 bytes of a TCP header: packet-tcp.c shows the raw sequence number after the ports.
  'tcp.seq': (r) => (isTcp(r) ? String(seqValue(r))
    : r.packet.tcpPortsOnly && inIcmpv4Quote(r) && tcpBytesCaptured(r) >= 8 ? String(r.packet.seq) : ''),
  // Not for an ICMP quote; a first fragment or a header longer than the IP payload has it (measured on tshark 4.0).
  'tcp.seq_raw': tcpHead((r) => (inIcmpv4Quote(r) ? '' : String(r.cols.seqRaw[r.row]))),
  // tshark: relative seq + length, + 1 for SYN or FIN (one even when both are set); not for a quoted header.
  'tcp.nxtseq': tcp((r) => (quoted(r) ? ''
    : String((seqValue(r) + r.cols.payloadLen[r.row] + (flags(r) & (TCP_SYN | TCP_FIN) ? 1 : 0)) >>> 0))),
  'tcp.ack': tcp((r) => String(r.final && !quoted(r)
    ? r.final.ackRel(r.cols.stream[r.row], dir(r), r.cols.ackRaw[r.row], flags(r)) : r.cols.ackRel[r.row])),
  'tcp.ack_raw': tcp((r) => String(r.cols.ackRaw[r.row])),
  'tcp.len': tcpHead((r) => (quoted(r) ? '' : String(r.cols.payloadLen[r.row]))),
  'tcp.window_size_value': tcp((r) => String(r.cols.window[r.row])),
  'tcp.window_size': tcp((r) => String(r.final && !quoted(r)
    ? r.final.windowScaled(r.cols.stream[r.row], dir(r), flags(r), r.cols.window[r.row]) : r.cols.windowScaled[r.row])),
  'tcp.window_size_scalefactor': tcp(scaleFactor),
  // A header cut by the capture (a short snaplen) has no checksum or urgent pointer field in tshark.
  'tcp.checksum.status': tcp((r) => (tcpBytesCaptured(r) >= 18 ? String(r.packet.tcpChecksumStatus) : '')),
  'tcp.urgent_pointer': tcp((r) => (r.packet.tcpFixedHeader ? String(r.packet.urgentPointer) : '')),
  'tcp.options.mss_val': tcp((r) => optional(r.packet.mss)),
  'tcp.options.wscale.shift': tcp((r) => optional(r.packet.windowScaleFirst)),
  // A protocol item in 4.0, not a value: -T fields prints the option's captured bytes (kind 4, length 2 unless malformed).
  'tcp.options.sack_perm': tcp((r) => (r.packet.sackPermOffset < 0 ? '' : hexBytes(r.record.view, r.packet.sackPermOffset, r.packet.sackPermBytes))),
  'tcp.options.timestamp.tsval': tcp((r) => (r.packet.hasTimestamp || r.packet.tsValOnly ? String(r.packet.tsVal) : '')),
  'tcp.options.timestamp.tsecr': tcp((r) => (r.packet.hasTimestamp ? String(r.packet.tsEcr) : '')),
  'tcp.time_relative': timed((r) => relativeTimeText(r.times.relative.sec, r.times.relative.nsec)),
  'tcp.time_delta': timed((r) => relativeTimeText(r.times.delta.sec, r.times.delta.nsec)),
  'tcp.completeness': tcpHead((r) => String(r.final
    ? r.final.completeness(r.cols.stream[r.row], r.cols.frame[r.row]) : r.completenessBefore)),
  'tcp.analysis.flags': analysed(analysisFlags),
  'tcp.analysis.retransmission': flag(TCP_A_ANY_RETRANSMISSION),
  'tcp.analysis.fast_retransmission': flag(TCP_A.FAST_RETRANSMISSION),
  'tcp.analysis.spurious_retransmission': flag(TCP_A.SPURIOUS_RETRANSMISSION),
  'tcp.analysis.out_of_order': flag(TCP_A.OUT_OF_ORDER),
  'tcp.analysis.lost_segment': flag(TCP_A.LOST_PACKET),
  'tcp.analysis.ack_lost_segment': flag(TCP_A.ACK_LOST_PACKET),
  'tcp.analysis.duplicate_ack': first('tcp.analysis.duplicate_ack'),
  'tcp.analysis.duplicate_ack_num': analysed((r) => (r.cols.dupAckNum[r.row] ? String(r.cols.dupAckNum[r.row]) : '')),
  'tcp.analysis.acks_frame': analysed((r) => (r.cols.ackedFrame[r.row] ? String(r.cols.ackedFrame[r.row]) : '')),
  'tcp.analysis.rto': analysed((r) => { const t = rto(r); return t ? relativeTimeText(t.sec, t.nsec) : ''; }),
  'tcp.analysis.rto_frame': analysed((r) => (rto(r) ? String(r.tracker.lastContext.rtoFrame) : '')),
  'tcp.analysis.duplicate_ack_frame': analysed((r) => (r.cols.analysis[r.row] & TCP_A.DUPLICATE_ACK ? String(r.cols.relatedFrame[r.row]) : '')),
  'tcp.analysis.zero_window': flag(TCP_A.ZERO_WINDOW),
  'tcp.analysis.zero_window_probe': flag(TCP_A.ZERO_WINDOW_PROBE),
  'tcp.analysis.zero_window_probe_ack': flag(TCP_A.ZERO_WINDOW_PROBE_ACK),
  'tcp.analysis.window_update': flag(TCP_A.WINDOW_UPDATE),
  'tcp.analysis.window_full': flag(TCP_A.WINDOW_FULL),
  'tcp.analysis.keep_alive': flag(TCP_A.KEEP_ALIVE),
  'tcp.analysis.keep_alive_ack': flag(TCP_A.KEEP_ALIVE_ACK),
  'tcp.analysis.reused_ports': flag(TCP_A.REUSED_PORTS),
  'tcp.analysis.ack_rtt': analysed(ackRttText),
  'tcp.analysis.initial_rtt': analysed(initialRtt),
  // packet-tcp.c prints both only when the bytes in flight are not 0 (bytes-in-flight.ts).
  'tcp.analysis.bytes_in_flight': analysed((r) => (r.tracker.lastContext.bytesInFlight ? String(r.tracker.lastContext.bytesInFlight) : '')),
  'tcp.analysis.push_bytes_sent': analysed((r) => (r.tracker.lastContext.bytesInFlight ? String(r.tracker.lastContext.pushBytesSent) : '')),
};

/** Whether `name` is a field this module can print. */
export const isKnownField = (name: string): boolean => Object.hasOwn(TSHARK_FIELDS, name);

/** tshark -E occurrence: first, last, or all occurrences joined by the aggregator. */
export type Occurrence = 'f' | 'l' | 'a';

/** A field's text with tshark's -E occurrence and -E aggregator applied (tshark's default: 'a' and ","). */
export function fieldText(name: string, r: FieldRow, occurrence: Occurrence, aggregator: string): string {
  const all = Object.hasOwn(TSHARK_OCCURRENCES, name) ? TSHARK_OCCURRENCES[name] : null;
  if (!all) return TSHARK_FIELDS[name](r);
  const values = all(r);
  if (occurrence === 'a') return values.join(aggregator);
  return (occurrence === 'f' ? values[0] : values[values.length - 1]) ?? '';
}
