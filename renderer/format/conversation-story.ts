/**
 * "What happened": a conversation told in a few plain sentences, from its summary and its rows — how it opened (the
 * handshake's frames and iRTT, SYNs retried, refused or unanswered, or a capture that starts mid-connection), what
 * each side sent and the trouble on the way (Wireshark's expert flags), how it ended (who closed first and how the
 * other answered, a reset and by whom, ICMP, or still open) and the states both ends were left in. The ladder shows
 * every step; this is the summary a reader would write after reading it. Built for one conversation when shown.
 */
import type { ConversationSummary } from '../../shared/ipc/contract';
import { Note } from '../../shared/tcp/annotation';
import { Phase } from '../../shared/tcp/phase';
import type { StoredColumns } from '../stores/packet-columns';
import { bytesText, expertText } from './conversation-text';
import { humanDuration, nsBetween } from './packet-time';
import { stateName } from './tcp-labels';
import { endpointText } from '../stores/conversations';

type StoryColumns = Pick<StoredColumns, 'frame' | 'tsSec' | 'tsNsec' | 'dir' | 'tcpFlags' | 'payloadLen' | 'phase' | 'step' | 'note'>;

const SYN = 0x02, ACK = 0x10;

/** The frames that mark the conversation's steps (0: not seen), as the phase column numbers them. */
interface Moments {
  syns: number[]; synAck: number; handshakeAck: number;
  /** Close steps 1–4: FIN, ACK of FIN, peer FIN, last ACK. */
  close: [number, number, number, number]; closerDir: number;
  /** The note of the peer's FIN (step 3): a simultaneous close, a three-way close (piggybacked ACK), or the usual. */
  peerFinNote: number;
  reset: number; resetDir: number; refused: boolean;
  icmp: number;
  /** Data segments each direction sent (retransmissions included), and the first and last data row. */
  segments: [number, number]; firstData: number; lastData: number;
  /** The longest silence between two of its packets: ns, and the rows before and after it (-1: fewer than two rows). */
  gapNs: number; gapFrom: number; gapTo: number;
}

function momentsOf(cols: StoryColumns, rows: ArrayLike<number>): Moments {
  const m: Moments = { syns: [], synAck: 0, handshakeAck: 0, close: [0, 0, 0, 0], closerDir: -1, peerFinNote: 0, reset: 0, resetDir: -1,
    refused: false, icmp: 0, segments: [0, 0], firstData: -1, lastData: -1, gapNs: 0, gapFrom: -1, gapTo: -1 };
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k], frame = cols.frame[r], phase = cols.phase[r], step = cols.step[r], dir = cols.dir[r];
    if (k > 0) {
      const p = rows[k - 1], gap = nsBetween(cols.tsSec[p], cols.tsNsec[p], cols.tsSec[r], cols.tsNsec[r]);
      if (gap > m.gapNs) { m.gapNs = gap; m.gapFrom = p; m.gapTo = r; }
    }
    if (cols.note[r] === Note.IcmpError) { m.icmp ||= frame; continue; }
    if ((cols.tcpFlags[r] & (SYN | ACK)) === SYN) m.syns.push(frame);
    if (phase === Phase.Handshake && step === 2) m.synAck ||= frame;
    if (phase === Phase.Handshake && step === 3) m.handshakeAck ||= frame;
    if (phase === Phase.Close && step >= 1 && step <= 4 && m.close[step - 1] === 0) {
      m.close[step - 1] = frame;
      if (step === 1) m.closerDir = dir;
      if (step === 3) m.peerFinNote = cols.note[r];
    }
    if (phase === Phase.Reset && m.reset === 0) { m.reset = frame; m.resetDir = dir; m.refused = cols.note[r] === Note.ResetRefused; }
    if (cols.payloadLen[r] > 0) {
      m.segments[dir]++;
      if (m.firstData < 0) m.firstData = r;
      m.lastData = r;
    }
  }
  return m;
}

const frames = (list: number[]): string => (list.length === 1 ? `frame ${list[0]}` : `frames ${list.slice(0, 3).join(', ')}${list.length > 3 ? ' …' : ''}`);
const segmentsText = (n: number): string => `${n} segment${n === 1 ? '' : 's'}`;

/** The sentences telling conversation `c`, whose stored rows (ascending) are `rows`. */
export function conversationStory(c: ConversationSummary, cols: StoryColumns, rows: ArrayLike<number>): string[] {
  const m = momentsOf(cols, rows);
  const known = c.clientDir >= 0;
  const a = endpointText(c.addrA, c.portA), b = endpointText(c.addrB, c.portB);
  const clientAddr = c.clientDir === 1 ? b : a, serverAddr = c.clientDir === 1 ? a : b;
  const role = (dir: number): string => (!known ? (dir === 0 ? 'endpoint A' : 'endpoint B') : dir === c.clientDir ? 'client' : 'server');
  const last = rows.length > 0 ? cols.frame[rows[rows.length - 1]] : c.lastFrame;
  const out = [opening(c, m, clientAddr, serverAddr, a, b)];
  if (m.synAck || !known) out.push(transfer(c, m, cols, role));
  out.push(silence(c, m, cols));
  if (!(m.refused && !m.synAck)) out.push(ending(c, m, role, last));
  out.push(known ? `Final states: client ${stateName(c.clientDir === 1 ? c.stateB : c.stateA)}, server ${stateName(c.clientDir === 1 ? c.stateA : c.stateB)}.`
    : `Final states as far as the capture shows: A ${stateName(c.stateA)}, B ${stateName(c.stateB)}.`);
  return out.filter((s) => s !== '');
}

