/**
 * One consumer connection of the capture worker, independent of the transport: validated frames in
 * (`receive`), frames out through an OutboundSink. It serves the contract's requests, runs one source at a
 * time (opening a file or starting a capture cancels the previous source, whose `end` says 'cancelled'),
 * and applies the consumer's credits through the OutboundQueue. Every failure becomes an `error` event or
 * a failed response with a contract error code; nothing here throws out of a request.
 */
import { BATCH_VERSION, type PacketColumns } from '../../shared/ipc/batch-layout';
import {
  type ConversationSummary, type EndReason, type ErrorCode, type ErrorInfo, type Hello, type LiveCaptureCapability,
  PROTOCOL_VERSION, type RequestMessage, type RequestName, type RequestPayload, type ResponsePayload,
} from '../../shared/ipc/contract';
import { encodeEvent, encodeFailure, encodeRefusal, encodeResult } from '../../shared/ipc/encode';
import type { FlowInfo } from '../../shared/ipc/flow';
import type { Frame } from '../../shared/ipc/frame-codec';
import { isErrorInfo, parseFrame, refusedRequestOf } from '../../shared/ipc/validate';
import { anyAbsolutePath, type ExportGate } from './export-gate';
import { ExportError, exportFrames } from './export-job';
import { fileSize, runFileJob } from './file-job';
import { type LiveProvider, runLiveJob } from './live-job';
import { BatchBufferPool } from './batch-buffer-pool';
import { OutboundQueue, type OutboundSink } from './outbound-queue';
import { streamFollowResult } from './follow-stream';
import { ByteMatchRefusal } from './byte-match';
import { runByteMatch } from './byte-match-client';
import { packetDetail } from './packet-detail';
import { packetWhy, whyHint } from './flag-reasons';
import { CapturePipeline, type PipelineOptions } from './pipeline';
import { readFileProperties } from './file-properties';

/** A request failure with a contract error code. */
export class RequestFailure extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
  }
}

interface ActiveSource {
  id: number;
  path: string;
  pipeline: CapturePipeline;
  abort: AbortController;
  done: Promise<void>;
  finished: boolean;
  /** Live sources: stop capturing, let the job drain what was written. */
  stop?: () => Promise<void>;
}

export interface WorkerSessionOptions {
  live: LiveProvider | null;
  pipeline?: PipelineOptions;
  /** Where `file.export` may write (./export-gate.ts); any absolute path when not given (stdio consumers). */
  exportGate?: ExportGate;
}

type Handlers = { [K in RequestName]: (p: RequestPayload<K>) => Promise<ResponsePayload<K>> };

export class WorkerSession {
  private readonly queue: OutboundQueue;
  private source: ActiveSource | null = null;
  private sourceSeq = 0;
  private closed = false;
  /** Aborts running exports when the consumer goes away. */
  private readonly exports = new AbortController();
  /** The running `packet.why` pass: a newer question (or closing) withdraws it, so only one re-reads the source. */
  private why = new AbortController();
  /** Buffers of batches the transport has written, for the next batches of any source. */
  private readonly batchPool = new BatchBufferPool();
  private readonly recycleBatch = (b: ArrayBuffer): void => this.batchPool.give(b);

  constructor(private readonly out: OutboundSink, private readonly options: WorkerSessionOptions) {
    this.queue = new OutboundQueue(out);
  }

  hello(): Hello {
    const live: LiveCaptureCapability = this.options.live?.capability() ?? { available: false, reason: 'live capture is not built into this worker' };
    return {
      protocol: PROTOCOL_VERSION, batchVersion: BATCH_VERSION, pid: process.pid,
      uid: typeof process.geteuid === 'function' ? process.geteuid() : null,
      capabilities: { liveCapture: live, formats: ['pcap', 'pcapng', 'pcap.gz', 'pcapng.gz'], platform: process.platform },
    };
  }

  /** Greets the consumer; call once the transport is up. */
  start(): void {
    this.out.sendFrame(encodeEvent('hello', this.hello()));
  }

