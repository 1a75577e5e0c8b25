/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4). Every comparison goes through the signed 32-bit
 * difference, exactly like Wireshark's packet-tcp.h macros (GT_SEQ, LT_SEQ, GE_SEQ, LE_SEQ), so results agree
 * with tshark at the wrap (0xffffffff → 0) and at a distance of exactly 2^31 (where "a < b" and "b < a" are
 * both true, as in Wireshark: (int32)(a-b) is -2^31 either way).
 */

/** a < b modulo 2^32 — Wireshark LT_SEQ(a,b): (int32)(a−b) < 0. */
export const seqLt = (a: number, b: number): boolean => ((a - b) | 0) < 0;
/** a ≤ b modulo 2^32 — Wireshark LE_SEQ. */
export const seqLe = (a: number, b: number): boolean => ((a - b) | 0) <= 0;
/** a > b modulo 2^32 — Wireshark GT_SEQ(a,b): (int32)(b−a) < 0. */
export const seqGt = (a: number, b: number): boolean => ((b - a) | 0) < 0;
/** a ≥ b modulo 2^32 — Wireshark GE_SEQ. */
export const seqGe = (a: number, b: number): boolean => ((b - a) | 0) <= 0;
/** Bytes from b forward to a, 0..2^32−1 (the relative number of a when b is the base). */
export const seqDiff = (a: number, b: number): number => (a - b) >>> 0;
/** a + n modulo 2^32, as an unsigned 32-bit value. */
export const seqAdd = (a: number, n: number): number => (a + n) >>> 0;