function opening(c: ConversationSummary, m: Moments, client: string, server: string, a: string, b: string): string {
  if (c.clientDir < 0) return `The capture starts in the middle of this connection between ${a} and ${b}: its handshake was not seen, so which side is the client is unknown.`;
  const asked = `The client ${client} asked to connect to ${server} (SYN in ${frames(m.syns)}${m.syns.length > 1 ? `: ${m.syns.length - 1} ${m.syns.length === 2 ? 'retry' : 'retries'} before an answer came` : ''})`;
  if (m.refused && !m.synAck) return `${asked.replace(' before an answer came', '')}; the server refused with RST in frame ${m.reset}: nothing accepts connections on port ${c.clientDir === 1 ? c.portA : c.portB}.`;
  if (!m.synAck) {
    const retried = asked.replace(' before an answer came', '');
    if (c.end === 'unreachable' || m.icmp) return `${retried}; an ICMP error (frame ${m.icmp}) reported it could not be delivered, and no SYN-ACK came.`;
    return `${retried}; no answer was captured.`;
  }
  const irtt = c.irttNs >= 0 ? ` — the handshake took ${humanDuration(c.irttNs)} (initial RTT)` : '';
  if (!m.handshakeAck) return `${asked}; the server agreed (SYN-ACK in frame ${m.synAck}), but the client's final ACK of the handshake was not seen.`;
  return `${asked}; the server agreed (SYN-ACK in frame ${m.synAck}) and the client confirmed (ACK in frame ${m.handshakeAck})${irtt}.`;
}

function transfer(c: ConversationSummary, m: Moments, cols: StoryColumns, role: (dir: number) => string): string {
  const sent = (dir: 0 | 1): string => {
    const bytes = dir === 0 ? c.payloadA : c.payloadB;
    return bytes === 0 ? `the ${role(dir)} sent no data` : `the ${role(dir)} sent ${bytesText(bytes)} in ${segmentsText(m.segments[dir])}`;
  };
  const first = c.clientDir === 1 ? 1 : 0;
  const span = m.firstData >= 0 && m.lastData > m.firstData
    ? ` over ${humanDuration(nsBetween(cols.tsSec[m.firstData], cols.tsNsec[m.firstData], cols.tsSec[m.lastData], cols.tsNsec[m.lastData]))}` : '';
  const data = m.firstData < 0 || c.payloadA + c.payloadB === 0 ? 'No data was sent either way.' : `${capital(sent(first as 0 | 1))}, ${sent((first ^ 1) as 0 | 1)}${span}.`;
  const trouble = expertText(c.expert);
  return trouble.total > 0 ? `${data} On the way: ${trouble.text}.` : `${data} No retransmissions, lost segments or window trouble.`;
}

/** The longest silence, when it is at least a second and a quarter of the conversation's time (idle, or stalled). */
function silence(c: ConversationSummary, m: Moments, cols: StoryColumns): string {
  const whole = nsBetween(c.firstSec, c.firstNsec, c.lastSec, c.lastNsec);
  if (m.gapFrom < 0 || m.gapNs < 1e9 || m.gapNs < whole / 4) return '';
  return `Nothing was sent either way for ${humanDuration(m.gapNs)}, between frames ${cols.frame[m.gapFrom]} and ${cols.frame[m.gapTo]}.`;
}

function ending(c: ConversationSummary, m: Moments, role: (dir: number) => string, last: number): string {
  const [fin, finAck, peerFin, lastAck] = m.close;
  if (fin) {
    const closer = role(m.closerDir), peer = role(m.closerDir ^ 1);
    const reset = m.reset ? `; then the ${role(m.resetDir)} sent RST in frame ${m.reset}` : '';
    if (m.peerFinNote === Note.SimultaneousFin) {
      return `Both sides closed at once: the ${closer}'s FIN (frame ${fin}) and the ${peer}'s (frame ${peerFin}) crossed (a simultaneous close)${reset}.`;
    }
    let s = `The ${closer} closed its side first (FIN in frame ${fin})`;
    if (m.peerFinNote === Note.PeerFinPiggyback) s += `; the ${peer} acknowledged it and closed its side in one segment (frame ${peerFin}: a three-way close)`;
    else {
      if (finAck) s += `; the ${peer} acknowledged it in frame ${finAck}${peerFin ? ` and closed its side in frame ${peerFin}` : ' but had not closed its own side when the capture ended'}`;
      else s += peerFin ? `; the ${peer} closed its side in frame ${peerFin}` : `; the ${peer} had not closed its side when the capture ended`;
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
