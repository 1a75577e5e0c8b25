/**
 * Wireshark's Statistics ▸ Capture File Properties, as far as the stored rows tell it — for every packet and for the
 * displayed ones: the first and last packet time, the span between them, the bytes on the wire, the averages per
 * second and per packet, and whether the times only ever go forward. capinfos(1) computes the same figures
 * (capinfos.c: earliest and latest time, data size as the sum of original lengths); the test compares with it.
 */
import { ROW_BITS } from '../../shared/ipc/batch-layout';
import type { StoredColumns } from '../stores/packet-columns';

export interface CaptureFigures {
  packets: number;
  /** Earliest and latest packet time (null without any timestamped packet). */
  first: { sec: number; nsec: number } | null;
  last: { sec: number; nsec: number } | null;
  /** Seconds between them. */
  durationSec: number;
  /** Bytes on the wire (frame.len summed). */
  dataBytes: number;
  /** Per second of the span (0 when the span is 0), and per packet. */
  bytesPerSec: number; bitsPerSec: number; packetsPerSec: number; avgPacketBytes: number;
  /** Every packet's time at or after the one before it (capinfos's "Strict time order"). */
  strictOrder: boolean;
}

const before = (aSec: number, aNsec: number, b: { sec: number; nsec: number }): boolean => aSec < b.sec || (aSec === b.sec && aNsec < b.nsec);

/** The figures of `rows` (ascending stored rows; null: every row). */
export function captureFigures(cols: StoredColumns, rows: ArrayLike<number> | null, n = rows?.length ?? cols.rows): CaptureFigures {
  let first: { sec: number; nsec: number } | null = null, last: { sec: number; nsec: number } | null = null, prev: { sec: number; nsec: number } | null = null;
  let dataBytes = 0, strictOrder = true;
  for (let k = 0; k < n; k++) {
    const r = rows === null ? k : rows[k];
    dataBytes += cols.origLen[r];
    if (cols.rowBits[r] & ROW_BITS.NO_TIMESTAMP) continue;
    const sec = cols.tsSec[r], nsec = cols.tsNsec[r];
    if (!first || before(sec, nsec, first)) first = { sec, nsec };
    if (!last || before(last.sec, last.nsec, { sec, nsec })) last = { sec, nsec };
    if (prev && before(sec, nsec, prev)) strictOrder = false;
    prev = { sec, nsec };
  }
  const durationSec = first && last ? (last.sec - first.sec) + (last.nsec - first.nsec) / 1e9 : 0;
  const per = (x: number): number => (durationSec > 0 ? x / durationSec : 0);
  return {
    packets: n, first, last, durationSec, dataBytes, bytesPerSec: per(dataBytes), bitsPerSec: per(dataBytes * 8),
    packetsPerSec: per(n), avgPacketBytes: n > 0 ? dataBytes / n : 0, strictOrder,
  };
}
