/**
 * The field registry: every display-filter field SynAck knows, with its type, a one-line description and
 * how to read it from the packet columns. Names and types follow tshark 4.0 (`tshark -G fields`); the
 * `synack.*` fields are SynAck's own.
 *
 * Row fields fill a chunk of values (`extract`) with NaN where the packet does not have the field, so any
 * comparison with an absent field is false, as in Wireshark. Multi-valued row fields (synack.state: both
 * endpoints) fill a second array too. Flow fields (addresses, ports) are read from the flow table: their
 * tests are worked out once per flow, not per packet (compile.ts), for the row's flow and, on a row with two
 * IP layers (tunnel, ICMP error), its outer flow too — tshark matches any occurrence of a field.
 */
import { ROW_BITS } from '../ipc/batch-layout';
import type { FlowInfo } from '../ipc/flow';
import { TCP_A, TCP_A_ANY_RETRANSMISSION } from '../tcp/analysis-flags';
import { nsBetween } from '../tcp/nstime';
import { TCP_ACK, TCP_AE, TCP_CWR, TCP_ECE, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, TCP_URG } from '../wire/tcp-flag-bits';
import { bit } from './eval-nodes';
import type { FilterColumns, FilterContext } from './filter-context';
import { lowerBound } from './lower-bound';
import { windowSizeAt } from './window-size';
import { PHASE_VALUES, STATE_VALUES, type NamedValue } from './synack-values';
import { analysisShown, hasTcp, hasUdp, tcpHeaderShown } from './tcp-shown';
import { frameTimeOrigin } from './time-origin';

export type FieldType =
  | 'protocol' /* present or not; frame/tcp bytes for contains */ | 'flag' /* FT_NONE: presence only */
  | 'bool' | 'uint' | 'int' /* signed (FT_INT32) */ | 'time' /* seconds, compared in ns */ | 'abstime' /* a date and time, ns since the epoch */
  | 'ipv4' | 'ipv6' | 'enum' | 'bytes';

/** Fills out[0..n) (and out2 for two-valued fields) for rows from..from+n; NaN = field absent. */
export type Extract = (cols: FilterColumns, ctx: FilterContext, from: number, n: number, out: Float64Array, out2: Float64Array) => void;

/** Which packets can carry a flow field: checked per row (the header was decoded) and per flow. */
export type FlowGate = 'ip' | 'ipv6' | 'tcp' | 'udp';

export interface RowSource {
  kind: 'row'; arity: 1 | 2; extract: Extract;
  /** A two-valued field whose second value is an outer layer's (a tunnel's, an ICMP error's): tshark lists it first. */
  outerInSecond?: boolean;
}
export interface FlowSource {
  kind: 'flow';
  gate: FlowGate;
  /** src: the sender's end, dst: the receiver's, any: both (a two-valued field such as ip.addr). */
  role: 'src' | 'dst' | 'any';
  /** The value at one end of a flow (0 = endpoint A): a number (port, IPv4 as u32) or 16 bytes (IPv6). */
  endpoint: (flow: FlowInfo, end: 0 | 1) => number | Uint8Array;
}

export interface FieldDef {
  name: string;
  type: FieldType;
  description: string;
  source: RowSource | FlowSource;
  /** Named values (synack.phase, synack.state). */
  values?: readonly NamedValue[];
  /** Largest value a number field holds (its FT_UINTn width in tshark): a bigger literal is refused, as tshark does. */
  max?: number;
  /** Smallest value of a signed number field (FT_INT32); an unsigned one holds nothing below 0. */
  min?: number;
}

const IPPROTO_AH = 51;
const isTcp = (cols: FilterColumns, i: number): boolean => cols.stream[i] >= 0;

/** A whole-column field present on every row (frame.*). */
const frameColumn = (name: 'frame' | 'origLen'): Extract => (cols, _ctx, from, n, out) => {
  const col = cols[name];
  for (let j = 0; j < n; j++) out[j] = col[from + j];
};

/** A column read only on rows whose TCP header was decoded. */
const tcpColumn = (name: 'stream' | 'step' | 'phase'): Extract => (cols, _ctx, from, n, out) => {
  const col = cols[name];
  const stream = cols.stream;
  for (let j = 0; j < n; j++) out[j] = stream[from + j] >= 0 ? col[from + j] : NaN;
};

/** A header field past the sequence number: on rows whose fixed header tshark shows (tcpHeaderShown). */
const tcpHeaderColumn = (name: 'window' | 'tcpFlags'): Extract => (cols, _ctx, from, n, out) => {
  const col = cols[name];
  for (let j = 0; j < n; j++) out[j] = tcpHeaderShown(cols, from + j) ? col[from + j] : NaN;
};

