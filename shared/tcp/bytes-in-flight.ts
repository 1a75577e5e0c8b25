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
import type { AnalysisContext, SegmentIn } from './analysis';
import type { TcpDirection } from './direction-store';
import type { SegmentPool } from './segment-pool';

const TH_FIN = 0x01, TH_SYN = 0x02, TH_PUSH = 0x08;
/** packet-tcp.c MAX_TCP_SACK_RANGES: blocks 1 … 3 are stored for the bytes in flight. */
const BIF_SACK_BLOCKS = 3;

export function trackBytesInFlight(fwd: TcpDirection, rev: TcpDirection, s: SegmentIn, pool: SegmentPool, cx: AnalysisContext): void {
  cx.bytesInFlight = 0; cx.pushBytesSent = 0;
  if (s.len !== 0 && fwd.segHead >= 0 && fwd.validBif) bytesInFlight(fwd, rev, s, pool, cx);
  // packet-tcp.c clears a side's stored SACK blocks at each of its headers (tcp-tracker.ts), and a segment's SACK option
  // (dissected after the analysis) stores them again: only blocks of the peer's latest segment count.
  if (fwd.sackInFlight !== s.sackCount > 0) fwd.sackInFlight = s.sackCount > 0;
}

function bytesInFlight(fwd: TcpDirection, rev: TcpDirection, s: SegmentIn, pool: SegmentPool, cx: AnalysisContext): void {
  listSpan(fwd, pool);
  const first = fwd.bifFirst, last = fwd.bifLast;
  let inFlight = (last - first) >>> 0;
  const blocks = rev.sackInFlight ? Math.min(rev.sackCount, BIF_SACK_BLOCKS) : 0;
  for (let i = 0; i < blocks; i++) inFlight = (inFlight - ((rev.sackEdge(2 * i + 1) - rev.sackEdge(2 * i)) >>> 0)) >>> 0;
  if (inFlight > 0 && inFlight < 2_000_000_000) cx.bytesInFlight = s.flags & (TH_SYN | TH_FIN) ? inFlight - 1 : inFlight;
  cx.pushBytesSent = pushBytes(fwd, s);
}

/**
 * Sets fwd.bifFirst / bifLast to the lowest seq and highest nextseq of the unacknowledged list (relative to the base,
 * as unsigned numbers). packet-tcp.c walks the whole list for every data segment; here only the entries pushed since
 * the last walk are read while none was changed or deleted (an ACK, a reset), so a list that only grows (the peer's
 * ACKs were not captured: up to MAX_UNACKED entries) costs nothing per packet.
 */
function listSpan(fwd: TcpDirection, pool: SegmentPool): void {
  const head = fwd.segHead, base = fwd.baseSeq;
  const fresh = !fwd.bifValid || fwd.bifBase !== base;
  const stop = fresh ? -1 : fwd.bifHead;
  let first = fresh ? (pool.seq[head] - base) >>> 0 : fwd.bifFirst;
  let last = fresh ? (pool.nextseq[head] - base) >>> 0 : fwd.bifLast;
  for (let u = head; u >= 0 && u !== stop; u = pool.next[u]) {
    const seq = (pool.seq[u] - base) >>> 0, next = (pool.nextseq[u] - base) >>> 0;
    if (next > last) last = next;
    if (seq < first) first = seq;
  }
  fwd.bifFirst = first; fwd.bifLast = last; fwd.bifHead = head;
  if (fresh) { fwd.bifBase = base; fwd.bifValid = true; }
}

/** packet-tcp.c's push_bytes_sent / push_set_last per direction: the count starts again after a PSH segment. */
function pushBytes(fwd: TcpDirection, s: SegmentIn): number {
  fwd.pushBytesSent = fwd.pushSetLast ? s.len : (fwd.pushBytesSent + s.len) >>> 0;
  fwd.pushSetLast = (s.flags & TH_PUSH) !== 0;
  return fwd.pushBytesSent;
}
