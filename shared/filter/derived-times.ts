/**
 * The display filter's time differences that no packet column holds: frame.time_delta (since the previous
 * frame) and tcp.time_relative / tcp.time_delta (since the first / previous packet of the same tcp.stream,
 * packet-tcp.c tcp_calculate_timestamps). They depend on earlier rows, so `TimeDeltas` works them out a row at a
 * time in file order (the CLI's -Y feeds it each packet, with wiretap's times), and `DerivedTimeColumns` keeps
 * them as Float64 columns of nanoseconds that grow with the stored rows, for a filter that reads any range of rows
 * (renderer/stores/filter-adapter.ts; a filter that does not name these fields never pays for them).
 *
 * Every row of a tcp.stream moves its clock, an ICMP-quoted header included, as tshark counts it (-T fields does
 * the same with shared/tcp/stream-times.ts). Stored columns are normalised: a pcap fraction of a second ≥ 1 s,
 * which wiretap keeps unnormalised, gives tshark other differences there (as for frame.time_relative).
 */
import { ROW_BITS } from '../ipc/batch-layout';
import { nsBetween } from '../tcp/nstime';
import { StreamTimes } from '../tcp/stream-times';
import type { FilterColumns } from './filter-context';

/** The clocks: the previous frame's time, and each stream's first and previous packet times (StreamTimes, as -T fields). */
export class TimeDeltas {
  /** Results of the last `advance`, in ns; NaN where the row has no such field. */
  frameDeltaNs = NaN;
  tcpRelativeNs = NaN;
  tcpDeltaNs = NaN;
  /** The previous row's time (0 before the first, as wiretap's record before any). */
  private prevSec = 0;
  private prevNsec = 0;
  /** Made at the first TCP row (a capture without TCP, or none yet, holds nothing). */
  private streams: StreamTimes | null = null;

  /**
   * Moves the clocks to one row (frame number, tcp.stream or -1, whether it has a timestamp, its time). A frame
   * without a timestamp (pcapng Simple Packet Block) is at time 0 to wiretap: it has no frame.time_delta, the next
   * frame's counts from 0, and a TCP packet moves its stream's clock to 0. A frame tshark numbers that has no row
   * (a pcapng Custom Block) keeps the time of the record before it (wiretap leaves it in its reused record), so it
   * changes nothing here; frame 1 alone has no previous frame (delta 0).
   */
  advance(frame: number, stream: number, timed: boolean, sec: number, nsec: number): void {
    if (!timed) { sec = 0; nsec = 0; }
    this.frameDeltaNs = !timed ? NaN : frame === 1 ? 0 : nsBetween(sec, nsec, this.prevSec, this.prevNsec);
    this.prevSec = sec; this.prevNsec = nsec;
    if (stream < 0) { this.tcpRelativeNs = NaN; this.tcpDeltaNs = NaN; return; }
    const t = this.streams ??= new StreamTimes();
    t.advance(stream, sec, nsec);
    this.tcpRelativeNs = t.relative.sec * 1e9 + t.relative.nsec;   // exact below 2^53 ns (104 days), as nsBetween
    this.tcpDeltaNs = t.delta.sec * 1e9 + t.delta.nsec;
  }

  /** Bytes held. */
  get byteLength(): number { return this.streams?.byteLength ?? 0; }
}

type TimeColumns = Pick<FilterColumns, 'rows' | 'frame' | 'stream' | 'tsSec' | 'tsNsec' | 'rowBits'>;

/** The columns DerivedTimeColumns can keep. */
export type TimeColumnName = 'frameDelta' | 'tcpRelative' | 'tcpDelta';
const ALL_TIME_COLUMNS: readonly TimeColumnName[] = ['frameDelta', 'tcpRelative', 'tcpDelta'];

/**
 * The time differences of stored rows as columns (FilterColumns.frameTimeDeltaNs …), grown on demand: only the ones
 * asked for (`keep`), 8 bytes a row each; the others stay empty.
 */
export class DerivedTimeColumns {
  frameDelta: Float64Array<ArrayBuffer> = new Float64Array(0);
  tcpRelative: Float64Array<ArrayBuffer> = new Float64Array(0);
  tcpDelta: Float64Array<ArrayBuffer> = new Float64Array(0);
  private kept: readonly TimeColumnName[] = ALL_TIME_COLUMNS;
  private clocks = new TimeDeltas();
  /** Rows worked out so far, and room for. */
  private done = 0;
  private capacity = 0;

  /** Keeps only `names` from now on (all of them by default); a different set starts again from row 0. */
  keep(names: readonly TimeColumnName[]): this {
    if (names.length !== this.kept.length || names.some((n) => !this.kept.includes(n))) { this.clear(); this.kept = [...names]; }
    return this;
  }

  /** Works out rows [done, rowCount) of `cols` (rows already done are not read again). Returns this. */
  extend(cols: TimeColumns, rowCount: number): this {
    const n = Math.min(rowCount, cols.rows);
    if (n <= this.done) return this;
    this.reserve(n);
    const { frame, stream, tsSec, tsNsec, rowBits } = cols, t = this.clocks;
    const fd = this.kept.includes('frameDelta'), tr = this.kept.includes('tcpRelative'), td = this.kept.includes('tcpDelta');
    for (let i = this.done; i < n; i++) {
      t.advance(frame[i], stream[i], (rowBits[i] & ROW_BITS.NO_TIMESTAMP) === 0, tsSec[i], tsNsec[i]);
      if (fd) this.frameDelta[i] = t.frameDeltaNs;
      if (tr) this.tcpRelative[i] = t.tcpRelativeNs;
      if (td) this.tcpDelta[i] = t.tcpDeltaNs;
    }
    this.done = n;
    return this;
  }

  /** Forgets every row and gives the columns back (a new capture, or nothing needs them now). */
  clear(): void {
    this.done = 0; this.capacity = 0;
    this.clocks = new TimeDeltas();
    this.frameDelta = new Float64Array(0); this.tcpRelative = new Float64Array(0); this.tcpDelta = new Float64Array(0);
  }

  /** Bytes held. */
  get byteLength(): number {
    return this.frameDelta.byteLength + this.tcpRelative.byteLength + this.tcpDelta.byteLength + this.clocks.byteLength;
  }

  private reserve(rows: number): void {
    if (rows <= this.capacity) return;
    const cap = Math.max(rows, Math.ceil(this.capacity * 1.5), 1024);
    if (this.kept.includes('frameDelta')) this.frameDelta = grown(this.frameDelta, cap, this.done);
    if (this.kept.includes('tcpRelative')) this.tcpRelative = grown(this.tcpRelative, cap, this.done);
    if (this.kept.includes('tcpDelta')) this.tcpDelta = grown(this.tcpDelta, cap, this.done);
    this.capacity = cap;
  }
}

function grown(old: Float64Array, cap: number, keep: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(cap);
  next.set(old.subarray(0, Math.min(keep, old.length)));
  return next;
}