/**
 * A tcp.flags bit as a boolean (0/1), present on every TCP row whose flags tshark shows; AE, CWR and ECE are not
 * there when they are the AccECN ACE counter (tcp.flags.ace is).
 */
const tcpFlagBit = (mask: number): Extract => (cols, _ctx, from, n, out) => {
  const flags = cols.tcpFlags, rowBits = cols.rowBits, ecn = (mask & ACE_BITS) !== 0;
  for (let j = 0; j < n; j++) {
    const i = from + j;
    out[j] = tcpHeaderShown(cols, i) && !(ecn && rowBits[i] & ROW_BITS.ACE_COUNTER) ? bit((flags[i] & mask) !== 0) : NaN;
  }
};

/** tcp.flags.ace: the AccECN counter (AE 4, CWR 2, ECE 1) on rows where tshark reads those bits so. */
const aceCounter: Extract = (cols, _ctx, from, n, out) => {
  const flags = cols.tcpFlags, rowBits = cols.rowBits;
  for (let j = 0; j < n; j++) {
    const i = from + j;
    out[j] = tcpHeaderShown(cols, i) && rowBits[i] & ROW_BITS.ACE_COUNTER ? (flags[i] >> 6) & 7 : NaN;
  }
};

/** A tcp.analysis flag (FT_NONE): present (1) only when its bit is set and tshark shows the row's analysis. */
const analysisBit = (mask: number): Extract => (cols, _ctx, from, n, out) => {
  const bits = cols.analysis;
  for (let j = 0; j < n; j++) out[j] = (bits[from + j] & mask) !== 0 && analysisShown(cols, from + j) ? 1 : NaN;
};

/** A protocol: 1 when the row has it. */
const protocol = (has: (cols: FilterColumns, i: number) => boolean): Extract => (cols, _ctx, from, n, out) => {
  for (let j = 0; j < n; j++) out[j] = has(cols, from + j) ? 1 : NaN;
};

/**
 * icmp.type, icmp.code, icmpv6.type, icmpv6.code, or presence (`part` null): from the frame's ICMP header (the `icmp`
 * column: version << 16 | type << 8 | code, shared/wire/icmp-messages.ts); absent without one of that version, and on
 * every row where the column is not at hand (a store expands it for these fields).
 */
const icmpField = (version: 1 | 2, part: 'type' | 'code' | null): Extract => (cols, _ctx, from, n, out) => {
  const col = cols.icmp;
  for (let j = 0; j < n; j++) {
    const v = col ? col[from + j] : 0;
    out[j] = v >>> 16 !== version ? NaN : part === 'type' ? (v >>> 8) & 0xff : part === 'code' ? v & 0xff : 1;
  }
};

/** tcp.seq: on rows with a stream, and on an ICMPv4 quote of a cut header that shows it (raw: ROW_BITS.TCP_SEQ_QUOTED). */
const tcpSeq: Extract = (cols, _ctx, from, n, out) => {
  const seq = cols.seqRel, stream = cols.stream, bits = cols.rowBits;
  for (let j = 0; j < n; j++) {
    const i = from + j;
    out[j] = stream[i] >= 0 || (bits[i] & ROW_BITS.TCP_SEQ_QUOTED) !== 0 ? seq[i] : NaN;
  }
};

const timeRelative: Extract = (cols, ctx, from, n, out) => {
  const origin = ctx.timeOrigin ?? frameTimeOrigin(cols.frame[0], cols.tsSec[0], cols.tsNsec[0]);
  const s0 = origin.sec, ns0 = origin.nsec;
  const sec = cols.tsSec, nsec = cols.tsNsec;
  // Integer nanoseconds: exact for captures shorter than ~104 days (2^53 ns), so `== 0.290672` works.
  const bits = cols.rowBits, refs = ctx.timeReferences;
  for (let j = 0; j < n; j++) {
    const i = from + j, ref = refs ? refs.before(i) : -1;   // Wireshark's frame_ref: the latest time reference, else frame 1
    out[j] = bits[i] & ROW_BITS.NO_TIMESTAMP ? NaN
      : ref >= 0 ? (sec[i] - sec[ref]) * 1e9 + (nsec[i] - nsec[ref]) : (sec[i] - s0) * 1e9 + (nsec[i] - ns0);
  }
};

const capturedLength: Extract = (cols, _ctx, from, n, out) => {
  const cap = cols.capLen, cut = cols.capCut, orig = cols.origLen;
  for (let j = 0; j < n; j++) out[j] = cap ? cap[from + j] : orig[from + j] - (cut ? cut[from + j] : 0);
};

/** frame.marked: on every frame, 1 when the user marked it (tshark: always 0). */
const frameMarked: Extract = (_cols, ctx, from, n, out) => {
  const marked = ctx.marked;
  for (let j = 0; j < n; j++) out[j] = marked?.(from + j) ? 1 : 0;
};

