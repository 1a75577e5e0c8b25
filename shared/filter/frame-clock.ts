/**
 * The frame clock over stored rows, read at any row (the packet list's Time column, a custom column of frame.time_relative
 * or frame.time_delta), exactly as wiretap and Wireshark's frame dissector keep it:
 * - since the latest time reference at or before the row (`ref`), else since the file's first frame (`origin`,
 *   time-origin.ts: 0 when tshark's frame 1 is a pcapng Custom Block);
 * - since the previous row (`prev`): none before frame 1 (0); a frame without a timestamp counts as time 0; a frame
 *   tshark numbers without a row (a Custom Block) carries the time of the record before it, 0 at the file's start — so
 *   a row counts from the row before it whatever blocks lie between. `filtered`: `prev` is the previous displayed row,
 *   and none means no displayed frame before (0).
 * Seconds and nanoseconds stay apart (a difference from time 0 is ~10^18 ns, past a double's integers). The command line's
 * streaming clock (shared/tcp/frame-times.ts) states the same rules for one pass.
 */
import { ROW_BITS } from '../ipc/batch-layout';
import { differenceText } from '../tcp/nstime';
import type { FilterColumns } from './filter-context';

type ClockColumns = Pick<FilterColumns, 'frame' | 'tsSec' | 'tsNsec' | 'rowBits'>;

/** Row `i`'s time since row `ref` (≥ 0), else since `origin`, with `digits` decimals. */
export function sinceReferenceText(cols: ClockColumns, ref: number, origin: { sec: number; nsec: number }, i: number, digits = 9): string {
  const from = ref >= 0 ? { sec: cols.tsSec[ref], nsec: cols.tsNsec[ref] } : origin;
  return differenceText(from.sec, from.nsec, cols.tsSec[i], cols.tsNsec[i], digits);
}

/** Row `i`'s time since row `prev` (-1: none) by wiretap's rules, with `digits` decimals. */
export function sincePreviousText(cols: ClockColumns, prev: number, i: number, digits = 9, filtered = false): string {
  const sec = cols.tsSec[i], nsec = cols.tsNsec[i];
  if (prev < 0) return filtered || cols.frame[i] === 1 ? differenceText(sec, nsec, sec, nsec, digits) : differenceText(0, 0, sec, nsec, digits);
  if (cols.rowBits[prev] & ROW_BITS.NO_TIMESTAMP) return differenceText(0, 0, sec, nsec, digits);
  return differenceText(cols.tsSec[prev], cols.tsNsec[prev], sec, nsec, digits);
}
