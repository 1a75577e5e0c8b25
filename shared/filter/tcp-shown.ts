/**
 * What tshark shows of a row's TCP and UDP, from its columns: the display filter's fields (fields.ts) and the
 * coloring rules (shared/coloring) ask the same questions, so they ask them here.
 */
import { ROW_BITS, type PacketColumns } from '../ipc/batch-layout';
import { tcpDissectionStopped, WireProblemCode } from '../wire/wire-problem';

type ShownColumns = Pick<PacketColumns, 'stream' | 'decodeProblem' | 'rowBits'>;

/**
 * A tracked segment whose whole fixed header tshark shows: not one with a data offset below 5, where packet-tcp.c
 * stops after the sequence number (its ports, stream, seq, len, hdr_len and completeness are all it has).
 */
export const tcpHeaderShown = (cols: ShownColumns, i: number): boolean =>
  cols.stream[i] >= 0 && cols.decodeProblem[i] !== WireProblemCode.tcpDataOffset;

/**
 * Whether tshark shows the SEQ/ACK analysis of a row (flags, dup-ACK number, ACK RTT): packet-tcp.c adds it
 * last, so a header whose dissection stopped early (data offset below 5, cut by the capture where a dissector
 * reads, or at a too-short option) has none, though the analysis ran. On any other row the columns say it.
 */
export const analysisShown = (cols: ShownColumns, i: number): boolean => {
  const p = cols.decodeProblem[i];
  return p !== WireProblemCode.tcpDataOffset && !tcpDissectionStopped(p);
};

/** tshark's `tcp`: a tracked segment, or a header cut after its ports (ROW_BITS.TCP_PORTS_ONLY: tcp with the ports alone). */
export const hasTcp = (cols: ShownColumns, i: number): boolean => cols.stream[i] >= 0 || (cols.rowBits[i] & ROW_BITS.TCP_PORTS_ONLY) !== 0;

/** tshark's `udp`: a UDP header with at least its ports, at any layer (a tunnel's outer one too). */
export const hasUdp = (cols: ShownColumns, i: number): boolean => (cols.rowBits[i] & ROW_BITS.UDP_SEEN) !== 0;
