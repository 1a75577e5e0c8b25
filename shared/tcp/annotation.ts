/**
 * Plain-language notes as data: a template id per packet (the `note` column) and per analysis flag, with
 * the numbers taken from the row at render time. Nothing here runs a string operation on the hot path:
 * `chooseNote` returns a number; `renderNote` builds text for one row when the UI or CLI shows it.
 */
import { TCP_FIN, TCP_SYN } from '../wire/tcp-flag-bits';
import type { TcpConversation } from './conversation-state';
import { TCP_A } from './analysis-flags';
import { Phase } from './phase';
import { STATE_NAMES } from './endpoint-state';
import { icmpErrorNote, type IcmpNoteFacts } from './icmp-error-note';

export const Note = {
  None: 0, Syn: 1, SynRetry: 2, SynAck: 3, HandshakeAck: 4, HandshakeExtra: 5, Data: 6, Ack: 7,
  Fin: 8, FinAck: 9, PeerFin: 10, PeerFinPiggyback: 11, LastAck: 12, CloseExtra: 13, SimultaneousFin: 14,
  HalfCloseData: 15, ResetRefused: 16, ResetAbort: 17, MidStream: 18, WindowUpdate: 19, DupAck: 20,
  Retransmission: 21, FastRetransmission: 22, SpuriousRetransmission: 23, OutOfOrder: 24, LostSegment: 25,
  AckedUnseen: 26, ZeroWindow: 27, ZeroWindowProbe: 28, ZeroWindowProbeAck: 29, KeepAlive: 30, KeepAliveAck: 31,
  WindowFull: 32, ReusedPorts: 33, ChecksumOffload: 34, IcmpError: 35,
} as const;

/** Flag bit → its note template, in display order. */
export const FLAG_NOTES: readonly (readonly [number, number])[] = [
  [TCP_A.REUSED_PORTS, Note.ReusedPorts], [TCP_A.FAST_RETRANSMISSION, Note.FastRetransmission],
  [TCP_A.SPURIOUS_RETRANSMISSION, Note.SpuriousRetransmission], [TCP_A.RETRANSMISSION, Note.Retransmission],
  [TCP_A.OUT_OF_ORDER, Note.OutOfOrder], [TCP_A.LOST_PACKET, Note.LostSegment], [TCP_A.ACK_LOST_PACKET, Note.AckedUnseen],
  [TCP_A.DUPLICATE_ACK, Note.DupAck], [TCP_A.ZERO_WINDOW, Note.ZeroWindow], [TCP_A.ZERO_WINDOW_PROBE, Note.ZeroWindowProbe],
  [TCP_A.ZERO_WINDOW_PROBE_ACK, Note.ZeroWindowProbeAck], [TCP_A.WINDOW_UPDATE, Note.WindowUpdate],
  [TCP_A.WINDOW_FULL, Note.WindowFull], [TCP_A.KEEP_ALIVE, Note.KeepAlive], [TCP_A.KEEP_ALIVE_ACK, Note.KeepAliveAck],
];