  /** One frame from the consumer. */
  receive(frame: Frame): void {
    if (this.closed) return;
    const msg = parseFrame(frame);
    if (isErrorInfo(msg)) { this.refuse(frame, msg); return; }
    if (msg.kind === 'command') { this.queue.grant(msg.message.payload.batches); return; }
    if (msg.kind !== 'request') {
      this.out.sendFrame(encodeEvent('error', { code: 'message.invalid', message: `a worker does not accept ${msg.kind} frames`, fatal: false }));
      return;
    }
    void this.serve(msg.message);
  }

  /**
   * A frame that failed validation. A request whose id can be read gets a failed response, so the caller's
   * promise settles with the validator's reason; anything else becomes an `error` event.
   */
  private refuse(frame: Frame, error: ErrorInfo): void {
    const req = refusedRequestOf(frame);
    if (!req) { this.out.sendFrame(encodeEvent('error', error)); return; }
    const what = req.name ? `request ${req.name}` : 'request';
    this.out.sendFrame(encodeRefusal(req.id, req.name, { ...error, message: `${what} refused: ${error.message}` }));
  }

  /** The consumer is gone: stop the current source. */
  async close(): Promise<void> {
    this.closed = true;
    this.exports.abort();
    this.why.abort();
    await this.cancelSource('cancelled');
  }

  /** Opens a file as if the consumer had asked (the web host's initial file). */
  openFile(path: string): Promise<ResponsePayload<'file.open'>> {
    return this.handlers['file.open']({ path });
  }

  private async serve(req: RequestMessage): Promise<void> {
    try {
      const handler = this.handlers[req.name] as (p: unknown) => Promise<unknown>;
      const result = await handler(req.payload);
      this.out.sendFrame(encodeResult(req.id, req.name, result as never));
    } catch (e) {
      const error: ErrorInfo = e instanceof RequestFailure
        ? { code: e.code, message: e.message, fatal: false }
        : { code: 'internal', message: `${req.name} failed: ${(e as Error).message}`, fatal: false };
      this.out.sendFrame(encodeFailure(req.id, req.name, error));
    }
  }