/** frame.ref_time: only on a time reference frame (an FT_NONE field: present or absent). */
const frameRefTime: Extract = (_cols, ctx, from, n, out) => {
  const refs = ctx.timeReferences;
  for (let j = 0; j < n; j++) out[j] = refs?.has(from + j) ? 1 : NaN;
};

/**
 * frame.time and frame.time_epoch: nanoseconds since the epoch. Past 2^53 a double keeps them to 256 ns
 * (2001–2038), so a literal within 256 ns of a packet's time, but not equal to it, may compare as equal; equal
 * times always do (both are rounded alike). Frames without a timestamp have neither field, as frame.time_relative.
 */
const timeEpoch: Extract = (cols, _ctx, from, n, out) => {
  const sec = cols.tsSec, nsec = cols.tsNsec, bits = cols.rowBits;
  for (let j = 0; j < n; j++) out[j] = bits[from + j] & ROW_BITS.NO_TIMESTAMP ? NaN : sec[from + j] * 1e9 + nsec[from + j];
};

// tcp.len: not on a TCP header quoted in an ICMP error (tshark shows no length for it).
const tcpLen: Extract = (cols, _ctx, from, n, out) => {
  const len = cols.payloadLen, stream = cols.stream, bits = cols.rowBits;
  for (let j = 0; j < n; j++) out[j] = stream[from + j] >= 0 && !(bits[from + j] & ROW_BITS.QUOTED) ? len[from + j] : NaN;
};

// tcp.ack is on every TCP packet (tshark 4.0): relative with the ACK flag, else the raw field as sent
// (usually 0). The renderer's columns have no ackRaw; there ackRel stands in (0 without the ACK flag).
const tcpAck: Extract = (cols, _ctx, from, n, out) => {
  const ack = cols.ackRel, raw = cols.ackRaw ?? cols.ackRel, flags = cols.tcpFlags;
  for (let j = 0; j < n; j++) {
    const i = from + j;
    out[j] = !tcpHeaderShown(cols, i) ? NaN : (flags[i] & TCP_ACK) !== 0 ? ack[i] : raw[i];
  }
};

// tcp.payload: TCP data, except on a RST, whose bytes Wireshark shows as the reset cause instead.
// Only captured bytes count: a payload the snaplen cut off entirely is no tcp.payload in tshark.
export const hasTcpPayload = (c: FilterColumns, i: number): boolean =>
  c.stream[i] >= 0 && c.payloadLen[i] > 0 && (c.tcpFlags[i] & TCP_RST) === 0 && (c.rowBits[i] & ROW_BITS.PAYLOAD_CAPTURED) !== 0;

// tcp.window_size: scaled when the scale is known, else the raw value (Wireshark shows the unscaled window).
const windowSize: Extract = (cols, _ctx, from, n, out) => {
  const raw = cols.window;
  for (let j = 0; j < n; j++) {
    const i = from + j, scaled = windowSizeAt(cols, i);
    out[j] = !tcpHeaderShown(cols, i) ? NaN : scaled >= 0 ? scaled : raw[i];
  }
};

// tshark -2 prints the stream's final completeness on every packet; the running value is the fallback.
const completeness: Extract = (cols, ctx, from, n, out) => {
  const fin = ctx.streamCompleteness, stream = cols.stream, run = cols.completeness;
  for (let j = 0; j < n; j++) {
    const s = stream[from + j];
    out[j] = s < 0 ? NaN : fin !== undefined && s < fin.length ? fin[s] : run[from + j];
  }
};

/**
 * A time difference of derived-times.ts (ns; NaN where the row has none), on the rows `shown` allows: absent
 * when the columns were not given (filter-context.ts).
 */
const derivedTime = (name: 'frameTimeDeltaNs' | 'tcpTimeRelativeNs' | 'tcpTimeDeltaNs', shown: (cols: FilterColumns, i: number) => boolean): Extract =>
  (cols, _ctx, from, n, out) => {
    const col = cols[name];
    for (let j = 0; j < n; j++) out[j] = col !== undefined && shown(cols, from + j) ? col[from + j] : NaN;
  };
/**
 * tcp.time_relative / tcp.time_delta: packet-tcp.c adds them after the checksum, so a header without its 20 fixed
 * bytes (cut after the window field) has none, nor has one with a bogus data offset.
 */
const tcpTimesShown = (cols: FilterColumns, i: number): boolean =>
  tcpHeaderShown(cols, i) && (cols.rowBits[i] & ROW_BITS.TCP_FIXED_HEADER) !== 0;

