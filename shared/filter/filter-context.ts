/**
 * What a compiled filter reads: the packet columns (a decoded batch, or the renderer's stored columns,
 * which have the same shapes) and a context that holds what is not per row. The filter never builds a
 * per-row object; it reads typed arrays by row index and the flow table by `flow[row]`.
 */
import type { PacketColumns } from '../ipc/batch-layout';
import type { FlowLookup } from '../ipc/flow';

/**
 * Columns a filter may read. `ackRttNs`, `ackRaw` and `outerFlow` are optional because the renderer does not
 * keep them densely: without ackRttNs tcp.analysis.ack_rtt is absent; without ackRaw tcp.ack on a packet
 * without the ACK flag reads ackRel (0) instead of the raw field; without outerFlow no row has an outer IP
 * layer (the renderer passes it, expanded, to filters on addresses and ports). The time differences
 * (frameTimeDeltaNs, tcpTimeRelativeNs, tcpTimeDeltaNs: derived-times.ts) depend on earlier rows, so whoever
 * holds the rows works them out when a filter names frame.time_delta, tcp.time_relative or tcp.time_delta;
 * without them those fields are absent.
 */
export type FilterColumns = Pick<PacketColumns,
  | 'rows' | 'frame' | 'tsSec' | 'tsNsec' | 'origLen' | 'flow' | 'stream' | 'dir' | 'l3' | 'proto' | 'decodeProblem' | 'tcpFlags'
  | 'seqRel' | 'ackRel' | 'payloadLen' | 'window' | 'analysis' | 'dupAckNum' | 'bytesInFlight' | 'completeness'
  | 'phase' | 'step' | 'stateA' | 'stateB' | 'rowBits'>
  & {
    ackRttNs?: Float64Array; ackRaw?: Uint32Array; outerFlow?: ArrayLike<number>;
    /** tcp.window_size: the batch's `windowScaled`, or the shift a store keeps instead (window-size.ts). */
    windowScaled?: ArrayLike<number>; winShift?: ArrayLike<number>;
    /**
     * frame.cap_len: the batch's `capLen`, or where a store keeps only what a snapshot length cut off, `capCut`
     * (frame.len − frame.cap_len, 0 on whole frames); with neither, every frame counts as whole.
     */
    capLen?: ArrayLike<number>; capCut?: ArrayLike<number>;
    frameTimeDeltaNs?: Float64Array; tcpTimeRelativeNs?: Float64Array; tcpTimeDeltaNs?: Float64Array;
    /** tcp.analysis.initial_rtt of each row's stream as tshark shows it on that row (ns, NaN none); else FilterContext.streamInitialRtt. */
    initialRttNs?: Float64Array;
    /**
     * The batch's `relatedFrame` (a dup ACK's original; 0 none), `rtoFrame` (a retransmission's rto_frame) and
     * `ackedFrame` (the segment an ACK covers). The renderer keeps them sparse and expands them for the fields that read
     * them; without them those fields are absent.
     */
    relatedFrame?: ArrayLike<number>; rtoFrame?: ArrayLike<number>; ackedFrame?: ArrayLike<number>;
    /** The batch's `icmp` (the frame's ICMP header, 0 none); the renderer keeps it sparse and expands it for the ICMP fields. */
    icmp?: ArrayLike<number>;
    /**
     * Where the rows are not all at hand (the CLI's one-row columns): each row's window scale shift (-1 unknown, -2
     * none) and a retransmission's RTO in ns (NaN none). Else they come from FilterContext.streamWindowScale and from
     * the rto_frame's row.
     */
    windowScale?: ArrayLike<number>; rtoNs?: ArrayLike<number>;
    /**
     * tcp.analysis.push_bytes_sent of each row (NaN none): it depends on every earlier row of the row's stream side, so
     * whoever holds the rows works it out (push-bytes.ts) when a filter names the field; without it the field is absent.
     */
    pushBytesSent?: ArrayLike<number>;
  };

/** Which bytes `contains`/`matches` look in. */
export type BytesField = 'frame' | 'tcp.payload';

export interface FilterContext {
  /** The flow table by flow id (`flows.at(cols.flow[row])`). Entries are never changed once added. */
  flows: FlowLookup;
  /** Reference time for frame.time_relative. Default: `frameTimeOrigin` of row 0 (time-origin.ts). */
  timeOrigin?: { sec: number; nsec: number };
  /**
   * Final tcp.completeness per stream, as `tshark -2` shows it on every packet of a stream. Without it the
   * row's running value is used (what a live capture knows so far).
   */
  streamCompleteness?: ArrayLike<number>;
  /**
   * Each stream's initial RTT in ns (NaN or -1: none), as `tshark -2` shows it on the stream's packets that have an
   * analysis record: tcp.analysis.initial_rtt reads it when the columns hold no `initialRttNs`.
   */
  streamInitialRtt?: ArrayLike<number>;
  /**
   * Each stream's window scale shifts (stream × 2 + side of `dir`: 0–14, -1 unknown, -2 none), as `tshark -2` reads
   * every window of the stream with: tcp.window_size_scalefactor reads it when the columns hold no `windowScale`.
   */
  streamWindowScale?: ArrayLike<number>;
  /** Bytes of a row for `contains`/`matches` (null when unavailable). Without it (or byteMatch) such a filter matches nothing. */
  bytes?: (row: number, field: BytesField) => Uint8Array | null;
  /**
   * Where the bytes are elsewhere (the renderer: the worker answers `filter.bytes`): whether the filter's byte test
   * number `test` (CompiledFilter.byteTests) holds for frame number `frame`. Used instead of `bytes` when given.
   */
  byteMatch?: (test: number, frame: number) => boolean;
  /** Whether row `row` is a marked packet (frame.marked; the app's marks). Without it no packet is marked, as in tshark. */
  marked?: (row: number) => boolean;
  /**
   * The time references (frame.ref_time; frame.time_relative counts from the latest one at or before a row). Without it
   * there are none, as in tshark.
   */
  timeReferences?: { has(row: number): boolean; before(row: number): number };
}