/** The main note of a packet, from its phase/step and flags (called once per packet; returns a number). */
export function chooseNote(c: TcpConversation, dir: 0 | 1, phase: number, step: number, flags: number, len: number,
  analysis: number): number {
  if (phase === Phase.Reset) return c.d[dir ^ 1].sawSyn && !c.d[dir].sawSynAck && c.d[dir].packets <= 1 ? Note.ResetRefused : Note.ResetAbort;
  if (phase === Phase.Handshake) {
    if (step === 1) return analysis & TCP_A.RETRANSMISSION ? Note.SynRetry : Note.Syn;
    if (step === 2) return Note.SynAck;
    if (step === 3) return Note.HandshakeAck;
    return analysis & TCP_A.WINDOW_UPDATE ? Note.WindowUpdate : Note.HandshakeExtra;
  }
  if (phase === Phase.Close) {
    if (step === 1) return Note.Fin;
    if (step === 2) return Note.FinAck;
    if (step === 3) {
      if (!c.d[dir ^ 1].finAcked) return Note.SimultaneousFin;
      return c.closeSteps & 0x200 ? Note.PeerFinPiggyback : Note.PeerFin;
    }
    if (step === 4) return Note.LastAck;
    if (len > 0 && c.d[dir].finSeen === false && c.d[dir ^ 1].finSeen) return Note.HalfCloseData;
  }
  if (analysis) for (let i = 0; i < FLAG_NOTES.length; i++) if (analysis & FLAG_NOTES[i][0]) return FLAG_NOTES[i][1];
  if (phase === Phase.Close) return Note.CloseExtra;
  if (c.clientDir < 0 && c.d[0].packets + c.d[1].packets <= 1 && !(flags & TCP_SYN)) return Note.MidStream;
  if (flags & TCP_FIN) return Note.Fin;
  return len > 0 ? Note.Data : Note.Ack;
}

/** Numbers a note is rendered with (from the row and its conversation). */
export interface NoteValues {
  who: string; peer: string;
  seqRaw: number; seqRel: number; ackRel: number; len: number; window: number;
  stateSelf: number; statePeer: number; dupAckNum: number; relatedFrame: number; port: number; mslSeconds: number;
  /** For the checksum note: the TCP checksum field, the value it should hold, and whether both ends are loopback. */
  checksum?: number; checksumShouldBe?: number; loopback?: boolean;
  /** For an ICMP error's note: the message, and who sent it (icmp-error-note.ts). */
  icmp?: IcmpNoteFacts;
}

const hex4 = (n: number | undefined): string => (n ?? 0).toString(16).padStart(4, '0');

