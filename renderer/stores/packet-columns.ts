/**
 * The packet rows of the open capture as plain growable typed arrays: deliberately not a store and never
 * reactive, so ten million rows cost Vue nothing. `packets.ts` bumps a `version` ref after each append and
 * computeds read `packetColumns.cols.x[i]` for the rows they show.
 *
 * Only the columns the renderer shows or filters on are kept: 72 bytes a row (BYTES_PER_ROW; the budget is
 * 80, and flows and conversation summaries take ~6 more), plus 12 bytes for each row that has an ACK RTT and 8 for
 * each that has an acknowledged or related frame, an outer IP layer or a cut (sparse columns, below). The rest of a
 * batch (raw seq, file offset …) stays in the worker and comes back with the packet detail. Batch columns the display
 * filter reads are covered without a dense column:
 * - `ackRttNs` (tcp.analysis.ack_rtt): only ACKs that cover a segment have one, so it is kept as (row, value)
 *   pairs (`ackRtt`, sparse-column.ts) and expanded to a full column only while a filter that uses it is
 *   applied (filter-adapter.ts). A dense Float64Array would cost every row 8 bytes, 81 in all.
 * - `ackRaw` (tcp.ack without the ACK flag): the tracker already stores the raw ack field in `ackRel` on
 *   segments without the ACK flag (shared/tcp/tcp-tracker.ts, as tshark 4.0 shows tcp.ack), and those are the
 *   only rows where the filter reads ackRaw, so `ackRel` answers exactly (shared/filter/fields.ts tcpAck).
 * - `relatedFrame` (a dup ACK's or re-sent segment's original), `rtoFrame` (a retransmission's rto_frame) and
 *   `ackedFrame` (the segment an ACK covers) are 0 on all other rows: kept sparse too (`cols.related.get(row)`,
 *   `cols.rto.get(row)`, `cols.acked.get(row)`) and expanded for the fields that read them
 *   (tcp.analysis.duplicate_ack_frame, rto, rto_frame, acks_frame).
 * - `outerFlow` (the flow of a tunnel's outer IP layer or an ICMP error's own header) is -1 on all rows with one
 *   IP layer, nearly all of them: kept sparse (`outerFlows`) and expanded while a filter on addresses or ports
 *   is applied, as ackRttNs.
 * - `capLen` (frame.cap_len) equals frame.len except on rows a snapshot length cut: those keep what was cut
 *   (`capCut`), expanded while a filter names frame.cap_len.
 * Each column sits on a resizable ArrayBuffer (ES2024) with room reserved for MAX_ROWS rows: it
 * grows in place, one page at a time, so appending never copies and never holds slack beyond the last
 * 64 Ki-row step (`trim()` gives that back). Copying growth would touch every byte about three times, and
 * first touches of fresh memory are what loading ten million rows costs. Where resizable buffers are
 * missing, arrays grow by 1.5× with a copy instead.
 */
import type { ColumnArray, PacketColumns } from '../../shared/ipc/batch-layout';
import type { ExpandedColumn } from '../../shared/filter/fields';
import { COLUMNS } from '../../shared/ipc/batch-layout';
import { DerivedTimeColumns } from '../../shared/filter/derived-times';
import { SparseFloatColumn } from './sparse-column';
import { lowerBound } from '../../shared/filter/lower-bound';
import { windowShiftOf } from '../../shared/filter/window-size';
import { PushBytesColumn } from '../../shared/filter/push-bytes';
import { ownReadSources } from './field-reads';

export const KEPT_COLUMNS = [
  'frame', 'tsSec', 'tsNsec', 'tsPrec', 'origLen', 'flow', 'stream', 'dir', 'l3', 'proto', 'decodeProblem', 'tcpFlags',
  'seqRel', 'ackRel', 'payloadLen', 'window', 'analysis', 'dupAckNum', 'bytesInFlight',
  'completeness', 'phase', 'step', 'stateA', 'stateB', 'note', 'rowBits', 'colorFacts',
] as const;

export type KeptColumn = (typeof KEPT_COLUMNS)[number];
/**
 * The columns stored: the kept batch columns, and `winShift`, the shift tcp.window_size was scaled by (1 byte where the
 * batch's windowScaled takes 4: shared/filter/window-size.ts).
 */
const STORED_COLUMNS = [...KEPT_COLUMNS, 'winShift'] as const;
type StoredColumn = (typeof STORED_COLUMNS)[number];
/**
 * Same shapes as the batch's columns (so a compiled filter predicate runs on either), minus the dropped ones;
 * `related`, `rto` and `acked` are the sparse related, RTO and acknowledged frames (0 for rows without one); `icmpMessage` the
 * sparse ICMP type and code (the batch's `icmp` column, 0 for rows without ICMP) and `outer` the outer IP layer's flow
 * (-1 for rows with one IP layer).
 */
