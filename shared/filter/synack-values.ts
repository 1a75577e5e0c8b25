/**
 * Names of SynAck's own per-packet numbers for synack.phase and synack.state. The numbers are the tracker's
 * (shared/tcp phase.ts / endpoint-state.ts, mirrored by renderer/format/tcp-labels.ts); names are RFC 9293
 * §3.3.2 state names as observed on the wire. Values match case-insensitively and `_` may stand for `-`.
 */
export interface NamedValue { name: string; value: number; description: string }

export const PHASE_VALUES: readonly NamedValue[] = [
  { name: 'none', value: 0, description: 'not part of a TCP conversation phase' },
  { name: 'handshake', value: 1, description: 'three-way handshake (SYN, SYN-ACK, ACK)' },
  { name: 'data', value: 2, description: 'data transfer' },
  { name: 'close', value: 3, description: 'FIN close (four-way, three-way or simultaneous)' },
  { name: 'reset', value: 4, description: 'connection reset (RST)' },
];

export const STATE_VALUES: readonly NamedValue[] = [
  { name: 'unknown', value: 0, description: 'not known from the packets seen so far' },
  { name: 'CLOSED', value: 1, description: 'no connection' },
  { name: 'LISTEN', value: 2, description: 'waiting for a SYN (implied)' },
  { name: 'SYN-SENT', value: 3, description: 'sent a SYN, waiting for the SYN-ACK' },
  { name: 'SYN-RECEIVED', value: 4, description: 'got a SYN and answered, waiting for the ACK' },
  { name: 'ESTABLISHED', value: 5, description: 'open: data may flow both ways' },
  { name: 'FIN-WAIT-1', value: 6, description: 'sent a FIN, not yet acknowledged' },
  { name: 'FIN-WAIT-2', value: 7, description: 'own FIN acknowledged, waiting for the peer\'s FIN' },
  { name: 'CLOSE-WAIT', value: 8, description: 'peer closed; this side may still send' },
  { name: 'CLOSING', value: 9, description: 'both sent FIN at once, waiting for the ACK' },
  { name: 'LAST-ACK', value: 10, description: 'sent its FIN after the peer\'s, waiting for the last ACK' },
  { name: 'TIME-WAIT', value: 11, description: 'closed; waiting 2×MSL before forgetting the connection' },
];

/** The value of a name (`time_wait`, `Time-Wait` …), or undefined. */
export function lookupNamedValue(values: readonly NamedValue[], text: string): number | undefined {
  const key = text.toLowerCase().replace(/_/g, '-');
  return values.find((v) => v.name.toLowerCase() === key)?.value;
}
