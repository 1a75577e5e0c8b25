/**
 * Walking the packet list to the next or previous member of a row set (Next Mark, Previous Time Reference …): in the
 * list's shown order from the selected packet, wrapping around, as Wireshark's Go menu walks its packet list.
 */
import { displayIndex, usePacketsStore } from './packets';
import { packetColumns } from './packet-columns';
import type { RowSet } from './row-set';

/** The shown rows in file order (a copy). */
export function shownRowsInFileOrder(): Uint32Array {
  const n = displayIndex.count;
  if (displayIndex.rows === null) return Uint32Array.from({ length: n }, (_, i) => i);
  return displayIndex.rows.slice(0, n).sort();
}

/** A walk over the shown rows from the selected packet: `position(k)` for k = 1 … count, wrapping around once. */
export interface ListWalk { count: number; at: number; start: number; backwards: boolean; position: (k: number) => number }

/** The display positions in walk order from the selected packet (from either end when none is shown selected). */
export function walkFromSelection(backwards: boolean): ListWalk {
  const count = displayIndex.count, sel = usePacketsStore().selectedFrame;
  const at = sel === null ? -1 : displayIndex.positionOf(packetColumns.indexOfFrame(sel));
  const start = at >= 0 ? at : backwards ? count : -1;
  const step = backwards ? -1 : 1;
  return { count, at, start, backwards, position: (k) => (((start + step * k) % count) + count) % count };
}

/** Selects the shown member of `set` after (or before) the selected packet, wrapping; false when no member is shown. */
export function stepTo(set: RowSet, backwards: boolean): boolean {
  if (set.size === 0) return false;
  const w = walkFromSelection(backwards), packets = usePacketsStore();
  const selected = packets.selectedFrame === null ? -1 : packetColumns.indexOfFrame(packets.selectedFrame);
  for (let k = 1; k <= w.count; k++) {
    const row = displayIndex.rowAt(w.position(k));
    if (set.has(row) && row !== selected) { packets.select(packetColumns.cols.frame[row]); return true; }
  }
  return false;
}
