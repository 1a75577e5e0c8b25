/**
 * tcp.analysis.bytes_in_flight and tcp.analysis.push_bytes_sent, as packet-tcp.c 4.0 works them out at the end of
 * its sequence analysis (default method: payloads of the captured segments, not `tcp.bif_seq_based`):
 *
 * - for a segment with data, while the sender's bytes in flight are tracked (`validBif`: not after a lost segment
 *   until the peer ACKs again) and its unacknowledged list is not empty: the span from the lowest `seq` to the highest
 *   `nextseq` of that list (relative to the sender's base, compared as unsigned 32-bit numbers), less the bytes of the
 *   SACK blocks of the peer's latest segment, if it had any (at most 3: packet-tcp.c stores blocks while fewer than
 *   MAX_TCP_SACK_RANGES, and forgets them at the peer's next segment), kept when
 *   0 < value < 2·10⁹, then one less on a SYN or FIN (only virtual);
 * - in the same case, the bytes sent since the last PSH: each segment adds its length, and the one after a PSH segment
 *   starts the count again.
 *
 * Both need the segment already in the list (bookkeeping), and the peer's SACK blocks as its earlier segments left
 * them: packet-tcp.c dissects this segment's own options after the analysis.
 */
import { TCP_FIN, TCP_PSH, TCP_SYN } from '../wire/tcp-flag-bits';
import type { AnalysisContext, SegmentIn } from './analysis';
import type { TcpDirection } from './direction-store';
import { MAX_UNACKED, type SegmentPool } from './segment-pool';

/** packet-tcp.c MAX_TCP_SACK_RANGES: blocks 1 … 3 are stored for the bytes in flight. */
const BIF_SACK_BLOCKS = 3;

export function trackBytesInFlight(fwd: TcpDirection, rev: TcpDirection, s: SegmentIn, pool: SegmentPool, cx: AnalysisContext): void {
  cx.bytesInFlight = 0; cx.pushBytesSent = 0;
  cx.bifTracked = s.len !== 0 && fwd.segHead >= 0 && fwd.validBif;
  if (cx.bifTracked) bytesInFlight(fwd, rev, s, pool, cx);
  // packet-tcp.c clears a side's stored SACK blocks at each of its headers (tcp-tracker.ts), and a segment's SACK option
  // (dissected after the analysis) stores them again: only blocks of the peer's latest segment count.
  if (fwd.sackInFlight !== s.sackCount > 0) fwd.sackInFlight = s.sackCount > 0;
}

function bytesInFlight(fwd: TcpDirection, rev: TcpDirection, s: SegmentIn, pool: SegmentPool, cx: AnalysisContext): void {
  const head = listSpan(fwd, pool);
  let inFlight = (pool.spanLast[head] - pool.spanFirst[head]) >>> 0;
  const blocks = rev.sackInFlight ? Math.min(rev.sackCount, BIF_SACK_BLOCKS) : 0;
  for (let i = 0; i < blocks; i++) inFlight = (inFlight - ((rev.sackEdge(2 * i + 1) - rev.sackEdge(2 * i)) >>> 0)) >>> 0;
  if (inFlight > 0 && inFlight < 2_000_000_000) cx.bytesInFlight = s.flags & (TCP_SYN | TCP_FIN) ? inFlight - 1 : inFlight;
  cx.pushBytesSent = pushBytes(fwd, s);
}

/** Entries whose span is being worked out, newest first (a list holds at most MAX_UNACKED). */
const pending = new Int32Array(MAX_UNACKED + 1);

/**
 * Works out the span (lowest seq, highest nextseq relative to the base, as unsigned numbers) of the list's entries
 * down to the first that has one, or of all after an ACK changed the list (fwd.spanChanged); returns the head, whose
 * span is the list's. packet-tcp.c walks the whole list for every data segment; here a list that only grows (the
 * peer's ACKs were not captured: up to MAX_UNACKED entries) costs one entry per segment. The spans live in the
 * segment pool, so a conversation carries nothing for them.
 */
function listSpan(fwd: TcpDirection, pool: SegmentPool): number {
  const head = fwd.segHead, base = fwd.baseSeq, all = fwd.spanChanged;
  let n = 0;
  for (let u = head; u >= 0 && (all || pool.spanOk[u] === 0); u = pool.next[u]) pending[n++] = u;
  for (let k = n - 1; k >= 0; k--) {
    const e = pending[k], older = pool.next[e];
    let first = (pool.seq[e] - base) >>> 0, last = (pool.nextseq[e] - base) >>> 0;
    if (older >= 0) {
      if (pool.spanFirst[older] < first) first = pool.spanFirst[older];
      if (pool.spanLast[older] > last) last = pool.spanLast[older];
    }
    pool.spanFirst[e] = first; pool.spanLast[e] = last; pool.spanOk[e] = 1;
  }
  if (all) fwd.spanChanged = false;
  return head;
}

/** packet-tcp.c's push_bytes_sent / push_set_last per direction: the count starts again after a PSH segment. */
function pushBytes(fwd: TcpDirection, s: SegmentIn): number {
  fwd.pushBytesSent = fwd.pushSetLast ? s.len : (fwd.pushBytesSent + s.len) >>> 0;
  fwd.pushSetLast = (s.flags & TCP_PSH) !== 0;
  return fwd.pushBytesSent;
}
