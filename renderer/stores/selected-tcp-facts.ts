/**
 * The selected packet's TCP conversation facts for its detail rows (renderer/format/tcp-rows.ts), from the stored rows.
 * Only one row is read, so the sparse columns and the stream's clock are worked out for that row alone: the ACK RTT and
 * the related and acknowledged frames by a lookup; the stream times and the bytes sent since the last PSH by one run
 * over the stream's rows up to it, through the filter's own clock (derived-times.ts) and count (push-bytes.ts).
 */
import { TimeDeltas } from '../../shared/filter/derived-times';
import type { FilterColumns } from '../../shared/filter/filter-context';
import { ROW_BITS } from '../../shared/ipc/batch-layout';
import { listTcpFacts, type ListTcpFacts } from '../format/tcp-rows';
import { SidePushCount } from '../../shared/filter/push-bytes';
import { storedRowsContext } from './filter-adapter';
import { packetColumns } from './packet-columns';

export function selectedTcpFacts(row: number): ListTcpFacts | null {
  const cols = packetColumns.cols;
  if (row < 0 || row >= cols.rows || cols.stream[row] < 0) return null;
  const s = cols.stream[row], side = cols.dir[row], clock = new TimeDeltas(), push = new SidePushCount();
  for (let i = 0; i <= row; i++) {
    if (cols.stream[i] !== s) continue;
    clock.advance(cols.frame[i], s, (cols.rowBits[i] & ROW_BITS.NO_TIMESTAMP) === 0, cols.tsSec[i], cols.tsNsec[i]);
    if (cols.dir[i] === side) push.add(cols, i);
  }
  // One-row views: the field extractors index columns by row, and only this row is read.
  const at = (v: number): Float64Array => ({ [row]: v }) as unknown as Float64Array;
  const read: FilterColumns = {
    ...cols, ackRttNs: at(packetColumns.ackRtt.get(row)), tcpTimeRelativeNs: at(clock.tcpRelativeNs), tcpTimeDeltaNs: at(clock.tcpDeltaNs),
    relatedFrame: at(cols.related.get(row)), rtoFrame: at(cols.rto.get(row)), ackedFrame: at(cols.acked.get(row)),
    pushBytesSent: at(push.shownAt(cols, row)),
  };
  return listTcpFacts(read, storedRowsContext(true), row);
}
