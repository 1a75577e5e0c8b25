/**
 * A live capture through the pipeline. The capture side (electron/capture/live-source.ts) writes every
 * packet to the session pcapng; this job *tails that file* into the pipeline. So when the consumer is slow
 * (no credits) capture goes on, nothing is lost or buffered in memory, and `behindBy` is simply packets
 * written minus packets delivered. When the capture ends (stopped, interface gone) the job drains the rest
 * of the file and returns.
 */
import { open } from 'node:fs/promises';
import type { CaptureStartRequest, InterfaceInfo, LiveCaptureCapability } from '../../shared/ipc/contract';
import type { CapturePipeline } from './pipeline';

const CHUNK_BYTES = 256 * 1024;
const POLL_MS = 20;
const STATS_MS = 500;

export interface LiveStats { received: number; dropped: number; written: number }

/** A running capture that appends to `sessionFile`. */
export interface LiveSession {
  readonly sessionFile: string;
  stats(): LiveStats;
  /** Resolves when the capture has ended and the session file is complete; rejects with the capture's error. */
  readonly ended: Promise<void>;
  /** Called after packets were appended to the file (may be coalesced). */
  onWritten(cb: () => void): void;
  stop(): Promise<void>;
}

export interface LiveProvider {
  capability(): LiveCaptureCapability;
  listInterfaces(): Promise<InterfaceInfo[]>;
  /** Opens the device and starts writing the session file; rejects with a RequestFailure-like error. */
  start(req: CaptureStartRequest): Promise<LiveSession>;
  /**
   * True while this worker runs with capture rights it will give up (root, with a user to drop to) and has
   * not given them up yet: it must then read and write no files for the page (the page could name any).
   */
  holdsCaptureRights(): boolean;
}

export interface LiveJobHooks {
  ready(): Promise<void>;
  /** Periodic stats; `final` once at the end, after the last row was handed to the pipeline's sink. */
  stats(s: LiveStats, final: boolean): void;
  signal?: AbortSignal;
}

export async function runLiveJob(session: LiveSession, pipeline: CapturePipeline, hooks: LiveJobHooks): Promise<'stopped' | 'cancelled'> {
  let ended = false;
  let failure: unknown = null;
  session.ended.then(() => { ended = true; }, (e: unknown) => { ended = true; failure = e; });
  let wake: (() => void) | null = null;
  session.onWritten(() => wake?.());
  hooks.signal?.addEventListener('abort', () => { void session.stop(); wake?.(); });
  const fh = await open(session.sessionFile, 'r');
  const buf = new Uint8Array(CHUNK_BYTES);
  let pos = 0;
  // Stats go out on their own clock: while the consumer holds no credits the loop below waits, and that is
  // exactly when "how far behind" matters.
  const statsTimer = setInterval(() => hooks.stats(session.stats(), false), STATS_MS);
  try {
    for (;;) {
      await hooks.ready();
      if (hooks.signal?.aborted) return 'cancelled';
      const endedBeforeRead = ended;
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead > 0) {
        pos += bytesRead;
        if (pipeline.push(buf.subarray(0, bytesRead))) break;
      } else if (endedBeforeRead) {
        break;
      } else {
        await new Promise<void>((resolve) => { wake = resolve; setTimeout(resolve, POLL_MS); });
        wake = null;
      }
    }
  } finally {
    clearInterval(statsTimer);
    await fh.close();
  }
  pipeline.finish();
  hooks.stats(session.stats(), true);
  if (failure) throw failure;
  return 'stopped';
}