const TEMPLATES: Record<number, (v: NoteValues) => string> = {
  [Note.Syn]: (v) => `The ${v.who} asks to open a connection; its initial sequence number is ${v.seqRaw} (shown as relative 0).`,
  [Note.SynRetry]: (v) => `The ${v.who} sends its SYN again: the first one got no answer.`,
  [Note.SynAck]: (v) => `The ${v.who} agrees to connect and sends its own initial sequence number ${v.seqRaw}, acknowledging the ${v.peer}'s SYN (ack ${v.ackRel}).`,
  [Note.HandshakeAck]: (v) => `The ${v.who} acknowledges the ${v.peer}'s SYN: the connection is ESTABLISHED on both sides.`,
  [Note.HandshakeExtra]: (v) => `The ${v.who} sends an ACK right after the handshake; not one of the handshake's steps.`,
  [Note.Data]: (v) => `The ${v.who} sends ${v.len} bytes (relative seq ${v.seqRel}).`,
  [Note.Ack]: (v) => `The ${v.who} acknowledges everything up to relative ${v.ackRel}.`,
  [Note.Fin]: (v) => `The ${v.who} has no more data and closes its side (FIN); it now waits in ${STATE_NAMES[v.stateSelf]}.`,
  [Note.FinAck]: (v) => `ACK of the ${v.peer}'s FIN: the ${v.peer} now waits in ${STATE_NAMES[v.statePeer]}; the ${v.who} may still send data (${STATE_NAMES[v.stateSelf]}).`,
  [Note.PeerFin]: (v) => `The ${v.who} closes its side too (FIN) and waits for the last ACK in ${STATE_NAMES[v.stateSelf]}.`,
  [Note.PeerFinPiggyback]: (v) => `The ${v.who} ACKs the FIN and sends its own in one segment (three-way close); it waits in ${STATE_NAMES[v.stateSelf]}.`,
  [Note.LastAck]: (v) => `The ${v.who} acknowledges the last FIN and stays in TIME-WAIT for 2×MSL (${2 * v.mslSeconds} s); the ${v.peer} is ${STATE_NAMES[v.statePeer]}.`,
  [Note.CloseExtra]: (v) => `The ${v.who} sends a packet during the close that is not one of its steps.`,
  [Note.SimultaneousFin]: (v) => `The ${v.who} sends its FIN before the ${v.peer}'s FIN reached it: simultaneous close, both go to CLOSING.`,
  [Note.HalfCloseData]: (v) => `The ${v.who} still sends ${v.len} bytes after the ${v.peer} closed its side (half-close).`,
  [Note.ResetRefused]: (v) => `The ${v.who} refuses the connection (RST in answer to the SYN): nothing accepts connections on port ${v.port}.`,
  [Note.ResetAbort]: (v) => `The ${v.who} aborts the connection (RST): both ends are CLOSED without the FIN exchange.`,
  [Note.MidStream]: () => 'The capture starts in the middle of this connection: the handshake was not seen, so states are unknown.',
  [Note.WindowUpdate]: (v) => `Window update: the ${v.who} announces a new receive window of ${v.window} bytes; no data, nothing new acknowledged.`,
  [Note.DupAck]: (v) => `Duplicate ACK #${v.dupAckNum} of frame ${v.relatedFrame}: the ${v.who} acknowledges the same data again (it may be missing a segment).`,
  [Note.Retransmission]: (v) => `Retransmission: the ${v.who} sends data it sent before (first in frame ${v.relatedFrame}).`,
  [Note.FastRetransmission]: (v) => `Fast retransmission: the ${v.who} resends after the ${v.peer}'s duplicate ACKs, without waiting for a timeout.`,
  [Note.SpuriousRetransmission]: (v) => `Spurious retransmission: the ${v.peer} had already acknowledged this data.`,
  [Note.OutOfOrder]: (v) => `Out of order: this segment from the ${v.who} belongs before data already seen.`,
  [Note.LostSegment]: () => 'Previous segment not captured: a gap in the sequence numbers (common at capture start).',
  [Note.AckedUnseen]: (v) => `The ${v.who} acknowledges data that was not captured.`,
  [Note.ZeroWindow]: (v) => `Zero window: the ${v.who}'s receive buffer is full; the ${v.peer} must stop sending.`,
  [Note.ZeroWindowProbe]: (v) => `Zero-window probe: the ${v.who} sends one byte to see whether the ${v.peer}'s window has opened.`,
  [Note.ZeroWindowProbeAck]: (v) => `The ${v.who} answers the zero-window probe; its window is still closed.`,
  [Note.KeepAlive]: (v) => `Keep-alive: the ${v.who} checks that the ${v.peer} is still there.`,
  [Note.KeepAliveAck]: (v) => `The ${v.who} answers the keep-alive.`,
  [Note.WindowFull]: (v) => `Window full: this segment fills the ${v.peer}'s advertised receive window.`,
  [Note.ReusedPorts]: () => 'Port numbers reused: a new connection on the same addresses and ports (new stream).',
  [Note.IcmpError]: (v) => icmpErrorNote(v),
  // Not a Wireshark flag: tshark only reports checksum status. Offload is by far the usual cause on the sender.
  [Note.ChecksumOffload]: (v) => `The TCP checksum 0x${hex4(v.checksum)} looks wrong (it should be 0x${hex4(v.checksumShouldBe)}): `
    + 'the packet was captured on the sending host before the network card filled the checksum in (checksum offload)'
    + (v.loopback ? ' — normal on loopback, where no card ever fills it in.' : '; the packet on the wire is most likely fine.'),
};

/** Text of a note, or '' for Note.None/unknown ids. */
export function renderNote(note: number, v: NoteValues): string {
  return TEMPLATES[note]?.(v) ?? '';
}

/** The flag notes of an analysis word (for showing one line per flag). */
export function flagNotes(analysis: number): number[] {
  return FLAG_NOTES.filter(([bit]) => analysis & bit).map(([, n]) => n);
}
