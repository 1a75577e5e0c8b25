/**
 * "Why was this flagged?": for each analysis flag of the packet just tracked, the Wireshark rule that fired
 * with its numbers filled in, and the nearest alternative that did not fire ("not a fast retransmission:
 * 1 duplicate ACK seen, needs 2 within 20 ms"). Built from TcpTracker.lastContext right after `track()`,
 * so nothing is stored per packet; for an older frame, a pass tracks the file again up to it (the worker's packet.why,
 * electron/capture/flag-reasons.ts).
 * Numbers are relative to the direction's base (as shown to the user); rule names are tshark field names.
 */
import { TCP_A, TCP_A_ANY_RETRANSMISSION } from './analysis-flags';
import { DUPACK_UNSEEN_MARK, FAST_RT_WINDOW_NS } from './analysis';
import type { TcpTracker } from './tcp-tracker';
import type { PathMtuError } from './path-mtu-errors';

export interface FlagExplanation {
  /** tshark field name of the flag, e.g. tcp.analysis.duplicate_ack. */
  field: string;
  /** The rule with this packet's numbers. */
  because: string;
  /** The nearest rule that did not fire, with the reason; '' when none is close. */
  notBecause: string;
}

const ms = (ns: number): string => `${(ns / 1e6).toFixed(3)} ms`;

/**
 * Explanations of the flags of the last packet `tracker` tracked (empty when not TCP or no flags). `pathMtu`: the
 * path-MTU error this retransmission answers, when the pass keeps them (PathMtuErrors.answered).
 */