export type StoredColumns = {
  rows: number; related: SparseFloatColumn; rto: SparseFloatColumn; acked: SparseFloatColumn; icmpMessage: SparseFloatColumn;
  outer: SparseFloatColumn; winShift: Uint8Array;
}
  & { [N in KeptColumn]: ColumnArray<N> };

type AnyTyped = ColumnArray<KeptColumn> | Uint8Array;
type Ctor = new (n: number) => AnyTyped;

const CTORS: Record<StoredColumn, Ctor> = Object.fromEntries([
  ...KEPT_COLUMNS.map((name) => [name, COLUMNS.find((c) => c.name === name)!.type as unknown as Ctor]), ['winShift', Uint8Array],
]) as Record<StoredColumn, Ctor>;

const MIN_CAPACITY = 4096;
/** Rows reserved per column (virtual address space only; pages are committed as rows arrive). */
export const MAX_ROWS = 1 << 26;
/** Growth step when buffers are resizable: 64 Ki rows, so a batch rarely needs a resize. */
const STEP_ROWS = 1 << 16;

type Resizable = ArrayBuffer & { resize(n: number): void; readonly maxByteLength: number };
type RabCtor = new (length: number, options: { maxByteLength: number }) => ArrayBuffer;
const RESIZABLE = typeof (ArrayBuffer.prototype as Partial<Resizable>).resize === 'function';

/** Bytes one stored row takes. */
export const BYTES_PER_ROW = STORED_COLUMNS.reduce((sum, n) => sum + elementBytes(n), 0);