// tcp.nxtseq: relative seq + length, + 1 for a SYN or FIN (once when both are set); none without a segment length.
const nxtseq: Extract = (cols, _ctx, from, n, out) => {
  const seq = cols.seqRel, len = cols.payloadLen, flags = cols.tcpFlags, bits = cols.rowBits;
  for (let j = 0; j < n; j++) {
    const i = from + j;
    out[j] = tcpHeaderShown(cols, i) && !(bits[i] & ROW_BITS.QUOTED)
      ? (seq[i] + len[i] + (flags[i] & (TCP_SYN | TCP_FIN) ? 1 : 0)) >>> 0 : NaN;
  }
};

// tcp.analysis.bytes_in_flight: the column holds 0 where packet-tcp.c shows none.
const bytesInFlight: Extract = (cols, _ctx, from, n, out) => {
  const bif = cols.bytesInFlight;
  for (let j = 0; j < n; j++) out[j] = bif[from + j] > 0 && analysisShown(cols, from + j) ? bif[from + j] : NaN;
};

const dupAckNum: Extract = (cols, _ctx, from, n, out) => {
  const num = cols.dupAckNum;
  for (let j = 0; j < n; j++) out[j] = num[from + j] > 0 && analysisShown(cols, from + j) ? num[from + j] : NaN;
};

/**
 * tcp.window_size_scalefactor: 2^shift, -1 unknown (no SYN seen), -2 no window scaling in use; packet-tcp.c adds it
 * after the window of every segment but a SYN (whose window is never scaled). The row's own shift where the columns
 * have one (the CLI), else its stream's for the row's side (the summaries: tshark -2's value).
 */
const windowScaleFactor: Extract = (cols, ctx, from, n, out) => {
  const perRow = cols.windowScale, perStream = ctx.streamWindowScale, stream = cols.stream, dir = cols.dir, flags = cols.tcpFlags;
  for (let j = 0; j < n; j++) {
    const i = from + j, k = 2 * stream[i] + dir[i];
    const shift = perRow !== undefined ? perRow[i] : perStream !== undefined && k >= 0 && k < perStream.length ? perStream[k] : NaN;
    out[j] = tcpHeaderShown(cols, i) && !(flags[i] & TCP_SYN) ? (shift < 0 ? shift : 2 ** shift) : NaN;
  }
};

/** A frame number the tracker wrote for a row (0: none) on rows whose analysis tshark shows and `has` allows. */
const frameReference = (name: 'relatedFrame' | 'ackedFrame', has: (cols: FilterColumns, i: number) => boolean): Extract =>
  (cols, _ctx, from, n, out) => {
    const col = cols[name];
    for (let j = 0; j < n; j++) {
      const i = from + j, v = col !== undefined ? col[i] : 0;
      out[j] = v > 0 && analysisShown(cols, i) && has(cols, i) ? v : NaN;
    }
  };
const isDupAck = (cols: FilterColumns, i: number): boolean => (cols.analysis[i] & TCP_A.DUPLICATE_ACK) !== 0;

/**
 * tcp.analysis.rto: for a retransmission (the plain kind: packet-tcp.c works out no RTO for a fast or spurious one), the
 * time since its rto_frame was sent (tshark 4.0: the eldest segment still unacknowledged, else the frame that last
 * advanced the sender's next sequence number; the `rtoFrame` column); shown only when not zero. The row's own value
 * where the columns have one (the CLI), else the two rows' times (exact nanoseconds: the times the tracker used).
 */
const rtoNs = (cols: FilterColumns, i: number): number => {
  if (!(cols.analysis[i] & TCP_A.RETRANSMISSION) || cols.analysis[i] & TCP_A.DUPLICATE_ACK || !analysisShown(cols, i)) return NaN;
  if (cols.rtoNs !== undefined) return cols.rtoNs[i];
  const frame = cols.rtoFrame !== undefined ? cols.rtoFrame[i] : 0;
  const at = frame > 0 ? lowerBound(cols.frame, cols.rows, frame) : cols.rows;
  if (at >= cols.rows || cols.frame[at] !== frame) return NaN;
  const ns = nsBetween(cols.tsSec[i], cols.tsNsec[i], cols.tsSec[at], cols.tsNsec[at]);
  return ns !== 0 ? ns : NaN;
};
const rto: Extract = (cols, _ctx, from, n, out) => {
  for (let j = 0; j < n; j++) out[j] = rtoNs(cols, from + j);
};
const rtoFrame: Extract = (cols, _ctx, from, n, out) => {
  const frames = cols.rtoFrame;
  for (let j = 0; j < n; j++) out[j] = frames !== undefined && !Number.isNaN(rtoNs(cols, from + j)) ? frames[from + j] : NaN;
};

// tcp.analysis.push_bytes_sent: worked out by whoever holds the rows (push-bytes.ts), NaN where tshark shows none.
const pushBytesSent: Extract = (cols, _ctx, from, n, out) => {
  const col = cols.pushBytesSent;
  for (let j = 0; j < n; j++) out[j] = col !== undefined && analysisShown(cols, from + j) ? col[from + j] : NaN;
};

