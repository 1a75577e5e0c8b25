/**
 * The row just tracked (the one-row columns of tcp-pass.ts) as the display filter reads it while the file streams by, as
 * `tshark -Y` sees a packet: with -2 what tshark's second pass shows (each stream's final completeness, seq/ack relative
 * to the final base, the final window scale: shared/tcp/final-values.ts), without it what one pass knows at that packet;
 * plus the values that depend on earlier rows (time differences, iRTT, RTO, push bytes) and the packet's bytes for
 * contains/matches. Moved once per row, in file order (the clocks count every row, shown or not); the -Y filter
 * (read-display-filter.ts) and the user's coloring rules (colorfilters-file.ts) read the same view.
 */
import type { CaptureRecord } from '../../../shared/capture-file/capture-reader';
import { wiretapNsec, wiretapSec } from '../../../shared/capture-file/capture-record';
import type { ColoringColumns } from '../../../shared/coloring/coloring-rules';
import { TimeDeltas } from '../../../shared/filter/derived-times';
import type { BytesField, FilterColumns, FilterContext } from '../../../shared/filter/filter-context';
import { packetBytes } from '../../../shared/filter/packet-bytes';
import { frameTimeOrigin } from '../../../shared/filter/time-origin';
import type { PacketColumns } from '../../../shared/ipc/batch-layout';
import type { FlowLookup } from '../../../shared/ipc/flow';
import { flowInfo } from '../../../shared/tcp/conversation-summary';
import type { FinalValues, SecondPassColumns } from '../../../shared/tcp/final-values';
import { withoutSegmentLength, type TcpTracker } from '../../../shared/tcp/tcp-tracker';
import { WSCALE_UNKNOWN } from '../../../shared/tcp/conversation-state';
import { retransmissionTimeout } from '../../../shared/tcp/tshark-fields';
import type { DecodedPacket } from '../../../shared/wire/decoded-packet';

/** The columns a row view holds: the filter's, and the coloring rules' facts. */
export type RowViewColumns = FilterColumns & ColoringColumns;

/** The tracker's flow table as the filter's FlowLookup: a flow's FlowInfo is built once, when a test first asks. */
function trackerFlows(tracker: TcpTracker): FlowLookup {
  return {
    get length() { return tracker.flows.count; },
    at: (id) => (id >= 0 && id < tracker.flows.count ? flowInfo(tracker, id) : undefined),
  };
}

/** One tracked row at a time as the display filter reads it (row 0 of `view`, with `ctx`). */
export class TrackedRowView {
  private ctxOf: FilterContext | null = null;
  private tracker: TcpTracker | null = null;
  private columns: RowViewColumns | null = null;
  private source: PacketColumns | null = null;
  /** The columns a -2 view replaces (tshark's second pass reads them from the final state), one row. */
  private readonly replaced: SecondPassColumns = {
    seqRel: new Uint32Array(1), ackRel: new Uint32Array(1), windowScaled: new Int32Array(1), completeness: new Uint8Array(1),
    analysis: new Uint32Array(1), rowBits: new Uint16Array(1),
  };
  /** The row's time differences (frame.time_delta, tcp.time_*), from clocks every row moves, shown or not. */
  private readonly clocks = new TimeDeltas();
  private readonly times = { frameTimeDeltaNs: new Float64Array(1), tcpTimeRelativeNs: new Float64Array(1), tcpTimeDeltaNs: new Float64Array(1) };
  /** The row's stream iRTT as tshark shows it there (ns, NaN none): -2's second-pass value, or the one known so far. */
  private readonly initialRttNs = new Float64Array(1);
  /** The row's window scale shift (-2's final one, or as it stands) and a retransmission's RTO (ns, NaN none). */
  private readonly windowScale = new Int8Array(1);
  private readonly rtoNs = new Float64Array(1);
  /** The row's tcp.analysis.push_bytes_sent (NaN none), as the tracker counted it. */
  private readonly pushBytesSent = new Float64Array(1);
  private record: CaptureRecord | null = null;
  private packet: DecodedPacket | null = null;

  /** `final`: the first pass's values for -2, or null for one pass. */
  constructor(private readonly final: FinalValues | null) {}

  /** The row last moved to (row 0), and its context; null before the first. */
  get view(): RowViewColumns | null { return this.columns; }
  get ctx(): FilterContext | null { return this.ctxOf; }

