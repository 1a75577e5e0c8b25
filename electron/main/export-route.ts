/**
 * The relay between an elevated capture worker's socket and the page's port (./relay.ts), with one request
 * taken out of it: `file.export`. The elevated worker cannot be granted a path (electron/capture/export-gate.ts),
 * so main answers the page's export itself by handing it to the unprivileged file worker it supervises
 * (electron/capture/export-jobs.ts), which reads the source — the live session pcapng, owned by the user since
 * the capture worker dropped its rights — and writes only a path main granted after its save dialog.
 *
 * What main reads: the page's frames, which are small requests and commands (each is forwarded unchanged
 * unless it is a valid `file.export`), and the worker's small EVENT frames, to know the current source from
 * `source.start`. The worker's batches pass as they came (./frame-splicer.ts); main's answers go in between
 * frames. An unreadable page stream is passed on raw, so the worker reports it as it always has.
 */
import type { Duplex } from 'node:stream';
import type { ErrorInfo, FileExportRequest, FileExportResult, SourceStart } from '../../shared/ipc/contract';
import { encodeFailure, encodeResult } from '../../shared/ipc/encode';
import { encodeFrame, type Frame, FrameDecoder, FrameType } from '../../shared/ipc/frame-codec';
import { isErrorInfo, parseFrame } from '../../shared/ipc/validate';
import { type MessagePortLike, portStreams } from '../capture/port-stream';
import { FrameSplicer } from './frame-splicer';
import { closeTogether, type Relay } from './relay';

/** Runs one export in the file worker: resolves with its result, or rejects with an ExportRefused. */
export type ExportRunner = (job: { source: string; target: string; frames: FileExportRequest['frames']; comments?: FileExportRequest['comments'] }) => Promise<FileExportResult>;

/** A routed export that failed, with the contract error the page gets. */
export class ExportRefused extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

export function relayWithExportRoute(socket: Duplex, port: MessagePortLike, runExport: ExportRunner): Relay {
  const { input, output } = portStreams(port);
  let source: SourceStart | null = null;
  const toPage = new FrameSplicer((bytes) => { if (!output.writableEnded) output.write(bytes); }, (frame) => {
    const msg = parseFrame(frame);
    if (!isErrorInfo(msg) && msg.kind === 'event' && msg.message.name === 'source.start') source = msg.message.payload as SourceStart;
  });
  let ended = false;                       // no answers into the page's stream once it is closed
  const serveExport = (id: number, req: FileExportRequest): void => {
    const from = source;
    const answer = from
      ? runExport({ source: from.path, target: req.path, frames: req.frames, comments: req.comments })
        .then((r) => encodeResult(id, 'file.export', r))
      : Promise.reject(new ExportRefused({ code: 'request.failed', message: 'nothing is open: open a file or start a capture first', fatal: false }));
    void answer.catch((e: unknown) => encodeFailure(id, 'file.export', e instanceof ExportRefused ? e.info
      : { code: 'internal', message: `file.export failed: ${(e as Error).message}`, fatal: false }))
      .then((frame) => { if (!ended) toPage.insert(frame); });
  };
  let raw = false;
  const fromPage = new FrameDecoder((frame: Frame) => {
    const msg = frame.type === FrameType.Request ? parseFrame(frame) : null;
    if (msg && !isErrorInfo(msg) && msg.kind === 'request' && msg.message.name === 'file.export') {
      serveExport(msg.message.id, msg.message.payload as FileExportRequest);
      return;
    }
    socket.write(encodeFrame(frame.type, frame.payload));
  });
  input.on('data', (chunk: Uint8Array) => {
    if (raw) { socket.write(chunk); return; }
    const start = fromPage.offset;
    const bad = fromPage.push(chunk);
    if (bad) { raw = true; socket.write(chunk.subarray(Math.max(0, bad.offset - start))); }
  });
  socket.on('data', (chunk: Uint8Array) => toPage.push(chunk));
  socket.resume(); // handed over paused (electron/capture/worker-socket.ts)

  return closeTogether(socket, input, output, () => { ended = true; });
}