// tcp.analysis.ack_rtt: the tracker sets it whenever tshark 4.0 has one, on an RST without the ACK flag too.
const ackRtt: Extract = (cols, _ctx, from, n, out) => {
  const rtt = cols.ackRttNs;
  for (let j = 0; j < n; j++) {
    const i = from + j;
    out[j] = rtt !== undefined && analysisShown(cols, i) ? rtt[i] : NaN;   // NaN: none (negative when the clock ran backwards)
  }
};

/**
 * tcp.analysis.initial_rtt: the stream's iRTT (the row's own value when the columns have one, else the context's per
 * stream), on a row whose analysis tshark shows and that has an analysis record (an expert flag or
 * ROW_BITS.ANALYSIS_RECORD). A negative iRTT (the clock ran backwards) counts; -1 is "none", as in the summaries.
 */
const initialRtt: Extract = (cols, ctx, from, n, out) => {
  const perRow = cols.initialRttNs, perStream = ctx.streamInitialRtt, stream = cols.stream, bits = cols.rowBits, analysis = cols.analysis;
  for (let j = 0; j < n; j++) {
    const i = from + j, s = stream[i];
    const v = perRow !== undefined ? perRow[i] : perStream !== undefined && s >= 0 && s < perStream.length ? perStream[s] : NaN;
    const record = analysis[i] !== 0 || (bits[i] & ROW_BITS.ANALYSIS_RECORD) !== 0;
    out[j] = s >= 0 && record && v !== -1 && analysisShown(cols, i) && !(bits[i] & ROW_BITS.QUOTED) ? v : NaN;
  }
};

const endpointStates: Extract = (cols, _ctx, from, n, out, out2) => {
  const a = cols.stateA, b = cols.stateB, stream = cols.stream;
  for (let j = 0; j < n; j++) {
    const tcp = stream[from + j] >= 0;
    out[j] = tcp ? a[from + j] : NaN;
    out2[j] = tcp ? b[from + j] : NaN;
  }
};

/**
 * ip.proto at both IPv4 layers a row can have: the innermost (51 when an authentication header follows it, else the
 * protocol decoded) and the outer one's (a tunnel's, an ICMP error's), from its flow; tshark matches either.
 */
const ipProto: Extract = (cols, ctx, from, n, out, out2) => {
  const l3 = cols.l3, proto = cols.proto, bits = cols.rowBits, outer = cols.outerFlow;
  for (let j = 0; j < n; j++) {
    const i = from + j;
    out[j] = l3[i] === 4 ? (bits[i] & ROW_BITS.IPV4_AH ? IPPROTO_AH : proto[i]) : NaN;
    const f = outer !== undefined && outer[i] >= 0 ? ctx.flows.at(outer[i]) : undefined;
    out2[j] = f !== undefined && f.l3 === 4 ? f.proto : NaN;
  }
};

const ipv4Number = (b: Uint8Array): number => ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
const ipv4End = (f: FlowInfo, end: 0 | 1): number => ipv4Number(end === 0 ? f.addrBytesA : f.addrBytesB);
const ipv6End = (f: FlowInfo, end: 0 | 1): Uint8Array => (end === 0 ? f.addrBytesA : f.addrBytesB);
const portEnd = (f: FlowInfo, end: 0 | 1): number => (end === 0 ? f.portA : f.portB);

// ip / ipv6 / udp at any layer, as tshark: a tunnel's outer header, an ICMP error's own IP header, and an
// IP header cut short or with a wrong version (which the row's l3 does not name) count too.
const hasIpv4 = (c: FilterColumns, i: number): boolean => c.l3[i] === 4 || (c.rowBits[i] & ROW_BITS.IPV4_SEEN) !== 0;
const hasIpv6 = (c: FilterColumns, i: number): boolean => c.l3[i] === 6 || (c.rowBits[i] & ROW_BITS.IPV6_SEEN) !== 0;

const row = (extract: Extract, arity: 1 | 2 = 1): RowSource => ({ kind: 'row', arity, extract });
const flow = (gate: FlowGate, role: FlowSource['role'], endpoint: FlowSource['endpoint']): FlowSource =>
  ({ kind: 'flow', gate, role, endpoint });

function field(name: string, type: FieldType, description: string, source: RowSource | FlowSource, values?: readonly NamedValue[]): FieldDef {
  return values ? { name, type, description, source, values } : { name, type, description, source };
}

/** The flag bits an AccECN connection reads as the ACE counter. */
const ACE_BITS = 0x1c0;

