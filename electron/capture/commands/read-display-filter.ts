/**
 * `-Y FILTER` of `synack-capture read`: SynAck's display filter (shared/filter, the language of the app's
 * filter bar) tested on each packet's tracked row while the file streams by, as `tshark -Y` does. Memory
 * stays bounded by the tracker's flow and stream tables. With -2 the filter sees what tshark's second pass
 * shows (each stream's final completeness, seq/ack relative to the final base, the final window scale:
 * shared/tcp/final-values.ts), so a first pass over the file must come before; without -2 it sees the values
 * a single pass knows at that packet, as tshark without -2.
 */
import type { CaptureRecord } from '../../../shared/capture-file/capture-reader';
import { wiretapNsec, wiretapSec } from '../../../shared/capture-file/capture-record';
import type { FilterError } from '../../../shared/filter/ast';
import { compileFilter, type CompiledFilter } from '../../../shared/filter/compile';
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

/**
 * The error as a few lines: the message (with its column and any "did you mean"), the filter with the
 * wrong part underlined (as tshark does), and what would have been accepted there.
 */
export function filterErrorText(text: string, e: FilterError): string {
  const width = Math.max(1, Math.min(e.end, text.length) - e.start);
  const lines = [`bad display filter (-Y): ${e.message}`, `  ${text}`, `  ${' '.repeat(e.start)}^${'~'.repeat(width - 1)}`];
  // Tokens in quotes, descriptions ("a field name") as they are.
  if (e.expected.length > 0) lines.push(`expected: ${e.expected.map((x) => (x.includes(' ') ? x : `"${x}"`)).join(' or ')}`);
  return lines.join('\n');
}

/** Compiles -Y text; a string is the error to print. */
export function compileDisplayFilter(text: string): CompiledFilter | string {
  const r = compileFilter(text);
  return r.ok ? r.filter : filterErrorText(text, r.error);
}

/** The tracker's flow table as the filter's FlowLookup: a flow's FlowInfo is built once, when a test first asks. */
function trackerFlows(tracker: TcpTracker): FlowLookup {
  return {
    get length() { return tracker.flows.count; },
    at: (id) => (id >= 0 && id < tracker.flows.count ? flowInfo(tracker, id) : undefined),
  };
}

/** Tests one tracked row at a time (the one-row columns of tcp-pass.ts) against a compiled filter. */
export class PacketFilter {
  private ctx: FilterContext | null = null;
  private tracker: TcpTracker | null = null;
  private view: FilterColumns | null = null;
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
  constructor(private readonly filter: CompiledFilter, private readonly final: FinalValues | null) {}

  /** Whether the row just tracked into `cols` (row 0) passes; `tracker` is the one that filled it. */
  matches(rec: CaptureRecord, pkt: DecodedPacket, cols: PacketColumns, tracker: TcpTracker): boolean {
    const ctx = this.contextFor(tracker, rec);
    const view = this.viewOf(cols);
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
    return this.filter.test(view, ctx, 0);
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
    if (this.ctx && this.tracker === tracker) return this.ctx;
    this.tracker = tracker;
    this.ctx = {
      flows: trackerFlows(tracker), bytes: (_row, field) => this.bytes(field),
      timeOrigin: frameTimeOrigin(first.frame, first.tsSec, first.tsNsec),
    };
    return this.ctx;
  }

  /** The tracked columns with the replaceable ones swapped in; built once (tcp-pass reuses one `cols`). */
  private viewOf(cols: PacketColumns): FilterColumns {
    if (this.view && this.source === cols) return this.view;
    this.source = cols;
    this.view = {
      ...cols, ...this.replaced, ...this.times, initialRttNs: this.initialRttNs, windowScale: this.windowScale, rtoNs: this.rtoNs,
      pushBytesSent: this.pushBytesSent,
    };
    return this.view;
  }

  /** The current packet's bytes for contains/matches: the whole frame, or the captured TCP payload. */
  private bytes(field: BytesField): Uint8Array | null {
    return this.record && this.packet ? packetBytes(this.record, this.packet, field) : null;
  }
}
