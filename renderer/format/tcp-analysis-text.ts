/**
 * Names for Wireshark's tcp.analysis bits (TCP_A_*, packet-tcp.h; values in
 * ../shared/reference/wireshark-tcp-analysis.md §4.1), with the Info-column tag and severity Wireshark uses.
 * Markers in the list show the severity with a symbol and a word, never colour alone.
 */

export type Severity = 'chat' | 'note' | 'warn';

export interface AnalysisInfo {
  bit: number;
  /** Display-filter field (tcp.analysis.*). */
  field: string;
  /** Wireshark's Info tag without brackets. */
  tag: string;
  severity: Severity;
  /** Plain-language reason, for the "why was this flagged" line. */
  why: string;
}

export const ANALYSIS_INFO: readonly AnalysisInfo[] = [
  { bit: 0x0001, field: 'retransmission', tag: 'TCP Retransmission', severity: 'note', why: 'This segment carries sequence numbers the sender already sent.' },
  { bit: 0x0002, field: 'lost_segment', tag: 'TCP Previous segment not captured', severity: 'warn', why: 'Its sequence number is past the next expected one: bytes before it were not captured.' },
  { bit: 0x0004, field: 'ack_lost_segment', tag: 'TCP ACKed unseen segment', severity: 'warn', why: 'It acknowledges data that the capture never saw.' },
  { bit: 0x0008, field: 'keep_alive', tag: 'TCP Keep-Alive', severity: 'note', why: 'Zero or one byte at one below the next expected sequence number: a keep-alive probe.' },
  { bit: 0x0010, field: 'duplicate_ack', tag: 'TCP Dup ACK', severity: 'note', why: 'Same ack number and window as the previous ACK in this direction, with no data.' },
  { bit: 0x0020, field: 'zero_window', tag: 'TCP ZeroWindow', severity: 'warn', why: 'The receiver advertises a window of 0: its buffer is full.' },
  { bit: 0x0040, field: 'zero_window_probe', tag: 'TCP ZeroWindowProbe', severity: 'note', why: 'One byte sent into a zero window to see whether it opened.' },
  { bit: 0x0080, field: 'zero_window_probe_ack', tag: 'TCP ZeroWindowProbeAck', severity: 'note', why: 'The answer to a zero-window probe.' },
  { bit: 0x0100, field: 'keep_alive_ack', tag: 'TCP Keep-Alive ACK', severity: 'note', why: 'The answer to a keep-alive probe.' },
  { bit: 0x0200, field: 'out_of_order', tag: 'TCP Out-Of-Order', severity: 'warn', why: 'Sequence numbers lower than already seen, arriving soon after: reordered on the way.' },
  { bit: 0x0400, field: 'fast_retransmission', tag: 'TCP Fast Retransmission', severity: 'note', why: 'Re-sent after the peer signalled a loss with duplicate ACKs.' },
  { bit: 0x0800, field: 'window_update', tag: 'TCP Window Update', severity: 'chat', why: 'No data and the same ack, only the advertised window changed.' },
  { bit: 0x1000, field: 'window_full', tag: 'TCP Window Full', severity: 'warn', why: 'This segment fills the receiver’s advertised window.' },
  { bit: 0x2000, field: 'reused_ports', tag: 'TCP Port numbers reused', severity: 'note', why: 'A new SYN on a 4-tuple that already carried a connection.' },
  { bit: 0x4000, field: 'spurious_retransmission', tag: 'TCP Spurious Retransmission', severity: 'note', why: 'Re-sent data the peer had already acknowledged.' },
];

export const DUPLICATE_ACK_BIT = 0x0010;

/** Analysis entries set in a word, in bit order. */
export function analysisEntries(bits: number): AnalysisInfo[] {
  return bits === 0 ? [] : ANALYSIS_INFO.filter((a) => (bits & a.bit) !== 0);
}

/** Highest severity among the set bits, or null. */
export function worstSeverity(bits: number): Severity | null {
  let worst: Severity | null = null;
  for (const a of analysisEntries(bits)) {
    if (a.severity === 'warn') return 'warn';
    if (a.severity === 'note' || worst === null) worst = a.severity;
  }
  return worst;
}

/** Wireshark's Info tags: "[TCP Dup ACK 6#1]" needs the original frame and the count. */
export function analysisTags(bits: number, relatedFrame: number, dupAckNum: number): string[] {
  return analysisEntries(bits).map((a) =>
    a.bit === DUPLICATE_ACK_BIT ? `[TCP Dup ACK ${relatedFrame}#${dupAckNum}]` : `[${a.tag}]`);
}

/** tcp.completeness bits in words (Wireshark's conversation completeness). */
const COMPLETENESS_PARTS: readonly [number, string][] = [
  [1, 'SYN'], [2, 'SYN-ACK'], [4, 'ACK'], [8, 'data'], [16, 'FIN'], [32, 'RST'],
];

/** "complete: SYN, SYN-ACK, ACK, data, FIN" or "incomplete: SYN, RST". Complete = all of SYN, SYN-ACK, ACK and FIN or RST. */
export function completenessWords(bits: number): string {
  const parts = COMPLETENESS_PARTS.filter(([b]) => (bits & b) !== 0).map(([, w]) => w);
  const handshake = (bits & 7) === 7;
  const ended = (bits & 48) !== 0;
  const head = handshake && ended ? 'complete' : 'incomplete';
  return parts.length === 0 ? 'incomplete: nothing seen' : `${head}: ${parts.join(', ')}`;
}
