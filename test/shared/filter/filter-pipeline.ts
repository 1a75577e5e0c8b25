/**
 * Builds real packet columns for the filter tests: reader (test/support/read-capture) → PacketDecoder →
 * TcpTracker → columns, plus the flow table, the stream's final completeness (tshark -2 shows it on every
 * packet) and each row's bytes for contains/matches. Never fakes a column: when a pipeline module is not
 * there yet, `missing` names it and the tests that need it say so.
 */
import { allocateColumns, type PacketColumns } from '../../../shared/ipc/batch-layout';
import type { FlowInfo } from '../../../shared/ipc/flow';
import type { BytesField, FilterContext } from '../../../shared/filter/filter-context';
import type { CaptureRecord } from '../../../shared/capture-file/capture-record';
import type { DecodedPacket } from '../../../shared/wire/decoded-packet';
import { forEachRecord } from '../../support/read-capture';

interface Tracker { track(rec: CaptureRecord, pkt: DecodedPacket, cols: PacketColumns, row: number): void }
interface Decoder { decode(view: DataView, at: number, capLen: number, origLen: number, linkType: number): DecodedPacket }
export interface Pipeline { newDecoder(): Decoder; newTracker(): Tracker }

/** Loads the decoder and tracker, or lists what is missing. */
export async function loadPipeline(): Promise<{ pipeline: Pipeline | null; missing: string[] }> {
  const missing: string[] = [];
  const load = async (path: string, name: string): Promise<(new () => unknown) | null> => {
    try {
      const mod = (await import(/* @vite-ignore */ path)) as Record<string, unknown>;
      if (typeof mod[name] === 'function') return mod[name] as new () => unknown;
      missing.push(`${path.replace('../../../', '')} does not export ${name}`);
    } catch (e) {
      missing.push(`${path.replace('../../../', '')} (${(e as Error).message.split('\n')[0]})`);
    }
    return null;
  };
  const Dec = await load('../../../shared/wire/packet-decoder', 'PacketDecoder');
  const Trk = await load('../../../shared/tcp/tcp-tracker', 'TcpTracker');
  if (!Dec || !Trk) return { pipeline: null, missing };
  return { pipeline: { newDecoder: () => new Dec() as Decoder, newTracker: () => new Trk() as Tracker }, missing };
}

export interface CaptureColumns { cols: PacketColumns; ctx: FilterContext; problem: string | null }

function ipText(b: Uint8Array): string {
  if (b.length === 4) return b.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16));
  return groups.join(':');
}

/** A FlowInfo from the packet that created the flow: its sender is endpoint A when `dir` is 0. */
function flowFrom(id: number, rec: CaptureRecord, pkt: DecodedPacket, dir: number, stream: number): FlowInfo {
  const n = pkt.addrLen;
  const src = rec.bytes.slice(pkt.srcAddrOffset, pkt.srcAddrOffset + n);
  const dst = rec.bytes.slice(pkt.dstAddrOffset, pkt.dstAddrOffset + n);
  const [a, b] = dir === 0 ? [src, dst] : [dst, src];
  const [pa, pb] = dir === 0 ? [pkt.srcPort, pkt.dstPort] : [pkt.dstPort, pkt.srcPort];
  return { id, l3: pkt.l3 === 6 ? 6 : 4, proto: pkt.ipProto, addrA: ipText(a), addrB: ipText(b), addrBytesA: a, addrBytesB: b, portA: pa, portB: pb, stream };
}

/** Runs a capture file through the pipeline into columns and a filter context. */
export function captureColumns(pipeline: Pipeline, path: string): CaptureColumns {
  let records = 0;
  forEachRecord(path, () => { records++; });
  const cols = allocateColumns(Math.max(1, records));
  const flows: FlowInfo[] = [];
  const frameBytes: Uint8Array[] = [];
  const payloadAt = new Int32Array(Math.max(1, records));
  const payloadLen = new Int32Array(Math.max(1, records));
  const decoder = pipeline.newDecoder();
  const tracker = pipeline.newTracker();
  let row = 0;
  const read = forEachRecord(path, (rec) => {
    if (row >= records) return;
    cols.frame[row] = rec.frame; cols.tsSec[row] = rec.tsSec; cols.tsNsec[row] = rec.tsNsec;
    cols.capLen[row] = rec.capLen; cols.origLen[row] = rec.origLen;
    const pkt = decoder.decode(rec.view, rec.at, rec.capLen, rec.origLen, rec.linkType);
    tracker.track(rec, pkt, cols, row);
    const f = cols.flow[row];
    if (f >= 0 && flows[f] === undefined) flows[f] = flowFrom(f, rec, pkt, cols.dir[row], cols.stream[row]);
    frameBytes.push(rec.bytes.slice(rec.at, rec.at + rec.capLen));
    payloadAt[row] = pkt.tcp ? pkt.payloadOffset - rec.at : -1;
    payloadLen[row] = pkt.tcp ? pkt.payloadCaptured : 0;
    row++;
  });
  cols.rows = row;
  const completeness: number[] = [];
  for (let r = 0; r < row; r++) {
    const s = cols.stream[r];
    if (s >= 0) completeness[s] = (completeness[s] ?? 0) | cols.completeness[r];
  }
  const bytes = (r: number, field: BytesField): Uint8Array | null => {
    if (field === 'frame') return frameBytes[r];
    return payloadAt[r] < 0 ? null : frameBytes[r].subarray(payloadAt[r], payloadAt[r] + payloadLen[r]);
  };
  const ctx: FilterContext = {
    flows, streamCompleteness: completeness, bytes,
    timeOrigin: row > 0 ? { sec: cols.tsSec[0], nsec: cols.tsNsec[0] } : undefined,
  };
  return { cols, ctx, problem: read.problem ? `${read.problem.code} at ${read.problem.offset}` : null };
}
