/**
 * The phase of a TCP packet and its step within the phase: handshake 1/3 SYN, 2/3 SYN-ACK, 3/3 ACK; data;
 * close 1 FIN, 2 ACK of FIN, 3 peer FIN, 4 last ACK (a FIN+ACK that also ACKs the first FIN is step 3 of a
 * three-way close; crossing FINs are steps 1 and 3 of a simultaneous close); reset. Step EXTRA_STEP (0)
 * marks a packet that belongs to a phase without being one of its steps (the seed's window update after the
 * handshake, its duplicate ACK during the close). Values match renderer/format/tcp-labels.ts.
 */
import { TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../wire/tcp-flag-bits';
import type { TcpConversation } from './conversation-state';
import { seqAdd, seqGe } from './seq';

export const Phase = { None: 0, Handshake: 1, Data: 2, Close: 3, Reset: 4 } as const;
export type PhaseValue = (typeof Phase)[keyof typeof Phase];
export const EXTRA_STEP = 0;
export const PHASE_NAMES: readonly string[] = ['', 'Handshake', 'Data', 'Close', 'Reset'];
const HANDSHAKE_STEP_NAMES = ['', 'SYN', 'SYN-ACK', 'ACK'];
const CLOSE_STEP_NAMES = ['', 'FIN', 'ACK of FIN', 'peer FIN', 'last ACK'];

/** Close steps recorded in TcpConversation.closeSteps (bit n-1 = step n seen). */
const HANDSHAKE_DONE = 0x100;
/** The peer FIN also carried the ACK of the first FIN (three-way close). */
export const PIGGYBACK = 0x200;

/** Phase and step of a packet; called after endpoint states were updated (it reads finSeen/finAcked). */
export class PhaseClassifier {
  phase = 0;
  step = 0;

  classify(c: TcpConversation, dir: 0 | 1, ack: number, len: number, flags: number, finAckedBefore: boolean,
    peerFinAckedBefore: boolean): void {
    const x = c.d[dir], y = c.d[dir ^ 1];
    this.step = EXTRA_STEP;
    if (flags & TCP_RST) { this.phase = Phase.Reset; c.phase = Phase.Reset; return; }
    if (flags & TCP_SYN) {
      this.phase = Phase.Handshake;
      this.step = flags & TCP_ACK ? 2 : 1;
      c.phase = Phase.Handshake;
      return;
    }
    const acksSyn = (flags & TCP_ACK) !== 0 && y.sawSynAck && !(c.closeSteps & HANDSHAKE_DONE) && seqGe(ack, seqAdd(y.baseSeq, 1));
    if (acksSyn && len === 0 && !(flags & TCP_FIN)) {
      c.closeSteps |= HANDSHAKE_DONE;
      this.phase = Phase.Handshake; this.step = 3; c.phase = Phase.Handshake;
      return;
    }
    if (flags & TCP_FIN && !(c.closeSteps & 1)) { c.closeSteps |= 1; this.close(c, 1); return; }
    if (flags & TCP_FIN && (c.closeSteps & 1) && !(c.closeSteps & 4) && x.finSeen && y.finSeen && dir !== c.closerDir) {
      c.closeSteps |= 4 | (peerFinAckedBefore ? 0 : 2 | (y.finAcked ? PIGGYBACK : 0));
      this.close(c, 3);
      return;
    }
    if ((flags & TCP_ACK) && y.finAcked && !peerFinAckedBefore) {
      const step = y === c.d[c.closerDir] ? 2 : 4;
      if (!(c.closeSteps & (1 << (step - 1)))) { c.closeSteps |= 1 << (step - 1); this.close(c, step); return; }
    }
    void finAckedBefore;
    if (c.phase === Phase.Close || c.phase === Phase.Reset) { this.phase = c.phase; return; }
    if (c.phase === Phase.Handshake && len === 0) { this.phase = Phase.Handshake; return; }
    this.phase = Phase.Data; c.phase = Phase.Data;
  }

  private close(c: TcpConversation, step: number): void {
    this.phase = Phase.Close; this.step = step; c.phase = Phase.Close;
  }
}

/** "Handshake 1/3 SYN", "Close 2/4 ACK of FIN", "Close (extra)", "Data", "Reset". */
export function stepLabel(phase: number, step: number): string {
  if (phase === Phase.Handshake) return step === EXTRA_STEP ? 'Handshake (extra)' : `Handshake ${step}/3 ${HANDSHAKE_STEP_NAMES[step]}`;
  if (phase === Phase.Close) return step === EXTRA_STEP ? 'Close (extra)' : `Close ${step}/4 ${CLOSE_STEP_NAMES[step]}`;
  return PHASE_NAMES[phase] ?? '';
}
