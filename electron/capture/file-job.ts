/**
 * Streams one capture file through a CapturePipeline under flow control: before each chunk (or decoded
 * block) it awaits the consumer's `ready()` (credits available, nothing queued), so a file is never read
 * faster than it is consumed and memory stays bounded whatever the file size. Cancelling the signal stops
 * it between chunks. Progress is reported at most every PROGRESS_MS and once at the end.
 *
 * A large file is read and decoded on a second thread (decode-thread-client.ts), the tracker keeping this
 * one: the file job reads the first chunks itself while that thread starts, so the first rows are not
 * delayed, and switches to the thread's blocks as soon as one is ready (passing over the records it already
 * took). If the thread dies, its rows are kept and the rest of the file is read here.
 */
import { open } from 'node:fs/promises';
import type { CaptureProblem } from '../../shared/capture-file/capture-problem';
import { startDecodeThread, type DecodeThreadEvent, type DecodeThreadFactory, type DecodeThreadHandle } from './decode-thread-client';
import { fileIdentity, openCaptureFile, sameFile } from './file-source';
import type { CapturePipeline } from './pipeline';

const PROGRESS_MS = 100;
/** Files smaller than this are read in this thread only: starting a thread would cost more than it saves. */
export const DECODE_THREAD_MIN_BYTES = 16 * 1024 * 1024;

export interface FileJobHooks {
  /** Resolves when the consumer can take more rows. */
  ready(): Promise<void>;
  progress(bytesRead: number, bytesTotal: number): void;
  signal?: AbortSignal;
  /**
   * The decode thread: 'auto' (default) for files of DECODE_THREAD_MIN_BYTES or more, 'off', or 'only' (every
   * record through the thread, none read here first: tests of the thread path).
   */
  decodeThread?: 'auto' | 'off' | 'only';
  /** Starts decode threads (tests wrap the real one to kill it part-way). */
  threadFactory?: DecodeThreadFactory;
}

export interface FileJobResult {
  bytesRead: number;
  bytesTotal: number;
  problem: CaptureProblem | null;
  cancelled: boolean;
}

/** Size of a file, or throws the fs error (ENOENT, EACCES, EISDIR …) before any row is produced. */
export async function fileSize(path: string): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'EISDIR' });
    return st.size;
  } finally {
    await fh.close();
  }
}

/** How one pass over the file ended. */
type PassEnd =
  | { kind: 'done'; result: FileJobResult }
  /** The decode thread has a block ready (`first`, null in 'only' mode): continue with it. */
  | { kind: 'switch'; first: DecodeThreadEvent | null }
  /** The decode thread died: continue in this thread. */
  | { kind: 'fallback' };

export async function runFileJob(path: string, pipeline: CapturePipeline, hooks: FileJobHooks): Promise<FileJobResult> {
  const mode = hooks.decodeThread ?? 'auto';
  const identity = mode === 'off' ? null : await fileIdentity(path);
  const thread = identity && (mode === 'only' || identity.size >= DECODE_THREAD_MIN_BYTES)
    ? (hooks.threadFactory ?? startDecodeThread)(path, identity) : null;
  const progress = new ProgressThrottle(hooks);
  try {
    let end: PassEnd = mode === 'only' ? { kind: 'switch', first: null } : await readHere(path, pipeline, hooks, progress, thread);
    if (end.kind === 'switch') end = await readFromThread(thread!, end.first, pipeline, hooks, progress);
    if (end.kind === 'fallback') {
      pipeline.restartReader();
      end = await readHere(path, pipeline, hooks, progress, null);
    }
    // Without a thread to switch to or fall back from, a pass can only end 'done'.
    return (end as Extract<PassEnd, { kind: 'done' }>).result;
  } finally {
    await thread?.terminate();
  }
}

/**
 * Reads chunks in this thread until the end, or until `thread` has something to say: a block (switch to
 * it) or its death before its first block (forget it and read on here).
 */
async function readHere(path: string, pipeline: CapturePipeline, hooks: FileJobHooks, progress: ProgressThrottle,
  thread: DecodeThreadHandle | null): Promise<PassEnd> {
  const chunks = await openCaptureFile(path, { signal: hooks.signal });
  // The path now names another file than the one the thread was asked to read: this reader's file wins.
  if (thread && !sameFile(chunks.identity, thread.identity)) thread = null;
  let problem: CaptureProblem | null = null;
  try {
    for (;;) {
      await hooks.ready();
      if (hooks.signal?.aborted) return cancelled(chunks);
      if (thread?.pending) {
        const first = await thread.next();
        if (first.type !== 'died' && first.type !== 'failed') return { kind: 'switch', first };
        thread = null;
      }
      const chunk = await chunks.next();
      if (chunk === null) break;
      problem = pipeline.push(chunk);
      progress.report(chunks.bytesRead, chunks.bytesTotal, false);
      if (problem) break;
    }
  } finally {
    await chunks.close();
  }
  if (hooks.signal?.aborted) return cancelled(chunks);
  // A gzip or I/O error ends the reading like a capture-file problem: rows before it are kept.
  problem = problem ?? chunks.problem;
  const readerProblem = pipeline.finish();
  progress.report(chunks.bytesRead, chunks.bytesTotal, true);
  return done(chunks.bytesRead, chunks.bytesTotal, problem ?? readerProblem);
}

/** Takes the decode thread's blocks until its end; a thread that dies hands the rest back to this one. */
async function readFromThread(thread: DecodeThreadHandle, first: DecodeThreadEvent | null, pipeline: CapturePipeline,
  hooks: FileJobHooks, progress: ProgressThrottle): Promise<PassEnd> {
  const seen = { bytesRead: 0, bytesTotal: 0 };
  for (let e = first; ; e = null) {
    await hooks.ready();
    if (hooks.signal?.aborted) return cancelled(seen);
    e ??= await thread.next();
    if (e.type === 'died' || e.type === 'failed') return { kind: 'fallback' };
    if (e.type === 'block') {
      pipeline.adoptInterfaces(e.interfaces);
      pipeline.pushBlock(e.block);
      thread.recycle(e.block);
      seen.bytesRead = e.bytesRead; seen.bytesTotal = e.bytesTotal;
      progress.report(e.bytesRead, e.bytesTotal, false);
      continue;
    }
    const readerProblem = pipeline.finish(e.pushProblem ?? e.endProblem);
    progress.report(e.bytesRead, e.bytesTotal, true);
    return done(e.bytesRead, e.bytesTotal, e.pushProblem ?? e.sourceProblem ?? readerProblem);
  }
}

function done(bytesRead: number, bytesTotal: number, problem: CaptureProblem | null): PassEnd {
  return { kind: 'done', result: { bytesRead, bytesTotal, problem, cancelled: false } };
}

function cancelled(chunks: { bytesRead: number; bytesTotal: number }): PassEnd {
  return { kind: 'done', result: { bytesRead: chunks.bytesRead, bytesTotal: chunks.bytesTotal, problem: null, cancelled: true } };
}

/** Reports progress at most every PROGRESS_MS, and always when told it is the last report. */
class ProgressThrottle {
  private last = 0;
  constructor(private readonly hooks: FileJobHooks) {}
  report(bytesRead: number, bytesTotal: number, final: boolean): void {
    const now = Date.now();
    if (!final && now - this.last < PROGRESS_MS) return;
    this.last = now;
    this.hooks.progress(bytesRead, bytesTotal);
  }
}
