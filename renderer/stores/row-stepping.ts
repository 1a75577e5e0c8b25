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

/** Selects the shown member of `set` after (or before) the selected packet, wrapping; false when no member is shown. */
export function stepTo(set: RowSet, backwards: boolean): boolean {
  const packets = usePacketsStore();
  const n = displayIndex.count;
  if (set.size === 0 || n === 0) return false;
  const selected = packets.selectedFrame === null ? -1 : packetColumns.indexOfFrame(packets.selectedFrame);
  const at = selected < 0 ? -1 : displayIndex.positionOf(selected);
  const dir = backwards ? -1 : 1;
  let pos = at < 0 ? (backwards ? n : -1) : at;
  for (let k = 0; k < n; k++) {
    pos = (pos + dir + n) % n;
    const row = displayIndex.rowAt(pos);
    if (set.has(row) && row !== selected) { packets.select(packetColumns.cols.frame[row]); return true; }
  }
  return false;
}
