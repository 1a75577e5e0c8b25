/**
 * Wireshark's per-segment TCP analysis (packet-tcp.c `tcp_analyze_sequence_number`), in its order, on raw
 * sequence numbers, once per packet in file order. See ../shared/reference/wireshark-tcp-analysis.md §4.4–4.7.
 * The result bits use Wireshark's TCP_A_* values so they compare 1:1 with tshark's tcp.analysis.* fields.
 * `AnalysisContext` keeps the numbers each rule looked at, so "why was this flagged" can be answered right
 * after the packet (shared/tcp/flag-explanation.ts) without storing anything per packet.
 */
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../wire/tcp-flag-bits';
import { TCP_A, TCP_A_ANY_RETRANSMISSION } from './analysis-flags';
import { trackBytesInFlight } from './bytes-in-flight';
import { TcpConversation, TcpDirection, WSCALE_NONE, WSCALE_UNKNOWN } from './conversation-state';
import { isDsack, sackFastRetransmission, storeSackBlocks } from './sack-analysis';
import { nsBetween, nstimeDelta, nstimeIsZero, type NsTime } from './nstime';
import { MAX_UNACKED, SegmentPool } from './segment-pool';
import { seqAdd, seqGe, seqGt, seqLe, seqLt } from './seq';


const SFR = TCP_SYN | TCP_FIN | TCP_RST;
/** Fast retransmission: within 20 ms of the peer's last ACK (packet-tcp.c). */
export const FAST_RT_WINDOW_NS = 20_000_000;
/** Out-of-order threshold when the iRTT is unknown: 3 ms (packet-tcp.c). */
export const OOO_DEFAULT_NS = 3_000_000;

/** One TCP segment as the analysis sees it (reused by the tracker). */
export interface SegmentIn {
  frame: number;
  /** Capture time: whole seconds and ns (nstime.ts). */
  sec: number;
  nsec: number;
  seq: number;
  ack: number;
  len: number;
  flags: number;
  win: number;
  /** SACK blocks of the segment: `sackCount` raw (left, right) pairs (the decoder's reused array). */
  sackCount: number;
  sackEdges: Uint32Array;
}

/** Per-packet result and the numbers the rules used (reused; valid until the next packet). */
export class AnalysisContext {
  flags = 0;
  dupAckNum = 0;
  dupAckFrame = 0;
  ackedFrame = 0;
  /** ACK RTT in ns (exact below 104 days; ≤ 0 when the clock ran backwards), -1 none; ackRttTime: as (seconds, ns). */
  ackRtt = -1;
  readonly ackRttTime: NsTime = { sec: 0, nsec: 0 };
  /**
   * A retransmission's tcp.analysis.rto_frame as tshark 4.0 has it (the eldest segment still unacknowledged, whatever its
   * sequence number), 0 none, and when that frame was sent (for tcp.analysis.rto).
   */
  rtoFrame = 0;
  rtoSec = 0; rtoNsec = 0;
  /**
   * The segment a retransmission repeats: the eldest unacknowledged one at or after its sequence number (Wireshark 4.2's
   * rto_frame), else the one that last advanced nextseq; 0 none. What the notes and the ladder say it re-sends.
   */
  originalFrame = 0;
  // numbers seen by the rules, before this packet updated them:
  fwdNextseq = 0; fwdLastAck = 0; fwdWindow = -1; revWindow = -1; revLastAck = 0; revDupAcks = 0;
  revMaxSeqToBeAcked = 0; sincePeerAck = 0; peerSpoke = false; oooThreshold = 0; alreadySeen = false; revWinScale = WSCALE_UNKNOWN;
  /** Wireshark's "broom wagon" (step 10) allocated `ta`: a pure ACK that the SACK rules may still flag. */
  broomWagon = false;
  /**
   * Step 12 allocated `ta` (the ACK is beyond the peer's contiguous mark), flagged or not: a repeated ACK of the same
   * hole gets no flag but still an analysis record, where tshark shows the iRTT (tshark-fields.ts).
   */
  beyondPeerMark = false;
  /** The segment's AE, CWR and ECE bits are the AccECN ACE counter (acc-ecn.ts usesAce). */
  useAce = false;
  /** A pure SYN on this side's known ISN: packet-tcp.c allocated `ta` for it before the analysis (dissect_tcp). */
  synOnBase = false;
  /** The SACK option is a D-SACK (RFC 2883; tcp.options.sack.dsack); its raw edges. */
  dsack = false;
  dsackLeft = 0; dsackRight = 0;
  /** Set when the SACK rules made this a fast retransmission or a duplicate ACK. */
  bySack = false;
  /**
   * The sender's bytes in flight were tracked for this segment (bytes-in-flight.ts): packet-tcp.c then keeps an
   * analysis record for it; bytes_in_flight (0: none shown) and push_bytes_sent.
   */
  bifTracked = false;
  bytesInFlight = 0;
  pushBytesSent = 0;
  reset(): void {
    this.flags = 0; this.dupAckNum = 0; this.dupAckFrame = 0; this.ackedFrame = 0; this.ackRtt = -1; this.rtoFrame = 0; this.originalFrame = 0;
    this.alreadySeen = false; this.sincePeerAck = 0; this.peerSpoke = false; this.oooThreshold = 0; this.broomWagon = false; this.dsack = false;
    this.beyondPeerMark = false; this.synOnBase = false; this.useAce = false;
    this.bySack = false; this.bifTracked = false; this.bytesInFlight = 0; this.pushBytesSent = 0;
  }
}

