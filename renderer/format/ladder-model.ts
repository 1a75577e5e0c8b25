/**
 * What the ladder diagram draws for a slice of one conversation's packets: an arrow per segment (direction,
 * label, dashed when re-sent), the phase band and step text, and each endpoint's state where it changes,
 * pinned to the packet that caused it. An ICMP error about the conversation is drawn from the network back to the
 * sender of the header it quotes, with what it means. Pure data from the columns; the component only positions it.
 */
import { TCP_ACK } from '../../shared/wire/tcp-flag-bits';
import type { StoredColumns } from '../stores/packet-columns';
import { tcpdumpFlags } from './tcp-flags';
import { analysisEntries } from './tcp-analysis-text';
import { EndpointState, isStep, phaseClass, stateName, stepLabel } from './tcp-labels';
import { rowNote } from './packet-note';
import { secondsBetween, timeOfDay } from './packet-time';
import { TCP_A_ANY_RETRANSMISSION } from '../../shared/tcp/analysis-flags';
import { Note } from '../../shared/tcp/annotation';
import { icmpFromColumn, icmpInfo } from '../../shared/wire/icmp-messages';

export { DEFAULT_MSL_SECONDS } from '../../shared/tcp/endpoint-state';

export interface LadderStep {
  /** Index within the conversation. */
  index: number;
  row: number;
  frame: number;
  /** Seconds since the conversation's first packet. */
  time: string;
  leftToRight: boolean;
  /** An ICMP error quoting one of the conversation's headers: drawn from the middle (the network) to `leftToRight`'s end. */
  icmp: boolean;
  label: string;
  dashed: boolean;
  /** Frame this one re-sends (0 none). */
  resends: number;
  phase: string;
  /** Step label and sentence for numbered handshake/close steps, '' otherwise. */
  step: string;
  note: string;
  /** Analysis tags ("TCP Window Update"). */
  tags: string[];
  /** New state of the left/right endpoint when this packet changed it, else ''. */
  leftState: string;
  rightState: string;
  /** For a change into TIME-WAIT: when it ends (2×MSL after this packet). */
  timeWaitEnd: string;
  /** The same end as epoch milliseconds (0 when this packet did not start a TIME-WAIT), for a live countdown. */
  timeWaitEndsMs: number;
}

export interface LadderInput {
  cols: StoredColumns;
  rows: Uint32Array;
  /** Which endpoint (dir value) is drawn on the left: the client when known. */
  leftDir: number;
  clientDir: number;
  mslSeconds: number;
}

function stateOf(cols: StoredColumns, r: number, dir: number): number {
  return dir === 0 ? cols.stateA[r] : cols.stateB[r];
}

function segmentLabel(cols: StoredColumns, r: number): string {
  const flags = cols.tcpFlags[r];
  const ack = (flags & TCP_ACK) !== 0 ? ` ack ${cols.ackRel[r]}` : '';
  return `[${tcpdumpFlags(flags)}] seq ${cols.seqRel[r]}${ack} len ${cols.payloadLen[r]} win ${cols.window[r]}`;
}

/** An ICMP error's label: its message as tshark's Info names it, and the quoted header's flags. */
function icmpLabel(cols: StoredColumns, r: number): string {
  const m = icmpFromColumn(cols.icmpMessage.get(r));
  const quoted = cols.stream[r] >= 0 ? ` about [${tcpdumpFlags(cols.tcpFlags[r])}] seq ${cols.seqRel[r]}` : '';
  return `ICMP ${m ? icmpInfo(m.v6, m.type, m.code).trim() : 'error'}${quoted}`;
}

/** Builds the items for conversation indices [from, to). */
export function ladderSteps(input: LadderInput, from: number, to: number): LadderStep[] {
  const { cols, rows, leftDir, clientDir } = input;
  const rightDir = 1 - leftDir;
  const first = rows.length > 0 ? rows[0] : 0;
  const out: LadderStep[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, rows.length); i++) {
    const r = rows[i];
    const prev = i > 0 ? rows[i - 1] : -1;
    const phase = cols.phase[r], step = cols.step[r], dir = cols.dir[r];
    const icmp = cols.note[r] === Note.IcmpError;
    const numbered = isStep(phase, step);
    const left = stateOf(cols, r, leftDir), right = stateOf(cols, r, rightDir);
    const leftChanged = prev < 0 ? left !== EndpointState.Unknown : left !== stateOf(cols, prev, leftDir);
    const rightChanged = prev < 0 ? right !== EndpointState.Unknown : right !== stateOf(cols, prev, rightDir);
    const enteredTimeWait = (leftChanged && left === EndpointState.TimeWait) || (rightChanged && right === EndpointState.TimeWait);
    out.push({
      index: i, row: r, frame: cols.frame[r],
      time: secondsBetween(cols.tsSec[first], cols.tsNsec[first], cols.tsSec[r], cols.tsNsec[r]),
      // An ICMP error goes back to the sender of the header it quotes.
      leftToRight: icmp ? dir !== leftDir : dir === leftDir,
      icmp,
      label: icmp ? icmpLabel(cols, r) : segmentLabel(cols, r),
      dashed: (cols.analysis[r] & TCP_A_ANY_RETRANSMISSION) !== 0,
      resends: (cols.analysis[r] & TCP_A_ANY_RETRANSMISSION) !== 0 ? cols.related.get(r) : 0,
      phase: phaseClass(phase),
      step: icmp ? 'ICMP error' : numbered ? stepLabel(phase, step) : stepLabel(phase, step).includes('extra') ? stepLabel(phase, step) : '',
      note: numbered || icmp ? rowNote(cols, r, clientDir) : '',
      tags: analysisEntries(cols.analysis[r]).map((a) => a.tag),
      leftState: leftChanged ? stateName(left) : '',
      rightState: rightChanged ? stateName(right) : '',
      timeWaitEnd: enteredTimeWait
        ? `until ${timeOfDay(cols.tsSec[r] + 2 * input.mslSeconds, cols.tsNsec[r], 'local').slice(0, 8)} (2×MSL = ${2 * input.mslSeconds} s)`
        : '',
      timeWaitEndsMs: enteredTimeWait ? (cols.tsSec[r] + 2 * input.mslSeconds) * 1000 + cols.tsNsec[r] / 1e6 : 0,
    });
  }
  return out;
}

/**
 * The TIME-WAIT line of a step. From a file: when 2×MSL ends (`timeWaitEnd`). In a live capture, with the
 * clock's `nowMs`: the time left, and once it has run out the CLOSED state that follows — inferred, since
 * no packet marks the end of TIME-WAIT.
 */
export function timeWaitText(step: LadderStep, nowMs: number | null, mslSeconds: number): string {
  if (step.timeWaitEndsMs === 0) return '';
  if (nowMs === null) return step.timeWaitEnd;
  const left = Math.ceil((step.timeWaitEndsMs - nowMs) / 1000);
  if (left <= 0) return `CLOSED after TIME-WAIT (inferred: 2×MSL = ${2 * mslSeconds} s passed)`;
  return `TIME-WAIT ends in ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} (2×MSL = ${2 * mslSeconds} s)`;
}
