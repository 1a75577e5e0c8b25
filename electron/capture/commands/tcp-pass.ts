/**
 * One streamed pass over a capture file through reader → decoder → TcpTracker, for the TCP outputs of
 * `synack-capture read` (-T fields, --conversations, --explain). A one-row column set is refilled per packet.
 */
import { createReadStream } from 'node:fs';
import { createCaptureReader, type CaptureProblem, type CaptureRecord } from '../../../shared/capture-file/capture-reader';
import { allocateColumns, type PacketColumns } from '../../../shared/ipc/batch-layout';
import { TcpTracker } from '../../../shared/tcp/tcp-tracker';
import type { DecodedPacket } from '../../../shared/wire/decoded-packet';
import { PacketDecoder } from '../../../shared/wire/packet-decoder';

export type RowCallback = (rec: CaptureRecord, pkt: DecodedPacket, cols: PacketColumns, tracker: TcpTracker) => void;

export interface PassResult { tracker: TcpTracker; problem: CaptureProblem | null }

/** Tracks every record of `path`; `onRow` (optional) sees each packet's row right after tracking. */
export async function trackFile(path: string, onRow?: RowCallback, opts: { mslSeconds?: number; verifyChecksums?: boolean } = {},
  between?: () => Promise<boolean>): Promise<PassResult> {
  const reader = createCaptureReader();
  const decoder = new PacketDecoder({ verifyChecksums: opts.verifyChecksums ?? false });
  const tracker = new TcpTracker(opts);
  const cols = allocateColumns(1);
  cols.rows = 1;
  const onRecord = (r: CaptureRecord): void => {
    const pkt = decoder.decode(r.view, r.at, r.capLen, r.origLen, r.linkType);
    cols.frame[0] = r.frame; cols.tsSec[0] = r.tsSec; cols.tsNsec[0] = r.tsNsec;
    cols.capLen[0] = r.capLen; cols.origLen[0] = r.origLen; cols.fileOffset[0] = r.fileOffset;
    cols.iface[0] = r.iface; cols.linkType[0] = r.linkType;
    tracker.track(r, pkt, cols, 0);
    onRow?.(r, pkt, cols, tracker);
  };
  let problem: CaptureProblem | null = null;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let stopped = false;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    problem = reader.push(chunk, onRecord);
    if (problem) break;
    if (between && !(await between())) { stopped = true; break; }
  }
  stream.destroy();
  if (!problem && !stopped) problem = reader.end();
  return { tracker, problem };
}
