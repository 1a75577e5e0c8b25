/**
 * IEEE 802.11 data frame headers (802.11-2020 §9.2.4), as a link layer (LINKTYPE_IEEE802_11, radiotap) and inside
 * Aruba's GRE tunnels: 24 bytes, +6 with both DS bits (4 addresses), +2 for QoS subtypes, +4 HT control when QoS
 * and Order are set. An A-MSDU (QoS control bit 7) carries subframes, each with its own 14-byte header: the first
 * one's LLC is read (tshark dissects every subframe; SynAck one row per frame). Protected or non-data frames carry
 * no readable LLC.
 */

/**
 * What follows a data frame header at `at` (`len` bytes captured): its length (LLC follows), 0 no LLC, -1 cut short.
 * `swapped`: the two frame control bytes come in the other order (Cisco's CAPWAP access points; tshark's default).
 */
export function ieee80211DataHeader(dv: DataView, at: number, len: number, swapped = false): number {
  if (len < 2) return -1;
  const fc0 = dv.getUint8(at + (swapped ? 1 : 0)), fc1 = dv.getUint8(at + (swapped ? 0 : 1));
  const type = (fc0 >> 2) & 3, subtype = fc0 >> 4;
  if (type !== 2 || subtype & 0x4 || fc1 & 0x40) return 0;
  let hl = 24;
  if ((fc1 & 3) === 3) hl += 6;
  const qos = (subtype & 0x8) !== 0;
  if (qos) hl += fc1 & 0x80 ? 6 : 2;
  if (len < hl) return -1;
  if (qos && dv.getUint8(at + hl - (fc1 & 0x80 ? 6 : 2)) & 0x80) {
    hl += AMSDU_SUBFRAME_HEADER;
    if (len < hl) return -1;
  }
  return hl;
}

const AMSDU_SUBFRAME_HEADER = 14;

/** Aruba's GRE protocol types packet-ieee80211.c takes as 802.11 frames without FCS (0x8200–0x8370; not 0x9000). */
export function isArubaGreProtocol(proto: number): boolean {
  return proto >= 0x8200 && proto <= 0x8370 && (proto & 0xf) === 0;
}
