/**
 * Per-endpoint RFC 9293 connection states (§3.3.2) as far as the wire shows them, updated after each packet.
 * Nothing in Wireshark models this; the rules (reference §4.10): a SYN puts its sender in SYN-SENT and the
 * peer in LISTEN (implied); the SYN-ACK puts its sender in SYN-RECEIVED; the ACK of that SYN makes both
 * ESTABLISHED. The first FIN puts its sender in FIN-WAIT-1 and the peer in CLOSE-WAIT; the ACK of it moves
 * the closer to FIN-WAIT-2; the peer's FIN puts the peer in LAST-ACK; the closer's ACK of that FIN puts the
 * closer in TIME-WAIT (for 2×MSL) and the peer in CLOSED. Crossing FINs mean CLOSING (simultaneous close).
 * A RST closes both ends when the receiver would accept it (rstAccepted: RFC 9293 §3.10.7.3 in SYN-SENT,
 * RFC 5961 §3 otherwise); any other RST changes nothing. Values match renderer/format/tcp-labels.ts and
 * shared/filter/synack-values.ts.
 */
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../wire/tcp-flag-bits';
import type { TcpConversation, TcpDirection } from './conversation-state';
import { seqAdd, seqGe } from './seq';

export const EndpointState = {
  Unknown: 0, Closed: 1, Listen: 2, SynSent: 3, SynReceived: 4, Established: 5, FinWait1: 6, FinWait2: 7,
  CloseWait: 8, Closing: 9, LastAck: 10, TimeWait: 11,
} as const;
export type EndpointStateValue = (typeof EndpointState)[keyof typeof EndpointState];

export const STATE_NAMES: readonly string[] = ['unknown', 'CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED',
  'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];

/** Linux's MSL is 60 s (TCP_TIMEWAIT_LEN = 2×MSL = 60 s is Linux's actual value; RFC 9293 suggests 2 min MSL). */
export const DEFAULT_MSL_SECONDS = 60;

const S = EndpointState;

/**
 * Updates both endpoints' states of `c` for a packet sent by `dir` (raw seq/ack, payload length, flags).
 * (sec, nsec) is the packet's capture time. `senderNext` is the sender's next sequence number before this packet
 * (0 unknown), for the RST check.
 */
export function updateEndpointStates(c: TcpConversation, dir: 0 | 1, seq: number, ack: number, len: number,
  flags: number, frame: number, sec: number, nsec: number, senderNext = 0): void {
  const x = c.d[dir], y = c.d[dir ^ 1];
  stateFrame = frame;
  if (flags & TCP_RST) {
    if (rstAccepted(y, seq, ack, flags, senderNext)) { set(x, S.Closed); set(y, S.Closed); }
    return;
  }
  if (flags & TCP_SYN) {
    if (flags & TCP_ACK) {
      if (x.state !== S.Established) set(x, S.SynReceived);
      if (y.state === S.Unknown || y.state === S.Listen) set(y, S.SynSent);
      else if (y.state === S.SynReceived && seqGe(ack, seqAdd(y.baseSeq, 1))) set(y, S.Established); // simultaneous open
    } else {
      const simultaneous = y.state === S.SynSent && x.state !== S.SynSent;
      set(x, simultaneous ? S.SynReceived : S.SynSent);
      if (simultaneous) set(y, S.SynReceived);
      else if (y.state === S.Unknown || y.state === S.Closed || y.state === S.TimeWait) set(y, S.Listen);
    }
    return;
  }
  if ((flags & TCP_ACK) && y.state === S.SynReceived && seqGe(ack, seqAdd(y.baseSeq, 1))) {
    set(y, S.Established);
    if (x.state === S.SynSent || x.state === S.SynReceived) set(x, S.Established);
  }
  if ((flags & TCP_ACK) && y.finSeen && !y.finAcked && seqGe(ack, seqAdd(y.finSeq, 1))) {
    y.finAcked = true;
    if (y.state === S.FinWait1) set(y, S.FinWait2);
    else if (y.state === S.Closing) { set(y, S.TimeWait); enterTimeWait(c, sec, nsec); }
    else if (y.state === S.LastAck) set(y, S.Closed);
    if (x.state === S.FinWait2 || (x.state === S.Closing && x.finAcked)) { set(x, S.TimeWait); enterTimeWait(c, sec, nsec); }
  }
  if (flags & TCP_FIN) finSent(c, dir, seq, len);
}

/**
 * Whether receiver `y` would act on a RST (seq/ack raw). RFC 9293 §3.10.7.3: in SYN-SENT only a RST whose ACK
 * acknowledges the SYN counts. RFC 5961 §3.2 elsewhere: the connection resets only when seq is exactly the
 * next expected byte (y's last ACK, or the sender's next seq when y has not ACKed everything yet); in-window
 * otherwise draws a challenge ACK and outside the window is dropped — both leave the states as they are.
 * Without a state for y (capture started mid-connection, or LISTEN) nothing can be checked: accepted.
 */
export function rstAccepted(y: TcpDirection, seq: number, ack: number, flags: number, senderNext: number): boolean {
  if (y.state === S.SynSent) return (flags & TCP_ACK) !== 0 && ack === y.nextseq;
  if (y.state < S.SynReceived) return true;
  return seq === y.lastAck || (senderNext !== 0 && seq === senderNext);
}

/** Frame of the packet being applied (module state instead of a closure per packet). */
let stateFrame = 0;
function set(d: TcpDirection, st: number): void {
  if (d.state !== st) { d.state = st; d.stateFrame = stateFrame; }
}

function finSent(c: TcpConversation, dir: 0 | 1, seq: number, len: number): void {
  const x = c.d[dir], y = c.d[dir ^ 1];
  if (x.finSeen) return;                                   // a retransmitted FIN changes nothing
  x.finSeen = true;
  x.finSeq = seqAdd(seq, len);
  if (!y.finSeen) {
    set(x, S.FinWait1);
    if (y.state !== S.Closed) set(y, S.CloseWait);
    if (c.closerDir < 0) c.closerDir = dir;
  } else if (y.finAcked) {
    set(x, S.LastAck);                                     // y already had its FIN ACKed: x is the passive closer
  } else {
    set(x, S.Closing); set(y, S.Closing);                  // crossing FINs: simultaneous close
  }
}

/** Remembers when the conversation entered TIME-WAIT (conversation-summary.ts timeWaitEnd adds 2×MSL). */
function enterTimeWait(c: TcpConversation, sec: number, nsec: number): void {
  c.timeWaitSec = sec; c.timeWaitNsec = nsec;
}