function elementBytes(name: StoredColumn): number {
  return (CTORS[name] as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
}

export class PacketColumnStore {
  /** Columns with room for `capacity` rows; rows [0, cols.rows) are valid. */
  cols: StoredColumns;
  /** tcp.analysis.ack_rtt in ns for the rows that have one; NaN elsewhere, as the batch. */
  readonly ackRtt = new SparseFloatColumn(NaN);
  /** A dup ACK's or re-sent segment's related frame for the rows that have one; 0 elsewhere, as the batch. */
  readonly related = new SparseFloatColumn(0, Uint32Array);
  /** A retransmission's rto_frame for the rows that have one; 0 elsewhere, as the batch. */
  readonly rto = new SparseFloatColumn(0, Uint32Array);
  /** The frame of the segment an ACK covers for the rows that have one; 0 elsewhere, as the batch. */
  readonly acked = new SparseFloatColumn(0, Uint32Array);
  /** The outer IP layer's flow for the rows that have one; -1 elsewhere, as the batch. */
  readonly outerFlows = new SparseFloatColumn(-1, Uint32Array);
  /** The ICMP header's version, type and code (icmp-messages.ts icmpColumnValue) for the rows with ICMP; 0 elsewhere. */
  readonly icmp = new SparseFloatColumn(0, Uint32Array);
  /** Bytes a snapshot length cut off (frame.len − frame.cap_len) for the rows that lost some; 0 elsewhere. */
  readonly capCut = new SparseFloatColumn(0, Uint32Array);
  /** The sparse columns by the filter column each expands to (shared/filter/fields.ts expandedColumnsOf). */
  readonly sparse: Readonly<Record<ExpandedColumn, SparseFloatColumn>> = {
    ackRttNs: this.ackRtt, relatedFrame: this.related, rtoFrame: this.rto, ackedFrame: this.acked, outerFlow: this.outerFlows, capCut: this.capCut,
    icmp: this.icmp,
  };
  /**
   * frame.time_delta, tcp.time_relative and tcp.time_delta (shared/filter/derived-times.ts): 8 bytes a row for each
   * that the applied filter names, worked out only while it is applied (filter-adapter.ts), and given back after.
   */
  readonly timeDeltas = new DerivedTimeColumns();
  /** The one difference the packet list's Time column shows in a delta format (PacketList.vue; 8 bytes a row), apart from the filter's. */
  readonly listTimeDeltas = new DerivedTimeColumns();
  /** tcp.analysis.push_bytes_sent of every row (push-bytes.ts), worked out only while the filter reads it. */
  readonly pushBytes = new PushBytesColumn();
  /**
   * What the other readers of fields work out over the rows for themselves (time differences, push bytes: field-reads.ts),
   * apart from the filter's and the list's: the shown custom columns (custom-columns.ts) and the coloring rules
   * (coloring-rules.ts). Empty while none names such a field.
   */
  readonly readers = { columns: ownReadSources(this.sparse), coloring: ownReadSources(this.sparse) } as const;
  private capacity = 0;
  private buffers: Resizable[] = [];
  /** Counts clear()s: rows at the same index after one belong to another capture (for caches keyed by row). */
  generation = 0;

  constructor() {
    this.cols = this.allocate(0);
  }

  get count(): number {
    return this.cols.rows;
  }

  /** Bytes held by the arrays (capacity, not rows), for the heap-per-packet figure. */
  get byteLength(): number {
    return this.capacity * BYTES_PER_ROW + Object.values(this.sparse).reduce((sum, c) => sum + c.byteLength, 0)
      + this.timeDeltas.byteLength + this.listTimeDeltas.byteLength + this.pushBytes.byteLength
      + Object.values(this.readers).reduce((sum, r) => sum + r.timeDeltas.byteLength + r.pushBytes.byteLength, 0);
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
    const shift = this.cols.winShift, raw = batch.window, scaled = batch.windowScaled;
    for (let i = 0; i < n; i++) shift[at + i] = windowShiftOf(raw[i], scaled[i]);
    this.cols.rows = at + n;
    const rtt = batch.ackRttNs;
    for (let i = 0; i < n; i++) if (!Number.isNaN(rtt[i])) this.ackRtt.push(at + i, rtt[i]);
    const related = batch.relatedFrame, rto = batch.rtoFrame, acked = batch.ackedFrame;
    for (let i = 0; i < n; i++) if (related[i] !== 0) this.related.push(at + i, related[i]);
    for (let i = 0; i < n; i++) if (rto[i] !== 0) this.rto.push(at + i, rto[i]);
    for (let i = 0; i < n; i++) if (acked[i] !== 0) this.acked.push(at + i, acked[i]);
    const outer = batch.outerFlow;
    for (let i = 0; i < n; i++) if (outer[i] >= 0) this.outerFlows.push(at + i, outer[i]);
    const icmp = batch.icmp;
    for (let i = 0; i < n; i++) if (icmp[i] !== 0) this.icmp.push(at + i, icmp[i]);
    const cap = batch.capLen, orig = batch.origLen;
    for (let i = 0; i < n; i++) if (cap[i] < orig[i]) this.capCut.push(at + i, orig[i] - cap[i]);
  }

  /** Gives back growth slack (call when a file is fully loaded). */
  trim(): void {
    if (this.capacity !== this.cols.rows) this.grow(this.cols.rows);
    for (const c of Object.values(this.sparse)) c.trim();
  }

  /** Forgets every row; resizable buffers shrink in place and are reused. */
  clear(): void {
    this.generation++;
    for (const c of Object.values(this.sparse)) c.clear();
    this.timeDeltas.clear();
    this.listTimeDeltas.clear();
    this.pushBytes.clear();
    for (const r of Object.values(this.readers)) { r.timeDeltas.clear(); r.pushBytes.clear(); }
    if (RESIZABLE && this.buffers.length > 0) {
      this.cols.rows = 0;
      this.grow(0);
    } else {
      this.cols = this.allocate(0);
    }
  }

  /** Row index of a frame number, or -1. Frames are in file order, so this is a binary search. */
  indexOfFrame(frame: number): number {
    const f = this.cols.frame, i = lowerBound(f, this.cols.rows, frame);
    return i < this.cols.rows && f[i] === frame ? i : -1;
  }

  private ensure(rows: number): void {
    if (rows <= this.capacity) return;
    if (RESIZABLE && rows <= MAX_ROWS) this.grow(Math.min(MAX_ROWS, Math.ceil(rows / STEP_ROWS) * STEP_ROWS));
    else this.grow(Math.max(MIN_CAPACITY, rows, Math.floor(this.capacity * 1.5)));
  }

  /** Sets the capacity: in place on resizable buffers, else by copying into new arrays. */
  private grow(capacity: number): void {
    if (RESIZABLE && capacity <= MAX_ROWS && this.buffers.length > 0) {
      STORED_COLUMNS.forEach((name, i) => this.buffers[i].resize(capacity * elementBytes(name)));
      this.capacity = capacity;
      return;
    }
    const rows = this.cols.rows;
    const next = this.allocate(capacity);
    for (const name of STORED_COLUMNS) (next[name] as AnyTyped).set((this.cols[name] as AnyTyped).subarray(0, rows) as never);
    next.rows = rows;
    this.cols = next;
  }

  private allocate(capacity: number): StoredColumns {
    const cols = { rows: 0, related: this.related, rto: this.rto, acked: this.acked, icmpMessage: this.icmp, outer: this.outerFlows } as Record<string, unknown>;
    this.buffers = [];
    for (const name of STORED_COLUMNS) {
      if (RESIZABLE && capacity <= MAX_ROWS) {
        // Length-tracking views: `cols.x.length` follows the buffer as it is resized.
        const buf = new (ArrayBuffer as unknown as RabCtor)(capacity * elementBytes(name), { maxByteLength: MAX_ROWS * elementBytes(name) }) as Resizable;
        this.buffers.push(buf);
        cols[name] = new (CTORS[name] as unknown as new (b: ArrayBuffer) => AnyTyped)(buf);
      } else {
        cols[name] = new CTORS[name](capacity);
      }
    }
    this.capacity = capacity;
    return cols as StoredColumns;
  }
}

/** The one column store of the window. Module state, never returned from a store, never made reactive. */
export const packetColumns = new PacketColumnStore();