/** tcp.flags.* booleans, in tshark's bit order (12 bits: 0xE00 reserved, 0x100 AE … 0x001 FIN). */
const FLAG_BITS: readonly [string, number, string][] = [
  ['res', 0xe00, 'reserved bits'], ['ae', TCP_AE, 'accurate ECN (formerly NS)'], ['cwr', TCP_CWR, 'congestion window reduced'],
  ['ece', TCP_ECE, 'ECN echo'], ['urg', TCP_URG, 'urgent pointer is valid'], ['ack', TCP_ACK, 'acknowledgment number is valid'],
  ['push', TCP_PSH, 'push the data to the application'], ['reset', TCP_RST, 'reset the connection'],
  ['syn', TCP_SYN, 'synchronize sequence numbers (open)'], ['fin', TCP_FIN, 'no more data from the sender (close)'],
];

/** tcp.analysis.* flags with Wireshark's TCP_A_* bits (packet-tcp.h). */
const ANALYSIS_BITS: readonly [string, number, string][] = [
  // Wireshark adds the retransmission item for fast and spurious retransmissions too (packet-tcp.c).
  ['retransmission', TCP_A_ANY_RETRANSMISSION, 'segment carries data already sent (fast and spurious ones too)'],
  ['lost_segment', TCP_A.LOST_PACKET, 'previous segment not captured'],
  ['ack_lost_segment', TCP_A.ACK_LOST_PACKET, 'ACKs a segment the capture did not see'],
  ['keep_alive', TCP_A.KEEP_ALIVE, 'keep-alive probe'],
  ['duplicate_ack', TCP_A.DUPLICATE_ACK, 'duplicate ACK'],
  ['zero_window', TCP_A.ZERO_WINDOW, 'receiver advertises a zero window'],
  ['zero_window_probe', TCP_A.ZERO_WINDOW_PROBE, 'probe into a zero window'],
  ['zero_window_probe_ack', TCP_A.ZERO_WINDOW_PROBE_ACK, 'answer to a zero-window probe'],
  ['keep_alive_ack', TCP_A.KEEP_ALIVE_ACK, 'answer to a keep-alive'],
  ['out_of_order', TCP_A.OUT_OF_ORDER, 'segment arrived out of order'],
  ['fast_retransmission', TCP_A.FAST_RETRANSMISSION, 'retransmission after duplicate ACKs'],
  ['window_update', TCP_A.WINDOW_UPDATE, 'only the window changed'],
  ['window_full', TCP_A.WINDOW_FULL, 'segment fills the receiver\'s window'],
  ['reused_ports', TCP_A.REUSED_PORTS, 'new SYN on a 4-tuple already used'],
  ['spurious_retransmission', TCP_A.SPURIOUS_RETRANSMISSION, 'retransmission of data already ACKed'],
];

