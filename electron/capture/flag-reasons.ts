/**
 * The worker's `packet.why`: "Why was this flagged?" with the packet's own numbers. Nothing is kept per packet while
 * a file loads (the analysis context lives only as long as one packet's tracking), so the source is tracked again
 * from its first record up to the frame, through the same pass the CLI's `read --explain` uses (commands/tcp-pass.ts:
 * the same tracker, so the flags are the ones the window shows), and explainLast reads the context right after it,
 * with the path-MTU errors the pass met on the way (a retransmission they asked for says so).
 *
 * The pass stops at the frame, or when `signal` aborts (a newer question, or the source closed): an abandoned
 * question on a large file must not keep reading it.
 */
import type { PacketWhyResult } from '../../shared/ipc/contract';
import { explainLast } from '../../shared/tcp/flag-explanation';
import { PathMtuErrors } from '../../shared/tcp/path-mtu-errors';
import { trackFile } from './commands/tcp-pass';

/** Why `frame` of capture file `path` has its flags; null when the file holds no such frame. Rejects when aborted. */
export async function packetWhy(path: string, frame: number, signal?: AbortSignal): Promise<PacketWhyResult | null> {
  let result: PacketWhyResult | null = null;
  const mtuErrors = new PathMtuErrors();
  const { problem } = await trackFile(path, (rec, pkt, cols, tracker) => {
    if (result) return;
    mtuErrors.see(rec, pkt, cols, tracker);
    if (rec.frame !== frame) return;
    const flags = pkt.tcp ? explainLast(tracker, pkt.seq, pkt.ack, pkt.payloadLen, pkt.window, mtuErrors.answered) : [];
    result = { frame, flags };
  }, {}, () => Promise.resolve(result === null && !signal?.aborted));
  if (signal?.aborted) throw new Error(`the question about frame ${frame} was withdrawn`);
  if (!result && problem) throw new Error(`frame ${frame} could not be read again: ${problem.message}`);
  return result;
}
