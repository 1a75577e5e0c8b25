/**
 * How libpcap 1.10's filter compiler reads each link type (gencode.c: init_linktype's offsets, gen_linktype's
 * tests), so `synack-capture read FILE tcp` selects the packets `tcpdump -r FILE tcp` selects. Checked against
 * `tcpdump -d -r FILE tcp` for every link type (test/shared/format/bpf-link-layer.test.ts fuzzes the two).
 *
 * BPF reads fixed offsets, right or wrong for the frame at hand: a compressed PPP protocol field, an RFC 1051
 * ARCnet header, a Juniper header with extensions or a 4-address 802.11 frame move the real IP header, and
 * BPF reads other bytes there, as tcpdump then does. A read past the captured bytes ends the program with
 * "no match", whatever the rest of the filter says (`BpfFrame.aborted`). Link types libpcap cannot filter get
 * a problem instead: tcpdump refuses the filter and prints no packet.
 */

/** The network protocols a link header can announce (gen_linktype's ethertypes). */
export const NET_IP = 0, NET_IP6 = 1, NET_ARP = 2, NET_RARP = 3;
export type Net = typeof NET_IP | typeof NET_IP6 | typeof NET_ARP | typeof NET_RARP;

/** One frame as a BPF program sees it: loads relative to the frame's first byte, out of bounds aborts. */
export class BpfFrame {
  aborted = false;
  /** The byte order of the file the frame came from (DLT_NULL's family is written in it). */
  littleEndian = true;
  private view: DataView = new DataView(new ArrayBuffer(0));
  private base = 0;
  private len = 0;

  reset(view: DataView, at: number, capLen: number, littleEndian: boolean): void {
    this.view = view; this.base = at; this.len = capLen; this.aborted = false; this.littleEndian = littleEndian;
  }

  private inside(off: number, size: number): boolean {
    if (off >= 0 && off + size <= this.len) return true;
    this.aborted = true;
    return false;
  }

  u8(off: number): number { return this.inside(off, 1) ? this.view.getUint8(this.base + off) : -1; }
  u16(off: number): number { return this.inside(off, 2) ? this.view.getUint16(this.base + off) : -1; }
  u32(off: number): number { return this.inside(off, 4) ? this.view.getUint32(this.base + off) : -1; }
}

/** What the compiled filter knows of a link type. */
export interface BpfLinkLayer {
  /** gen_linktype: whether the link header announces `net` (reads may abort the frame). */
  is(f: BpfFrame, net: Net): boolean;
  /** Where the network header is read (OR_LINKPL plus off_nl). */
  networkAt(f: BpfFrame): number;
}

type NetValues = readonly [ip: readonly number[], ip6: readonly number[], arp: readonly number[], rarp: readonly number[]];

const ETHERTYPES: NetValues = [[0x0800], [0x86dd], [0x0806], [0x8035]];
/** ethertype_to_ppptype: IP and IPv6 have PPP protocol numbers, ARP and RARP keep their ethertypes. */
const PPP_TYPES: NetValues = [[0x0021], [0x0057], [0x0806], [0x8035]];
const PPP_BSDOS_TYPES: NetValues = [[0x0021, 0x002d, 0x002f], [0x0057], [0x0806], [0x8035]];
const ARCNET_TYPES: NetValues = [[0xd4, 0xf0], [0xc4], [0xd5, 0xf1], [0xd6]];
const FRELAY_TYPES: NetValues = [[0x03cc], [0x038e], [], []];
const IPNET_TYPES: NetValues = [[2], [26], [], []];
/** DLT_LOOP / a file's DLT_NULL: AF_INET, and the three BSD AF_INET6 values (libpcap reading a file). */
const LOOPBACK_FAMILIES: NetValues = [[2], [30, 24, 28], [], []];

/** A protocol field of `size` bytes at `at` (big-endian, as BPF loads), the network header at `payload`. */
function typeField(size: 1 | 2 | 4, at: number, values: NetValues, payload: number): BpfLinkLayer {
  return {
    is: (f, net) => {
      const want = values[net];
      if (want.length === 0) return false;
      const v = size === 1 ? f.u8(at) : size === 2 ? f.u16(at) : f.u32(at);
      return want.includes(v);
    },
    networkAt: () => payload,
  };
}

