/**
 * Words for the tracker's per-packet numbers: phase, step within the phase and endpoint state.
 *
 * The numbers are defined by shared/tcp (phase.ts, endpoint-state.ts). Until those modules land this file
 * mirrors the planned values; it is the one place the renderer maps them, so switching to the shared
 * enums is a change here only. State names are RFC 9293's (§3.3.2), as observed at the capture point.
 */

export const Phase = { None: 0, Handshake: 1, Data: 2, Close: 3, Reset: 4 } as const;
export type PhaseValue = (typeof Phase)[keyof typeof Phase];

/** Step 0 inside a phase means "belongs to the phase but is not one of its steps" (seed packets 4 and 7). */
export const EXTRA_STEP = 0;

export const EndpointState = {
  Unknown: 0, Closed: 1, Listen: 2, SynSent: 3, SynReceived: 4, Established: 5, FinWait1: 6, FinWait2: 7,
  CloseWait: 8, Closing: 9, LastAck: 10, TimeWait: 11,
} as const;

const PHASE_NAMES = ['', 'Handshake', 'Data', 'Close', 'Reset'];
const STATE_NAMES = ['unknown', 'CLOSED', 'LISTEN', 'SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1',
  'FIN-WAIT-2', 'CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT'];

const HANDSHAKE_STEPS = ['', 'SYN', 'SYN-ACK', 'ACK'];
const CLOSE_STEPS = ['', 'FIN', 'ACK of FIN', 'peer FIN', 'last ACK'];

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

/** Short step label: "Handshake 1/3 SYN", "Close 2/4 ACK of FIN", "Close (extra)", "Data", "Reset". */
export function stepLabel(phase: number, step: number): string {
  if (phase === Phase.Handshake) return step === EXTRA_STEP ? 'Handshake (extra)' : `Handshake ${step}/3 ${HANDSHAKE_STEPS[step] ?? ''}`.trim();
  if (phase === Phase.Close) return step === EXTRA_STEP ? 'Close (extra)' : `Close ${step}/4 ${CLOSE_STEPS[step] ?? ''}`.trim();
  return phaseName(phase);
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
