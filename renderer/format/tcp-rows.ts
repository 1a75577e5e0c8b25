/**
 * The TCP rows Wireshark's dissector works out from the conversation (tshark -V), added to the worker's Transmission
 * Control Protocol node from the rows the window holds: "[Stream index]" and "[Conversation completeness]" after the ports, the relative "Sequence Number", "[Next Sequence Number]" and "Acknowledgment Number" around the
 * raw ones, "[Calculated window size]" and "[Window size scaling factor]" after the window, and at the end "[Timestamps]"
 * and "[SEQ/ACK analysis]" (the segment an ACK covers and its RTT, iRTT, bytes in flight and sent since the last PSH, the
 * analysis flags with a retransmission's RTO, the duplicate ACK's number and original; each shown where tshark shows it). The worker reads a frame back
 * alone and cannot know them. Values are the custom columns' (shared/filter/field-column.ts, checked
 * against tshark), so each row also offers Apply as Filter and Apply as Column on its field.
 */
import { TCP_ACK } from '../../shared/wire/tcp-flag-bits';
import { fieldColumnText, fieldColumnValues, parseFieldColumn, type FieldColumn } from '../../shared/filter/field-column';
import type { FilterColumns, FilterContext } from '../../shared/filter/filter-context';
import { FIELD_TITLES } from '../../shared/filter/field-titles';
import type { DetailNode } from '../../shared/wire/detail-node';
import { ROW_BITS } from '../../shared/ipc/batch-layout';
import { analysisEntries } from './tcp-analysis-text';

/** The fields the rows show, by name: their text as the packet list would show it ('' when the packet has none). */
const FIELDS = [
  'tcp.stream', 'tcp.completeness', 'tcp.seq', 'tcp.nxtseq', 'tcp.ack', 'tcp.window_size', 'tcp.window_size_scalefactor',
  'tcp.time_relative', 'tcp.time_delta', 'tcp.analysis.acks_frame', 'tcp.analysis.initial_rtt', 'tcp.analysis.ack_rtt',
  'tcp.analysis.bytes_in_flight', 'tcp.analysis.push_bytes_sent', 'tcp.analysis.rto', 'tcp.analysis.rto_frame', 'tcp.analysis.duplicate_ack_num',
  'tcp.analysis.duplicate_ack_frame',
] as const;
type TcpField = (typeof FIELDS)[number];
const COLUMNS = new Map<TcpField, FieldColumn>(FIELDS.map((f) => {
  const p = parseFieldColumn(f);
  if (!p.ok) throw new Error(p.message);
  return [f, p.column];
}));

export interface ListTcpFacts {
  text: Record<TcpField, string>;
  completeness: number;
  /** tcp.flags (the ACK bit decides how the ack is labelled), the analysis bits. */
  flags: number;
  analysis: number;
}

/**
 * The facts of row `row`, or null when it has no TCP header SynAck tracked, or only one quoted in an ICMP error (its
 * node sits inside the ICMP node, where tshark shows raw numbers: none are added there).
 */
export function listTcpFacts(cols: FilterColumns, ctx: FilterContext, row: number): ListTcpFacts | null {
  if (cols.stream[row] < 0 || (cols.rowBits[row] & ROW_BITS.QUOTED) !== 0) return null;
  const text = Object.fromEntries(FIELDS.map((f) => [f, fieldColumnText(COLUMNS.get(f)!, cols, ctx, row)])) as Record<TcpField, string>;
  const completeness = Number(fieldColumnValues(COLUMNS.get('tcp.completeness')!, cols, ctx, row)[0]?.value ?? cols.completeness[row]);
  return { text, completeness, flags: cols.tcpFlags[row], analysis: cols.analysis[row] };
}

const leaf = (label: string, value: string, filter?: string): DetailNode => ({ label, value, start: 0, length: 0, ...(filter ? { filter } : {}) });

/** The fields whose value is a frame number (FT_FRAMENUM): their rows link to that packet. */
const FRAME_FIELDS: ReadonlySet<TcpField> = new Set(['tcp.analysis.acks_frame', 'tcp.analysis.rto_frame', 'tcp.analysis.duplicate_ack_frame']);

/** A node for field `f` when the packet has it: `label`, its text (+ `unit`), its filter (and the frame it names). */
function fieldRow(facts: ListTcpFacts, f: TcpField, label: string, unit = ''): DetailNode[] {
  const v = facts.text[f];
  if (v === '') return [];
  const node = leaf(label, `${v}${unit}`, `${f} == ${f === 'tcp.completeness' ? facts.completeness : v}`);
  return [FRAME_FIELDS.has(f) ? { ...node, frame: Number(v) } : node];
}

