/**
 * A conversation table counted again over some packets (tshark's `-z conv,tcp,FILTER` and `-z endpoints,tcp,FILTER`, the
 * app's "Limit to display filter"): per tcp.stream, the packets, bytes and payload each endpoint sent among the rows
 * added, and the first and last of them. Only rows the tracker counted in their conversation belong here
 * (ROW_BITS.CONVERSATION_COUNTED): `addRow` skips the others. One small record per stream with such a row.
 */
import { ROW_BITS, type PacketColumns } from '../ipc/batch-layout';

/** The columns a row is counted from (the worker's batch columns and the window's stored ones alike). */
export type CountedColumns = Pick<PacketColumns, 'stream' | 'dir' | 'frame' | 'origLen' | 'payloadLen' | 'tsSec' | 'tsNsec' | 'rowBits'>;
export interface StreamTotals {
  /** Index 0: sent by the flow's endpoint A; 1: by B. */
  packets: [number, number]; bytes: [number, number]; payload: [number, number];
  /** Who sent the first row (tshark's A of the limited table), and the first and last rows' frames and times. */
  firstDir: 0 | 1;
  firstFrame: number; firstSec: number; firstNsec: number; lastFrame: number; lastSec: number; lastNsec: number;
}

export class ConversationTotals {
  private readonly byStream = new Map<number, StreamTotals>();

  /** Adds row `row` of `cols` (rows in file order) when its conversation counted it; answers whether it did. */
  addRow(cols: CountedColumns, row: number): boolean {
    const s = cols.stream[row];
    if (s < 0 || (cols.rowBits[row] & ROW_BITS.CONVERSATION_COUNTED) === 0) return false;
    this.add(s, cols.dir[row], cols.frame[row], cols.origLen[row], cols.payloadLen[row], cols.tsSec[row], cols.tsNsec[row]);
    return true;
  }

  private add(stream: number, dir: number, frame: number, origLen: number, payloadLen: number, sec: number, nsec: number): void {
    const d = dir === 1 ? 1 : 0;
    let t = this.byStream.get(stream);
    if (!t) {
      t = { packets: [0, 0], bytes: [0, 0], payload: [0, 0], firstDir: d, firstFrame: frame, firstSec: sec, firstNsec: nsec, lastFrame: 0, lastSec: 0, lastNsec: 0 };
      this.byStream.set(stream, t);
    }
    t.packets[d]++; t.bytes[d] += origLen; t.payload[d] += payloadLen;
    t.lastFrame = frame; t.lastSec = sec; t.lastNsec = nsec;
  }

  get(stream: number): StreamTotals | undefined {
    return this.byStream.get(stream);
  }

  /** The streams with a row, ascending. */
  streams(): Uint32Array {
    return Uint32Array.from(this.byStream.keys()).sort();
  }
}
