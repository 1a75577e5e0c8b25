/**
 * "What happened": a conversation told in a few plain sentences, from its summary and the moments its rows mark — how
 * it opened (the handshake's frames and iRTT, SYNs retried, refused or unanswered, or a capture that starts
 * mid-connection), what each side sent and the trouble on the way (Wireshark's expert flags), the longest silence,
 * how it ended (who closed first and how the other answered, a reset and by whom, ICMP, or still open) and the states
 * both ends were left in. The ladder shows every step; this is the summary a reader would write after reading it.
 * The window tells the shown conversation from its stored rows; `read --explain` tells every one, collecting the
 * moments as its pass goes (ConversationMoments is fed one row at a time, a few numbers per conversation).
 */
import { TCP_ACK, TCP_RST, TCP_SYN } from '../wire/tcp-flag-bits';
import type { ConversationSummary } from '../ipc/contract';
import { bytesText, endpointText, expertText, humanDuration } from '../format/conversation-words';
import { Note } from './annotation';
import { STATE_NAMES } from './endpoint-state';
import { nsBetween } from './nstime';
import { Phase } from './phase';
import { TCP_A } from './analysis-flags';



/** The frames that mark a conversation's steps (0: not seen), as the phase column numbers them, fed row by row. */
export class ConversationMoments {
  /** SYNs without ACK (the first few) and how many. */
  readonly syns: number[] = [];
  synCount = 0;
  synAck = 0;
  synAckDir = -1;
  handshakeAck = 0;
  /** The first segment acknowledging the SYN-ACK, whether or not it is the handshake's pure ACK (data may ride on it). */
  ackOfSynAck = 0;
  ackOfSynAckData = false;
  /** Close steps 1–4: FIN, ACK of FIN, peer FIN, last ACK. */
  readonly close: [number, number, number, number] = [0, 0, 0, 0];
  closerDir = -1;
  /** The note of the peer's FIN (step 3): a simultaneous close, a three-way close (piggybacked ACK), or the usual. */
  peerFinNote = 0;
  reset = 0;
  resetDir = -1;
  refused = false;
  icmp = 0;
  /** Data segments each direction sent (retransmissions included). */
  readonly segments: [number, number] = [0, 0];
  /** Times of the first and last data segment (sec, nsec; firstDataSec NaN: none). */
  firstDataSec = NaN; firstDataNsec = 0; lastDataSec = NaN; lastDataNsec = 0;
  /** The longest silence between two of its packets: ns, and the frames before and after it. */
  gapNs = 0; gapFrom = 0; gapTo = 0;
  lastFrame = 0;
  /** Zero-window stalls by the side that advertised them: how many, and ns until that side opened its window again. */
  readonly stalls: [number, number] = [0, 0];
  readonly stalledNs: [number, number] = [0, 0];
  private readonly zeroSec = [NaN, NaN];
  private readonly zeroNsec = [0, 0];
  private prevSec = NaN;
  private prevNsec = 0;

  /** One row of the conversation, in capture order (`window`: the raw window field, `analysis`: its TCP_A bits). */
  see(frame: number, sec: number, nsec: number, dir: number, flags: number, payloadLen: number, phase: number, step: number, note: number,
    window: number, analysis: number): void {
    if (!Number.isNaN(this.prevSec)) {
      const gap = nsBetween(sec, nsec, this.prevSec, this.prevNsec);
      if (gap > this.gapNs) { this.gapNs = gap; this.gapFrom = this.lastFrame; this.gapTo = frame; }
    }
    this.prevSec = sec; this.prevNsec = nsec; this.lastFrame = frame;
    if (note === Note.IcmpError) { this.icmp ||= frame; return; }
    this.stall(dir & 1, sec, nsec, flags, window, analysis);
    if ((flags & (TCP_SYN | TCP_ACK)) === TCP_SYN) { if (this.syns.length < 4) this.syns.push(frame); this.synCount++; }
    if (phase === Phase.Handshake && step === 2 && !this.synAck) { this.synAck = frame; this.synAckDir = dir; }
    else if (this.synAck && !this.ackOfSynAck && dir !== this.synAckDir && flags & TCP_ACK && !(flags & TCP_SYN)) {
      this.ackOfSynAck = frame; this.ackOfSynAckData = payloadLen > 0;
    }
    if (phase === Phase.Handshake && step === 3) this.handshakeAck ||= frame;
    if (phase === Phase.Close && step >= 1 && step <= 4 && this.close[step - 1] === 0) {
      this.close[step - 1] = frame;
      if (step === 1) this.closerDir = dir;
      if (step === 3) this.peerFinNote = note;
    }
    if (phase === Phase.Reset && this.reset === 0) { this.reset = frame; this.resetDir = dir; this.refused = note === Note.ResetRefused; }
    if (payloadLen > 0) {
      this.segments[dir & 1]++;
      if (Number.isNaN(this.firstDataSec)) { this.firstDataSec = sec; this.firstDataNsec = nsec; }
      this.lastDataSec = sec; this.lastDataNsec = nsec;
    }
  }

