/**
 * tcp.analysis.push_bytes_sent ("[Bytes sent since last PSH flag]") of one stored row. packet-tcp.c counts it per
 * direction over the segments whose bytes in flight it tracked (ROW_BITS.BIF_TRACKED): each adds its length, and the
 * one after a PSH segment starts the count again (shared/tcp/bytes-in-flight.ts pushBytes); it is shown where the
 * bytes in flight are. The rows hold the bit and the lengths, so the count is the tracker's, run again over the row's
 * stream and side up to it. For one row at a time (the selected packet): the work is the rows before it.
 */
import { ROW_BITS } from '../ipc/batch-layout';
import type { FilterColumns } from './filter-context';
import { analysisShown } from './tcp-shown';

const TH_PUSH = 0x008;

type PushColumns = Pick<FilterColumns, 'stream' | 'dir' | 'rowBits' | 'payloadLen' | 'tcpFlags' | 'bytesInFlight' | 'decodeProblem'>;

/** The count at row `row`, or NaN where tshark shows none. */
export function pushBytesSentAt(cols: PushColumns, row: number): number {
  if (cols.bytesInFlight[row] === 0 || !(cols.rowBits[row] & ROW_BITS.BIF_TRACKED) || !analysisShown(cols, row)) return NaN;
  const stream = cols.stream[row], dir = cols.dir[row];
  let count = 0, pushSetLast = false;
  for (let i = 0; i <= row; i++) {
    if (cols.stream[i] !== stream || cols.dir[i] !== dir || !(cols.rowBits[i] & ROW_BITS.BIF_TRACKED)) continue;
    count = pushSetLast ? cols.payloadLen[i] : (count + cols.payloadLen[i]) >>> 0;
    pushSetLast = (cols.tcpFlags[i] & TH_PUSH) !== 0;
  }
  return count;
}