const FIELD_LIST: FieldDef[] = [
  field('frame', 'protocol', 'the frame (every packet); frame contains/matches looks in all its bytes', row(protocol(() => true))),
  field('frame.number', 'uint', 'frame number, from 1', row(frameColumn('frame'))),
  field('frame.len', 'uint', 'frame length on the wire, bytes', row(frameColumn('origLen'))),
  field('frame.cap_len', 'uint', 'bytes captured of the frame (less than frame.len where a snapshot length cut it)', row(capturedLength)),
  field('frame.time', 'abstime', 'when the frame was captured: "2011-07-04 12:34:56", local time unless it ends in UTC or Z', row(timeEpoch)),
  field('frame.time_epoch', 'time', 'when the frame was captured, in seconds since 1970-01-01 UTC', row(timeEpoch)),
  field('frame.time_relative', 'time', 'seconds since the first packet, or since the latest time reference before it', row(timeRelative)),
  field('frame.time_delta', 'time', 'seconds since the previous frame', row(derivedTime('frameTimeDeltaNs', () => true))),
  field('ip', 'protocol', 'IPv4', row(protocol(hasIpv4))),
  field('ip.src', 'ipv4', 'IPv4 source address', flow('ip', 'src', ipv4End)),
  field('ip.dst', 'ipv4', 'IPv4 destination address', flow('ip', 'dst', ipv4End)),
  field('ip.addr', 'ipv4', 'IPv4 source or destination address', flow('ip', 'any', ipv4End)),
  field('ip.proto', 'uint', 'protocol the IPv4 header carries (6 TCP, 17 UDP, 1 ICMP, 47 GRE …)', { ...row(ipProto, 2), outerInSecond: true }),
  field('ipv6', 'protocol', 'IPv6', row(protocol(hasIpv6))),
  field('ipv6.src', 'ipv6', 'IPv6 source address', flow('ipv6', 'src', ipv6End)),
  field('ipv6.dst', 'ipv6', 'IPv6 destination address', flow('ipv6', 'dst', ipv6End)),
  field('ipv6.addr', 'ipv6', 'IPv6 source or destination address', flow('ipv6', 'any', ipv6End)),
  field('udp', 'protocol', 'UDP', row(protocol(hasUdp))),
  field('udp.srcport', 'uint', 'UDP source port', flow('udp', 'src', portEnd)),
  field('udp.dstport', 'uint', 'UDP destination port', flow('udp', 'dst', portEnd)),
  field('udp.port', 'uint', 'UDP source or destination port', flow('udp', 'any', portEnd)),
  field('icmp', 'protocol', 'ICMP (IPv4)', row(icmpField(1, null))),
  field('icmp.type', 'uint', 'ICMP message type (3 destination unreachable, 11 time exceeded, 8 echo request …)', row(icmpField(1, 'type'))),
  field('icmp.code', 'uint', 'ICMP message code (for type 3: 3 port unreachable, 4 fragmentation needed, 13 administratively filtered …)', row(icmpField(1, 'code'))),
  field('icmpv6', 'protocol', 'ICMPv6', row(icmpField(2, null))),
  field('icmpv6.type', 'uint', 'ICMPv6 message type (1 destination unreachable, 2 packet too big, 3 time exceeded, 128 echo request …)', row(icmpField(2, 'type'))),
  field('icmpv6.code', 'uint', 'ICMPv6 message code (for type 1: 1 administratively prohibited, 4 port unreachable …)', row(icmpField(2, 'code'))),
  field('tcp', 'protocol', 'TCP; tcp contains/matches looks in the TCP payload', row(protocol(hasTcp))),
  field('tcp.srcport', 'uint', 'TCP source port', flow('tcp', 'src', portEnd)),
  field('tcp.dstport', 'uint', 'TCP destination port', flow('tcp', 'dst', portEnd)),
  field('tcp.port', 'uint', 'TCP source or destination port', flow('tcp', 'any', portEnd)),
  field('tcp.stream', 'uint', 'TCP conversation index, from 0', row(tcpColumn('stream'))),
  field('tcp.seq', 'uint', 'sequence number (relative)', row(tcpSeq)),
  field('tcp.ack', 'uint', 'acknowledgment number (relative when the ACK flag is set)', row(tcpAck)),
  field('tcp.len', 'uint', 'TCP payload length, bytes', row(tcpLen)),
  field('tcp.nxtseq', 'uint', 'next sequence number: relative seq + length (+1 for SYN or FIN)', row(nxtseq)),
  field('tcp.payload', 'bytes', 'TCP payload bytes (present when tcp.len > 0, not on a RST)', row(protocol(hasTcpPayload))),
  field('tcp.window_size_value', 'uint', 'window field as sent (unscaled)', row(tcpHeaderColumn('window'))),
  field('tcp.window_size', 'uint', 'window after scaling (unscaled when the scale is unknown)', row(windowSize)),
  field('tcp.window_size_scalefactor', 'int', 'what the window is multiplied by: 2^shift, -1 unknown (no SYN seen), -2 no window scaling', row(windowScaleFactor)),
  field('tcp.flags', 'uint', 'the 12 flag bits (0x002 SYN, 0x010 ACK …)', row(tcpHeaderColumn('tcpFlags'))),
  ...FLAG_BITS.map(([n, bit, d]) => field(`tcp.flags.${n}`, 'bool', d, row(tcpFlagBit(bit)))),
  field('tcp.flags.ace', 'uint', 'AccECN ACE counter: CE-marked packets received, modulo 8 (AE, CWR, ECE)', row(aceCounter)),
  field('tcp.completeness', 'uint', 'conversation completeness: 1 SYN, 2 SYN-ACK, 4 ACK, 8 data, 16 FIN, 32 RST', row(completeness)),
  // Every TCP_A_* bit, reused ports included (tshark 4.0 on the corpus: reused_ports always comes with flags).
  field('tcp.time_relative', 'time', 'seconds since the first packet of this TCP stream', row(derivedTime('tcpTimeRelativeNs', tcpTimesShown))),
  field('tcp.time_delta', 'time', 'seconds since the previous packet of this TCP stream', row(derivedTime('tcpTimeDeltaNs', tcpTimesShown))),
  field('tcp.analysis.flags', 'flag', 'any TCP analysis flag is set', row(analysisBit(0xffff))),
  ...ANALYSIS_BITS.map(([n, bit, d]) => field(`tcp.analysis.${n}`, 'flag', d, row(analysisBit(bit)))),
  field('tcp.analysis.duplicate_ack_num', 'uint', 'n of a duplicate ACK (#n)', row(dupAckNum)),
  field('tcp.analysis.duplicate_ack_frame', 'uint', 'frame of the ACK a duplicate ACK repeats', row(frameReference('relatedFrame', isDupAck))),
  field('tcp.analysis.acks_frame', 'uint', 'frame of the segment this ACK acknowledges', row(frameReference('ackedFrame', () => true))),
  field('tcp.analysis.ack_rtt', 'time', 'seconds from a segment to the ACK that covers it', row(ackRtt)),
  field('tcp.analysis.bytes_in_flight', 'uint', 'bytes the sender has sent that are not acknowledged yet (data segments)', row(bytesInFlight)),
  field('tcp.analysis.push_bytes_sent', 'uint', 'bytes the sender has sent since its last segment with PSH (where bytes in flight are shown)', row(pushBytesSent)),
  field('tcp.analysis.initial_rtt', 'time', 'the connection\'s initial RTT: SYN to the first ACK of the handshake', row(initialRtt)),
  field('tcp.analysis.rto', 'time', 'a retransmission\'s timeout: seconds since its rto_frame was sent', row(rto)),
  field('tcp.analysis.rto_frame', 'uint', 'frame the retransmission timeout counts from (the oldest segment not yet acknowledged)', row(rtoFrame)),
  field('synack', 'protocol', 'packets SynAck tracked as TCP', row(protocol(isTcp))),
  field('synack.phase', 'enum', 'conversation phase: handshake, data, close, reset', row(tcpColumn('phase')), PHASE_VALUES),
  field('synack.step', 'uint', 'step within the phase: handshake 1-3, close 1-4, 0 extra', row(tcpColumn('step'))),
  field('synack.state', 'enum', 'RFC 9293 state of either endpoint after the packet', row(endpointStates, 2), STATE_VALUES),
  // What the window's user sets: last, as they are the least typed.
  field('frame.marked', 'bool', 'the packet is marked (Edit ▸ Mark/Unmark Packet): 1 or 0', row(frameMarked)),
  field('frame.ref_time', 'flag', 'the packet is a time reference (Edit ▸ Set/Unset Time Reference)', row(frameRefTime)),
  field('frame.ignored', 'bool', 'the packet is ignored by the dissectors: always 0 (SynAck ignores none)', row((_c, _x, _f, n, out) => { out.fill(0, 0, n); })),
];

