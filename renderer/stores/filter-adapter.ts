/**
 * Turns a compiled display filter (shared/filter/compile.ts) into the packet list's RowSelector: the filter
 * runs over the stored columns a range at a time, with the flow table and each stream's completeness as its
 * context. The filter bar's store calls `usePacketsStore().setRowTest(toRowSelector(compiled))`.
 *
 * The stored columns have no dense `ackRttNs` or `outerFlow` (packet-columns.ts keeps them sparse): a filter
 * that names tcp.analysis.ack_rtt, or an address or port field, gets the sparse column expanded for the rows
 * it reads, and a filter that does not lets the expanded copy go. The time differences (frame.time_delta,
 * tcp.time_*) are worked out over the stored rows in file order the same way, and given back when no filter needs them. `ackRaw` is not needed: `ackRel` holds the raw ack where the filter would read it.
 */
import type { CompiledFilter } from '../../shared/filter/compile';
import type { FilterContext } from '../../shared/filter/filter-context';
import type { DerivedTimeColumns, TimeColumnName } from '../../shared/filter/derived-times';
import type { ByteMatch } from './byte-search';
import type { RowSelector } from './display-index';
import type { StoredColumns } from './packet-columns';
import { conversationTable, flowTable } from './conversations';
import { packetColumns } from './packet-columns';
import { markedRows, timeReferences } from './user-row-sets';

/** The one field that reads the ACK RTT column (shared/filter/fields.ts). */
const READS_ACK_RTT = /\back_rtt\b/;
/** Fields read from flows (addresses, ports): they look at a row's outer IP layer too (shared/filter/fields.ts). */
const READS_FLOWS = /\b(ip|ipv6|udp|tcp)\.(src|dst|addr|srcport|dstport|port|proto)\b/;
/** The field that reads what a snapshot length cut off (sparse, packet-columns.ts). */
const READS_CAP_LEN = /\bframe\.cap_len\b/;
/** The field read from each stream's summary (its iRTT). */
const READS_INITIAL_RTT = /\binitial_rtt\b/;
/** Fields read from the time differences worked out over the rows in order (shared/filter/derived-times.ts), and their columns. */
const TIME_FIELDS: readonly [RegExp, TimeColumnName][] = [
  [/\bframe\.time_delta\b/, 'frameDelta'], [/\btcp\.time_relative\b/, 'tcpRelative'], [/\btcp\.time_delta\b/, 'tcpDelta'],
];

/** Completeness per stream as the conversation summaries know it now (tshark -2's value once loaded). */
function streamCompleteness(): Uint8Array {
  return conversationTable.completenessByStream();
}

/** Each stream's initial RTT (ns, -1 none) as the summaries know it now: tshark -2's value once loaded. */
function streamInitialRtt(): Float64Array {
  const out = new Float64Array(conversationTable.length);
  for (let i = 0; i < conversationTable.length; i++) out[i] = conversationTable.initialRtt(i);
  return out;
}

/**
 * What a filter or a custom column reads beside the stored rows: the flows, each stream's completeness (and iRTT when
 * `needsIrtt`), the marks and the time references. One object per call (a range of rows, a screenful), not per row.
 */
export function storedRowsContext(needsIrtt: boolean, byteMatch?: ByteMatch): FilterContext {
  return {
    flows: flowTable, streamCompleteness: streamCompleteness(), streamInitialRtt: needsIrtt ? streamInitialRtt() : undefined, byteMatch,
    marked: markedRows.size > 0 ? (row) => markedRows.has(row) : undefined, timeReferences,
  };
}

/** A sparse column's full expansion, made on demand and given back (sparse-column.ts). */
export interface DenseSource { dense(rowCount: number): Float64Array; release(): void }

/** Where a filter's expanded columns come from: the window's column store, or a second user's own (the I/O graph). */
export interface FilterColumnSources { ackRtt: DenseSource; outerFlows: DenseSource; capCut: DenseSource; timeDeltas: DerivedTimeColumns }

/**
 * A second filter beside the applied one (an I/O graph line): it expands the shared sparse columns when it needs them
 * but never gives them back (the applied filter may be reading them), and works its time differences out apart.
 */
export function borrowedSources(timeDeltas: DerivedTimeColumns): FilterColumnSources {
  const borrow = (c: DenseSource): DenseSource => ({ dense: (n) => c.dense(n), release: () => {} });
  return { ackRtt: borrow(packetColumns.ackRtt), outerFlows: borrow(packetColumns.outerFlows), capCut: borrow(packetColumns.capCut), timeDeltas };
}

/**
 * `store`: the column store the rows come from (the window's one; a test may pass its own). `byteMatch`: the results of
 * the filter's contains/matches by frame (byte-search.ts); without it they match nothing.
 */
export function toRowSelector(filter: CompiledFilter, store: FilterColumnSources = packetColumns, byteMatch?: ByteMatch): RowSelector {
  const needsRtt = READS_ACK_RTT.test(filter.text), needsOuter = READS_FLOWS.test(filter.text), needsCut = READS_CAP_LEN.test(filter.text);
  const timeColumns = TIME_FIELDS.filter(([re]) => re.test(filter.text)).map(([, name]) => name);
  const needsTimes = timeColumns.length > 0, needsIrtt = READS_INITIAL_RTT.test(filter.text);
  if (!needsRtt) store.ackRtt.release();
  if (!needsOuter) store.outerFlows.release();
  if (!needsCut) store.capCut.release();
  if (needsTimes) store.timeDeltas.keep(timeColumns); else store.timeDeltas.clear();
  return {
    select(cols: StoredColumns, from: number, to: number, out: Uint32Array, outAt: number): number {
      const ctx = storedRowsContext(needsIrtt, byteMatch);
      // One object per call (a range of rows), not per row.
      const times = needsTimes ? store.timeDeltas.extend(cols, to) : null;
      const read = needsRtt || needsOuter || needsCut || times
        ? {
          ...cols, ackRttNs: needsRtt ? store.ackRtt.dense(to) : undefined, outerFlow: needsOuter ? store.outerFlows.dense(to) : undefined,
          capCut: needsCut ? store.capCut.dense(to) : undefined,
          frameTimeDeltaNs: times?.frameDelta, tcpTimeRelativeNs: times?.tcpRelative, tcpTimeDeltaNs: times?.tcpDelta,
        }
        : cols;
      return filter.select(read, ctx, from, to, out, outAt);
    },
  };
}
