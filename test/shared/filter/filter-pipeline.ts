/**
 * Builds real packet columns for the filter tests: reader (test/support/read-capture) → PacketDecoder →
 * TcpTracker → columns, in two passes as `tshark -2` (the second pass reads each stream's final
 * completeness, base sequence numbers and window scale from the first: shared/tcp/final-values.ts), plus
 * the flow table and each row's bytes for contains/matches. Never fakes a column: when a pipeline module is not
 * there yet, `missing` names it and the tests that need it say so.
 */
import { allocateColumns, type PacketColumns } from '../../../shared/ipc/batch-layout';
import type { FlowInfo } from '../../../shared/ipc/flow';
import type { ConversationSummary } from '../../../shared/ipc/contract';
import type { BytesField, FilterColumns, FilterContext } from '../../../shared/filter/filter-context';
import { DerivedTimeColumns } from '../../../shared/filter/derived-times';
import { PushBytesColumn } from '../../../shared/filter/push-bytes';
import type { CaptureRecord } from '../../../shared/capture-file/capture-record';
import type { DecodedPacket } from '../../../shared/wire/decoded-packet';
import { forEachRecord } from '../../support/read-capture';
import { withoutSegmentLength } from '../../../shared/tcp/tcp-tracker';
import { wiretapNsec, wiretapSec } from '../../../shared/capture-file/capture-record';

interface Tracker { track(rec: CaptureRecord, pkt: DecodedPacket, cols: PacketColumns, row: number): void }
interface Decoder {
  decode(view: DataView, at: number, capLen: number, origLen: number, linkType: number): DecodedPacket;
  frameRecord(rec: CaptureRecord): CaptureRecord;
}
/** shared/tcp/final-values.ts: what tshark's second pass reads from the first pass's final state. */
interface Final {
  secondPassRow(cols: PacketColumns, row: number, quoted: boolean, out: PacketColumns, at: number): void;
  initialRtt(stream: number, flags: number, sec: number, nsec: number, frame: number, synOrAck: boolean): { sec: number; nsec: number } | null;
}
export interface Pipeline {
  newDecoder(): Decoder; newTracker(): Tracker; finalValues(t: Tracker): Final;
  /** Every flow the tracker made (shared/tcp/conversation-summary.ts flowInfo), outer layers' flows included. */
  flows(t: Tracker): FlowInfo[];
  /** Each stream's window scale shifts (stream × 2 + side) from its summary (conversationSummary), as the window keeps them. */
  windowScales(t: Tracker): Int8Array;
}

