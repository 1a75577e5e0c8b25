/**
 * The text of one packet-list row, built from the columns for the rows on screen only (a few dozen per
 * frame), so plain strings and a small object per visible row are fine here. Info follows Wireshark's
 * TCP Info column ("[TCP Dup ACK 6#1] 57273 → 8080 [ACK] Seq=2 Ack=1 Win=12759 Len=0"), preceded by
 * SynAck's phase step. An ICMP message's row shows what tshark shows: its own IP addresses and its type and code, also
 * when it quotes a TCP header (whose stream, flags and numbers fill the TCP columns).
 */
import { TCP_ACK } from '../../shared/wire/tcp-flag-bits';
import type { StoredColumns } from '../stores/packet-columns';
import type { FlowInfo, FlowLookup } from '../../shared/ipc/flow';
import { ROW_BITS } from '../../shared/ipc/batch-layout';
import { tcpdumpFlags, wiresharkFlags } from './tcp-flags';
import { analysisTags, worstSeverity } from './tcp-analysis-text';
import type { Severity } from './tcp-analysis-text';
import { phaseClass, stepLabel } from './tcp-labels';
import { timeText, type TimeColumnContext } from './time-column';
import { windowSizeAt } from '../../shared/filter/window-size';
import { icmpFromColumn, icmpInfo } from '../../shared/wire/icmp-messages';

export interface RowText {
  row: number;
  frame: number;
  time: string;
  source: string;
  destination: string;
  flags: string;
  flagBits: number;
  seq: string;
  ack: string;
  win: string;
  len: string;
  /** tcp.stream, '' when not TCP. */
  stream: string;
  step: string;
  info: string;
  phase: string;
  severity: Severity | null;
  /** The custom columns' cells by column id (`custom-<n>`), for the columns the context names. */
  custom: Record<string, string>;
}

/** A custom column as the row text needs it: its id and its cell for a row (renderer/stores/custom-columns.ts). */
export interface CustomCells { id: string; text(row: number): string }

/** What rowText needs: the stored rows, the flows, and how the Time column shows them (time-column.ts). */
export interface RowContext extends TimeColumnContext {
  cols: StoredColumns;
  flows: FlowLookup;
  /** The shown custom columns (none: rows have no custom cells). */
  custom?: readonly CustomCells[];
}

const TCP = 6;

function endpoints(flow: FlowInfo | undefined, dir: number): [string, string, number, number] {
  if (!flow) return ['—', '—', 0, 0];
  const a = flow.addrA, b = flow.addrB;
  return dir === 0 ? [a, b, flow.portA, flow.portB] : [b, a, flow.portB, flow.portA];
}

/** Text for stored row `r`. */
export function rowText(c: RowContext, r: number): RowText {
  const { cols } = c;
  const flow = cols.flow[r] >= 0 ? c.flows.at(cols.flow[r]) : undefined;
  const [src, dst, sport, dport] = endpoints(flow, cols.dir[r]);
  const icmp = icmpFromColumn(cols.icmpMessage.get(r));
  const isTcp = cols.proto[r] === TCP && cols.stream[r] >= 0;
  const bits = cols.tcpFlags[r];
  const step = isTcp ? stepLabel(cols.phase[r], cols.step[r]) : '';
  const tags = isTcp ? analysisTags(cols.analysis[r], cols.related.get(r), cols.dupAckNum[r]) : [];
  const hasAck = (bits & TCP_ACK) !== 0;
  const scaled = windowSizeAt(cols, r), shown = scaled >= 0 ? scaled : cols.window[r];
  // A TCP header quoted in an ICMP error has no segment length in tshark (no tcp.len): none is shown.
  const quoted = (cols.rowBits[r] & ROW_BITS.QUOTED) !== 0;
  const info = icmp ? icmpInfo(icmp.v6, icmp.type, icmp.code)
    : isTcp ? [...tags, `${sport} → ${dport} [${wiresharkFlags(bits)}] Seq=${cols.seqRel[r]}${hasAck ? ` Ack=${cols.ackRel[r]}` : ''} Win=${shown}${quoted ? '' : ` Len=${cols.payloadLen[r]}`}`].join(' ')
    : cols.rowBits[r] & ROW_BITS.IP_FRAGMENT ? `IPv${cols.l3[r]} fragment of ${ipProtocolName(cols.proto[r])}, ${cols.origLen[r]} bytes`
      : `${protoName(cols.proto[r])} ${cols.origLen[r]} bytes`;
  const [source, destination] = icmp ? icmpEndpoints(c, r, src, dst) : flow
    ? [joinPort(src, sport, isTcp || flow.proto === 17), joinPort(dst, dport, isTcp || flow.proto === 17)] : [src, dst];
  return {
    row: r,
    frame: cols.frame[r],
    time: timeText(c, r),
    source,
    destination,
    flags: isTcp ? tcpdumpFlags(bits) : '',
    flagBits: isTcp ? bits : 0,
    seq: isTcp || cols.rowBits[r] & ROW_BITS.TCP_SEQ_QUOTED ? String(cols.seqRel[r]) : '',
    ack: isTcp && hasAck ? String(cols.ackRel[r]) : '',
    win: isTcp ? String(cols.window[r]) : '',
    len: isTcp && !quoted ? String(cols.payloadLen[r]) : '',
    stream: isTcp ? String(cols.stream[r]) : '',
    step,
    info,
    phase: isTcp ? phaseClass(cols.phase[r]) : 'other',
    severity: isTcp ? worstSeverity(cols.analysis[r]) : null,
    custom: c.custom ? Object.fromEntries(c.custom.map((x) => [x.id, x.text(r)])) : {},
  };
}

/** An ICMP message's sender and receiver: its own IP layer's, the outer one when it quotes a datagram. */
function icmpEndpoints(c: RowContext, r: number, src: string, dst: string): [string, string] {
  const id = c.cols.outer.get(r), outer = id >= 0 ? c.flows.at(id) : undefined;
  if (!outer) return [src, dst];
  const [s, d] = endpoints(outer, c.cols.rowBits[r] & ROW_BITS.OUTER_DIR ? 1 : 0);
  return [s, d];
}

function joinPort(addr: string, port: number, withPort: boolean): string {
  if (!withPort) return addr;
  return addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`;
}

function protoName(p: number): string {
  return p === 0 ? 'Non-IP frame' : ipProtocolName(p);
}

/** An IP protocol number by name where it has a common one. */
function ipProtocolName(p: number): string {
  return p === 6 ? 'TCP' : p === 17 ? 'UDP' : p === 1 ? 'ICMP' : p === 58 ? 'ICMPv6' : `IP proto ${p}`;
}

/** The columns whose text a row has. */
export type TextColumn = Exclude<keyof RowText, 'row' | 'flagBits' | 'step' | 'phase' | 'severity' | 'custom'> | `custom-${number}`;

/** A cell's text as the list shows it: the flags in tcpdump's brackets, Info after its phase step, a custom column's value. */
export function cellText(t: RowText, column: TextColumn): string {
  if (column.startsWith('custom-')) return t.custom[column] ?? '';
  if (column === 'flags') return t.flags ? `[${t.flags}]` : '';
  if (column === 'info') return t.step ? `${t.step} ${t.info}` : t.info;
  return String(t[column as Exclude<TextColumn, `custom-${number}`>]);
}
