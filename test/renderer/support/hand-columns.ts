/** Columns written by hand for a graph model's edge cases: one row per segment, times in seconds. */
import { allocateColumns } from '../../../shared/ipc/batch-layout';
import type { StoredColumns } from '../../../renderer/stores/packet-columns';

export interface HandSegment { t: number; dir: 0 | 1; seq?: number; ack?: number; len?: number; flags?: number }

export function handColumns(segs: HandSegment[]): { cols: StoredColumns; rows: Uint32Array } {
  const c = allocateColumns(segs.length);
  segs.forEach((s, i) => {
    c.frame[i] = i + 1; c.tsSec[i] = Math.floor(s.t); c.tsNsec[i] = Math.round((s.t - Math.floor(s.t)) * 1e9);
    c.dir[i] = s.dir; c.seqRel[i] = s.seq ?? 0; c.ackRel[i] = s.ack ?? 0; c.payloadLen[i] = s.len ?? 0; c.tcpFlags[i] = s.flags ?? 0x010;
  });
  c.rows = segs.length;
  return { cols: c as unknown as StoredColumns, rows: Uint32Array.from(segs.keys()) };
}
