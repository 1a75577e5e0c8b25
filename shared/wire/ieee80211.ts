/**
 * IEEE 802.11 data frame headers (802.11-2020 §9.2.4), as a link layer (LINKTYPE_IEEE802_11, radiotap) and inside
 * Aruba's GRE tunnels: 24 bytes, +6 with both DS bits (4 addresses), +2 for QoS subtypes, +4 HT control when QoS
 * and Order are set. An A-MSDU (QoS control bit 7) carries subframes, each with its own 14-byte header: the first
 * one's LLC is read (tshark dissects every subframe; SynAck one row per frame). Protected or non-data frames carry
 * no readable LLC; neither does a fragment tshark cannot reassemble (More Fragments set). Otherwise the payload is
 * what packet-ieee80211.c makes of its first bytes (`ieee80211Payload`): LLC, an encapsulated Ethernet frame, two
 * bytes of "mysterious extra stuff" before LLC, or an EtherType right away (EPD).
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

/** What an 802.11 data frame carries (ieee80211Payload). */
export const WIFI_NONE = 0, WIFI_LLC = 1, WIFI_ETHERNET = 2, WIFI_ETHERTYPE = 3;

/** The payload of the last `ieee80211Payload` call: its kind, where it starts and (WIFI_ETHERTYPE) its EtherType. */
export const wifiPayload = { kind: WIFI_NONE, at: 0, etherType: 0 };

const FC_MORE_FRAGMENTS = 0x04;
/** packet-ieee80211.c's ETHERNET_II_MIN_LEN: above it the first two payload bytes may be an EtherType. */
const ETHERNET_II_MIN_LEN = 1536;

/**
 * The payload of the data frame at `at` whose header is `hl` bytes (ieee80211DataHeader > 0), `capEnd` the end of the
 * captured bytes; `knownEtherType` says which EtherTypes have a dissector. Sets `wifiPayload`.
 */
export function ieee80211Payload(dv: DataView, at: number, hl: number, capEnd: number, swapped: boolean,
  knownEtherType: (t: number) => boolean): void {
  const out = wifiPayload, p = at + hl;
  const fc0 = dv.getUint8(at + (swapped ? 1 : 0)), fc1 = dv.getUint8(at + (swapped ? 0 : 1));
  out.at = p; out.etherType = 0;
  if (fc1 & FC_MORE_FRAGMENTS) { out.kind = WIFI_NONE; return; }            // a fragment waiting for the rest
  const qosAt = hasQos(fc0) ? at + (((fc1 & 3) === 3) ? 30 : 24) : -1;
  if (qosAt >= 0 && dv.getUint8(qosAt) & 0x80) { out.kind = WIFI_LLC; return; }   // A-MSDU: hl ends at the subframe's LLC
  out.kind = WIFI_LLC;
  if (p + 2 > capEnd) return;
  const o1 = dv.getUint8(p), o2 = dv.getUint8(p + 1);
  if (o1 === 0xaa && o2 === 0xaa) return;
  const da = at + DA_AT[fc1 & 3], sa = at + SA_AT[fc1 & 3];
  if (sameMac(dv, p + 6, sa, capEnd) || sameMac(dv, p, da, capEnd)) { out.kind = WIFI_ETHERNET; return; }
  if (o1 === 0xff && o2 === 0xff) { out.kind = WIFI_NONE; return; }       // Netware IPX
  if (o1 === 0 && o2 === 0 && p + 18 <= capEnd && sameMac(dv, p + 6, da, capEnd) && sameMac(dv, p + 12, sa, capEnd)) {
    out.kind = WIFI_ETHERNET; out.at = p + 6; return;
  }
  if ((o1 === 0 && o2 === 0) || ((o2 << 8) | o1) === dv.getUint16(at + 22, true)) { out.at = p + 2; return; }
  const type = (o1 << 8) | o2;
  if (type > ETHERNET_II_MIN_LEN && knownEtherType(type)) { out.kind = WIFI_ETHERTYPE; out.etherType = type; out.at = p + 2; }
}

function hasQos(fc0: number): boolean { return ((fc0 >> 4) & 0x8) !== 0; }

/** Offsets of the destination and source addresses by the DS bits, none/to/from/both (packet-ieee80211.c DATA_ADDR_T1–T4). */
const DA_AT = [4, 16, 4, 16], SA_AT = [10, 10, 16, 24];

/** Whether the 6 bytes at `x` (within the capture) equal those at `y` (tvb_memeql: bytes not captured differ). */
function sameMac(dv: DataView, x: number, y: number, capEnd: number): boolean {
  if (x + 6 > capEnd || y + 6 > capEnd) return false;
  for (let k = 0; k < 6; k++) if (dv.getUint8(x + k) !== dv.getUint8(y + k)) return false;
  return true;
}