/**
 * Runs §4.4–4.7 for one segment of `c` sent by direction `dir`; fills `cx`. `sackRules` turns on the SACK
 * rules tshark 4.0 lacks (shared/tcp/sack-analysis.ts); D-SACK detection runs either way.
 */
export function analyzeSegment(c: TcpConversation, dir: 0 | 1, s: SegmentIn, pool: SegmentPool, cx: AnalysisContext,
  sackRules = false): void {
  const fwd = c.d[dir], rev = c.d[dir ^ 1];
  cx.fwdNextseq = fwd.nextseq; cx.fwdLastAck = fwd.lastAck; cx.fwdWindow = fwd.window; cx.revWindow = rev.window;
  cx.revLastAck = rev.lastAck; cx.revDupAcks = rev.dupAckNum; cx.revMaxSeqToBeAcked = rev.maxSeqToBeAcked;
  cx.revWinScale = rev.winScale;
  if (s.flags & TCP_ACK) rev.validBif = true;
  if (!classifyAck(c, fwd, rev, s, cx)) {
    checkAckedUnseen(rev, s, cx);
    if (s.len > 0 || (s.flags & (TCP_SYN | TCP_FIN))) classifyRetransmission(c, fwd, rev, s, pool, cx, sackRules);
  } else {
    checkAckedUnseen(rev, s, cx);
  }
  bookkeeping(fwd, rev, s, pool, cx);
  trackBytesInFlight(fwd, rev, s, pool, cx);
  if (s.sackCount > 0) sackOption(fwd, s, cx, sackRules);
}

/** §4.6, after bookkeeping as in Wireshark (options are dissected after the analysis): D-SACK, dup ACKs by SACK. */
function sackOption(fwd: TcpDirection, s: SegmentIn, cx: AnalysisContext, sackRules: boolean): void {
  cx.dsack = isDsack(s.sackEdges, s.sackCount, s.ack);
  if (cx.dsack) { cx.dsackLeft = s.sackEdges[0]; cx.dsackRight = s.sackEdges[1]; }
  const changed = storeSackBlocks(fwd, s.sackEdges, s.sackCount, cx.dsack);
  if (!sackRules) return;
  if (cx.flags & TCP_A.WINDOW_UPDATE) {                                    // false window update (#14937)
    cx.flags = (cx.flags & ~TCP_A.WINDOW_UPDATE) | TCP_A.DUPLICATE_ACK;
    fwd.dupAckNum = nextDupAck(fwd.dupAckNum);
    cx.dupAckNum = fwd.dupAckNum; cx.dupAckFrame = fwd.lastNonDupAck; cx.bySack = true;
  } else if (changed && cx.flags === 0 && (cx.broomWagon || cx.ackedFrame !== 0)) {
    cx.flags = TCP_A.DUPLICATE_ACK;                                        // late dup ACK: new SACK information
    fwd.dupAckNum = 1;
    cx.dupAckNum = 1; cx.dupAckFrame = fwd.lastNonDupAck; cx.bySack = true;
  }
  // fwd.lastSegmentFlags keeps the pre-SACK flags: Wireshark stored them in bookkeeping already.
}

