/**
 * Words for the tracker's per-packet numbers: phase, step within the phase, endpoint state and the note
 * template. The numbers and their names come from shared/tcp (phase.ts, endpoint-state.ts, annotation.ts);
 * this module adds what only the UI needs (CSS classes, roles, a short sentence per step). State names are
 * RFC 9293's (§3.3.2), as observed at the capture point.
 */
import { EXTRA_STEP, PHASE_NAMES, Phase, stepLabel } from '../../shared/tcp/phase';
import { EndpointState, STATE_NAMES } from '../../shared/tcp/endpoint-state';
import { renderNote } from '../../shared/tcp/annotation';
import type { NoteValues } from '../../shared/tcp/annotation';

export { EXTRA_STEP, EndpointState, Phase, stepLabel };

/** CSS class suffix for a phase: row colouring always comes with the step text, never alone. */
export function phaseClass(phase: number): string {
  return ['other', 'handshake', 'data', 'close', 'reset'][phase] ?? 'other';
}

export function phaseName(phase: number): string {
  return PHASE_NAMES[phase] ?? '';
}

export function stateName(state: number): string {
  return STATE_NAMES[state] ?? 'unknown';
}

/** Whether a row is one of its phase's numbered steps (shaded and labelled in the ladder). */
export function isStep(phase: number, step: number): boolean {
  return (phase === Phase.Handshake || phase === Phase.Close) && step !== EXTRA_STEP;
}

/** Who sent a packet, in words, given the conversation's client side (-1 unknown). */
export function senderRole(dir: number, clientDir: number): 'client' | 'server' | 'endpoint A' | 'endpoint B' {
  if (clientDir < 0) return dir === 0 ? 'endpoint A' : 'endpoint B';
  return dir === clientDir ? 'client' : 'server';
}

/**
 * Plain-language sentence for a numbered step, with numbers from the row. shared/tcp/annotation.ts renders
 * the richer template note (`note` column) when present; this is what the ladder shows beside the step.
 */
export function stepSentence(phase: number, step: number, who: string, seqRel: number, ackRel: number): string {
  const peer = who === 'client' ? 'server' : who === 'server' ? 'client' : 'peer';
  if (phase === Phase.Handshake) {
    if (step === 1) return `The ${who} asks to open a connection; its initial sequence number is shown as relative ${seqRel}.`;
    if (step === 2) return `The ${who} agrees and sends its own initial sequence number, acknowledging ${ackRel}.`;
    if (step === 3) return `The ${who} acknowledges the ${peer}'s SYN: the connection is established.`;
  }
  if (phase === Phase.Close) {
    if (step === 1) return `The ${who} has no more data and sends FIN (seq ${seqRel}).`;
    if (step === 2) return `The ${who} acknowledges that FIN (ack ${ackRel}); it may still send data.`;
    if (step === 3) return `The ${who} is done too and sends its own FIN.`;
    if (step === 4) return `The ${who} acknowledges the last FIN and waits in TIME-WAIT for 2×MSL.`;
  }
  if (phase === Phase.Reset) return `The ${who} resets the connection.`;
  return '';
}

/** The tracker's note for a row (shared/tcp/annotation.ts), or the step sentence when it has none. */
export function noteText(note: number, values: NoteValues, phase: number, step: number): string {
  return (note !== 0 ? renderNote(note, values) : '') || stepSentence(phase, step, values.who, values.seqRel, values.ackRel);
}
