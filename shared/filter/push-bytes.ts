/**
 * tcp.analysis.push_bytes_sent ("[Bytes sent since last PSH flag]") from stored rows. packet-tcp.c counts it per
 * direction over the segments whose bytes in flight it tracked (ROW_BITS.BIF_TRACKED): each adds its length, and the
 * one after a PSH segment starts the count again (shared/tcp/bytes-in-flight.ts pushBytes); it is shown where the
 * bytes in flight are. The rows hold the bit and the lengths, so the count is the tracker's, run again over the rows:
 * for one row (the selected packet: its stream side's rows before it), or as a column for every row, worked out in file
 * order as far as asked and kept only while a filter or a custom column names the field (8 bytes a row).
 */
import { TCP_PSH } from '../wire/tcp-flag-bits';
import { ROW_BITS } from '../ipc/batch-layout';
import type { FilterColumns } from './filter-context';
import { analysisShown } from './tcp-shown';


type PushColumns = Pick<FilterColumns, 'rows' | 'stream' | 'dir' | 'rowBits' | 'payloadLen' | 'tcpFlags' | 'bytesInFlight' | 'decodeProblem'>;

/** The count after a tracked segment of `len` bytes, from the count before and whether the previous one had PSH. */
const nextCount = (count: number, pushSetLast: boolean, len: number): number => (pushSetLast ? len : (count + len) >>> 0);

/** What row `i` shows for count `count`: the count where tshark shows the bytes in flight, else NaN. */
const shown = (cols: PushColumns, i: number, count: number): number =>
  cols.bytesInFlight[i] !== 0 && analysisShown(cols, i) ? count : NaN;

/** One stream side's count, advanced over that side's rows in file order. */
export class SidePushCount {
  private count = 0;
  private pushSetLast = false;

  /** Adds row `i`, a row of this side (rows whose bytes in flight were not tracked leave the count). */
  add(cols: PushColumns, i: number): void {
    if (!(cols.rowBits[i] & ROW_BITS.BIF_TRACKED)) return;
    this.count = nextCount(this.count, this.pushSetLast, cols.payloadLen[i]);
    this.pushSetLast = (cols.tcpFlags[i] & TCP_PSH) !== 0;
  }

  /** What row `row`, the last one added, shows: NaN where tshark shows none. */
  shownAt(cols: PushColumns, row: number): number {
    return cols.rowBits[row] & ROW_BITS.BIF_TRACKED ? shown(cols, row, this.count) : NaN;
  }
}

/** The count at row `row`, or NaN where tshark shows none. */
export function pushBytesSentAt(cols: PushColumns, row: number): number {
  if (!(cols.rowBits[row] & ROW_BITS.BIF_TRACKED)) return NaN;
  const stream = cols.stream[row], dir = cols.dir[row], side = new SidePushCount();
  for (let i = 0; i <= row; i++) if (cols.stream[i] === stream && cols.dir[i] === dir) side.add(cols, i);
  return side.shownAt(cols, row);
}

/** The count of every stored row as a column (FilterColumns.pushBytesSent), grown on demand. */
export class PushBytesColumn {
  values: Float64Array<ArrayBuffer> = new Float64Array(0);
  /** Rows worked out so far. */
  private done = 0;
  /** Per stream side (stream × 2 + dir): the count, and whether its last tracked segment had PSH. */
  private counts = new Uint32Array(0);
  private pushSetLast = new Uint8Array(0);

  /** Works out rows [done, rowCount) of `cols` (rows done are not read again). Returns this. */
  extend(cols: PushColumns, rowCount: number): this {
    const n = Math.min(rowCount, cols.rows);
    if (n <= this.done) return this;
    if (n > this.values.length) this.values = grown(this.values, Math.max(n, Math.ceil(this.values.length * 1.5), 1024), this.done);
    for (let i = this.done; i < n; i++) this.values[i] = this.advance(cols, i);
    this.done = n;
    return this;
  }

  /** Forgets every row and gives the memory back (a new capture, or nothing reads the field now). */
  clear(): void {
    this.done = 0;
    this.values = new Float64Array(0); this.counts = new Uint32Array(0); this.pushSetLast = new Uint8Array(0);
  }

  get byteLength(): number {
    return this.values.byteLength + this.counts.byteLength + this.pushSetLast.byteLength;
  }

  private advance(cols: PushColumns, i: number): number {
    if (!(cols.rowBits[i] & ROW_BITS.BIF_TRACKED)) return NaN;
    const k = 2 * cols.stream[i] + cols.dir[i];
    if (k >= this.counts.length) {
      const cap = Math.max(k + 1, this.counts.length * 2, 64);
      const counts = new Uint32Array(cap), push = new Uint8Array(cap);
      counts.set(this.counts); push.set(this.pushSetLast);
      this.counts = counts; this.pushSetLast = push;
    }
    const count = this.counts[k] = nextCount(this.counts[k], this.pushSetLast[k] === 1, cols.payloadLen[i]);
    this.pushSetLast[k] = cols.tcpFlags[i] & TCP_PSH ? 1 : 0;
    return shown(cols, i, count);
  }
}

function grown(old: Float64Array, cap: number, keep: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(cap);
  next.set(old.subarray(0, Math.min(keep, old.length)));
  return next;
}
