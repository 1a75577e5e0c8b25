/**
 * The worker's `packet.why`: "Why was this flagged?" with the packet's own numbers. Nothing is kept per packet while
 * a file loads (the analysis context lives only as long as one packet's tracking), so the source is tracked again
 * up to the frame, through the same pass the CLI's `read --explain` uses (commands/tcp-pass.ts: the same tracker, so
 * the flags are the ones the window shows), and explainLast reads the context right after it, with the path-MTU
 * errors the pass met on the way (a retransmission they asked for says so).
 *
 * A packet's analysis depends on its own conversation only, so the pass may start at the conversation's first frame
 * (`WhyHint`): on a large file that is the difference between reading the conversation and reading everything
 * before it. What it cannot see from there (the earlier conversation of a reused 4-tuple, an IP datagram whose first
 * fragments came before) shows as a different outcome, so the answer is kept only when the frame's analysis bits and
 * the conversation's initial sequence numbers are the ones the full tracking found; otherwise it is worked out again
 * from the start.
 *
 * The pass stops at the frame, or when `signal` aborts (a newer question, or the source closed): an abandoned
 * question on a large file must not keep reading it.
 */
import type { PacketWhyResult } from '../../shared/ipc/contract';
import { explainLast } from '../../shared/tcp/flag-explanation';
import { PathMtuErrors } from '../../shared/tcp/path-mtu-errors';
import type { TcpTracker } from '../../shared/tcp/tcp-tracker';
import { trackFile } from './commands/tcp-pass';

/** Where the frame's conversation starts and what the full tracking found for it, to check a shorter pass against. */
export interface WhyHint {
  /** The conversation's first frame (TcpConversation.firstSeenFrame). */
  fromFrame: number;
  /** The frame's TCP_A bits as the full tracking set them. */
  analysis: number;
  /** Each direction's initial sequence number (-1: not set), as the full tracking has them. */
  baseSeq: readonly [number, number];
}

/** The hint for a frame of `stream` whose row shows `analysis`, from the tracker that made the row; undefined: none. */
export function whyHint(tracker: TcpTracker, stream: number, analysis: number): WhyHint | undefined {
  if (stream >= tracker.conversationCount) return undefined;
  const c = tracker.conversation(stream);
  const base = (k: 0 | 1): number => (c.d[k].baseSet ? c.d[k].baseSeq : -1);
  return { fromFrame: c.firstSeenFrame, analysis, baseSeq: [base(0), base(1)] };
}

/** One pass's answer and what to check it by. */
export interface WhyPass {
  result: PacketWhyResult | null;
  /** The frame's analysis bits and its conversation's bases in this pass (-1 when it had no conversation). */
  analysis: number;
  baseSeq: readonly [number, number];
  /** Records decoded and tracked: how much of the file the pass really worked on. */
  tracked: number;
}

/** Why `frame` of capture file `path` has its flags; null when the file holds no such frame. Rejects when aborted. */
export async function packetWhy(path: string, frame: number, signal?: AbortSignal, hint?: WhyHint): Promise<PacketWhyResult | null> {
  if (hint && hint.fromFrame > 1 && hint.fromFrame <= frame) {
    const short = await whyPass(path, frame, hint.fromFrame, signal);
    if (short.result && short.analysis === hint.analysis && short.baseSeq[0] === hint.baseSeq[0] && short.baseSeq[1] === hint.baseSeq[1]) {
      return short.result;
    }
  }
  return (await whyPass(path, frame, 1, signal)).result;
}

/** Tracks `path` from `fromFrame` through `frame` and explains that frame's flags. */
export async function whyPass(path: string, frame: number, fromFrame: number, signal?: AbortSignal): Promise<WhyPass> {
  const pass: WhyPass = { result: null, analysis: -1, baseSeq: [-1, -1], tracked: 0 };
  const mtuErrors = new PathMtuErrors();
  const { problem } = await trackFile(path, (rec, pkt, cols, tracker) => {
    if (pass.result) return;
    pass.tracked++;
    mtuErrors.see(rec, pkt, cols, tracker);
    if (rec.frame !== frame) return;
    const flags = pkt.tcp ? explainLast(tracker, pkt.seq, pkt.ack, pkt.payloadLen, pkt.window, mtuErrors.answered) : [];
    pass.result = { frame, flags };
    pass.analysis = cols.stream[0] >= 0 ? cols.analysis[0] : -1;
    if (cols.stream[0] >= 0) {
      const hint = whyHint(tracker, cols.stream[0], 0);
      if (hint) pass.baseSeq = hint.baseSeq;
    }
  }, { fromFrame }, () => Promise.resolve(pass.result === null && !signal?.aborted));
  if (signal?.aborted) throw new Error(`the question about frame ${frame} was withdrawn`);
  if (!pass.result && problem) throw new Error(`frame ${frame} could not be read again: ${problem.message}`);
  return pass;
}
