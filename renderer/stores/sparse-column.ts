/**
 * A number column that most rows leave empty, kept as (row, value) pairs in row order: 12 bytes per
 * row that has a value (8 when the values are frame numbers, flow ids or lengths: Uint32), nothing for the others. The packet store keeps tcp.analysis.ack_rtt this way — only
 * ACKs that cover a segment have one — instead of a dense Float64Array that would cost every row 8 bytes of
 * the renderer's budget (packet-columns.ts). A display filter reads columns by row index, so `dense()`
 * expands the pairs into a full column on demand (only while a filter or a custom column that needs it is in use) and
 * keeps it up to date as rows are appended; `release()` gives that copy back once no holder needs it.
 */
import { lowerBound } from '../../shared/filter/lower-bound';

const MIN_PAIRS = 1024;

/** What the values are stored as: Float64 for times, Uint32 for whole numbers below 2^32. */
type ValueArray = Float64Array | Uint32Array;

export class SparseFloatColumn {
  private rows = new Uint32Array(0);
  private values: ValueArray;
  private size = 0;
  private expanded: Float64Array | null = null;
  /** Rows of `expanded` already filled in. */
  private expandedRows = 0;
  /** Who reads `expanded` (the applied filter, the custom columns): it is dropped when the last lets go. */
  private readonly holders = new Set<string>();

  /** `empty`: what a row without a value reads as in `dense()` (NaN for "no ACK RTT", as the batch). */
  constructor(private readonly empty: number, private readonly Values: new (n: number) => ValueArray = Float64Array) {
    this.values = new Values(0);
  }

  /** Number of rows that hold a value. */
  get count(): number {
    return this.size;
  }

  /** Bytes held: the pairs (with growth room) and the expanded copy, if any. */
  get byteLength(): number {
    return this.rows.byteLength + this.values.byteLength + (this.expanded?.byteLength ?? 0);
  }

  /** Adds a value for `row`; rows must come in increasing order (they do: the store appends in file order). */
  push(row: number, value: number): void {
    if (this.size === this.rows.length) this.grow(Math.max(MIN_PAIRS, this.size * 2));
    this.rows[this.size] = row;
    this.values[this.size] = value;
    this.size++;
  }

  /** The value at `row`, or `empty` (binary search). */
  get(row: number): number {
    const i = lowerBound(this.rows, this.size, row);
    return i < this.size && this.rows[i] === row ? this.values[i] : this.empty;
  }

  /** A full column covering rows [0, `rowCount`) for `holder`; the same array while it is big enough, so this is cheap per batch. */
  dense(rowCount: number, holder = 'filter'): Float64Array {
    this.holders.add(holder);
    if (!this.expanded || this.expanded.length < rowCount) {
      const next = new Float64Array(Math.max(rowCount, Math.ceil((this.expanded?.length ?? 0) * 1.5)));
      if (this.expanded) next.set(this.expanded.subarray(0, this.expandedRows));
      this.expanded = next;
    }
    const out = this.expanded;
    if (this.expandedRows < rowCount) {
      out.fill(this.empty, this.expandedRows, rowCount);
      for (let k = this.firstAtOrAfter(this.expandedRows); k < this.size && this.rows[k] < rowCount; k++) out[this.rows[k]] = this.values[k];
      this.expandedRows = rowCount;
    }
    return out;
  }

  /** `holder` no longer reads the expanded copy; it is dropped when nobody does. */
  release(holder = 'filter'): void {
    this.holders.delete(holder);
    if (this.holders.size > 0) return;
    this.expanded = null;
    this.expandedRows = 0;
  }

  /** Gives back growth room (a file finished loading). */
  trim(): void {
    if (this.size < this.rows.length) this.grow(this.size);
  }

  clear(): void {
    this.rows = new Uint32Array(0);
    this.values = new this.Values(0);
    this.size = 0;
    this.holders.clear();
    this.release();
  }

  private firstAtOrAfter(row: number): number {
    return lowerBound(this.rows, this.size, row);
  }

  private grow(capacity: number): void {
    const rows = new Uint32Array(capacity), values = new this.Values(capacity);
    rows.set(this.rows.subarray(0, this.size));
    values.set(this.values.subarray(0, this.size));
    this.rows = rows;
    this.values = values;
  }
}