  /** A zero window starts a stall of its side's peer; the side's next segment with a window (not a RST) ends it. */
  private stall(d: number, sec: number, nsec: number, flags: number, window: number, analysis: number): void {
    if (analysis & TCP_A.ZERO_WINDOW) {
      if (Number.isNaN(this.zeroSec[d])) { this.zeroSec[d] = sec; this.zeroNsec[d] = nsec; this.stalls[d]++; }
    } else if (window > 0 && !(flags & TCP_RST) && !Number.isNaN(this.zeroSec[d])) {
      this.stalledNs[d] += Math.max(0, nsBetween(sec, nsec, this.zeroSec[d], this.zeroNsec[d]));
      this.zeroSec[d] = NaN;
    }
  }
}

const frames = (list: readonly number[], count: number): string => (count === 1 ? `frame ${list[0]}` : `frames ${list.slice(0, 3).join(', ')}${count > 3 ? ' …' : ''}`);
const stateName = (state: number): string => STATE_NAMES[state] ?? 'unknown';
const segmentsText = (n: number): string => `${n} segment${n === 1 ? '' : 's'}`;

/** The sentences telling conversation `c` from the moments of its rows. */
export function conversationStory(c: ConversationSummary, m: ConversationMoments): string[] {
  const known = c.clientDir >= 0;
  const a = endpointText(c.addrA, c.portA), b = endpointText(c.addrB, c.portB);
  const clientAddr = c.clientDir === 1 ? b : a, serverAddr = c.clientDir === 1 ? a : b;
  const role = (dir: number): string => (!known ? (dir === 0 ? 'endpoint A' : 'endpoint B') : dir === c.clientDir ? 'client' : 'server');
  const out = [opening(c, m, clientAddr, serverAddr, a, b)];
  if (m.synAck || !known) out.push(transfer(c, m, role));
  out.push(silence(c, m));
  if (!(m.refused && !m.synAck)) out.push(ending(c, m, role, m.lastFrame || c.lastFrame));
  out.push(known ? `Final states: client ${stateName(c.clientDir === 1 ? c.stateB : c.stateA)}, server ${stateName(c.clientDir === 1 ? c.stateA : c.stateB)}.`
    : `Final states as far as the capture shows: A ${stateName(c.stateA)}, B ${stateName(c.stateB)}.`);
  return out.filter((s) => s !== '');
}

function opening(c: ConversationSummary, m: ConversationMoments, client: string, server: string, a: string, b: string): string {
  if (c.clientDir < 0) return `The capture starts in the middle of this connection between ${a} and ${b}: its handshake was not seen, so which side is the client is unknown.`;
  // Retries are "before an answer came" only when an answer came; otherwise they are just retries.
  const asked = (answered: boolean): string => `The client ${client} asked to connect to ${server} (SYN in ${frames(m.syns, m.synCount)}`
    + `${m.synCount > 1 ? `: ${m.synCount - 1} ${m.synCount === 2 ? 'retry' : 'retries'}${answered ? ' before an answer came' : ''}` : ''})`;
  if (m.refused && !m.synAck) return `${asked(false)}; the server refused with RST in frame ${m.reset}: nothing accepts connections on port ${c.clientDir === 1 ? c.portA : c.portB}.`;
  if (!m.synAck) {
    if (c.end === 'unreachable' || m.icmp) return `${asked(false)}; an ICMP error (frame ${m.icmp}) reported it could not be delivered, and no SYN-ACK came.`;
    return `${asked(false)}; no answer was captured.`;
  }
  const irtt = c.irttNs >= 0 ? ` — the handshake took ${humanDuration(c.irttNs)} (initial RTT)` : '';
  if (!m.handshakeAck && m.ackOfSynAck) return `${asked(true)}; the server agreed (SYN-ACK in frame ${m.synAck}) and the client ${m.ackOfSynAckData ? 'confirmed with data right away' : 'acknowledged it'} (frame ${m.ackOfSynAck})${irtt}.`;
  if (!m.handshakeAck) return `${asked(true)}; the server agreed (SYN-ACK in frame ${m.synAck}), but the client's final ACK of the handshake was not seen.`;
  return `${asked(true)}; the server agreed (SYN-ACK in frame ${m.synAck}) and the client confirmed (ACK in frame ${m.handshakeAck})${irtt}.`;
}

