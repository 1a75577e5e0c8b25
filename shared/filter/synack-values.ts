/**
 * Names of SynAck's own per-packet numbers for synack.phase and synack.state. The numbers are the tracker's
 * (shared/tcp/phase.ts, shared/tcp/endpoint-state.ts); names are RFC 9293 §3.3.2 state names as observed on
 * the wire. Values match case-insensitively and `_` may stand for `-`.
 */
import { EndpointState as S } from '../tcp/endpoint-state';
import { Phase } from '../tcp/phase';

export interface NamedValue { name: string; value: number; description: string }

export const PHASE_VALUES: readonly NamedValue[] = [
  { name: 'none', value: Phase.None, description: 'not part of a TCP conversation phase' },
  { name: 'handshake', value: Phase.Handshake, description: 'three-way handshake (SYN, SYN-ACK, ACK)' },
  { name: 'data', value: Phase.Data, description: 'data transfer' },
  { name: 'close', value: Phase.Close, description: 'FIN close (four-way, three-way or simultaneous)' },
  { name: 'reset', value: Phase.Reset, description: 'connection reset (RST)' },
];

export const STATE_VALUES: readonly NamedValue[] = [
  { name: 'unknown', value: S.Unknown, description: 'not known from the packets seen so far' },
  { name: 'CLOSED', value: S.Closed, description: 'no connection' },
  { name: 'LISTEN', value: S.Listen, description: 'waiting for a SYN (implied)' },
  { name: 'SYN-SENT', value: S.SynSent, description: 'sent a SYN, waiting for the SYN-ACK' },
  { name: 'SYN-RECEIVED', value: S.SynReceived, description: 'got a SYN and answered, waiting for the ACK' },
  { name: 'ESTABLISHED', value: S.Established, description: 'open: data may flow both ways' },
  { name: 'FIN-WAIT-1', value: S.FinWait1, description: 'sent a FIN, not yet acknowledged' },
  { name: 'FIN-WAIT-2', value: S.FinWait2, description: 'own FIN acknowledged, waiting for the peer\'s FIN' },
  { name: 'CLOSE-WAIT', value: S.CloseWait, description: 'peer closed; this side may still send' },
  { name: 'CLOSING', value: S.Closing, description: 'both sent FIN at once, waiting for the ACK' },
  { name: 'LAST-ACK', value: S.LastAck, description: 'sent its FIN after the peer\'s, waiting for the last ACK' },
  { name: 'TIME-WAIT', value: S.TimeWait, description: 'closed; waiting 2×MSL before forgetting the connection' },
];

/** The value of a name (`time_wait`, `Time-Wait` …), or undefined. */
export function lookupNamedValue(values: readonly NamedValue[], text: string): number | undefined {
  const key = text.toLowerCase().replace(/_/g, '-');
  return values.find((v) => v.name.toLowerCase() === key)?.value;
}
