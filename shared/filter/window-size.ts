/**
 * tcp.window_size of a row: the batch's `windowScaled` column (4 bytes a row), or where a store keeps only the shift it
 * was scaled by (`winShift`, 1 byte a row: the window is the raw field times 2^shift), that. The renderer keeps the
 * shift, so a row costs 3 bytes less and every value stays exact (a shift is at most 14 and the raw window 16 bits).
 */
import type { FilterColumns } from './filter-context';

/** `winShift` of a row without a window (the batch's windowScaled −1: not a tracked segment, or a bogus header). */
export const NO_WINDOW_SHIFT = 255;

/** The shift that turns raw window `raw` into `scaled` (the batch's windowScaled), or NO_WINDOW_SHIFT for −1. */
export function windowShiftOf(raw: number, scaled: number): number {
  if (scaled < 0) return NO_WINDOW_SHIFT;
  return raw === 0 || scaled === raw ? 0 : 31 - Math.clz32(scaled / raw);   // scaled / raw is 2^shift exactly
}

type WindowColumns = Pick<FilterColumns, 'window' | 'windowScaled' | 'winShift'>;

/** Row `i`'s tcp.window_size as the tracker worked it out (−1: the row has none). */
export function windowSizeAt(cols: WindowColumns, i: number): number {
  if (cols.windowScaled !== undefined) return cols.windowScaled[i];
  const s = cols.winShift !== undefined ? cols.winShift[i] : NO_WINDOW_SHIFT;
  return s === NO_WINDOW_SHIFT ? -1 : cols.window[i] * 2 ** s;
}