/** Loads the decoder and tracker, or lists what is missing. */
export async function loadPipeline(): Promise<{ pipeline: Pipeline | null; missing: string[] }> {
  const missing: string[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const load = async (path: string, name: string): Promise<(new (...args: any[]) => unknown) | null> => {
    try {
      const mod = (await import(/* @vite-ignore */ path)) as Record<string, unknown>;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      if (typeof mod[name] === 'function') return mod[name] as new (...args: any[]) => unknown;
      missing.push(`${path.replace('../../../', '')} does not export ${name}`);
    } catch (e) {
      missing.push(`${path.replace('../../../', '')} (${(e as Error).message.split('\n')[0]})`);
    }
    return null;
  };
  const Dec = await load('../../../shared/wire/packet-decoder', 'PacketDecoder');
  const Trk = await load('../../../shared/tcp/tcp-tracker', 'TcpTracker');
  const Fin = await load('../../../shared/tcp/final-values', 'FinalValues') as (new (t: Tracker) => Final) | null;
  const info = await load('../../../shared/tcp/conversation-summary', 'flowInfo') as unknown as ((t: Tracker, id: number) => FlowInfo) | null;
  const summary = await load('../../../shared/tcp/conversation-summary', 'conversationSummary') as unknown as
    ((t: Tracker, stream: number) => ConversationSummary) | null;
  if (!Dec || !Trk || !Fin || !info || !summary) return { pipeline: null, missing };
  const windowScales = (t: Tracker): Int8Array => {
    const count = (t as unknown as { conversationCount: number }).conversationCount, out = new Int8Array(2 * count);
    for (let s = 0; s < count; s++) { const c = summary(t, s); out[2 * s] = c.winScaleA; out[2 * s + 1] = c.winScaleB; }
    return out;
  };
  const flows = (t: Tracker): FlowInfo[] => {
    const count = (t as unknown as { flows: { count: number } }).flows.count;
    return Array.from({ length: count }, (_, id) => info(t, id));
  };
  return {
    pipeline: {
      newDecoder: () => new Dec({ reassemble: true }) as Decoder, newTracker: () => new Trk() as Tracker, finalValues: (t) => new Fin(t), flows,
      windowScales,
    },
    missing,
  };
}

/** The pipeline's columns with the time differences a filter may read (shared/filter/derived-times.ts). */
export type DerivedColumns = PacketColumns & Pick<FilterColumns, 'frameTimeDeltaNs' | 'tcpTimeRelativeNs' | 'tcpTimeDeltaNs' | 'initialRttNs' | 'pushBytesSent'>;
export interface CaptureColumns { cols: DerivedColumns; ctx: FilterContext; problem: string | null }


/** Runs a capture file through the pipeline into columns and a filter context. */
export function captureColumns(pipeline: Pipeline, path: string): CaptureColumns {
  let records = 0;
  forEachRecord(path, () => { records++; });
  const cols = allocateColumns(Math.max(1, records));
  const frameBytes: Uint8Array[] = [];
  const payloadBytes: (Uint8Array | null)[] = [];
  // tshark -2: a first pass leaves each stream's final state, which the second pass reads (final-values.ts). Each pass
  // has its own decoder: IP fragments wait in one for the rest of their datagram.
  const first = pipeline.newTracker(), firstDecoder = pipeline.newDecoder();
  const scratch = allocateColumns(1);
  forEachRecord(path, (rec) => {
    const pkt = firstDecoder.decode(rec.view, rec.at, rec.capLen, rec.origLen, rec.linkType);
    first.track(firstDecoder.frameRecord(rec), pkt, scratch, 0);
  });
  const decoder = pipeline.newDecoder();
  const final = pipeline.finalValues(first);
  const tracker = pipeline.newTracker();
  const initialRttNs = new Float64Array(Math.max(1, records));
  let row = 0;
  const read = forEachRecord(path, (rec) => {
    if (row >= records) return;
    cols.frame[row] = rec.frame; cols.tsSec[row] = rec.tsSec; cols.tsNsec[row] = rec.tsNsec;
    cols.capLen[row] = rec.capLen; cols.origLen[row] = rec.origLen;
    const pkt = decoder.decode(rec.view, rec.at, rec.capLen, rec.origLen, rec.linkType);
    const frame = decoder.frameRecord(rec);   // a reassembled datagram's synthetic frame, or rec
    tracker.track(frame, pkt, cols, row);
    // The -2 view of the row, as shared/tcp/tshark-fields.ts reads it (a quoted TCP header keeps its raw numbers).
    final.secondPassRow(cols, row, pkt.tcp && withoutSegmentLength(pkt), cols, row);
    // tcp.analysis.initial_rtt as tshark's second pass has it on this row (the CLI's -Y does the same).
    const irtt = cols.stream[row] >= 0
      ? final.initialRtt(cols.stream[row], cols.tcpFlags[row], wiretapSec(frame), wiretapNsec(frame), frame.frame, !pkt.tcpBogusHeader) : null;
    initialRttNs[row] = irtt ? irtt.sec * 1e9 + irtt.nsec : NaN;
    frameBytes.push(rec.bytes.slice(rec.at, rec.at + rec.capLen));
    payloadBytes.push(pkt.tcp ? frame.bytes.slice(pkt.payloadOffset, pkt.payloadOffset + pkt.payloadCaptured) : null);
    row++;
  });
  cols.rows = row;
  const times = new DerivedTimeColumns().extend(cols, row);
  const derived: DerivedColumns = Object.assign(cols, {
    frameTimeDeltaNs: times.frameDelta, tcpTimeRelativeNs: times.tcpRelative, tcpTimeDeltaNs: times.tcpDelta, initialRttNs,
    // As the window works it out over its rows (the CLI's -Y takes the tracker's count instead).
    pushBytesSent: new PushBytesColumn().extend(cols, row).values,
  });
  const bytes = (r: number, field: BytesField): Uint8Array | null => {
    if (field === 'frame') return frameBytes[r];
    return payloadBytes[r];
  };
  // No timeOrigin: frame.time_relative counts from the filter's own default, as in the renderer.
  // Each stream's window scale as the window has it from the summaries: the first pass's final one (tshark -2).
  const ctx: FilterContext = { flows: pipeline.flows(tracker), bytes, streamWindowScale: pipeline.windowScales(first) };
  return { cols: derived, ctx, problem: read.problem ? `${read.problem.code} at ${read.problem.offset}` : null };
}
