/**
 * Which stored rows the packet list shows, in which order: all rows in file order (no index at all), or a
 * Uint32Array of row numbers after a conversation selection, a display filter and a multi-column sort.
 * Plain data like packet-columns; `packets.ts` owns one and bumps a ref when it changes. Filtering runs over
 * the columns with no per-row objects; in file order new rows are appended incrementally (live capture).
 */
import type { StoredColumns } from './packet-columns';
import type { RowSet } from './row-set';
import { lowerBound } from '../../shared/filter/lower-bound';

/** A display filter as a per-row test: true when the row is shown. */
export type RowPredicate = (cols: StoredColumns, row: number) => boolean;
/** A display filter that selects a range at once (shared/filter's CompiledFilter.select, the fast path). */
export interface RowSelector {
  /** Writes matching row numbers of [from, to) to out[outAt …], returns how many; `out` has room for to - from. */
  select(cols: StoredColumns, from: number, to: number, out: Uint32Array, outAt: number): number;
}
export type RowTest = RowPredicate | RowSelector;

export type SortColumn = 'frame' | 'time' | 'source' | 'destination' | 'flags' | 'seq' | 'ack' | 'win' | 'len' | 'stream' | 'info' | `custom-${number}`;
export interface SortKey { column: SortColumn; descending: boolean }
/**
 * What the Time column sorts by when it shows something other than the capture time (a delta format): given the
 * columns, a number per row. Called once per sort, so it can work out what it needs first.
 */
export type TimeSortKey = (cols: StoredColumns) => (row: number) => number;

/** A number per row for each sortable column; ties fall through to the next key, then to frame order. */
function sortValue(cols: StoredColumns, column: SortColumn, row: number, time: ((row: number) => number) | null,
  custom: ReadonlyMap<string, (row: number) => number>): number {
  switch (column) {
    case 'frame': return row;
    case 'time': return time ? time(row) : cols.tsSec[row] * 1e9 + cols.tsNsec[row];
    // Source/destination: flow (the address pair) then direction, so each side groups together.
    case 'source': return cols.flow[row] * 2 + cols.dir[row];
    case 'destination': return cols.flow[row] * 2 + (1 - cols.dir[row]);
    case 'flags': return cols.tcpFlags[row];
    case 'seq': return cols.seqRel[row];
    case 'ack': return cols.ackRel[row];
    case 'win': return cols.window[row];
    case 'len': return cols.payloadLen[row];
    case 'stream': return cols.stream[row];
    case 'info': return cols.phase[row] * 256 + cols.step[row];
    default: return custom.get(column)?.(row) ?? 0;
  }
}

export class DisplayIndex {
  /** Row numbers shown, or null when every row is shown in file order. */
  rows: Uint32Array | null = null;
  count = 0;
  private stream: number | null = null;
  private test: RowTest | null = null;
  private keys: SortKey[] = [];
  /** The Time column's sort key when it shows a delta format (null: the capture time). */
  timeKey: TimeSortKey | null = null;
  /** The sort key of a custom column (renderer/stores/custom-columns.ts), by its id; null when it is not shown. */
  customKey: ((column: string) => TimeSortKey | null) | null = null;
  /**
   * Rows shown whatever the display filter and conversation say: the time references (Wireshark's packet list shows a
   * frame that passed the filter or is a time reference).
   */
  always: RowSet | null = null;
  /** The shown rows in file order while a sort reorders `rows` (null: `rows` is in file order). */
  private ascending: Uint32Array | null = null;

  /** Whether a conversation or a display filter hides rows (a sort alone hides none). */
  get hidesRows(): boolean {
    return this.stream !== null || this.test !== null;
  }

  get identity(): boolean {
    return this.stream === null && this.test === null && this.keys.length === 0;
  }

  /** Row number at a display position. */
  rowAt(pos: number): number {
    return this.rows === null ? pos : this.rows[pos];
  }

  /** Display position of a row, or -1 when it is filtered out. */
  positionOf(row: number): number {
    if (this.rows === null) return row < this.count ? row : -1;
    for (let i = 0; i < this.count; i++) if (this.rows[i] === row) return i;
    return -1;
  }