function transfer(c: ConversationSummary, m: ConversationMoments, role: (dir: number) => string): string {
  const sent = (dir: 0 | 1): string => {
    const bytes = dir === 0 ? c.payloadA : c.payloadB;
    return bytes === 0 ? `the ${role(dir)} sent no data` : `the ${role(dir)} sent ${bytesText(bytes)} in ${segmentsText(m.segments[dir])}`;
  };
  const first = c.clientDir === 1 ? 1 : 0;
  const spanNs = nsBetween(m.lastDataSec, m.lastDataNsec, m.firstDataSec, m.firstDataNsec);
  const span = spanNs > 0 ? ` over ${humanDuration(spanNs)}` : '';
  const data = Number.isNaN(m.firstDataSec) || c.payloadA + c.payloadB === 0 ? 'No data was sent either way.' : `${capital(sent(first as 0 | 1))}, ${sent((first ^ 1) as 0 | 1)}${span}.`;
  const trouble = expertText(c.expert);
  const told = trouble.total > 0 ? `${data} On the way: ${trouble.text}.` : `${data} No retransmissions, lost segments or window trouble.`;
  return [told, stalls(m, 0, role), stalls(m, 1, role)].filter((x) => x !== '').join(' ');
}

/** "The client's receive buffer filled 3 times (zero window), holding the server back for 1.2 s in all." */
function stalls(m: ConversationMoments, d: 0 | 1, role: (dir: number) => string): string {
  const n = m.stalls[d];
  if (n === 0) return '';
  const held = m.stalledNs[d] > 0 ? `, holding the ${role(d ^ 1)} back for ${humanDuration(m.stalledNs[d])} in all` : '';
  return `The ${role(d)}'s receive buffer filled ${n === 1 ? 'once' : `${n} times`} (zero window)${held}.`;
}

/** The longest silence, when it is at least a second and a quarter of the conversation's time (idle, or stalled). */
function silence(c: ConversationSummary, m: ConversationMoments): string {
  const whole = nsBetween(c.lastSec, c.lastNsec, c.firstSec, c.firstNsec);
  if (m.gapTo === 0 || m.gapNs < 1e9 || m.gapNs < whole / 4) return '';
  return `Nothing was sent either way for ${humanDuration(m.gapNs)}, between frames ${m.gapFrom} and ${m.gapTo}.`;
}

function ending(c: ConversationSummary, m: ConversationMoments, role: (dir: number) => string, last: number): string {
  const [fin, finAck, peerFin, lastAck] = m.close;
  if (fin) {
    const closer = role(m.closerDir), peer = role(m.closerDir ^ 1);
    const reset = !m.reset ? '' : peerFin || m.resetDir !== (m.closerDir ^ 1) ? `; then the ${role(m.resetDir)} sent RST in frame ${m.reset}`
      : `; then the ${peer} reset the connection (RST in frame ${m.reset}) instead of closing its side`;
    const open = m.reset ? '' : ' when the capture ended';
    if (m.peerFinNote === Note.SimultaneousFin) {
      return `Both sides closed at once: the ${closer}'s FIN (frame ${fin}) and the ${peer}'s (frame ${peerFin}) crossed (a simultaneous close)${reset}.`;
    }
    let s = `The ${closer} closed its side first (FIN in frame ${fin})`;
    if (m.peerFinNote === Note.PeerFinPiggyback) s += `; the ${peer} acknowledged it and closed its side in one segment (frame ${peerFin}: a three-way close)`;
    else {
      const unclosed = m.reset && m.resetDir === (m.closerDir ^ 1) ? '' : ` had not closed its own side${open}`;
      if (finAck) s += `; the ${peer} acknowledged it in frame ${finAck}${peerFin ? ` and closed its side in frame ${peerFin}` : unclosed ? ` but${unclosed}` : ''}`;
      else s += peerFin ? `; the ${peer} closed its side in frame ${peerFin}` : unclosed ? `; the ${peer}${unclosed}` : '';
    }
    if (lastAck) s += `; the ${closer}'s last ACK is frame ${lastAck}`;
    return `${s}${reset}.`;
  }
  if (m.reset) return `The ${role(m.resetDir)} aborted the connection with RST in frame ${m.reset}: both ends dropped it without the FIN exchange.`;
  if (c.end === 'unreachable') return `An ICMP error (frame ${m.icmp}) reported the connection's packets could not be delivered, and nothing of it followed.`;
  if (!m.synAck && c.clientDir >= 0) return '';
  return `It was still open when the capture ended (last packet in frame ${last}).`;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