/** Steps 1–11. Returns true when Wireshark jumps to finished_fwd (step 11 done here too). */
function classifyAck(_c: TcpConversation, fwd: TcpDirection, rev: TcpDirection, s: SegmentIn, cx: AnalysisContext): boolean {
  const noSfr = (s.flags & SFR) === 0;
  let jump = false;
  if (s.len === 1 && s.seq === fwd.nextseq && rev.window === 0) {
    cx.flags |= TCP_A.ZERO_WINDOW_PROBE;                                   // 1
    jump = true;
  }
  if (!jump) {
    if (s.win === 0 && noSfr) cx.flags |= TCP_A.ZERO_WINDOW;                // 2
    if (fwd.nextseq !== 0 && seqGt(s.seq, fwd.nextseq) && !(s.flags & TCP_RST)) {
      cx.flags |= TCP_A.LOST_PACKET;                                        // 3
      fwd.validBif = false;
    }
    if ((s.len === 0 || s.len === 1) && s.seq === seqAdd(fwd.nextseq, -1) && noSfr) cx.flags |= TCP_A.KEEP_ALIVE; // 4
    const sameSeqAck = s.seq === fwd.nextseq && s.ack === fwd.lastAck && noSfr;
    if (s.len === 0 && s.win !== 0 && s.win !== fwd.window && sameSeqAck) cx.flags |= TCP_A.WINDOW_UPDATE;         // 5
    if (s.len > 0 && rev.winScale !== WSCALE_UNKNOWN && noSfr) {                                                    // 6
      const shift = rev.isFirstAck || rev.winScale === WSCALE_NONE ? 0 : rev.winScale;
      if (seqAdd(s.seq, s.len) === seqAdd(rev.lastAck, rev.window * (1 << shift))) cx.flags |= TCP_A.WINDOW_FULL;
    }
    if (s.len === 0 && s.win !== 0 && s.win === fwd.window && sameSeqAck && (rev.lastSegmentFlags & TCP_A.KEEP_ALIVE)) {
      cx.flags |= TCP_A.KEEP_ALIVE_ACK;                                     // 7
      jump = true;
    } else if (s.len === 0 && s.win === 0 && s.win === fwd.window && s.seq === fwd.nextseq && noSfr
      && (s.ack === fwd.lastAck || s.ack === seqAdd(fwd.lastAck, 1)) && (rev.lastSegmentFlags & TCP_A.ZERO_WINDOW_PROBE)) {
      cx.flags |= TCP_A.ZERO_WINDOW_PROBE_ACK;                              // 8
      if (s.ack === seqAdd(fwd.lastAck, 1)) { rev.nextseq = s.ack; rev.maxSeqToBeAcked = s.ack; }
      jump = true;
    } else if (s.len === 0 && s.win !== 0 && s.win === fwd.window && sameSeqAck) {
      fwd.dupAckNum = nextDupAck(fwd.dupAckNum);                           // 9
      cx.flags |= TCP_A.DUPLICATE_ACK;
      cx.dupAckNum = fwd.dupAckNum;
      cx.dupAckFrame = fwd.lastNonDupAck;
      jump = true;
    } else if (s.len === 0 && s.win !== 0 && seqGe(s.ack, fwd.lastAck) && noSfr) cx.broomWagon = true;  // 10
  }
  if (s.ack !== fwd.lastAck) { fwd.lastNonDupAck = s.frame; fwd.dupAckNum = 0; }   // 11
  return jump;
}

/** A direction's dup-ACK counter after an "ACKed unseen segment" (C's `dupacknum = -1` in a guint32). */
export const DUPACK_UNSEEN_MARK = 0xffffffff;

/** The dup-ACK counter after one more duplicate: the unseen-segment mark counts as none ("neutralize"). */
function nextDupAck(n: number): number {
  return n === DUPACK_UNSEEN_MARK ? 1 : n + 1;
}

/**
 * Step 12, as tshark 4.0 does it: the peer's data this packet ACKs was never seen. If the peer's contiguous
 * mark lags its highest segment, move the mark up to it and warn; otherwise warn only while the peer's dup-ACK
 * counter is 0 and park it at -1, so one hole is reported once even when the peer resends the same ACK.
 * Found against tshark 4.0.17 on every corpus file and test/fixtures/tcp (acked-unseen-wraparound: the compare
 * is in sequence space). Wireshark 4.2+ replaced this with a walk over the peer's segments.
 */
