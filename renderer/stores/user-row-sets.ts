/**
 * The rows a user singles out in the open capture: marked packets (marked-packets.ts) and time references
 * (time-references.ts). Module state like the columns; packets.ts clears both with the rows, and its display index
 * always shows the references.
 */
import type { TimeReferenceLookup } from '../format/time-column';
import { RowSet } from './row-set';

export const markedRows = new RowSet();
export const timeReferenceRows = new RowSet();

/** The references as the row text and the display filter read them (frame.ref_time, frame.time_relative). */
export const timeReferences: TimeReferenceLookup = {
  has: (row) => timeReferenceRows.size > 0 && timeReferenceRows.has(row),
  before: (row) => timeReferenceRows.atOrBefore(row),
};
