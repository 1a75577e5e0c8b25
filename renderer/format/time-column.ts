/**
 * The packet list's Time column for one row, in the chosen format (packet-time.ts) and the row's own precision: what
 * tshark -t prints in its Time column (checked against it on every corpus capture), plus Wireshark's time references.
 */
import type { StoredColumns } from '../stores/packet-columns';
import type { DerivedTimeColumns } from '../../shared/filter/derived-times';
import { ROW_BITS } from '../../shared/ipc/batch-layout';
import { frameTimeOrigin } from '../../shared/filter/time-origin';
import { dateTime, dayOfYearTime, epochSeconds, secondsText, timeOfDay, type TimeMode, type TimeZoneMode } from './packet-time';
import { sincePreviousText, sinceReferenceText } from '../../shared/filter/frame-clock';

/** What the row text needs of the time references (renderer/stores/time-references.ts). */
export interface TimeReferenceLookup {
  has(row: number): boolean;
  /** The latest reference row at or before `row`, -1 for none. */
  before(row: number): number;
}

export interface TimeColumnContext {
  cols: Pick<StoredColumns, 'frame' | 'tsSec' | 'tsNsec' | 'tsPrec' | 'rowBits' | 'stream'>;
  timeMode: TimeMode;
  zone: TimeZoneMode;
  /**
   * The rows' TCP time differences as tshark has them (shared/filter/derived-times.ts), worked out as far as the shown
   * rows for the 'conversation' mode.
   */
  timeDeltas?: Pick<DerivedTimeColumns, 'tcpDelta'>;
  /**
   * The displayed row before `row` in file order, -1 for none, while a display filter hides rows (the 'deltaDisplayed'
   * mode; without it every row is shown and it counts from the row before, as 'delta').
   */
  previousShown?: (row: number) => number;
  /** Time references (Edit ▸ Set Time Reference): they show "*REF*", and relative times count from the latest one. */
  references?: TimeReferenceLookup;
}

/**
 * The Time column of row `r` in the context's format, with the row's own precision. A time reference shows "*REF*" in
 * every format (column-utils.c COL_CHECK_REF_TIME); a row without a timestamp shows nothing.
 */
export function timeText(c: TimeColumnContext, r: number): string {
  const { cols } = c;
  if (c.references?.has(r)) return '*REF*';
  if (cols.rowBits[r] & ROW_BITS.NO_TIMESTAMP) return '';
  const sec = cols.tsSec[r], nsec = cols.tsNsec[r], digits = cols.tsPrec[r];
  switch (c.timeMode) {
    case 'datetime': return dateTime(sec, nsec, c.zone, digits);
    case 'doy': return dayOfYearTime(sec, nsec, c.zone, digits);
    case 'absolute': return timeOfDay(sec, nsec, c.zone, digits);
    case 'epoch': return epochSeconds(sec, nsec, digits);
    case 'conversation': return c.timeDeltas && cols.stream[r] >= 0 ? secondsText(c.timeDeltas.tcpDelta[r], digits) : '';
    case 'delta': return sincePreviousText(c.cols, r - 1, r, digits);
    case 'deltaDisplayed': return sinceShown(c, r, digits);
    case 'relative': {
      const fromReference = sinceReference(c, r, digits);
      if (fromReference !== null) return fromReference;
      // The same origin as the filter's frame.time_relative (0 when tshark's frame 1 is a pcapng Custom Block).
      return sinceReferenceText(cols, -1, frameTimeOrigin(cols.frame[0], cols.tsSec[0], cols.tsNsec[0]), r, digits);
    }
  }
}

/** Row r's time since the previous displayed packet (frame.time_delta_displayed) with `digits` decimals. */
export function sinceShown(c: TimeColumnContext, r: number, digits: number): string {
  return c.previousShown ? sincePreviousText(c.cols, c.previousShown(r), r, digits, true) : sincePreviousText(c.cols, r - 1, r, digits);
}

/** Row r's time since the latest time reference at or before it (frame.time_relative), null when there is none. */
export function sinceReference(c: TimeColumnContext, r: number, digits: number): string | null {
  const ref = c.references?.before(r) ?? -1;
  return ref < 0 ? null : sinceReferenceText(c.cols, ref, { sec: 0, nsec: 0 }, r, digits);
}
