/**
 * tshark `-T fields` values for the fields SynAck computes, formatted as tshark 4.0 prints them
 * (tcp.flags as 0x0012, FT_NONE analysis flags as "1" or empty, times with 9 decimals). Used by
 * `synack-capture read -T fields` and by the corpus differential test. One row at a time; allocates the
 * strings it returns (output path, not the tracker's hot path).
 */
import type { PacketColumns } from '../ipc/batch-layout';
import { TCP_A, TH_ACK } from './analysis';
import type { FinalValues } from './final-values';

/** What a field value is computed from: the row's columns, plus the final values for `-2`. */
export interface FieldRow {
  cols: PacketColumns;
  row: number;
  /** tcp.completeness before this packet (one-pass tshark prints that). */
  completenessBefore: number;
  /** Set for `-2`. */
  final: FinalValues | null;
  hasTimestamp: boolean;
  /** The TCP header is quoted inside an ICMP error (tshark: raw seq/ack, no tcp.len, no seq_raw). */
  quoted: boolean;
}

const ns9 = (ns: number): string => {
  const neg = ns < 0 ? '-' : '';
  const a = Math.round(Math.abs(ns));
  return `${neg}${Math.floor(a / 1e9)}.${String(a % 1e9).padStart(9, '0')}`;
};
const hex4 = (n: number): string => `0x${n.toString(16).padStart(4, '0')}`;
const isTcp = (r: FieldRow): boolean => r.cols.stream[r.row] >= 0;
const tcp = (f: (r: FieldRow) => string) => (r: FieldRow): string => (isTcp(r) ? f(r) : '');
const flag = (bit: number) => tcp((r) => (r.cols.analysis[r.row] & bit ? '1' : ''));
const dir = (r: FieldRow): 0 | 1 => r.cols.dir[r.row] as 0 | 1;

export const TSHARK_FIELDS: Readonly<Record<string, (r: FieldRow) => string>> = {
  'frame.number': (r) => String(r.cols.frame[r.row]),
  'frame.time_epoch': (r) => (r.hasTimestamp ? `${r.cols.tsSec[r.row]}.${String(r.cols.tsNsec[r.row]).padStart(9, '0')}` : ''),
  'frame.len': (r) => String(r.cols.origLen[r.row]),
  'frame.cap_len': (r) => String(r.cols.capLen[r.row]),
  'tcp.stream': tcp((r) => String(r.cols.stream[r.row])),
  'tcp.flags': tcp((r) => hex4(r.cols.tcpFlags[r.row])),
  'tcp.seq': tcp((r) => String(r.final && !r.quoted ? r.final.seqRel(r.cols.stream[r.row], dir(r), r.cols.seqRaw[r.row]) : r.cols.seqRel[r.row])),
  'tcp.seq_raw': tcp((r) => (r.quoted ? '' : String(r.cols.seqRaw[r.row]))),
  'tcp.ack': tcp((r) => String(r.final && !r.quoted
    ? r.final.ackRel(r.cols.stream[r.row], dir(r), r.cols.ackRaw[r.row], r.cols.tcpFlags[r.row]) : r.cols.ackRel[r.row])),
  'tcp.ack_raw': tcp((r) => String(r.cols.ackRaw[r.row])),
  'tcp.len': tcp((r) => (r.quoted ? '' : String(r.cols.payloadLen[r.row]))),
  'tcp.window_size_value': tcp((r) => String(r.cols.window[r.row])),
  'tcp.window_size': tcp((r) => String(r.final && !r.quoted
    ? r.final.windowScaled(r.cols.stream[r.row], dir(r), r.cols.tcpFlags[r.row], r.cols.window[r.row]) : r.cols.windowScaled[r.row])),
  'tcp.completeness': tcp((r) => String(r.final
    ? r.final.completeness(r.cols.stream[r.row], r.cols.frame[r.row]) : r.completenessBefore)),
  'tcp.analysis.flags': tcp((r) => (r.cols.analysis[r.row] & ~TCP_A.REUSED_PORTS ? '1' : '')),
  'tcp.analysis.retransmission': flag(TCP_A.RETRANSMISSION | TCP_A.FAST_RETRANSMISSION | TCP_A.SPURIOUS_RETRANSMISSION),
  'tcp.analysis.fast_retransmission': flag(TCP_A.FAST_RETRANSMISSION),
  'tcp.analysis.spurious_retransmission': flag(TCP_A.SPURIOUS_RETRANSMISSION),
  'tcp.analysis.out_of_order': flag(TCP_A.OUT_OF_ORDER),
  'tcp.analysis.lost_segment': flag(TCP_A.LOST_PACKET),
  'tcp.analysis.ack_lost_segment': flag(TCP_A.ACK_LOST_PACKET),
  'tcp.analysis.duplicate_ack': flag(TCP_A.DUPLICATE_ACK),
  'tcp.analysis.duplicate_ack_num': tcp((r) => (r.cols.dupAckNum[r.row] ? String(r.cols.dupAckNum[r.row]) : '')),
  'tcp.analysis.duplicate_ack_frame': tcp((r) => (r.cols.analysis[r.row] & TCP_A.DUPLICATE_ACK ? String(r.cols.relatedFrame[r.row]) : '')),
  'tcp.analysis.zero_window': flag(TCP_A.ZERO_WINDOW),
  'tcp.analysis.zero_window_probe': flag(TCP_A.ZERO_WINDOW_PROBE),
  'tcp.analysis.zero_window_probe_ack': flag(TCP_A.ZERO_WINDOW_PROBE_ACK),
  'tcp.analysis.window_update': flag(TCP_A.WINDOW_UPDATE),
  'tcp.analysis.window_full': flag(TCP_A.WINDOW_FULL),
  'tcp.analysis.keep_alive': flag(TCP_A.KEEP_ALIVE),
  'tcp.analysis.keep_alive_ack': flag(TCP_A.KEEP_ALIVE_ACK),
  'tcp.analysis.reused_ports': flag(TCP_A.REUSED_PORTS),
  'tcp.analysis.ack_rtt': tcp((r) => (r.cols.ackRttNs[r.row] > 0 && r.cols.tcpFlags[r.row] & TH_ACK ? ns9(r.cols.ackRttNs[r.row]) : '')),
};

/** Whether `name` is a field this module can print. */
export const isKnownField = (name: string): boolean => Object.hasOwn(TSHARK_FIELDS, name);