  /** The shown row before `row` in file order (`row` itself need not be shown), -1 for none. */
  previousShown(row: number): number {
    if (this.rows === null) return Math.min(row, this.count) - 1;
    const a = this.ascending ?? this.rows;
    const i = lowerBound(a, this.count, row);
    return i === 0 ? -1 : a[i - 1];
  }

  /** Rebuilds from scratch for new criteria. */
  rebuild(cols: StoredColumns, stream: number | null, test: RowTest | null, keys: SortKey[]): void {
    this.stream = stream; this.test = test; this.keys = keys;
    this.ascending = null;
    if (this.identity) { this.rows = null; this.count = cols.rows; return; }
    this.rows = new Uint32Array(Math.max(16, cols.rows));
    this.count = 0;
    this.appendMatches(cols, 0);
    if (keys.length > 0) this.sort(cols);
  }

  /** Takes in rows [from, cols.rows) after an append. Sorted views are re-sorted (user asked for an order). */
  extend(cols: StoredColumns, from: number): void {
    if (this.identity) { this.count = cols.rows; return; }
    this.appendMatches(cols, from);
    if (this.keys.length > 0) this.sort(cols);
  }

  private appendMatches(cols: StoredColumns, from: number): void {
    const start = this.count;
    const stream = this.stream, test = this.test;
    if (test !== null && typeof test !== 'function') this.appendSelected(cols, from, test);
    else {
      for (let r = from; r < cols.rows; r++) {
        if (stream !== null && cols.stream[r] !== stream) continue;
        if (test !== null && !test(cols, r)) continue;
        if (this.count === this.rows!.length) this.grow();
        this.rows![this.count++] = r;
      }
    }
    this.addAlways(start, from, cols.rows);
  }

  /** Merges the `always` rows of [from, to) into the rows appended from `start` (ascending), once each. */
  private addAlways(start: number, from: number, to: number): void {
    const extra = this.always?.range(from, to);
    if (!extra || extra.length === 0) return;
    const matched = this.rows!.slice(start, this.count);
    while (this.rows!.length < start + matched.length + extra.length) this.grow();
    const rows = this.rows!;
    let i = 0, j = 0, n = start;
    while (i < matched.length || j < extra.length) {
      const a = i < matched.length ? matched[i] : Infinity, b = j < extra.length ? extra[j] : Infinity;
      rows[n++] = Math.min(a, b);
      if (a <= b) i++;
      if (b <= a) j++;
    }
    this.count = n;
  }

  /** Range filter first, then the conversation: compacts in place. */
  private appendSelected(cols: StoredColumns, from: number, selector: RowSelector): void {
    while (this.rows!.length < this.count + (cols.rows - from)) this.grow();
    const rows = this.rows!;
    const n = selector.select(cols, from, cols.rows, rows, this.count);
    if (this.stream === null) { this.count += n; return; }
    let k = this.count;
    for (let i = this.count; i < this.count + n; i++) if (cols.stream[rows[i]] === this.stream) rows[k++] = rows[i];
    this.count = k;
  }

  private grow(): void {
    const next = new Uint32Array(this.rows!.length * 2);
    next.set(this.rows!);
    this.rows = next;
  }

  private sort(cols: StoredColumns): void {
    const keys = this.keys;
    const view = this.rows!.subarray(0, this.count);
    this.ascending = view.slice().sort();
    const time = this.timeKey && keys.some((k) => k.column === 'time') ? this.timeKey(cols) : null;
    const custom = new Map<string, (row: number) => number>();
    for (const k of keys) {
      const key = k.column.startsWith('custom-') ? this.customKey?.(k.column) : null;
      if (key) custom.set(k.column, key(cols));
    }
    view.sort((a, b) => {
      for (const k of keys) {
        const d = sortValue(cols, k.column, a, time, custom) - sortValue(cols, k.column, b, time, custom);
        if (d !== 0) return k.descending ? -d : d;
      }
      return a - b;
    });
  }
}
