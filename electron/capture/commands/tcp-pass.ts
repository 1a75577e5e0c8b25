/**
 * One streamed pass over a capture file through reader → decoder → TcpTracker, for the TCP outputs of
 * `synack-capture read` (-T fields, --conversations, --explain, -Y). A one-row column set is refilled per packet.
 */
import { createCaptureReader, type CaptureProblem, type CaptureRecord } from '../../../shared/capture-file/capture-reader';
import { allocateColumns, type PacketColumns } from '../../../shared/ipc/batch-layout';
import { FinalValues } from '../../../shared/tcp/final-values';
import { TcpTracker } from '../../../shared/tcp/tcp-tracker';
import type { DecodedPacket } from '../../../shared/wire/decoded-packet';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';
import { openCaptureFile } from '../file-source';

export type RowCallback = (rec: CaptureRecord, pkt: DecodedPacket, cols: PacketColumns, tracker: TcpTracker) => void;

export interface PassResult { tracker: TcpTracker; problem: CaptureProblem | null }

export interface PassOptions {
  mslSeconds?: number;
  verifyChecksums?: boolean;
  /** trackFile: records before this frame are read past, neither decoded nor tracked (default 1: all are). */
  fromFrame?: number;
}

/** Decoder + tracker + one row of columns: `track(record)` refills the row (the same `cols` object every time). */
export class TrackedRow {
  readonly tracker: TcpTracker;
  readonly cols: PacketColumns = allocateColumns(1);
  private readonly decoder: PacketDecoder;

  constructor(opts: PassOptions = {}) {
    this.decoder = new PacketDecoder({ verifyChecksums: opts.verifyChecksums ?? false, reassemble: true });
    this.tracker = new TcpTracker(opts);
    this.cols.rows = 1;
  }

  /**
   * Decodes and tracks one record into row 0; the packet is valid until the next call, and so is `record`, the
   * record its offsets refer to (a reassembled datagram's synthetic frame, else `r`).
   */
  track(r: CaptureRecord): DecodedPacket {
    const cols = this.cols;
    const pkt = this.decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType);
    this.record = this.decoder.frameRecord(r);
    this.tracker.track(this.record, pkt, cols, 0);   // fills the record's columns too (shared/ipc/decoded-columns.ts)
    return pkt;
  }

  record: CaptureRecord | null = null;
}

/**
 * Tracks every record of `path` (.gz too); `onRow` (optional) sees each packet's row right after tracking.
 * `between` runs after each chunk (output backpressure); returning false stops the pass.
 */
export async function trackFile(path: string, onRow?: RowCallback, opts: PassOptions = {},
  between?: () => Promise<boolean>): Promise<PassResult> {
  const reader = createCaptureReader();
  const row = new TrackedRow(opts);
  const from = opts.fromFrame ?? 1;
  const onRecord = (r: CaptureRecord): void => {
    if (r.frame < from) return;
    const pkt = row.track(r);
    onRow?.(row.record!, pkt, row.cols, row.tracker);
  };
  let problem: CaptureProblem | null = null;
  let stopped = false;
  const chunks = await openCaptureFile(path, { chunkBytes: 1 << 20 });
  try {
    for (let chunk = await chunks.next(); chunk; chunk = await chunks.next()) {
      problem = reader.push(chunk, onRecord);
      if (problem) break;
      if (between && !(await between())) { stopped = true; break; }
    }
    if (!problem && !stopped) problem = chunks.problem ?? reader.end();
  } finally {
    await chunks.close();
  }
  return { tracker: row.tracker, problem };
}

/**
 * What -2 prints from: with `twoPass`, tshark -2's first pass (each stream's final state for the second pass to
 * read); else null, one pass as tshark prints it. `fatal` is set when the file could not be read far enough to
 * print anything (a truncated last record still leaves the rest to print). `opts` are the second pass's, so both
 * passes track alike.
 */
export async function finalValues(path: string, twoPass: boolean, opts: PassOptions = {}): Promise<{ final: FinalValues | null; fatal: CaptureProblem | null }> {
  if (!twoPass) return { final: null, fatal: null };
  const { tracker, problem } = await trackFile(path, undefined, opts);
  const fatal = problem && tracker.conversationCount === 0 && problem.code !== 'truncated' ? problem : null;
  return { final: new FinalValues(tracker), fatal };
}
