/**
 * Wireshark's SACK rules (packet-tcp.c; reference §4.5 b/c and §4.6), all on raw sequence numbers (one number
 * space: Wireshark stores SACK edges relative to the peer's base but compares them with the raw seq, a quirk
 * the reference says not to copy).
 *
 * - D-SACK (RFC 2883 §4): the first block lies at or below the ACK, or inside the second block. Always
 *   detected (tshark 4.0 shows tcp.options.sack.dsack too); kept in AnalysisContext, not a TCP_A bit.
 * - The flag-changing rules are opt-in (`TcpTrackerOptions.sackRules`): tshark 4.0.17, our corpus oracle,
 *   does not apply them (gopacket__le__test301.pcapng frames 118/119/123 carry new SACK blocks and stay
 *   "Window Update"; no frame gets a SACK-only Dup ACK or fast retransmission). Newer Wireshark does:
 *   · False Window Update → Dup ACK (#14937): a "window update" that carries SACK blocks is a duplicate ACK.
 *   · Late Dup ACK: a pure ACK with no other flag whose (non-D-SACK) blocks differ from every block its
 *     sender sent before is duplicate ACK #1.
 *   · Fast retransmission via SACK (RFC 6675 §5): within 20 ms of the peer's last ACK, the segment starts at
 *     that ACK and is not SACKed while the peer SACKed more than 2×MSS; or the peer sent ≥ 2 dup ACKs with
 *     SACK blocks and the segment lies in none of them.
 */
import type { TcpDirection } from './direction-store';
import { seqGe, seqLe } from './seq';

/** Wireshark's MAX_TCP_SACK_RANGES. */
export const MAX_SACK_BLOCKS = 4;
/** MSS assumed when the peer announced none (RFC 9293 §3.7.1 default for IPv4; Wireshark uses it too). */
export const DEFAULT_MSS = 536;

/** Whether the blocks of a SACK option are a D-SACK (RFC 2883): first block ≤ ack, or inside the second. */
export function isDsack(edges: Uint32Array, count: number, ack: number): boolean {
  if (count === 0) return false;
  const le0 = edges[0], re0 = edges[1];
  if (seqLe(re0, ack)) return true;
  return count > 1 && seqGe(le0, edges[2]) && seqLe(re0, edges[3]);
}

/**
 * Stores the packet's blocks as the sender's last SACK and returns whether a (non-D-SACK) block differs from
 * every block the sender stored before (Wireshark's "late Dup ACK" test).
 */
export function storeSackBlocks(fwd: TcpDirection, edges: Uint32Array, count: number, dsack: boolean): boolean {
  const n = Math.min(count, MAX_SACK_BLOCKS);
  const prevCount = fwd.sackCount;
  let changed = false;
  for (let i = dsack ? 1 : 0; i < n && !changed; i++) {
    let seen = false;
    for (let j = 0; j < prevCount && !seen; j++) {
      seen = fwd.sackEdge(2 * j) === edges[2 * i] && fwd.sackEdge(2 * j + 1) === edges[2 * i + 1];
    }
    changed = !seen;
  }
  for (let i = 0; i < 2 * n; i++) fwd.setSackEdge(i, edges[i]);
  fwd.sackCount = n;
  return changed;
}

/** Sum of the lengths of `d`'s last SACK blocks. */
function sackedBytes(d: TcpDirection): number {
  let sum = 0;
  for (let i = 0; i < d.sackCount; i++) sum += (d.sackEdge(2 * i + 1) - d.sackEdge(2 * i)) >>> 0;
  return sum;
}

/** Whether [seq, end) lies inside block i of `d`'s last SACK. */
function inBlock(d: TcpDirection, i: number, seq: number, end: number): boolean {
  return seqGe(seq, d.sackEdge(2 * i)) && seqLe(end, d.sackEdge(2 * i + 1));
}

/**
 * §4.5 b) and c): whether a not-advancing segment [seq, seq+len) is a fast retransmission by the SACK
 * conditions, given the peer `rev`'s last ACK/SACK state and the time since the peer's last ACK.
 */
export function sackFastRetransmission(rev: TcpDirection, seq: number, len: number, sincePeerAckNs: number,
  windowNs: number): boolean {
  if (sincePeerAckNs >= windowNs || rev.sackCount === 0) return false;
  const end = (seq + len) >>> 0;
  let inAll = true, inAny = false;
  for (let i = 0; i < rev.sackCount; i++) {
    const inside = inBlock(rev, i, seq, end);
    inAll &&= inside;
    inAny ||= inside;
  }
  const mss = rev.mss > 0 ? rev.mss : DEFAULT_MSS;
  // b) Wireshark's is_sacked is an AND over all blocks (kept word for word; identical for one block).
  if (rev.lastAck === seq && !inAll && sackedBytes(rev) > 2 * mss) return true;
  return rev.dupAckNum >= 2 && !inAny;                                         // c)
}
