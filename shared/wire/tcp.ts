/**
 * TCP header view (RFC 9293 §3.1). Contract: after `reset()` returns null, the header was captured through its
 * window field (16 bytes: tshark's TCP dissector has read every field the analysis needs by then, and shows the
 * segment as TCP with its stream, flags and numbers), so no getter reads out of range. A data offset below 5
 * (`bogusHeaderLength`) is the caller's to report: tshark still gives such a segment a stream and its numbers. The checksum and urgent pointer may be cut off (`checksumCaptured`, `urgentPointerCaptured`; their
 * getters give 0 then), and options may be cut short: `optionsCaptured` says how many option bytes the frame holds.
 */
import { type DetailNode, hexValue, leaf } from './detail-node';
import { describeTcpOptions } from './tcp-options';
import { TCP_ACK, TCP_AE, TCP_CWR, TCP_ECE, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, TCP_URG } from './tcp-flag-bits';
import { ProblemSlot, WireProblemCode, type WireProblem } from './wire-problem';

const SRC_PORT = 0, DST_PORT = 2, SEQ = 4, ACK = 8, OFFSET_FLAGS = 12, WINDOW = 14, CHECKSUM = 16, URGENT = 18;
export const TCP_MIN_HEADER = 20;
/** Bytes through the window field: what the analysis reads. */
export const TCP_ANALYSED_BYTES = 16;

const FLAG_NAMES: readonly [number, string][] = [
  [0x800, 'Reserved (0x800)'], [0x400, 'Reserved (0x400)'], [0x200, 'Reserved (0x200)'], [TCP_AE, 'Accurate ECN'], [TCP_CWR, 'CWR'],
  [TCP_ECE, 'ECE'], [TCP_URG, 'URG'], [TCP_ACK, 'ACK'], [TCP_PSH, 'PSH'], [TCP_RST, 'RST'], [TCP_SYN, 'SYN'],
  [TCP_FIN, 'FIN'],
];

/** tshark's field of each flag bit (the reserved bits are one field, tcp.flags.res, not offered). */
const FLAG_FIELDS: Record<string, string> = {
  'Accurate ECN': 'tcp.flags.ae', CWR: 'tcp.flags.cwr', ECE: 'tcp.flags.ece', URG: 'tcp.flags.urg', ACK: 'tcp.flags.ack',
  PSH: 'tcp.flags.push', RST: 'tcp.flags.reset', SYN: 'tcp.flags.syn', FIN: 'tcp.flags.fin',
};

function flagFilter(name: string, set: number): string | undefined {
  const field = FLAG_FIELDS[name];
  return field && `${field} == ${set ? 1 : 0}`;
}

/** View over a TCP header inside a larger buffer. Reused: `reset` re-points it, no allocation. */
export class TcpView {
  private dv!: DataView;
  private at = 0;
  private len = 0;
  private readonly problem = new ProblemSlot();

  /** `len` = bytes captured from `at`. Returns a reason when they cannot be a TCP header. */
  reset(dv: DataView, at: number, len: number): WireProblem | null {
    if (this.dv !== dv) this.dv = dv;   // per chunk, not per packet: a pointer store costs a write barrier
    this.at = at; this.len = len;
    if (len < TCP_ANALYSED_BYTES) return this.problem.set(WireProblemCode.tcpTruncated, at + Math.max(len, 0));
    return null;
  }

  /** Absolute offset of the first header byte. */
  get offset(): number { return this.at; }
  /** Source port. */
  get srcPort(): number { return this.dv.getUint16(this.at + SRC_PORT); }
  /** Destination port. */
  get dstPort(): number { return this.dv.getUint16(this.at + DST_PORT); }
  /** Raw (absolute) sequence number. */
  get seq(): number { return this.dv.getUint32(this.at + SEQ); }
  /** Raw acknowledgment number (meaningful when ACK is set). */
  get ack(): number { return this.dv.getUint32(this.at + ACK); }
  /** Header length in bytes: data offset × 4 (20..60). */
  get headerLength(): number { return (this.dv.getUint8(this.at + OFFSET_FLAGS) >> 4) * 4; }
  /** The 12 bits after the data offset, as tshark's tcp.flags (reserved bits included). */
  get flags(): number { return this.dv.getUint16(this.at + OFFSET_FLAGS) & 0x0fff; }
  /** Window field as sent (not scaled). */
  get window(): number { return this.dv.getUint16(this.at + WINDOW); }
  /** Checksum field as sent (0 when not captured). */
  get checksum(): number { return this.checksumCaptured ? this.dv.getUint16(this.at + CHECKSUM) : 0; }
  /** Urgent pointer (meaningful when URG is set; 0 when not captured). */
  get urgentPointer(): number { return this.urgentPointerCaptured ? this.dv.getUint16(this.at + URGENT) : 0; }
  get checksumCaptured(): boolean { return this.len >= CHECKSUM + 2; }
  get urgentPointerCaptured(): boolean { return this.len >= URGENT + 2; }
  /** Data offset below 5 words: "Bogus TCP header length" (headerLength < 20, no options). */
  get bogusHeaderLength(): boolean { return this.headerLength < TCP_MIN_HEADER; }
  /** The whole fixed header was captured. */
  get complete(): boolean { return this.len >= TCP_MIN_HEADER; }
  /** Option bytes the header claims (headerLength − 20). */
  get optionsLength(): number { return this.headerLength - TCP_MIN_HEADER; }
  /** Option bytes actually captured (≤ optionsLength). */
  get optionsCaptured(): number { return Math.max(0, Math.min(this.optionsLength, this.len - TCP_MIN_HEADER)); }