  private readonly handlers: Handlers = {
    'file.open': async ({ path }) => {
      this.refuseFilesWhilePrivileged(path);
      await this.cancelSource('cancelled');
      const bytesTotal = await fileSize(path).catch((e: NodeJS.ErrnoException) => {
        throw new RequestFailure('file.unreadable', `cannot open ${path}: ${e.code ?? ''} ${e.message}`.trim());
      });
      const id = this.beginSource('file', path, null, bytesTotal);
      this.runSource(id, path, (src) => runFileJob(path, src.pipeline, {
        ready: () => this.queue.ready(),
        signal: src.abort.signal,
        progress: (bytesRead, total) => this.queue.pushFrame(encodeEvent('file.progress', { source: id, bytesRead, bytesTotal: total, frames: src.pipeline.frames })),
      }).then((r): EndReason => {
        if (r.cancelled) return 'cancelled';
        const problem = r.problem ? { code: r.problem.code, offset: r.problem.offset, message: r.problem.message } : null;
        this.queue.pushFrame(encodeEvent('file.end', { source: id, frames: src.pipeline.frames, bytesRead: r.bytesRead, problem }));
        return 'complete';
      }));
      return { source: id, path, bytesTotal };
    },
    'file.cancel': async () => ({ source: await this.cancelSource('cancelled') }),
    'capture.start': async (req) => {
      const live = this.requireLive();
      await this.cancelSource('cancelled');
      const session = await live.start(req);
      const id = this.beginSource('live', session.sessionFile, req.iface, null);
      const rowsBefore = this.queue.rowsSent;
      this.runSource(id, session.sessionFile, (src) => {
        src.stop = () => session.stop();
        return runLiveJob(session, src.pipeline, {
          ready: () => this.queue.ready(),
          signal: src.abort.signal,
          // Periodic stats are not queued behind batches: they must reach a consumer that holds no credits.
          // The final one is queued after the last rows, so "behind" is measured where it is delivered.
          stats: (s, final) => {
            const delivered = final ? src.pipeline.frames : this.queue.rowsSent - rowsBefore;
            const frame = encodeEvent('capture.stats', {
              source: id, received: s.received, dropped: s.dropped, written: s.written, behindBy: Math.max(0, s.written - delivered),
            });
            if (final) this.queue.pushFrame(frame); else this.out.sendFrame(frame);
          },
        });
      });
      return { source: id, iface: req.iface, sessionFile: session.sessionFile };
    },
    'capture.stop': async () => {
      const src = this.source;
      if (!src || src.finished) return { source: src?.id ?? null };
      // A stopped capture still delivers every packet it wrote: the live job drains the session file and then
      // sends `end` — as fast as the consumer's credits allow, so the answer does not wait for that.
      if (src.stop) await src.stop();
      else await this.cancelSource('stopped');
      return { source: src.id };
    },
    'interfaces.list': async () => ({ interfaces: await this.requireLive().listInterfaces() }),
    'packet.detail': async ({ frame }) => {
      const src = this.source;
      const loc = src?.pipeline.index.get(frame);
      if (!src || !loc) throw new RequestFailure('frame.unknown', `frame ${frame} is not in the current capture`);
      const lookup = (f: number) => {
        const at = src.pipeline.index.get(f);
        return at && { loc: at, linkType: src.pipeline.linkTypeOf(at.iface) };
      };
      return packetDetail(src.path, loc, src.pipeline.linkTypeOf(loc.iface), lookup, src.pipeline.interfaceOf(loc.iface)).catch((e: Error) => {
        throw new RequestFailure('file.unreadable', e.message);
      });
    },
    'packet.why': async ({ frame, stream, analysis }) => {
      const src = this.source;
      if (!src || !src.pipeline.index.get(frame)) throw new RequestFailure('frame.unknown', `frame ${frame} is not in the current capture`);
      this.why.abort();
      const mine = (this.why = new AbortController());
      // By path, as stream.follow: also while a file loads and from a live session's pcapng.
      const hint = stream !== undefined && analysis !== undefined ? whyHint(src.pipeline.tcpTracker, stream, analysis) : undefined;
      const r = await packetWhy(src.path, frame, mine.signal, hint).catch((e: Error) => {
        throw new RequestFailure(mine.signal.aborted ? 'request.failed' : 'file.unreadable', e.message);
      });
      if (!r) throw new RequestFailure('frame.unknown', `frame ${frame} is not in ${src.path} (yet)`);
      return r;
    },
    'stream.follow': async (req) => {
      const src = this.source;
      if (!src) throw new RequestFailure('request.failed', 'nothing is open: open a file or start a capture first');
      // Reads the source by path, as file.export does: also while a file loads and from a live session's pcapng.
      return streamFollowResult(src.path, req).catch((e: Error) => { throw new RequestFailure('file.unreadable', e.message); });
    },
    'filter.bytes': async (req) => {
      const src = this.source;
      if (!src) throw new RequestFailure('request.failed', 'nothing is open: open a file or start a capture first');
      // By path, as stream.follow: also while a file loads and from a live session's pcapng; in a watched thread.
      return runByteMatch(src.path, req).catch((e: Error) => {
        throw new RequestFailure(e instanceof ByteMatchRefusal ? 'request.failed' : 'file.unreadable', e.message);
      });
    },
    'file.properties': async () => {
      const src = this.source;
      if (!src) throw new RequestFailure('request.failed', 'nothing is open: open a file or start a capture first');
      // By path, as stream.follow: also while a file loads (the part written so far of a live session's pcapng).
      return readFileProperties(src.path).catch((e: Error) => { throw new RequestFailure('file.unreadable', e.message); });
    },
    'file.export': async ({ path, frames, comments }) => {
      this.refuseFilesWhilePrivileged(path);
      const src = this.source;
      if (!src) throw new RequestFailure('request.failed', 'nothing is open: open a file or start a capture first');
      const gate = await (this.options.exportGate ?? anyAbsolutePath).resolve(path);
      if ('refused' in gate) throw new RequestFailure('file.unwritable', gate.refused);
      // Reads the source by path, not through the running pipeline: works while a file is still loading and
      // for a live session (whatever the session pcapng holds so far), and never waits for credits.
      const r = await exportFrames(src.path, gate.path, frames, this.exports.signal, comments).catch((e: Error) => {
        throw e instanceof ExportError ? new RequestFailure(e.contractCode, e.message) : e;
      });
      return { path: gate.path, frames: r.frames, bytes: r.bytes };
    },
  };