function checkAckedUnseen(rev: TcpDirection, s: SegmentIn, cx: AnalysisContext): void {
  if (rev.maxSeqToBeAcked === 0 || !seqGt(s.ack, rev.maxSeqToBeAcked) || !(s.flags & TCP_ACK)) return;
  cx.beyondPeerMark = true;
  if (seqLt(rev.maxSeqToBeAcked, rev.nextseq)) {
    rev.maxSeqToBeAcked = rev.nextseq;
    cx.flags |= TCP_A.ACK_LOST_PACKET;
    return;
  }
  if (rev.dupAckNum === 0) cx.flags |= TCP_A.ACK_LOST_PACKET;
  rev.dupAckNum = DUPACK_UNSEEN_MARK;
}

/** Step 13 (§4.5): spurious, fast, out-of-order or plain retransmission. */
/**
 * A time difference as packet-tcp.c compares it with the 20 ms and out-of-order thresholds: in a guint64, so one that
 * is negative (the capture's clock ran backwards) is huge and within no threshold.
 */
const unsignedNs = (ns: number): number => (ns < 0 ? Infinity : ns);

function classifyRetransmission(c: TcpConversation, fwd: TcpDirection, rev: TcpDirection, s: SegmentIn,
  pool: SegmentPool, cx: AnalysisContext, sackRules: boolean): void {
  if (cx.flags & TCP_A.KEEP_ALIVE) return;
  let notAdvanced = fwd.nextseq !== 0 && seqLt(s.seq, fwd.nextseq);
  if (s.len > 1 && s.seq === seqAdd(fwd.nextseq, -1)) notAdvanced = false;
  if (s.len > 0 && rev.lastAck !== 0 && seqLe(seqAdd(s.seq, s.len), rev.lastAck)) {
    cx.flags |= TCP_A.SPURIOUS_RETRANSMISSION;
    return;
  }
  if (!notAdvanced) return;
  const t = unsignedNs(nsBetween(s.sec, s.nsec, rev.lastAckSec, rev.lastAckNsec));
  cx.sincePeerAck = nsBetween(s.sec, s.nsec, rev.lastAckSec, rev.lastAckNsec);
  cx.peerSpoke = !nstimeIsZero(rev.lastAckSec, rev.lastAckNsec);   // else t counts from 1970 (as tshark's does)
  if (t < FAST_RT_WINDOW_NS && rev.dupAckNum >= 2 && rev.lastAck === s.seq) {
    cx.flags |= TCP_A.FAST_RETRANSMISSION;
    return;
  }
  if (sackRules && sackFastRetransmission(rev, s.seq, s.len, t, FAST_RT_WINDOW_NS)) {
    cx.flags |= TCP_A.FAST_RETRANSMISSION;                                 // RFC 6675 via SACK (§4.5 b, c)
    cx.bySack = true;
    return;
  }
  // tshark 4.0: out-of-order when the segment comes within the iRTT (3 ms if unknown) of the segment that
  // last advanced nextseq and does not end where nextseq is (no "already seen" test before 4.2).
  const thres = c.hasIrtt ? c.irtt : OOO_DEFAULT_NS;
  cx.oooThreshold = thres;
  const sinceHighest = unsignedNs(nsBetween(s.sec, s.nsec, fwd.nextseqSec, fwd.nextseqNsec));
  const synFin = s.flags & (TCP_SYN | TCP_FIN) ? 1 : 0;
  if (sinceHighest < thres && fwd.nextseq !== seqAdd(seqAdd(s.seq, s.len), synFin)) {
    cx.flags |= TCP_A.OUT_OF_ORDER;
    return;
  }
  cx.flags |= TCP_A.RETRANSMISSION;
  // rto_frame (tshark 4.0): the frame that last advanced nextseq, or rather the eldest segment still unacknowledged, whatever
  // its sequence number ("likely to be the one retransmitted here"). 4.2 takes the eldest at or after this seq instead:
  // that one is the segment repeated (originalFrame).
  cx.rtoFrame = cx.originalFrame = fwd.nextseqFrame; cx.rtoSec = fwd.nextseqSec; cx.rtoNsec = fwd.nextseqNsec;
  let eldest = -1, original = -1;
  for (let u = fwd.segHead; u >= 0; u = pool.next[u]) {
    eldest = u;
    if (seqGe(pool.seq[u], s.seq)) original = u;
  }
  if (eldest >= 0) { cx.rtoFrame = pool.frame[eldest]; cx.rtoSec = pool.tsSec[eldest]; cx.rtoNsec = pool.tsNsec[eldest]; }
  if (original >= 0) cx.originalFrame = pool.frame[original];
}

