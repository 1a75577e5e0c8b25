/**
 * The packet rows of the open capture as plain growable typed arrays: deliberately not a store and never
 * reactive, so ten million rows cost Vue nothing. `packets.ts` bumps a `version` ref after each append and
 * computeds read `packetColumns.cols.x[i]` for the rows they show.
 *
 * Only the columns the renderer shows or filters on are kept (73 bytes a row); the rest of a batch
 * (raw seq/ack, file offset, capture length, ACK RTT …) stays in the worker and comes back with the packet
 * detail. Arrays grow by 1.5× and `trim()` gives back the slack when a file has finished loading, so the
 * steady state is exactly bytesPerRow × rows.
 */
import type { ColumnArray, PacketColumns } from '../../shared/ipc/batch-layout';
import { COLUMNS } from '../../shared/ipc/batch-layout';

export const KEPT_COLUMNS = [
  'frame', 'tsSec', 'tsNsec', 'origLen', 'flow', 'stream', 'dir', 'l3', 'proto', 'decodeProblem', 'tcpFlags',
  'seqRel', 'ackRel', 'payloadLen', 'window', 'windowScaled', 'analysis', 'dupAckNum', 'relatedFrame',
  'completeness', 'phase', 'step', 'stateA', 'stateB', 'note',
] as const;

export type KeptColumn = (typeof KEPT_COLUMNS)[number];
/** Same shapes as the batch's columns (so a compiled filter predicate runs on either), minus the dropped ones. */
export type StoredColumns = { rows: number } & { [N in KeptColumn]: ColumnArray<N> };

type AnyTyped = ColumnArray<KeptColumn>;
type Ctor = new (n: number) => AnyTyped;

const CTORS: Record<KeptColumn, Ctor> = Object.fromEntries(
  KEPT_COLUMNS.map((name) => [name, COLUMNS.find((c) => c.name === name)!.type as unknown as Ctor]),
) as Record<KeptColumn, Ctor>;

const MIN_CAPACITY = 4096;

/** Bytes one stored row takes. */
export const BYTES_PER_ROW = KEPT_COLUMNS.reduce((sum, n) => sum + (CTORS[n] as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT, 0);

export class PacketColumnStore {
  /** Columns sized to `capacity`; rows [0, cols.rows) are valid. */
  cols: StoredColumns;
  private capacity = 0;

  constructor() {
    this.cols = PacketColumnStore.allocate(0);
  }

  get count(): number {
    return this.cols.rows;
  }

  /** Bytes held by the arrays (capacity, not rows), for the heap-per-packet figure. */
  get byteLength(): number {
    return this.capacity * BYTES_PER_ROW;
  }

  /** Copies a decoded batch's kept columns after the current rows. */
  append(batch: PacketColumns): void {
    const n = batch.rows;
    if (n === 0) return;
    const at = this.cols.rows;
    this.ensure(at + n);
    for (const name of KEPT_COLUMNS) {
      (this.cols[name] as AnyTyped).set((batch[name] as AnyTyped).subarray(0, n) as never, at);
    }
    this.cols.rows = at + n;
  }

  /** Gives back growth slack (call when a file is fully loaded). */
  trim(): void {
    if (this.capacity !== this.cols.rows) this.resize(this.cols.rows);
  }

  clear(): void {
    this.cols = PacketColumnStore.allocate(0);
    this.capacity = 0;
  }

  /** Row index of a frame number, or -1. Frames are in file order, so this is a binary search. */
  indexOfFrame(frame: number): number {
    const f = this.cols.frame;
    let lo = 0, hi = this.cols.rows - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (f[mid] === frame) return mid;
      if (f[mid] < frame) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  private ensure(rows: number): void {
    if (rows <= this.capacity) return;
    this.resize(Math.max(MIN_CAPACITY, rows, Math.floor(this.capacity * 1.5)));
  }

  private resize(capacity: number): void {
    const next = PacketColumnStore.allocate(capacity);
    const rows = this.cols.rows;
    for (const name of KEPT_COLUMNS) (next[name] as AnyTyped).set((this.cols[name] as AnyTyped).subarray(0, rows) as never);
    next.rows = rows;
    this.cols = next;
    this.capacity = capacity;
  }

  private static allocate(capacity: number): StoredColumns {
    const cols = { rows: 0 } as Record<string, unknown>;
    for (const name of KEPT_COLUMNS) cols[name] = new CTORS[name](capacity);
    return cols as StoredColumns;
  }
}

/** The one column store of the window. Module state, never returned from a store, never made reactive. */
export const packetColumns = new PacketColumnStore();