  /** Where a bogus header length is reported (the data offset byte). */
  get dataOffsetAt(): number { return this.at + OFFSET_FLAGS; }

  /**
   * Detail rows for the header and each option; `base` is the frame start, `payloadLen` tshark's tcp.len — null for a
   * header quoted in an ICMP error, which tshark shows without one.
   */
  describe(base: number, payloadLen: number | null, checksumNote: string): DetailNode {
    const a = this.at;
    const flags = this.flags;
    const set = FLAG_NAMES.filter(([bit]) => flags & bit).map(([, name]) => name);
    const children: DetailNode[] = [
      leaf('Source Port', String(this.srcPort), a + SRC_PORT, 2, base, `tcp.srcport == ${this.srcPort}`),
      leaf('Destination Port', String(this.dstPort), a + DST_PORT, 2, base, `tcp.dstport == ${this.dstPort}`),
      leaf('Sequence Number (raw)', String(this.seq), a + SEQ, 4, base),
      leaf('Acknowledgment Number (raw)', String(this.ack), a + ACK, 4, base),
      leaf('Header Length', `${this.headerLength} bytes (${this.headerLength / 4})`, a + OFFSET_FLAGS, 1, base),
      {
        label: 'Flags', value: `${hexValue(flags, 3)} (${set.join(', ') || 'none'})`, start: a + OFFSET_FLAGS - base, length: 2,
        filter: `tcp.flags == ${hexValue(flags, 4)}`,
        children: FLAG_NAMES.map(([bit, name]) => leaf(name, flags & bit ? 'Set' : 'Not set', a + OFFSET_FLAGS, 2, base, flagFilter(name, flags & bit))),
      },
      leaf('Window', String(this.window), a + WINDOW, 2, base, `tcp.window_size_value == ${this.window}`),
    ];
    // A header cut by the capture ends where its bytes end, as in tshark ("Packet size limited during capture").
    if (this.checksumCaptured) children.push(leaf('Checksum', `${hexValue(this.checksum, 4)}${checksumNote}`, a + CHECKSUM, 2, base));
    if (this.urgentPointerCaptured) children.push(leaf('Urgent Pointer', String(this.urgentPointer), a + URGENT, 2, base));
    if (this.optionsLength > 0) {
      children.push(describeTcpOptions(this.dv, a + TCP_MIN_HEADER, this.optionsCaptured, this.optionsLength, base));
    }
    if (payloadLen !== null) children.push(leaf('TCP Segment Len', String(payloadLen), a, 0, base, `tcp.len == ${payloadLen}`));
    return {
      label: 'Transmission Control Protocol', filter: 'tcp',
      value: `Src Port: ${this.srcPort}, Dst Port: ${this.dstPort}, Seq: ${this.seq}, Ack: ${this.ack}${payloadLen === null ? '' : `, Len: ${payloadLen}`}`,
      start: a - base, length: Math.min(this.headerLength, this.len), children,
    };
  }
}

/**
 * Detail rows of a TCP header the capture cut after its ports (4–15 bytes at `at`, which a TcpView refuses): the
 * two ports, as tshark shows them before "Packet size limited during capture".
 */
export function describeTcpPorts(dv: DataView, at: number, captured: number, base: number): DetailNode {
  const src = dv.getUint16(at + SRC_PORT), dst = dv.getUint16(at + DST_PORT);
  return {
    label: 'Transmission Control Protocol', value: `Src Port: ${src}, Dst Port: ${dst} (header cut after ${captured} bytes)`,
    start: at - base, length: captured,
    children: [leaf('Source Port', String(src), at + SRC_PORT, 2, base), leaf('Destination Port', String(dst), at + DST_PORT, 2, base)],
  };
}
