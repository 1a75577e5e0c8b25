/**
 * Link types whose network layer sits behind an 802.2 LLC/SNAP header or a one-byte protocol id, which
 * tcpdump prints without any prefix when -e is not given: FDDI (print-fddi.c), 802.11 data frames
 * (print-802_11.c, e.g. inside PPI) and Linux ARCnet (print-arcnet.c arcnet_linux_if_print).
 * `llcNetwork` says where the IP header starts and which ethertype it has, as the printer follows
 * print-fddi.c/print-llc.c (FDDI async LLC frames only; DSAP and SSAP 0xAA with their group and command/response
 * bits masked, UI control, OUI 00-00-00 or Cisco's 00-00-F8). The capture filter reads these link types its own
 * way (bpf-link-layer.ts).
 */

import { snapEtherTypeOui } from '../wire/ethertype';

/** The network layer behind the link header: an ethertype and its absolute offset. */
export interface LinkNetwork { type: number; at: number }

export const LINKTYPE_FDDI = 10, LINKTYPE_IEEE802_11 = 105, LINKTYPE_ARCNET_LINUX = 129;

const ARC_TYPES: Record<number, number> = { 212: 0x0800, 240: 0x0800, 196: 0x86dd, 213: 0x0806, 241: 0x0806 };

/**
 * Where the network layer of this frame starts, or null when it is not an LLC/SNAP (or ARCnet) IP frame, as tcpdump
 * prints it.
 */
export function llcNetwork(view: DataView, linkType: number, at: number, end: number, datapad = false): LinkNetwork | null {
  switch (linkType) {
    case LINKTYPE_FDDI: {
      // FDDI: frame control, 6-byte destination and source; async LLC frames have fc & 0xf0 == 0x50 (print-fddi.c).
      if (at + 13 > end || (view.getUint8(at) & 0xf0) !== 0x50) return null;
      return snap(view, at + 13, end);
    }
    case LINKTYPE_IEEE802_11: {
      if (at + 24 > end) return null;
      const fc = view.getUint8(at);
      if (((fc >> 2) & 3) !== 2) return null;
      const flags = view.getUint8(at + 1);
      let hdr = (flags & 3) === 3 ? 30 : 24;
      if ((fc >> 4) & 0x8) hdr += 2;
      if (datapad) hdr = (hdr + 3) & ~3;   // radiotap's flags: Atheros pads the header to 4 bytes
      if (flags & 0x40) return null; // protected frame: encrypted payload
      return snap(view, at + hdr, end);
    }
    case LINKTYPE_ARCNET_LINUX: {
      if (at + 5 > end) return null;
      const arcType = view.getUint8(at + 4);
      const hdr = arcType === 240 || arcType === 241 || arcType === 0x80 ? 5 : 8;
      const type = ARC_TYPES[arcType];
      return type === undefined ? null : { type, at: at + hdr };
    }
    default: return null;
  }
}

/**
 * LLC SNAP header AA AA 03 + an OUI whose protocol id is an ethertype (RFC 1042's 00-00-00 or Cisco's 00-00-F8).
 */
function snap(view: DataView, at: number, end: number): LinkNetwork | null {
  if (at + 8 > end) return null;
  if ((view.getUint8(at) & 0xfe) !== 0xaa || (view.getUint8(at + 1) & 0xfe) !== 0xaa || view.getUint8(at + 2) !== 0x03) return null;
  if (!snapEtherTypeOui(view, at)) return null;
  return { type: view.getUint16(at + 6), at: at + 8 };
}
