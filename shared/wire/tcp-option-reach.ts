/**
 * How far into a TCP option tshark 4.0's dissector reads (packet-tcp.c), measured against tshark 4.0.17 by cutting
 * every option kind at every byte (test/fixtures/tcp: 'option-reach'). A read past the captured bytes inside the
 * option stops the segment's dissection ("Packet size limited during capture"), and tshark then shows no SEQ/ACK
 * analysis for it. A read past the option's own length is a "Malformed Packet": for a SACK option of a block or more
 * the walk goes on with the next option; for a shorter SACK option and for MPTCP the dissection stops there too
 * (`optionOverruns`). So what matters is how far inside the option the dissector reads:
 * - most read every byte;
 * - a fixed-length kind (MSS, window scale, SACK permitted, timestamps, echo, CC, MD5, SCPS, user timeout,
 *   Quick-Start) with another length reads only its kind and length; Quick-Start reads 4 of its 8;
 * - SACK reads edge after edge: a left edge without its right edge runs past the option there;
 * - MPTCP reads the fields its subtype and length select (MP_CAPABLE's keys only at the lengths that carry
 *   them, DSS's checksum only when 4 spare bytes follow its fields).
 * Not modelled: Riverbed's probe option (kind 76), whose reach depends on its contents; it counts as read whole.
 */
import { TCPOPT_AO, TCPOPT_EXP_FD, TCPOPT_EXP_FE, TCPOPT_MPTCP, TCPOPT_QS, TCPOPT_SACK } from './tcp-option-kinds';

/** Kinds with one valid length; any other length is an expert note, and only kind and length are read. */
const FIXED_LENGTH: Readonly<Record<number, number>> = {
  2: 4, 3: 3, 4: 2, 6: 6, 7: 6, 8: 10, 11: 6, 12: 6, 13: 6, 19: 18, 20: 4, 27: 8, 28: 4,
};
/** Quick-Start (RFC 4782): its dissector shows function, rate and TTL, not the nonce. */
const QS_READ = 4;
const MPTCP_CAPABLE_LENGTHS = [12, 20, 22, 24], MPTCP_JOIN_LENGTHS = [12, 16, 24];
const MPTCP_ADD_ADDR_LENGTHS = [8, 10, 16, 18, 20, 22, 28, 30];
const DSS_MAPPING_DSN4 = [4, 4, 2], DSS_MAPPING_DSN8 = [8, 4, 2];
/** SACK shorter than this (one block) stops the dissection when its dissector runs past it. */
const SACK_ONE_BLOCK = 10;

/**
 * Bytes of option `kind` (length `len` ≥ 2, at `at`) its dissector reads before it ends or reads past the option,
 * counted from the kind byte (≤ len). `captured` (≥ 2): the option's bytes the frame holds. MPTCP's subtype and
 * flags steer its dissector; they are read only when captured (else the reach is that read, which stops it).
 */
export function optionReach(dv: DataView, at: number, kind: number, len: number, captured: number): number {
  const fixed = FIXED_LENGTH[kind];
  if (fixed !== undefined) return len !== fixed ? 2 : kind === TCPOPT_QS ? QS_READ : len;
  if (kind === TCPOPT_SACK) return sackReach(len);
  if (kind === TCPOPT_MPTCP) return Math.abs(mptcpReach(dv, at, len, captured));
  if (kind === TCPOPT_AO || kind === TCPOPT_EXP_FD || kind === TCPOPT_EXP_FE) return len < 4 ? 2 : len;
  return len;
}

/**
 * Whether the dissector of an option captured as far as its reach goes on to read past the option in a way that
 * stops the segment's dissection: a SACK option shorter than one block, an MPTCP option too short for its fields.
 * (A longer SACK option that runs past its end is a malformed item only; the walk goes on.)
 */
export function optionOverruns(dv: DataView, at: number, kind: number, len: number): boolean {
  if (kind === TCPOPT_SACK) return len < SACK_ONE_BLOCK;
  return kind === TCPOPT_MPTCP && mptcpReach(dv, at, len, len) < 0;
}

/**
 * SACK: a left and a right edge per block; a remainder under 4 bytes is an expert note over those bytes (read),
 * one of 4–7 a left edge whose right edge would run past the option.
 */
function sackReach(len: number): number {
  const rest = (len - 2) % 8;
  return rest < 4 ? len : len - rest + 4;
}

/** MPTCP's reach, negative when its dissector then reads past the option (`optionOverruns`). */
function mptcpReach(dv: DataView, at: number, len: number, captured: number): number {
  if (len < 3) return -2;                          // the subtype byte is past the option
  if (captured < 3) return 3;
  const next = len < 4 ? -3 : 4;                   // subtypes that read byte 3 run past a 3-byte option there
  switch (dv.getUint8(at + 2) >> 4) {
    case 0: return len < 4 ? next : MPTCP_CAPABLE_LENGTHS.includes(len) ? len : 4;
    case 1: return MPTCP_JOIN_LENGTHS.includes(len) ? len : 3;
    case 2: return len < 4 ? next : captured < 4 ? 4 : dssReach(dv.getUint8(at + 3), len);
    case 3: return len < 4 ? next : MPTCP_ADD_ADDR_LENGTHS.includes(len) ? len : 4;
    case 4: return len;                            // REMOVE_ADDR: every address id
    case 5: return len === 4 ? 4 : 3;              // MP_PRIO: the address id only at length 4
    case 6: case 7: return len < 12 ? -Math.abs(next) : 12;   // MP_FAIL, MP_FASTCLOSE: a reserved byte, then 8 bytes
    case 8: return next;                           // MP_TCPRST: flags and reason
    default: return 3;
  }
}

/**
 * DSS after its flags byte: data ACK (4 or 8), then the mapping: sequence number (4 or 8), subflow sequence number,
 * data-level length, and the checksum only when 4 bytes are left (packet-tcp.c: optlen >= offset + 4). Negative
 * when a field runs past the option.
 */
function dssReach(flags: number, len: number): number {
  let n = 4;
  if (flags & 0x01) {
    const ack = flags & 0x02 ? 8 : 4;
    if (n + ack > len) return -n;
    n += ack;
  }
  if (!(flags & 0x04)) return n;
  // The mapping's fields in turn: data sequence number, subflow sequence number, data-level length.
  for (const size of flags & 0x08 ? DSS_MAPPING_DSN8 : DSS_MAPPING_DSN4) {
    if (n + size > len) return -n;
    n += size;
  }
  return len >= n + 4 ? n + 2 : n;
}
