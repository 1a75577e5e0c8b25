/**
 * Internet checksums (RFC 1071) for IPv4 headers and for TCP/UDP with the IPv4 (RFC 9293 §3.1) and IPv6
 * (RFC 8200 §8.1) pseudo-headers. Results follow tcpdump: CHECKSUM_CORRECT, or the value the field should
 * have held (in_cksum_shouldbe), which tcpdump prints as `bad cksum 0 (->b12f)!` and
 * `cksum 0xfe34 (incorrect -> 0x3271)`. Callers pass only captured bytes; nothing here checks bounds.
 * No allocation: sums run over the DataView in place.
 */

/** The checksum verified: the data including its checksum field sums to 0xffff. */
export const CHECKSUM_CORRECT = -1;
/** tshark tcp.checksum.status values. */
export const CHECKSUM_STATUS_BAD = 0, CHECKSUM_STATUS_GOOD = 1, CHECKSUM_STATUS_UNVERIFIED = 2;

/** Adds the big-endian 16-bit words of [at, at+len) to `sum` (an odd last byte is padded with zero). */
export function sumWords(dv: DataView, at: number, len: number, sum: number): number {
  const end = at + len;
  let i = at;
  // Plain adds: 2^53 / 0xffff leaves room for far more than any frame's words before folding.
  for (; i + 1 < end; i += 2) sum += dv.getUint16(i);
  if (i < end) sum += dv.getUint8(i) << 8;
  return sum;
}

/** Folds a sum to 16 bits with end-around carry (RFC 1071 §4.1). */
export function foldSum(sum: number): number {
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return sum;
}

/** in_cksum: the complement of the folded sum; 0 when the data, checksum field included, is correct. */
export function finishChecksum(sum: number): number {
  return ~foldSum(sum) & 0xffff;
}

/** CHECKSUM_CORRECT when `computed` (in_cksum over everything) is 0, else tcpdump's in_cksum_shouldbe. */
function verdict(field: number, computed: number): number {
  if (computed === 0) return CHECKSUM_CORRECT;
  let s = field + computed;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s & 0xffff;
}

/** IPv4 header checksum over `headerLength` bytes at `at`. */
export function ipv4HeaderChecksum(dv: DataView, at: number, headerLength: number): number {
  return verdict(dv.getUint16(at + 10), finishChecksum(sumWords(dv, at, headerLength, 0)));
}

/**
 * TCP/UDP checksum of the `len`-byte segment at `l4At` (checksum field at `l4At + fieldAt`), with the
 * pseudo-header of addresses `addrLen` bytes long at `srcAt`/`dstAt` and protocol `proto`.
 * IPv6 uses a 32-bit upper-layer length; summing it as two words covers both forms.
 */
export function transportChecksum(
  dv: DataView, srcAt: number, dstAt: number, addrLen: number, proto: number, l4At: number, len: number, fieldAt: number,
): number {
  let sum = sumWords(dv, srcAt, addrLen, 0);
  sum = sumWords(dv, dstAt, addrLen, sum);
  sum += proto + Math.floor(len / 0x10000) + (len % 0x10000);
  sum = sumWords(dv, l4At, len, sum);
  return verdict(dv.getUint16(l4At + fieldAt), finishChecksum(sum));
}

/** tcpdump's text for a checksum result: " (correct)" or " (incorrect -> 0x3271)". */
export function checksumNote(result: number): string {
  return result === CHECKSUM_CORRECT ? ' [correct]' : ` [incorrect, should be 0x${result.toString(16).padStart(4, '0')}]`;
}

/**
 * Wireshark's hint after a bad TCP/UDP/IP checksum: captures taken on the sending host see segments before
 * the NIC fills the checksum in (TCP checksum offload), so "incorrect" there is usually harmless.
 */
export const CHECKSUM_OFFLOAD_HINT = ' (maybe caused by checksum offload on the capturing host)';
