/**
 * Bridges one browser WebSocket to one capture worker child process (started ahead of the page, see
 * electron/capture/warm-spare.ts), through the same frames the worker
 * speaks on stdio. Worker → browser: stdout chunks are forwarded untouched (a FrameScanner checks each
 * header on the way without copying). Browser → worker: every frame is decoded and validated — only
 * requests and commands are let through (a request the contract refuses goes on, for the worker to answer
 * as refused) — and its bytes are written unchanged. A worker that dies, or a frame that breaks the framing
 * or is of a kind a page never sends, ends the socket with a fatal `error` frame the page can show.
 */
import type { ChildProcess } from 'node:child_process';
import type { WebSocket } from 'ws';
import { type ErrorInfo, MAX_EXPORT_BITMAP } from '../../shared/ipc/contract';
import { encodeEvent } from '../../shared/ipc/encode';
import { encodeFrame, FrameDecoder, FrameScanner } from '../../shared/ipc/frame-codec';
import { isErrorInfo, parseFrame, refusedRequestOf } from '../../shared/ipc/validate';
import { exitText, spawnWorker, stderrTail } from '../capture/worker-process';

/**
 * Largest message the page may send. Requests and commands are small except `file.export`, whose frame
 * bitmap (up to MAX_EXPORT_BITMAP) travels as base64: 4/3 of it, plus room for the rest of the frame.
 */
export const MAX_BROWSER_MESSAGE = Math.ceil(MAX_EXPORT_BITMAP / 3) * 4 + 64 * 1024;

/** A worker process for one page, with its stderr collected from the start. */
export interface PageWorker {
  child: ChildProcess;
  /** The last lines it wrote to stderr. */
  stderr: () => string;
}

/** Starts a worker; its greeting waits in the stdout pipe until a page is bridged to it. */
export function spawnPageWorker(workerArgs: string[] = []): PageWorker {
  const child = spawnWorker(workerArgs);
  child.on('error', () => { /* a failed spawn also emits 'close', which reports it */ });
  return { child, stderr: stderrTail(child) };
}

export function bridgeToWorker(ws: WebSocket, worker: PageWorker): void {
  const { child, stderr: tail } = worker;
  let over = false;
  const scanner = new FrameScanner();
  const end = (info: ErrorInfo | null): void => {
    if (over) return;
    over = true;
    // An error frame may only follow a whole frame; mid-frame the close reason says it instead.
    if (info && ws.readyState === ws.OPEN && scanner.atBoundary) ws.send(encodeEvent('error', info));
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(info ? 1011 : 1000, info ? info.message.slice(0, 120) : 'done');
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };

  child.stdout?.on('data', (chunk: Buffer) => {
    if (over) return;
    const bad = scanner.push(chunk);
    if (bad) { end({ code: 'frame.invalid', message: `bad frame from the worker: ${bad.message}`, fatal: true }); return; }
    ws.send(chunk);
  });
  child.on('close', (code, signal) => {
    const err = tail();
    end({ code: 'worker.exited', fatal: true, message: `the capture worker ${exitText(code, signal)}${err ? `: ${err.split('\n').slice(-3).join(' | ')}` : ''}` });
  });
  child.stdin?.on('error', () => { /* the 'close' handler reports the exit */ });

  const fromPage = new FrameDecoder((frame) => {
    if (over) return;
    const msg = parseFrame(frame);
    // A request the contract refuses (bad payload, unknown name) goes on to the worker, which answers it as
    // refused with its id: the page's call fails with the reason and the capture it has open stays. Only
    // frames a page never sends (events, results, batches) end the session.
    const refusable = isErrorInfo(msg) && refusedRequestOf(frame) !== null;
    if (!refusable && (isErrorInfo(msg) || (msg.kind !== 'request' && msg.kind !== 'command'))) {
      const why = isErrorInfo(msg) ? msg.message : `a page may not send ${msg.kind} frames`;
      end({ code: 'message.invalid', message: `refused a message from the page: ${why}`, fatal: true });
      return;
    }
    child.stdin?.write(encodeFrame(frame.type, frame.payload));
  }, MAX_BROWSER_MESSAGE);
  ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
    if (over) return;
    if (!isBinary) { end({ code: 'frame.invalid', message: 'text message on the frame socket', fatal: true }); return; }
    const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data;
    const bad = fromPage.push(bytes);
    if (bad) end({ code: 'frame.invalid', message: `bad frame from the page: ${bad.message}`, fatal: true });
  });
  ws.on('close', () => {
    over = true;
    child.stdin?.end();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  // A spare that died while waiting (and was not yet replaced) is reported like any dead worker.
  if (child.exitCode !== null || child.signalCode !== null) end({ code: 'worker.exited', fatal: true, message: `the capture worker ${exitText(child.exitCode, child.signalCode)}` });
}