/** Raw IP and SLIP: the version nibble of the link header's first byte. */
function versionNibble(payload: number): BpfLinkLayer {
  return {
    is: (f, net) => (net === NET_IP ? (f.u8(0) & 0xf0) === 0x40 : net === NET_IP6 ? (f.u8(0) & 0xf0) === 0x60 : false),
    networkAt: () => payload,
  };
}

/** A link type that carries one network protocol only (DLT_IPV4, DLT_IPV6). */
const only = (net: Net): BpfLinkLayer => ({ is: (_f, n) => n === net, networkAt: () => 0 });

/** Juniper's and BACnet's: a magic number says nothing of the protocol, so every `is` holds. */
function magic(mask: number, value: number, payload: number): BpfLinkLayer {
  return { is: (f) => ((f.u32(0) & mask) >>> 0) === value, networkAt: () => payload };
}

/** DLT_NULL and DLT_ENC: the address family in the file's byte order (the host that wrote it). */
function hostOrderFamily(payload: number): BpfLinkLayer {
  return {
    is: (f, net) => {
      const be = f.u32(0);
      if (be < 0) return false;
      const family = f.littleEndian ? ((be >>> 24) | ((be >>> 8) & 0xff00) | ((be << 8) & 0xff0000) | (be << 24)) >>> 0 : be;
      return LOOPBACK_FAMILIES[net].includes(family);
    },
    networkAt: () => payload,
  };
}

/** PFLOG: the family byte (the compiling host's AF_INET6, 10 on Linux), the header length rounded up to 4. */
const PFLOG: BpfLinkLayer = {
  is: (f, net) => {
    f.u8(0);
    const af = f.u8(1);
    return net === NET_IP ? af === 2 : net === NET_IP6 ? af === 10 : false;
  },
  networkAt: (f) => (f.u8(0) + 3) & ~3,
};

/** SunATM: LLC-encapsulated frames only, then the SNAP protocol id. */
const SUNATM: BpfLinkLayer = {
  is: (f, net) => (f.u8(0) & 0x0f) === 2 && ETHERTYPES[net].includes(f.u16(10)),
  networkAt: () => 12,
};

/**
 * 802.11 behind a radio header of `radioLength` bytes: a data frame (frame control type 2), 24 header bytes (a
 * QoS data frame 26, never 30: BPF does not look at the address count), with radiotap a pad to 4 bytes when its
 * flags say so, then the LLC/SNAP header, whose protocol id is compared.
 */
function ieee80211(radioLength: (f: BpfFrame) => number, radiotap: boolean): BpfLinkLayer {
  const llcAt = (f: BpfFrame): number => {
    const h = radioLength(f);
    let at = h + 24;
    const fc = f.u8(h);
    if ((fc & 0x08) === 0 || (fc & 0x04) !== 0) return at;
    if (fc & 0x80) at += 2;
    if (radiotap) {
      const present = f.u32(4);
      if ((present & 0x02000000) !== 0 && (present & 0x80) === 0) {
        const flags = f.u8((present & 0x01000000) !== 0 ? 16 : 8);
        if (flags & 0x20) at = (at + 3) & ~3;
      }
    }
    return at;
  };
  return {
    is: (f, net) => {
      const at = llcAt(f);
      const fc = f.u8(radioLength(f));
      return (fc & 0x04) === 0 && (fc & 0x08) !== 0 && ETHERTYPES[net].includes(f.u16(at + 6));
    },
    networkAt: (f) => llcAt(f) + 8,
  };
}

const RADIOTAP = ieee80211((f) => f.u8(2) | f.u8(3) << 8, true);
/** PPI: only a PPI header announcing 802.11 (DLT 105) gets past the program's first test. */
const PPI = ieee80211((f) => {
  if (f.u32(4) !== 0x69000000) f.aborted = true;
  return f.u8(2) | f.u8(3) << 8;
}, false);
const PRISM = ieee80211((f) => ((f.u32(0) & 0xfffff000) >>> 0 === 0x80211000 ? f.u32(4) : 144), false);
const AVS = ieee80211((f) => f.u32(4), false);