export function explainLast(tracker: TcpTracker, seq: number, ack: number, len: number, win: number,
  pathMtu: PathMtuError | null = null): FlagExplanation[] {
  const c = tracker.lastConversation;
  if (!c) return [];
  const cx = tracker.lastContext;
  const fwd = c.d[tracker.lastDir], rev = c.d[tracker.lastDir ^ 1];
  const rs = (n: number): number => (n - fwd.baseSeq) >>> 0;   // relative to the sender's base
  const ra = (n: number): number => (n - rev.baseSeq) >>> 0;   // relative to the receiver's base
  const out: FlagExplanation[] = [];
  const add = (bit: number, field: string, because: string, notBecause = ''): void => {
    if (cx.flags & bit) out.push({ field, because, notBecause });
  };
  add(TCP_A.ZERO_WINDOW_PROBE, 'tcp.analysis.zero_window_probe',
    `1 byte at the next expected sequence number ${rs(seq)} while the peer's last window was 0.`);
  add(TCP_A.ZERO_WINDOW, 'tcp.analysis.zero_window', 'Window field is 0 and none of SYN, FIN, RST is set.');
  add(TCP_A.LOST_PACKET, 'tcp.analysis.lost_segment',
    `Sequence number ${rs(seq)} is beyond the next expected ${rs(cx.fwdNextseq)}: ${(seq - cx.fwdNextseq) >>> 0} bytes were not captured.`);
  add(TCP_A.KEEP_ALIVE, 'tcp.analysis.keep_alive',
    `${len} byte(s) at ${rs(seq)}, one below the next expected ${rs(cx.fwdNextseq)}, without SYN/FIN/RST.`);
  add(TCP_A.WINDOW_UPDATE, 'tcp.analysis.window_update',
    `No data, same seq ${rs(seq)} and ack ${ra(ack)} as before, but the window changed from ${cx.fwdWindow} to ${win}.`,
    'not a duplicate ACK: a duplicate ACK needs the same window.');
  add(TCP_A.WINDOW_FULL, 'tcp.analysis.window_full',
    `This segment ends at ${rs((seq + len) >>> 0)}, exactly the edge of the peer's advertised window (ack ${rs(cx.revLastAck)} + window).`);
  add(TCP_A.KEEP_ALIVE_ACK, 'tcp.analysis.keep_alive_ack', 'A pure ACK, same seq/ack/window, answering the peer\'s keep-alive.');
  add(TCP_A.ZERO_WINDOW_PROBE_ACK, 'tcp.analysis.zero_window_probe_ack', 'A pure ACK with window 0 answering the peer\'s zero-window probe.');
  add(TCP_A.DUPLICATE_ACK, 'tcp.analysis.duplicate_ack', cx.bySack
    ? `A pure ACK whose SACK blocks report data received beyond ack ${ra(ack)}: duplicate #${cx.dupAckNum} (Wireshark's SACK rule).`
    : `No data, seq ${rs(seq)} = next expected, ack ${ra(ack)} and window ${win} unchanged since frame ${cx.dupAckFrame}: duplicate #${cx.dupAckNum}.`,
    'not a window update: the window did not change.');
  add(TCP_A.ACK_LOST_PACKET, 'tcp.analysis.ack_lost_segment',
    `ACK ${ra(ack)} is beyond the highest contiguous byte seen from the peer (${ra(cx.revMaxSeqToBeAcked)}); `
    + 'tshark 4.0 reports one hole once, until the peer\'s ACK moves.');
  const peerDups = cx.revDupAcks === DUPACK_UNSEEN_MARK
    ? 'tshark\'s counter, parked at -1 after an "ACKed unseen segment", reads as more than 2' : `${cx.revDupAcks}`;
  const fastWhy = `not a fast retransmission: ${peerDups} duplicate ACK(s) seen from the peer, needs 2 within ${ms(FAST_RT_WINDOW_NS)}`
    + (cx.peerSpoke
      ? ` (last peer ACK ${cx.sincePeerAck < 0 ? `${ms(-cx.sincePeerAck)} later in capture time: the clock ran backwards, which tshark counts as long ago` : `${ms(cx.sincePeerAck)} ago`}${cx.revLastAck === seq ? '' : `, and it acked ${ra(cx.revLastAck)}, not ${rs(seq)}`}).`
      : ' (the peer has sent nothing yet).');
  add(TCP_A.SPURIOUS_RETRANSMISSION, 'tcp.analysis.spurious_retransmission',
    `The segment ends at ${rs((seq + len) >>> 0)}, at or below what the peer already acknowledged (${rs(cx.revLastAck)}).`);
  add(TCP_A.FAST_RETRANSMISSION, 'tcp.analysis.fast_retransmission', cx.bySack
    ? `Resends seq ${rs(seq)} within ${ms(cx.sincePeerAck)} of the peer's ACK, and the peer's SACK blocks do not cover it (RFC 6675).`
    : `Resends seq ${rs(seq)} within ${ms(cx.sincePeerAck)} of the peer's ACK, after ${peerDups} duplicate ACKs for exactly this byte.`);
  add(TCP_A.OUT_OF_ORDER, 'tcp.analysis.out_of_order',
    `Seq ${rs(seq)} is below the next expected ${rs(cx.fwdNextseq)} and came within ${ms(cx.oooThreshold)} (the iRTT, or 3 ms) of the highest segment.`,
    'not a retransmission: it came too soon after the segment with the highest sequence number.');
  if ((cx.flags & TCP_A_ANY_RETRANSMISSION) === TCP_A.RETRANSMISSION) {
    out.push({ field: 'tcp.analysis.retransmission',
      because: `Seq ${rs(seq)} is below the next expected ${rs(cx.fwdNextseq)}: these bytes were sent before (frame ${cx.originalFrame}).`,
      notBecause: cx.oooThreshold > 0 ? `${fastWhy} Not out-of-order: the iRTT threshold ${ms(cx.oooThreshold)} had passed.` : fastWhy });
  }
  const mtu = pathMtu, resent = out.find((e) => e.field.endsWith('retransmission'));
  if (mtu && resent) {
    resent.because += ` In between, frame ${mtu.frame} (ICMP${mtu.v6 ? 'v6 "packet too big"' : ' "fragmentation needed"'} from ${mtu.from}`
      + `${mtu.mtu > 0 ? `, MTU ${mtu.mtu}` : ''}) said the segment did not fit the path: this is path MTU discovery resending `
      + `the data in segments that fit (${len} bytes here), not a loss.`;
  }
  add(TCP_A.REUSED_PORTS, 'tcp.analysis.reused_ports',
    'A SYN on an address/port pair already seen, with a different initial sequence number: a new connection.');
  return out;
}
