/**
 * Turns a compiled display filter (shared/filter/compile.ts) into the packet list's RowSelector: the filter
 * runs over the stored columns a range at a time, with the flow table and each stream's completeness as its
 * context. The filter bar's store calls `usePacketsStore().setRowTest(toRowSelector(compiled))`.
 *
 * The stored columns keep the ACK RTT, the related, RTO and acknowledged frames, the outer flows and the cut lengths
 * sparse (packet-columns.ts): a filter that names a field reading one of them (tcp.analysis.ack_rtt, an address or port
 * …) gets it expanded for the rows it reads (field-reads.ts), and a filter that does not lets the expanded copy
 * go. The time differences (frame.time_delta, tcp.time_*) are worked out over the stored rows in file order the same
 * way, and given back when no filter needs them. `ackRaw` is not needed: `ackRel` holds the raw ack where the filter
 * would read it.
 */
import type { CompiledFilter } from '../../shared/filter/compile';
import type { FilterContext } from '../../shared/filter/filter-context';
import type { DerivedTimeColumns } from '../../shared/filter/derived-times';
import type { ByteMatch } from './byte-search';
import type { RowSelector } from './display-index';
import type { StoredColumns } from './packet-columns';
import { conversationTable, flowTable } from './conversations';
import { packetColumns } from './packet-columns';
import { markedRows, timeReferences } from './user-row-sets';
import { borrowedSparse, fieldReads, prepareReads, withReads, type ReadSources } from './field-reads';
import { PushBytesColumn } from '../../shared/filter/push-bytes';

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

/**
 * A second filter beside the applied one (an I/O graph line): it expands the shared sparse columns when it needs them
 * but never gives them back (the applied filter may be reading them), and works its time differences out apart.
 */
export function borrowedSources(timeDeltas: DerivedTimeColumns, pushBytes = new PushBytesColumn()): ReadSources {
  return { sparse: borrowedSparse(packetColumns.sparse), timeDeltas, pushBytes };
}

/**
 * `store`: the column store the rows come from (the window's one; a test may pass its own). `byteMatch`: the results of
 * the filter's contains/matches by frame (byte-search.ts); without it they match nothing.
 */
export function toRowSelector(filter: CompiledFilter, store: ReadSources = packetColumns, byteMatch?: ByteMatch): RowSelector {
  const reads = fieldReads(filter.fields);
  prepareReads(store, reads);
  return {
    select(cols: StoredColumns, from: number, to: number, out: Uint32Array, outAt: number): number {
      // One context and one set of columns per call (a range of rows), not per row.
      return filter.select(withReads(cols, store, reads, to), storedRowsContext(reads.initialRtt, byteMatch), from, to, out, outAt);
    },
  };
}
