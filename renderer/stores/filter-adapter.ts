/**
 * Turns a compiled display filter (shared/filter/compile.ts) into the packet list's RowSelector: the filter
 * runs over the stored columns a range at a time, with the flow table and each stream's completeness as its
 * context. The filter bar's store calls `usePacketsStore().setRowTest(toRowSelector(compiled))`.
 *
 * The stored columns keep the ACK RTT, the related, RTO and acknowledged frames, the outer flows and the cut lengths
 * sparse (packet-columns.ts): a filter that names a field reading one of them (tcp.analysis.ack_rtt, an address or port
 * …) gets it expanded for the rows it reads (sparse-expansions.ts), and a filter that does not lets the expanded copy
 * go. The time differences (frame.time_delta, tcp.time_*) are worked out over the stored rows in file order the same
 * way, and given back when no filter needs them. `ackRaw` is not needed: `ackRel` holds the raw ack where the filter
 * would read it.
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
import { borrowed, expand, expandedColumnsRead, releaseUnread, type SparseSources } from './sparse-expansions';
import { PushBytesColumn } from '../../shared/filter/push-bytes';

/** The field worked out over each stream side's earlier rows (push-bytes.ts). */
const PUSH_BYTES = 'tcp.analysis.push_bytes_sent';
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
 * What a filter or a custom column reads beside the stored rows: the flows, each stream's completeness and window scale
 * shifts (and iRTT when `needsIrtt`), the marks and the time references. One object per call (a range of rows, a
 * screenful), not per row.
 */
export function storedRowsContext(needsIrtt: boolean, byteMatch?: ByteMatch): FilterContext {
  return {
    flows: flowTable, streamCompleteness: streamCompleteness(), streamInitialRtt: needsIrtt ? streamInitialRtt() : undefined,
    streamWindowScale: conversationTable.windowScaleByStream(), byteMatch,
    marked: markedRows.size > 0 ? (row) => markedRows.has(row) : undefined, timeReferences,
  };
}

/** Where a filter's expanded columns come from: the window's column store, or a second user's own (the I/O graph). */
export interface FilterColumnSources { sparse: SparseSources; timeDeltas: DerivedTimeColumns; pushBytes: PushBytesColumn }

/**
 * A second filter beside the applied one (an I/O graph line): it expands the shared sparse columns when it needs them
 * but never gives them back (the applied filter may be reading them), and works its time differences out apart.
 */
export function borrowedSources(timeDeltas: DerivedTimeColumns, pushBytes = new PushBytesColumn()): FilterColumnSources {
  return { sparse: borrowed(packetColumns.sparse), timeDeltas, pushBytes };
}

/**
 * `store`: the column store the rows come from (the window's one; a test may pass its own). `byteMatch`: the results of
 * the filter's contains/matches by frame (byte-search.ts); without it they match nothing.
 */
export function toRowSelector(filter: CompiledFilter, store: FilterColumnSources = packetColumns, byteMatch?: ByteMatch): RowSelector {
  const sparse = expandedColumnsRead(filter.fields);
  const timeColumns = TIME_FIELDS.filter(([re]) => re.test(filter.text)).map(([, name]) => name);
  const needsTimes = timeColumns.length > 0, needsIrtt = READS_INITIAL_RTT.test(filter.text);
  const needsPush = filter.fields.some((f) => f.name === PUSH_BYTES);
  releaseUnread(store.sparse, sparse);
  if (needsTimes) store.timeDeltas.keep(timeColumns); else store.timeDeltas.clear();
  if (!needsPush) store.pushBytes.clear();
  return {
    select(cols: StoredColumns, from: number, to: number, out: Uint32Array, outAt: number): number {
      const ctx = storedRowsContext(needsIrtt, byteMatch);
      // One object per call (a range of rows), not per row.
      const times = needsTimes ? store.timeDeltas.extend(cols, to) : null;
      const read = sparse.size > 0 || times || needsPush
        ? {
          ...cols, ...expand(store.sparse, sparse, to),
          frameTimeDeltaNs: times?.frameDelta, tcpTimeRelativeNs: times?.tcpRelative, tcpTimeDeltaNs: times?.tcpDelta,
          pushBytesSent: needsPush ? store.pushBytes.extend(cols, to).values : undefined,
        }
        : cols;
      return filter.select(read, ctx, from, to, out, outAt);
    },
  };
}