/** Number fields narrower than 32 bits (tshark -G fields: FT_UINT16, FT_UINT8); the other uint fields are FT_UINT32. */
const NARROW: Readonly<Record<string, number>> = {
  'ip.proto': 0xff, 'udp.srcport': 0xffff, 'udp.dstport': 0xffff, 'udp.port': 0xffff, 'tcp.srcport': 0xffff, 'tcp.dstport': 0xffff,
  'icmp.type': 0xff, 'icmp.code': 0xff, 'icmpv6.type': 0xff, 'icmpv6.code': 0xff,
  'tcp.port': 0xffff, 'tcp.window_size_value': 0xffff, 'tcp.flags': 0xffff, 'tcp.flags.ace': 0xffff, 'tcp.completeness': 0xff, 'synack.step': 0xff,
};
for (const f of FIELD_LIST) if (f.type === 'uint') f.max = NARROW[f.name] ?? 0xffffffff;
for (const f of FIELD_LIST) if (f.type === 'int') { f.min = -0x80000000; f.max = 0x7fffffff; }

export const FIELDS: ReadonlyMap<string, FieldDef> = new Map(FIELD_LIST.map((f) => [f.name, f]));

/**
 * The optional columns (filter-context.ts) a store may keep sparse and expand for the fields that read them: the
 * renderer expands these, and only these, for a filter or a custom column that names such a field.
 */
export type ExpandedColumn = 'ackRttNs' | 'outerFlow' | 'capCut' | 'relatedFrame' | 'rtoFrame' | 'ackedFrame' | 'icmp';
const EXPANDED_BY_FIELD: Readonly<Record<string, readonly ExpandedColumn[]>> = {
  'tcp.analysis.ack_rtt': ['ackRttNs'], 'frame.cap_len': ['capCut'], 'ip.proto': ['outerFlow'],
  'tcp.analysis.duplicate_ack_frame': ['relatedFrame'], 'tcp.analysis.rto': ['rtoFrame'], 'tcp.analysis.rto_frame': ['rtoFrame'],
  'tcp.analysis.acks_frame': ['ackedFrame'],
  ...Object.fromEntries(['icmp', 'icmp.type', 'icmp.code', 'icmpv6', 'icmpv6.type', 'icmpv6.code'].map((f) => [f, ['icmp']])),
};

/** The optional columns field `def` reads: an address or port also reads the row's outer IP layer (a tunnel's). */
export function expandedColumnsOf(def: FieldDef): readonly ExpandedColumn[] {
  return def.source.kind === 'flow' ? ['outerFlow'] : EXPANDED_BY_FIELD[def.name] ?? [];
}

/** A field by its exact name (Wireshark field names are lower case). */
export function lookupField(name: string): FieldDef | undefined {
  return FIELDS.get(name);
}