  /** A worker still holding capture rights (elevated, before its capture dropped them) touches no files. */
  private refuseFilesWhilePrivileged(path: string): void {
    if (this.options.live?.holdsCaptureRights()) {
      throw new RequestFailure('file.unreadable', `${path}: this worker holds capture rights until its capture starts, `
        + 'so it opens and writes no files; files are read by the app\'s unprivileged worker');
    }
  }

  private requireLive(): LiveProvider {
    const live = this.options.live;
    const cap = live?.capability();
    if (!live || !cap?.available) throw new RequestFailure('capture.unavailable', cap?.reason ?? 'live capture is not available');
    return live;
  }

  private beginSource(kind: 'file' | 'live', path: string, iface: string | null, bytesTotal: number | null): number {
    const id = ++this.sourceSeq;
    this.queue.pushFrame(encodeEvent('source.start', { source: id, kind, path, iface, bytesTotal }));
    return id;
  }

  /** Runs a source's job in the background; whatever happens, the source ends with exactly one `end`. */
  private runSource(id: number, path: string, job: (src: ActiveSource) => Promise<EndReason>): void {
    const pipeline = new CapturePipeline(this.pipelineSink(id), {
      canFlushEarly: () => this.queue.available > 0, batchPool: this.batchPool, ...this.options.pipeline,
    });
    const src: ActiveSource = { id, path, pipeline, abort: new AbortController(), done: Promise.resolve(), finished: false };
    this.source = src;
    src.done = (async () => {
      let reason: EndReason;
      try {
        reason = await job(src);
      } catch (e) {
        reason = 'failed';
        this.queue.pushFrame(encodeEvent('error', { code: errorCodeOf(e), message: (e as Error).message, fatal: false, source: id }));
      }
      if (src.abort.signal.aborted) return; // cancelSource sends the end
      pipeline.dispose();
      src.finished = true;
      this.queue.pushFrame(encodeEvent('end', { source: id, reason, frames: pipeline.frames }));
    })();
  }

  /** Stops the current source (if still running) and returns its id. */
  private async cancelSource(reason: EndReason): Promise<number | null> {
    const src = this.source;
    if (!src) return null;
    if (!src.finished) {
      src.abort.abort();
      this.queue.clear();
      await src.done;
      src.pipeline.dispose();
      src.finished = true;
      this.queue.pushFrame(encodeEvent('end', { source: src.id, reason, frames: src.pipeline.frames }));
    }
    return src.id;
  }

  private pipelineSink(id: number) {
    return {
      flows: (flows: FlowInfo[]) => this.queue.pushFrame(encodeEvent('flows.upsert', { source: id, flows })),
      batch: (_cols: PacketColumns, encoded: () => ArrayBuffer) => this.queue.pushBatch(encoded(), this.recycleBatch),
      conversations: (conversations: ConversationSummary[]) =>
        this.queue.pushFrame(encodeEvent('conversations.upsert', { source: id, conversations })),
    };
  }
}

function errorCodeOf(e: unknown): ErrorCode {
  if (e instanceof RequestFailure) return e.code;
  const contractCode = (e as { contractCode?: ErrorCode }).contractCode; // LiveCaptureError (live-error.ts)
  if (typeof contractCode === 'string') return contractCode;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return 'file.format';
  if (typeof code === 'string' && code.startsWith('E')) return 'file.unreadable';
  return 'internal';
}
