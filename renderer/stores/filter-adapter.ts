/**
 * Turns a compiled display filter (shared/filter/compile.ts) into the packet list's RowSelector: the filter
 * runs over the stored columns a range at a time, with the flow table and each stream's completeness as its
 * context. The filter bar's store calls `usePacketsStore().setRowTest(toRowSelector(compiled))`.
 */
import type { CompiledFilter } from '../../shared/filter/compile';
import type { FilterContext } from '../../shared/filter/filter-context';
import type { RowSelector } from './display-index';
import type { StoredColumns } from './packet-columns';
import { conversationTable, flowTable } from './conversations';

/** Completeness per stream as the conversation summaries know it now (tshark -2's value once loaded). */
function streamCompleteness(): Uint8Array {
  const out = new Uint8Array(conversationTable.length);
  for (let i = 0; i < conversationTable.length; i++) out[i] = conversationTable[i]?.completeness ?? 0;
  return out;
}

export function toRowSelector(filter: CompiledFilter): RowSelector {
  return {
    select(cols: StoredColumns, from: number, to: number, out: Uint32Array, outAt: number): number {
      const ctx: FilterContext = { flows: flowTable, streamCompleteness: streamCompleteness() };
      return filter.select(cols, ctx, from, to, out, outAt);
    },
  };
}