  /** Moves to the row just tracked into `cols` (row 0) by `tracker`. Once per row, in file order. */
  moveTo(rec: CaptureRecord, pkt: DecodedPacket, cols: PacketColumns, tracker: TcpTracker): void {
    this.contextFor(tracker, rec);
    this.viewOf(cols);
    const r = this.replaced;
    r.seqRel[0] = cols.seqRel[0]; r.ackRel[0] = cols.ackRel[0]; r.windowScaled[0] = cols.windowScaled[0]; r.analysis[0] = cols.analysis[0];
    r.rowBits[0] = cols.rowBits[0];
    // One pass: the value tshark shows at this packet, which does not yet include it (as -T fields prints it).
    r.completeness[0] = tracker.completenessBefore;
    // -2: as shared/tcp/tshark-fields.ts prints the row (a header without a segment length keeps its raw numbers).
    this.final?.secondPassRow(cols, 0, withoutSegmentLength(pkt), r, 0);
    this.advanceClocks(rec, cols);
    this.initialRttNs[0] = this.initialRtt(rec, pkt, cols, tracker);
    const stream = cols.stream[0];
    this.windowScale[0] = stream < 0 ? WSCALE_UNKNOWN : (this.final?.tracker ?? tracker).conversation(stream).d[cols.dir[0]].winScale;
    const rto = stream < 0 ? null : retransmissionTimeout(tracker.lastContext, wiretapSec(rec), wiretapNsec(rec));
    this.rtoNs[0] = rto ? rto.sec * 1e9 + rto.nsec : NaN;
    // packet-tcp.c shows it with the bytes in flight (shared/tcp/bytes-in-flight.ts).
    this.pushBytesSent[0] = stream >= 0 && tracker.lastContext.bytesInFlight !== 0 ? tracker.lastContext.pushBytesSent : NaN;
    this.record = rec; this.packet = pkt;
  }

  /** Moves the time clocks to this row, with wiretap's times as tshark takes them (capture-record.ts). */
  private advanceClocks(rec: CaptureRecord, cols: PacketColumns): void {
    const c = this.clocks, t = this.times;
    c.advance(rec.frame, cols.stream[0], rec.hasTimestamp !== false, wiretapSec(rec), wiretapNsec(rec));
    t.frameTimeDeltaNs[0] = c.frameDeltaNs; t.tcpTimeRelativeNs[0] = c.tcpRelativeNs; t.tcpTimeDeltaNs[0] = c.tcpDeltaNs;
  }

  /** tcp.analysis.initial_rtt's value for this row, as shared/tcp/tshark-fields.ts prints it (ns, NaN none). */
  private initialRtt(rec: CaptureRecord, pkt: DecodedPacket, cols: PacketColumns, tracker: TcpTracker): number {
    const stream = cols.stream[0];
    if (stream < 0) return NaN;
    if (this.final) {
      const t = this.final.initialRtt(stream, cols.tcpFlags[0], wiretapSec(rec), wiretapNsec(rec), rec.frame, !pkt.tcpBogusHeader);
      return t ? t.sec * 1e9 + t.nsec : NaN;
    }
    const c = tracker.conversation(stream);
    return c.hasIrtt ? c.irtt : NaN;
  }

  /** The context for rows of `tracker`; `first` is its first record (frame.time_relative counts from it, not from row 0 of one-row columns). */
  private contextFor(tracker: TcpTracker, first: CaptureRecord): FilterContext {
    if (this.ctxOf && this.tracker === tracker) return this.ctxOf;
    this.tracker = tracker;
    this.ctxOf = {
      flows: trackerFlows(tracker), bytes: (_row, field) => this.bytes(field),
      timeOrigin: frameTimeOrigin(first.frame, first.tsSec, first.tsNsec),
    };
    return this.ctxOf;
  }

  /** The tracked columns with the replaceable ones swapped in; built once (tcp-pass reuses one `cols`). */
  private viewOf(cols: PacketColumns): RowViewColumns {
    if (this.columns && this.source === cols) return this.columns;
    this.source = cols;
    this.columns = {
      ...cols, ...this.replaced, ...this.times, initialRttNs: this.initialRttNs, windowScale: this.windowScale, rtoNs: this.rtoNs,
      pushBytesSent: this.pushBytesSent,
    };
    return this.columns;
  }

  /** The current packet's bytes for contains/matches: the whole frame, or the captured TCP payload. */
  private bytes(field: BytesField): Uint8Array | null {
    return this.record && this.packet ? packetBytes(this.record, this.packet, field) : null;
  }
}