/** Step 14 (§4.7): remember the segment, advance nextseq, record the ACK and match it to the peer's segments. */
function bookkeeping(fwd: TcpDirection, rev: TcpDirection, s: SegmentIn, pool: SegmentPool, cx: AnalysisContext): void {
  const zwp = (cx.flags & TCP_A.ZERO_WINDOW_PROBE) !== 0;
  let nextseq = seqAdd(s.seq, s.len);
  if (s.flags & (TCP_SYN | TCP_FIN)) nextseq = seqAdd(nextseq, 1);
  if ((s.len > 0 || (s.flags & (TCP_SYN | TCP_FIN))) && fwd.segCount < MAX_UNACKED) {
    const karn = (cx.flags & TCP_A_ANY_RETRANSMISSION) !== 0;
    fwd.segHead = pool.push(fwd.segHead, s.seq, nextseq, s.frame, s.sec, s.nsec, karn);
    fwd.segCount++;
  }
  if (!zwp && (fwd.nextseq === 0 || seqGt(nextseq, fwd.nextseq))) {
    fwd.nextseq = nextseq; fwd.nextseqFrame = s.frame; fwd.nextseqSec = s.sec; fwd.nextseqNsec = s.nsec;
  }
  if (!zwp && (fwd.maxSeqToBeAcked === 0 || s.seq === fwd.maxSeqToBeAcked)) fwd.maxSeqToBeAcked = fwd.nextseq;
  fwd.window = s.win;
  fwd.lastAck = s.ack;
  fwd.lastAckSec = s.sec; fwd.lastAckNsec = s.nsec;
  fwd.lastSegmentFlags = cx.flags;
  if ((s.flags & (TCP_SYN | TCP_ACK)) === TCP_ACK) fwd.isFirstAck = false;
  // tshark 4.0 matches every segment's ack field, ACK flag or not: an RST without ACK can have an ACK RTT (corpus:
  // cip), and a SYN or RST with ack 0 deletes the peer's segments that 0 lies beyond in sequence space, so a later
  // ACK of them gets none (modbus, rdp).
  matchAck(rev, s, pool, cx);
}

/** Matches the ACK against the peer's unacknowledged segments: ack_rtt, partial ACKs, deletions. */
function matchAck(rev: TcpDirection, s: SegmentIn, pool: SegmentPool, cx: AnalysisContext): void {
  let prev = -1, changed = false;
  for (let u = rev.segHead; u >= 0;) {
    const next = pool.next[u];
    if (s.ack === pool.nextseq[u]) {
      cx.ackedFrame = pool.frame[u];
      const rtt = nstimeDelta(cx.ackRttTime, s.sec, s.nsec, pool.tsSec[u], pool.tsNsec[u]);
      cx.ackRtt = nsBetween(rtt.sec, rtt.nsec, 0, 0);
    } else if (seqGt(s.ack, pool.seq[u]) && seqLe(s.ack, pool.nextseq[u])) {
      pool.seq[u] = s.ack;                                  // partial ACK: keep the rest
      changed = true;
      prev = u; u = next; continue;
    } else if (seqGt(pool.nextseq[u], s.ack)) {
      prev = u; u = next; continue;
    }
    if (prev < 0) rev.segHead = next; else pool.next[prev] = next;   // acked or older: delete
    pool.release(u);
    changed = true;
    rev.segCount--;
    u = next;
  }
  if (changed) rev.spanChanged = true;                      // the list's span is worked out again (bytes-in-flight.ts)
}

/** Releases a direction's segments (conversation reset by port reuse). */
export function releaseSegments(d: TcpDirection, pool: SegmentPool): void {
  for (let u = d.segHead; u >= 0;) { const n = pool.next[u]; pool.release(u); u = n; }
  d.segHead = -1; d.segCount = 0; d.spanChanged = false;
}
