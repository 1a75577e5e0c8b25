/**
 * The selected packet's TCP conversation facts for its detail rows (renderer/format/tcp-rows.ts), from the stored rows.
 * Only one row is read, so the sparse columns and the stream's clock are worked out for that row alone: the ACK RTT and
 * the related and acknowledged frames by a lookup, the stream times by running the stream's rows up to it through the
 * filter's own clock (derived-times.ts), the bytes sent since the last PSH by running its side's rows (push-bytes.ts).
 */
import { TimeDeltas } from '../../shared/filter/derived-times';
import type { FilterColumns } from '../../shared/filter/filter-context';
import { ROW_BITS } from '../../shared/ipc/batch-layout';
import { listTcpFacts, type ListTcpFacts } from '../format/tcp-rows';
import { pushBytesSentAt } from '../../shared/filter/push-bytes';
import { storedRowsContext } from './filter-adapter';
import { packetColumns } from './packet-columns';

export function selectedTcpFacts(row: number): ListTcpFacts | null {
  const cols = packetColumns.cols;
  if (row < 0 || row >= cols.rows || cols.stream[row] < 0) return null;
  const s = cols.stream[row], clock = new TimeDeltas();
  for (let i = 0; i <= row; i++) {
    if (cols.stream[i] === s) clock.advance(cols.frame[i], s, (cols.rowBits[i] & ROW_BITS.NO_TIMESTAMP) === 0, cols.tsSec[i], cols.tsNsec[i]);
  }
  // One-row views: the field extractors index columns by row, and only this row is read.
  const at = (v: number): Float64Array => ({ [row]: v }) as unknown as Float64Array;
  const read: FilterColumns = {
    ...cols, ackRttNs: at(packetColumns.ackRtt.get(row)), tcpTimeRelativeNs: at(clock.tcpRelativeNs), tcpTimeDeltaNs: at(clock.tcpDeltaNs),
    relatedFrame: at(cols.related.get(row)), rtoFrame: at(cols.rto.get(row)), ackedFrame: at(cols.acked.get(row)),
    pushBytesSent: at(pushBytesSentAt(cols, row)),
  };
  return listTcpFacts(read, storedRowsContext(true), row);
}