const JUNIPER_MAGIC = 0x4d474300;
/** Juniper link types and where their network header is read (off_linkpl + off_nl; −2 is NOT_SET + NOT_SET). */
const JUNIPER_PAYLOAD: Record<number, number> = {
  130: 4, 131: 4, 134: 4, 137: 4, 179: 4, 180: 4, 181: 4, 135: 8, 133: 12, 164: 12, 168: 6, 167: 32, 178: 32,
  132: -2, 136: -2, 183: -2, 194: -2, 200: -2, 232: -2, 233: -2, 234: -2, 238: -2,
};

/** Link types by LINKTYPE_ value as found in files (after libpcap's linktype_to_dlt). */
function layerFor(linkType: number): BpfLinkLayer | null {
  const juniper = JUNIPER_PAYLOAD[linkType];
  if (juniper !== undefined) return magic(0xffffff00, JUNIPER_MAGIC, juniper);
  switch (linkType) {
    case 0: return hostOrderFamily(4);
    case 109: return hostOrderFamily(12);
    case 108: return typeField(4, 0, LOOPBACK_FAMILIES, 4);
    case 1: return typeField(2, 12, ETHERTYPES, 14);
    case 240: return typeField(2, 16, ETHERTYPES, 18);        // netANALYZER: 4-byte pseudo-header
    case 241: return typeField(2, 24, ETHERTYPES, 26);        // transparent: + preamble and SFD
    case 113: return typeField(2, 14, ETHERTYPES, 16);
    case 276: return typeField(2, 0, ETHERTYPES, 20);
    case 9: case 50: case 166: return typeField(2, 2, PPP_TYPES, 4);
    case 51: return typeField(2, 6, PPP_TYPES, 8);
    case 16: case 103: return typeField(2, 5, PPP_BSDOS_TYPES, 24);
    case 104: case 112: return typeField(2, 2, ETHERTYPES, 4);
    case 99: return typeField(2, 6, ETHERTYPES, 44);
    case 138: return typeField(2, 16, ETHERTYPES, 18);
    case 11: case 19: case 100: case 106: return typeField(2, 6, ETHERTYPES, 8);   // LLC/SNAP at the start
    case 122: return typeField(2, 22, ETHERTYPES, 24);
    case 10: return typeField(2, 19, ETHERTYPES, 21);          // FDDI: 13-byte MAC header, SNAP id 6 bytes in
    case 6: return typeField(2, 20, ETHERTYPES, 22);           // Token Ring
    case 107: return typeField(2, 2, FRELAY_TYPES, 0);
    case 226: return typeField(1, 1, IPNET_TYPES, 24);
    case 7: return typeField(1, 2, ARCNET_TYPES, 6);
    case 129: return typeField(1, 4, ARCNET_TYPES, 8);
    case 8: return versionNibble(16);
    case 15: case 102: return versionNibble(24);
    case 12: case 101: return versionNibble(0);
    case 228: return only(NET_IP);
    case 229: return only(NET_IP6);
    case 117: return PFLOG;
    case 123: return SUNATM;
    case 165: return magic(0xffff0000, 0x55ff0000, -2);
    case 105: return ieee80211(() => 0, false);
    case 127: return RADIOTAP;
    case 192: return PPI;
    case 119: return PRISM;
    case 163: return AVS;
    case 114: return { is: () => false, networkAt: () => 0 };   // LocalTalk: no IP test compiles to "false"
    default: return null;
  }
}

const layers = new Map<number, BpfLinkLayer | string>();

/** The link type's layer, or why tcpdump refuses to filter it (it then prints no packet). */
export function bpfLinkLayer(linkType: number): BpfLinkLayer | string {
  let l = layers.get(linkType);
  if (l === undefined) {
    l = layerFor(linkType) ?? (linkType < 104 || linkType > 289
      ? `unknown data link type ${linkType}`
      : `link-layer type ${linkType} filtering not implemented`);
    layers.set(linkType, l);
  }
  return l;
}