function analysisNode(facts: ListTcpFacts): DetailNode[] {
  const children = [
    ...fieldRow(facts, 'tcp.analysis.acks_frame', '[This is an ACK to the segment in frame]'),
    ...fieldRow(facts, 'tcp.analysis.ack_rtt', '[The RTT to ACK the segment was]', ' seconds'),
    ...fieldRow(facts, 'tcp.analysis.initial_rtt', '[iRTT]', ' seconds'),
    ...fieldRow(facts, 'tcp.analysis.bytes_in_flight', '[Bytes in flight]'),
    ...fieldRow(facts, 'tcp.analysis.push_bytes_sent', '[Bytes sent since last PSH flag]'),
  ];
  const flags = analysisEntries(facts.analysis);
  if (flags.length > 0) {
    children.push({
      ...leaf('[TCP Analysis Flags]', flags.map((a) => a.tag).join(', '), 'tcp.analysis.flags'),
      children: [
        ...flags.map((a) => leaf(`[${FIELD_TITLES[`tcp.analysis.${a.field}`]}]`, '', `tcp.analysis.${a.field}`)),
        ...fieldRow(facts, 'tcp.analysis.rto', '[The RTO for this segment was]', ' seconds'),
        ...fieldRow(facts, 'tcp.analysis.rto_frame', '[RTO based on delta from frame]'),
      ],
    });
  }
  children.push(...fieldRow(facts, 'tcp.analysis.duplicate_ack_num', '[Duplicate ACK #]'));
  children.push(...fieldRow(facts, 'tcp.analysis.duplicate_ack_frame', '[Duplicate to the ACK in frame]'));
  return children.length === 0 ? [] : [{ ...leaf('[SEQ/ACK analysis]', ''), children }];
}

/** tshark -V's words after a window scaling factor that is not a factor. */
const SCALE_WORDS: Readonly<Record<string, string>> = { '-1': ' (unknown)', '-2': ' (no window scaling used)' };

function timestampsNode(facts: ListTcpFacts): DetailNode[] {
  const children = [
    ...fieldRow(facts, 'tcp.time_relative', '[Time since first frame in this TCP stream]', ' seconds'),
    ...fieldRow(facts, 'tcp.time_delta', '[Time since previous frame in this TCP stream]', ' seconds'),
  ];
  return children.length === 0 ? [] : [{ ...leaf('[Timestamps]', ''), children }];
}


/** The TCP node's children with Wireshark's conversation rows in their places. */
function tcpChildren(children: readonly DetailNode[], facts: ListTcpFacts): DetailNode[] {
  const out: DetailNode[] = [];
  for (const n of children) {
    if (n.label === 'Sequence Number (raw)') out.push(...fieldRow(facts, 'tcp.seq', 'Sequence Number', '    (relative sequence number)'));
    if (n.label === 'Acknowledgment Number (raw)') {
      out.push(...fieldRow(facts, 'tcp.ack', 'Acknowledgment Number', facts.flags & TCP_ACK ? '    (relative ack number)' : ''));
    }
    out.push(n);
    if (n.label === 'Destination Port') {
      out.push(...fieldRow(facts, 'tcp.stream', '[Stream index]'));
      out.push(...fieldRow(facts, 'tcp.completeness', '[Conversation completeness]'));
    }
    if (n.label === 'Sequence Number (raw)') out.push(...fieldRow(facts, 'tcp.nxtseq', '[Next Sequence Number]', '    (relative sequence number)'));
    if (n.label === 'Window') {
      out.push(...fieldRow(facts, 'tcp.window_size', '[Calculated window size]'));
      out.push(...fieldRow(facts, 'tcp.window_size_scalefactor', '[Window size scaling factor]', SCALE_WORDS[facts.text['tcp.window_size_scalefactor']] ?? ''));
    }
  }
  return [...out, ...timestampsNode(facts), ...analysisNode(facts)];
}

/** `tree` with the rows added to its (innermost) Transmission Control Protocol node; unchanged without facts. */
export function withListTcpRows(tree: DetailNode[], facts: ListTcpFacts | null): DetailNode[] {
  if (!facts) return tree;
  let k = -1;
  tree.forEach((n, i) => { if (n.label === 'Transmission Control Protocol') k = i; });
  if (k < 0) return tree;
  return tree.map((n, i) => (i === k ? { ...n, children: tcpChildren(n.children ?? [], facts) } : n));
}
