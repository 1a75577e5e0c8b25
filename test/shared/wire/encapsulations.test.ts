import { describe, expect, it } from 'vitest';
import {
  concat, fields, handshake, ipv4Packet, ipv6Tcp, udp,
} from '../../support/capture-bytes';
import { expectSameAsTshark } from '../../support/corpus-variant';
import { requireTool } from '../../support/require-tool';
import { tcpFieldRows } from '../../support/tcp-fields';
import { writePcap } from '../../support/write-pcap';

/**
 * Encapsulations tshark looks through by default, found missing by running the differential against captures from
 * tcpdump's, Zeek's, libpcap's and dpkt's test captures (GTP-U, Teredo, AYIYA, GRE in UDP, L2TP, WCCP, IPv4 AH, 802.1ah,
 * VN-Tag, E-Tag, Cisco MetaData, Cisco FabricPath, Aruba's 802.11 in GRE, PPPoE lengths, CAPWAP, NFLOG, IPoIB, Juniper Ethernet, Cisco HDLC).
 * Each capture carries one handshake-and-data conversation per variant (its own client port), so a variant that
 * hides its TCP from us, or shows TCP tshark does not see, changes the frames with tcp or the conversation table.
 */
const OUTER_A = [192, 168, 0, 1], OUTER_B = [192, 168, 0, 2];
const ETH = Uint8Array.of(0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0x66, 0x77, 0x88, 0x99, 0xaa);
const bytes = (n: number, v = 0x5a): Uint8Array => new Uint8Array(n).fill(v);

const ethernet = (type: number, payload: Uint8Array): Uint8Array => concat(ETH, fields(false, [type, 2]), payload);
const overUdp = (sport: number, dport: number, payload: Uint8Array): Uint8Array =>
  ethernet(0x0800, ipv4Packet(17, OUTER_A, OUTER_B, udp(sport, dport, payload)));
const gtp = (flags: number, type: number, extra: Uint8Array, inner: Uint8Array): Uint8Array =>
  concat(fields(false, [flags, 1], [type, 1], [extra.length + inner.length, 2], [0x1234, 4]), extra, inner);
const pppoe = (payloadLength: number): Uint8Array => fields(false, [0x11, 1], [0, 1], [0x0f07, 2], [payloadLength, 2]);
/** An 802.11 QoS data frame (to the AP) with QoS control `qos` (0x80: A-MSDU), LLC/SNAP then IPv4 unless A-MSDU. */
const wifi = (qos: number, body: Uint8Array): Uint8Array => concat(Uint8Array.of(0x88, 0x01, 0, 0), bytes(18, 0x22), Uint8Array.of(0x10, 0, qos, 0),
  qos & 0x80 ? body.subarray(0, 14) : new Uint8Array(0), Uint8Array.of(0xaa, 0xaa, 3, 0, 0, 0, 8, 0), qos & 0x80 ? body.subarray(14) : body);
/** A CAPWAP data header: preamble, HLEN 2 (8 bytes), radio 0, binding 1, `flags` (T 0x100, F 0x80), fragment fields. */
const capwap = (flags: number): Uint8Array => concat(fields(false, [(2 << 19) | (1 << 9) | flags, 4]), bytes(4, 0));
const swapFrameControl = (frame: Uint8Array): Uint8Array => concat(Uint8Array.of(frame[1], frame[0]), frame.subarray(2));
const gre = (proto: number, payload: Uint8Array): Uint8Array => concat(fields(false, [0, 2], [proto, 2]), payload);

const GRE_S = 0x1000;
/** GRE (`flags`: S adds a sequence number) of protocol `proto` carrying an ERSPAN `header`, then an Ethernet frame of `ip`. */
const greErspan = (flags: number, proto: number, header: Uint8Array, ip: Uint8Array): Uint8Array =>
  ethernet(0x0800, ipv4Packet(47, OUTER_A, OUTER_B, concat(fields(false, [flags, 2], [proto, 2]), flags & GRE_S ? fields(false, [1, 4]) : new Uint8Array(0),
    header, ethernet(0x0800, ip))));
/** An ERSPAN type III header (version 2, VLAN 20) with its last word's frame type/hardware/O bits `bits`. */
const erspan3 = (bits: number): Uint8Array => fields(false, [0x2000 | 20, 2], [0, 2], [0x01020304, 4], [0, 2], [bits, 2]);

/** An MPLS frame with one label (bottom of stack) carrying `payload`. */
const mplsPw = (payload: Uint8Array): Uint8Array => ethernet(0x8847, concat(fields(false, [(16050 << 12) | 0x100 | 63, 4]), payload));
/** An Ethernet frame from `src` to `dst` carrying `ip`. */
const pwFrame = (dst: number[], ip: Uint8Array, src = [2, 0, 0, 0, 0, 2]): Uint8Array =>
  concat(Uint8Array.from(dst), Uint8Array.from(src), fields(false, [0x0800, 2]), ip);

/** Every packet of the handshake with client port `port`, wrapped by `wrap`. */
const conversation = (port: number, wrap: (ip: Uint8Array) => Uint8Array): Uint8Array[] => handshake(port).map(wrap);

const V6_C = [0x20, 0x01, 0, 0, ...new Array<number>(11).fill(0), 1], V6_S = [0x20, 0x01, 0, 0, ...new Array<number>(11).fill(0), 2];
function handshakeV6(port: number): Uint8Array[] {
  return [
    ipv6Tcp({ src: V6_C, dst: V6_S, sport: port, dport: 80, seq: 1000, ack: 0, flags: 0x02 }),
    ipv6Tcp({ src: V6_S, dst: V6_C, sport: 80, dport: port, seq: 5000, ack: 1001, flags: 0x12 }),
    ipv6Tcp({ src: V6_C, dst: V6_S, sport: port, dport: 80, seq: 1001, ack: 5001, flags: 0x10 }),
  ];
}

const ETHERNET_FRAMES: Record<string, Uint8Array[]> = {
  'GTP-U G-PDU, both ports 2152': conversation(41001, (ip) => overUdp(2152, 2152, gtp(0x30, 0xff, new Uint8Array(0), ip))),
  'GTP-U with a sequence number': conversation(41002, (ip) => overUdp(2152, 2152, gtp(0x32, 0xff, bytes(4, 0), ip))),
  'GTP-U with a PDU session container extension header': conversation(41003, (ip) =>
    overUdp(9000, 2152, gtp(0x34, 0xff, Uint8Array.of(0, 0, 0, 0x85, 1, 0x10, 0x09, 0), ip))),
  'GTP-U echo request (no user packet)': conversation(41004, (ip) => overUdp(2152, 2152, gtp(0x30, 0x01, new Uint8Array(0), ip))),
  'GTP-U port above a well-known port (DNS decodes it)': conversation(41005, (ip) => overUdp(53, 2152, gtp(0x30, 0xff, new Uint8Array(0), ip))),
  // packet-udp.c: the lower port first, if Wireshark has a dissector on it (none on 104) that takes it (NetFlow's does not).
  'GTP-U above a low port with no UDP dissector (nDPI ja3 capture)': conversation(41037, (ip) => overUdp(104, 2152, gtp(0x30, 0xff, new Uint8Array(0), ip))),
  'VXLAN above a registered port whose dissector turns it down (NetFlow)': conversation(41038, (ip) => overUdp(2055, 4789, concat(Uint8Array.of(8, 0, 0, 0, 0, 0, 1, 0), ethernet(0x0800, ip)))),
  'GRE in UDP (RFC 8086)': conversation(41006, (ip) => overUdp(40000, 4754, gre(0x0800, ip))),
  'AYIYA forwarding IPv4': conversation(41007, (ip) =>
    overUdp(5072, 5072, concat(Uint8Array.of(0x41, 0x52, 0x11, 4), fields(false, [1700000000, 4]), bytes(16), bytes(20), ip))),
  'AYIYA echo (not forwarded)': conversation(41008, (ip) =>
    overUdp(5072, 5072, concat(Uint8Array.of(0x41, 0x52, 0x10, 4), fields(false, [1700000000, 4]), bytes(16), bytes(20), ip))),
  'Teredo with an origin indication': handshakeV6(41009).map((ip) =>
    overUdp(3544, 50000, concat(Uint8Array.of(0, 0, 0x9c, 0x40, 0x3f, 0xff, 0xff, 0xfe), ip))),
  'Teredo bare': handshakeV6(41010).map((ip) => overUdp(50001, 3544, ip)),
  'WCCP redirection in GRE': conversation(41011, (ip) => ethernet(0x0800, ipv4Packet(47, OUTER_A, OUTER_B, gre(0x883e, concat(bytes(4, 0), ip))))),
  '802.1ah (PBB) I-TAG': conversation(41012, (ip) => ethernet(0x88e7, concat(fields(false, [0x00012345, 4]), ETH, fields(false, [0x0800, 2]), ip))),
  'VN-Tag': conversation(41013, (ip) => ethernet(0x8926, concat(bytes(4, 0), fields(false, [0x0800, 2]), ip))),
  'PPPoE session': conversation(41015, (ip) => ethernet(0x8864, concat(pppoe(ip.length + 2), fields(false, [0x0021, 2]), ip))),
  // packet-pppoe.c hands PPP only the payload length it announces: 8 bytes short here, so the data segment's 6 bytes
  // and 2 of its header are not there for tshark (Zeek's pppoe-over-qinq trace).
  'PPPoE session whose payload length stops short of the frame': conversation(41016, (ip) =>
    ethernet(0x8864, concat(pppoe(ip.length + 2 - 8), fields(false, [0x0021, 2]), ip))),
  'L2TPv2 data message with length and sequence numbers, PPP inside': conversation(41017, (ip) =>
    overUdp(1701, 1701, concat(fields(false, [0x4802, 2], [ip.length + 18, 2], [7, 2], [9, 2], [0, 2], [0, 2]), Uint8Array.of(0xff, 0x03, 0, 0x21), ip))),
  'L2TP control message (none inside)': conversation(41018, (ip) => overUdp(1701, 1701, concat(fields(false, [0xc802, 2], [ip.length + 12, 2], [7, 2], [0, 2]), ip))),
  'IPv4 AH, transport mode': conversation(41019, (ip) => ethernet(0x0800, ipv4Packet(51, OUTER_A, OUTER_B, concat(Uint8Array.of(6, 4, 0, 0), bytes(20, 1), ip.subarray(20))))),
  'IPv4 AH, tunnel mode': conversation(41020, (ip) => ethernet(0x0800, ipv4Packet(51, OUTER_A, OUTER_B, concat(Uint8Array.of(4, 4, 0, 0), bytes(20, 1), ip)))),
  // packet-cisco-fp-mim.c takes the last 4 bytes as the FCS, so without one the inner frame loses 4 bytes of its end.
  'Cisco FabricPath with its FCS': conversation(41021, (ip) => ethernet(0x8903, concat(Uint8Array.of(0x01, 0x3f), ethernet(0x0800, ip), bytes(4)))),
  'Cisco FabricPath without an FCS': conversation(41022, (ip) => ethernet(0x8903, concat(Uint8Array.of(0x01, 0x3f), ethernet(0x0800, ip)))),
  'Cisco FabricPath behind an 802.1Q tag': conversation(41023, (ip) =>
    ethernet(0x8100, concat(Uint8Array.of(0, 7, 0x89, 0x03, 0x01, 0x3f), ethernet(0x0800, ip), bytes(4)))),
  'Aruba GRE (0x8200), 802.11 QoS data': conversation(41024, (ip) => ethernet(0x0800, ipv4Packet(47, OUTER_A, OUTER_B, gre(0x8200, wifi(0, ip))))),
  'Aruba WLAN GRE type 0x9000 (tshark shows data)': conversation(41026, (ip) => ethernet(0x0800, ipv4Packet(47, OUTER_A, OUTER_B, gre(0x9000, wifi(0, ip))))),
  'Aruba GRE (0x8240), 802.11 A-MSDU with one subframe': conversation(41025, (ip) =>
    ethernet(0x0800, ipv4Packet(47, OUTER_A, OUTER_B, gre(0x8240, wifi(0x80, concat(ETH, fields(false, [8 + ip.length, 2]), ip)))))),
  // CAPWAP data: 8-byte header (HLEN 2), binding 1; tshark swaps a native 802.11 frame's frame control bytes.
  'CAPWAP data, native 802.11 (frame control swapped)': conversation(41027, (ip) =>
    overUdp(40000, 5247, concat(capwap(0x100), swapFrameControl(wifi(0, ip))))),
  'CAPWAP data, 802.3 frame': conversation(41028, (ip) => overUdp(40000, 5247, concat(capwap(0), ethernet(0x0800, ip)))),
  'CAPWAP control port below the data port (the control dissector takes it)': conversation(41030, (ip) =>
    overUdp(5247, 5246, concat(capwap(0), ethernet(0x0800, ip)))),
  'CAPWAP data fragment (tshark reassembles, SynAck does not: none)': conversation(41029, (ip) =>
    overUdp(40000, 5247, concat(capwap(0x100 | 0x80), swapFrameControl(wifi(0, ip))))),
  '802.1BR E-Tag': conversation(41014, (ip) => ethernet(0x893f, concat(bytes(6, 0), fields(false, [0x0800, 2]), ip))),
  // Cisco MetaData: version 1, length 1, an SGT option, the tag, then the EtherType (Cisco mercury's tls_sgt capture).
  'Cisco MetaData (security group tag)': conversation(41031, (ip) => ethernet(0x8909, concat(Uint8Array.of(1, 1, 0, 1, 0, 2), fields(false, [0x0800, 2]), ip))),
  'Cisco MetaData in GRE (EtherType first)': conversation(41032, (ip) =>
    ethernet(0x0800, ipv4Packet(47, OUTER_A, OUTER_B, gre(0x8909, concat(fields(false, [0x0800, 2]), Uint8Array.of(1, 1, 0, 1, 0, 2), ip))))),
  // packet-gre.c reads any version the same way: K adds a key, R a checksum/offset word and a source route list.
  'GRE version 7 with a key (a damaged header in Zeek erspan trace)': conversation(41034, (ip) =>
    ethernet(0x0800, ipv4Packet(47, OUTER_A, OUTER_B, concat(fields(false, [0x2007, 2], [0x6558, 2], [0x1234, 4]), ethernet(0x0800, ip))))),
  'GRE with a source route list': conversation(41035, (ip) => ethernet(0x0800, ipv4Packet(47, OUTER_A, OUTER_B,
    concat(fields(false, [0x4000, 2], [0x0800, 2], [0, 2], [0, 2]), fields(false, [0x0800, 2], [0, 1], [4, 1], [0x0a000001, 4]), bytes(4, 0), ip)))),
  'WCCP in GRE without a redirect header (an IPv4 header follows at once)': conversation(41036, (ip) =>
    ethernet(0x0800, ipv4Packet(47, OUTER_A, OUTER_B, gre(0x883e, ip)))),
  // packet-cisco-erspan.c: 0x88BE has a header only with GRE's S flag; its version says how long (II: 8, III: 12, +8 with O).
  'ERSPAN type I (0x88BE without a sequence number)': conversation(41039, (ip) => greErspan(0, 0x88be, new Uint8Array(0), ip)),
  'ERSPAN type II': conversation(41040, (ip) => greErspan(GRE_S, 0x88be, fields(false, [0x1000 | 10, 2], [0, 2], [7, 4]), ip)),
  'ERSPAN type III (0x22EB)': conversation(41041, (ip) => greErspan(GRE_S, 0x22eb, erspan3(0), ip)),
  'ERSPAN type III with a platform subheader': conversation(41042, (ip) => greErspan(GRE_S, 0x22eb, concat(erspan3(1), bytes(8, 0)), ip)),
  'ERSPAN type III in 0x88BE': conversation(41043, (ip) => greErspan(GRE_S, 0x88be, erspan3(0), ip)),
  'ERSPAN type III, frame type 2 (tshark: data)': conversation(41044, (ip) => greErspan(GRE_S, 0x22eb, erspan3(2 << 10), ip)),
  'ERSPAN version 3 (unknown: nothing inside)': conversation(41045, (ip) => greErspan(GRE_S, 0x88be, fields(false, [0x3000, 2], [0, 2], [7, 4]), ip)),
  // MikroTik EoIP: GRE version 1 with K (payload length, tunnel id), type 0x6400, then an Ethernet frame.
  'MikroTik EoIP': conversation(41046, (ip) => ethernet(0x0800, ipv4Packet(47, OUTER_A, OUTER_B,
    concat(fields(false, [0x2001, 2], [0x6400, 2], [ip.length + 14, 2], [7, 2]), ethernet(0x0800, ip))))),
  // packet-pw-eth.c: after the label stack a zero nibble is plain Ethernet if bytes 0–2 and 6–8 are OUIs Wireshark knows.
  'MPLS Ethernet pseudowire, control word, destination bytes 2–4 no known OUI': conversation(41047, (ip) =>
    mplsPw(concat(bytes(4, 0), pwFrame([2, 0, 0xff, 0xff, 0xff, 1], ip)))),
  'MPLS Ethernet pseudowire, control word, destination bytes 2–4 Cisco\'s OUI (tshark: the control word starts the frame)': conversation(41048, (ip) =>
    mplsPw(concat(bytes(4, 0), pwFrame([2, 0, 0, 0, 0x0c, 1], ip)))),
  'MPLS Ethernet pseudowire, no control word, both addresses Cisco\'s': conversation(41049, (ip) =>
    mplsPw(pwFrame([0, 0, 0x0c, 1, 2, 3], ip, [0, 0, 0x0c, 4, 5, 6]))),
  'Cisco MetaData with an 802.3 length (tshark: data)': conversation(41033, (ip) => ethernet(0x8909, concat(Uint8Array.of(1, 1, 0, 1, 0, 2), fields(false, [ip.length, 2]), ip))),
};

/** NFLOG (LINKTYPE 239): a prefix TLV, then the payload TLV; TLV lengths and types little-endian. */
function nflog(ip: Uint8Array): Uint8Array {
  const tlv = (type: number, value: Uint8Array): Uint8Array => {
    const len = 4 + value.length;
    return concat(fields(true, [len, 2], [type, 2]), value, new Uint8Array((4 - (len & 3)) & 3));
  };
  return concat(Uint8Array.of(2, 0, 0, 1), tlv(1, Uint8Array.of(8, 0, 3, 0)), tlv(10, Uint8Array.of(0x41, 0)), tlv(9, ip));
}

/** Juniper Ethernet (LINKTYPE 178): "MGC", flags, extension TLVs (media type, encapsulation, ifindex), then Ethernet. */
const juniperEther = (ip: Uint8Array): Uint8Array =>
  concat(Uint8Array.of(0x4d, 0x47, 0x43, 0x80, 0, 8, 3, 1, 1, 6, 1, 0x0e, 0, 0), ethernet(0x0800, ip));
/** The same without a link header: a little-endian protocol word (2: IPv4). */
const juniperNoL2 = (ip: Uint8Array): Uint8Array => concat(Uint8Array.of(0x4d, 0x47, 0x43, 0x02), fields(true, [2, 4]), ip);

/** IPoIB (LINKTYPE 242): 40 bytes of addresses, type, reserved. */
const ipoib = (ip: Uint8Array): Uint8Array => concat(bytes(40, 0), fields(false, [0x0800, 2], [0, 2]), ip);

/**
 * A bare 802.11 data frame (LINKTYPE 105), to DS: addr1 BSSID, addr2 SA (…:02), addr3 DA (…:03); frame control flags
 * `flags`, sequence control 0x1230; then `body` as it is (packet-ieee80211.c decides what it is).
 */
const SA = [2, 0, 0, 0, 0, 2], DA = [2, 0, 0, 0, 0, 3];
const wifiFrame = (flags: number, body: Uint8Array): Uint8Array =>
  concat(Uint8Array.of(0x08, flags, 0, 0, 2, 0, 0, 0, 0, 1), Uint8Array.from(SA), Uint8Array.from(DA), Uint8Array.of(0x30, 0x12), body);
const SNAP_IPV4 = Uint8Array.of(0xaa, 0xaa, 3, 0, 0, 0, 8, 0);
const WIFI_FRAMES: Record<string, Uint8Array[]> = {
  'LLC/SNAP': conversation(43001, (ip) => wifiFrame(0x01, concat(SNAP_IPV4, ip))),
  'two zero bytes of "mysterious extra stuff", then LLC': conversation(43002, (ip) => wifiFrame(0x01, concat(Uint8Array.of(0, 0), SNAP_IPV4, ip))),
  'a copy of the sequence control, then LLC': conversation(43003, (ip) => wifiFrame(0x01, concat(Uint8Array.of(0x30, 0x12), SNAP_IPV4, ip))),
  'an Ethernet frame to the destination address': conversation(43004, (ip) => wifiFrame(0x01, concat(Uint8Array.from(DA), Uint8Array.from(SA), Uint8Array.of(8, 0), ip))),
  'an EtherType right away (EPD)': conversation(43005, (ip) => wifiFrame(0x01, concat(Uint8Array.of(8, 0), ip))),
  'a fragment with more to come (not reassembled)': conversation(43006, (ip) => wifiFrame(0x05, concat(SNAP_IPV4, ip))),
  'Netware IPX (0xffff)': conversation(43007, (ip) => wifiFrame(0x01, concat(Uint8Array.of(0xff, 0xff), SNAP_IPV4, ip))),
};

/** BSD NULL link headers packet-null.c reads in the capturing host's order, or as an EtherType, or as PPP. */
const NULL_FRAMES: Uint8Array[] = [
  ...conversation(44001, (ip) => concat(Uint8Array.of(2, 0, 0, 0), ip)),          // AF_INET, little-endian
  ...conversation(44002, (ip) => concat(Uint8Array.of(0, 0, 0, 2), ip)),          // AF_INET from a big-endian host
  ...conversation(44003, (ip) => concat(Uint8Array.of(2, 0, 8, 0), ip)),          // swapped: EtherType 0x0800 (nDPI opc-ua)
  ...conversation(44004, (ip) => concat(Uint8Array.of(0, 0, 8, 0), ip)),          // EtherType 0x0800 in the upper half
  ...conversation(44005, (ip) => concat(Uint8Array.of(0xff, 3, 0, 0x21), ip)),    // PPP in HDLC framing
  ...handshakeV6(44006).map((ip) => concat(Uint8Array.of(30, 0, 0, 0), ip)),      // Darwin's AF_INET6
  ...handshakeV6(44007).map((ip) => concat(Uint8Array.of(10, 0, 0, 0), ip)),      // Linux's AF_INET6: not in null.type
];

const writeCapture = (name: string, linkType: number, frames: Uint8Array[]): string => writePcap('encapsulations', name, frames, { linkType }, 1000);

const CAPTURES = {
  ethernet: (): string => writeCapture('ethernet-tunnels', 1, Object.values(ETHERNET_FRAMES).flat()),
  nflog: (): string => writeCapture('nflog', 239, conversation(42001, nflog)),
  wifi: (): string => writeCapture('wifi', 105, Object.values(WIFI_FRAMES).flat()),
  bsdNull: (): string => writeCapture('bsd-null', 0, NULL_FRAMES),
  ipoib: (): string => writeCapture('ipoib', 242, conversation(42002, ipoib)),
  ciscoHdlc: (): string => writeCapture('c-hdlc', 104, conversation(42005, (ip) => concat(Uint8Array.of(0x0f, 0, 8, 0), ip))),
  // PPP in HDLC-like framing whose frames carry a Cisco HDLC address: packet-ppp.c hands them to chdlc (nDPI's BGP capture).
  pppCiscoHdlc: (): string => writeCapture('ppp-c-hdlc', 50, [...conversation(42006, (ip) => concat(Uint8Array.of(0x0f, 0, 8, 0), ip)),
    ...conversation(42007, (ip) => concat(Uint8Array.of(0xff, 0x03, 0, 0x21), ip))]),
  juniper: (): string => writeCapture('juniper', 178, [...conversation(42003, juniperEther), ...conversation(42004, juniperNoL2)]),
};

describe('encapsulations', () => {
  it('find the TCP inside every variant that carries it, and none in the others', () => {
    const frames = [...tcpFieldRows(CAPTURES.ethernet(), ['tcp.srcport']).values()].map((v) => Number(v[0]));
    const clientPorts = new Set(frames.filter((p) => p !== 80));
    expect([...clientPorts].sort()).toEqual([41001, 41002, 41003, 41006, 41007, 41009, 41010, 41011, 41012, 41013, 41014, 41015, 41016, 41017, 41019, 41020, 41021, 41022, 41023, 41024, 41025, 41027, 41028, 41031, 41032, 41034, 41035, 41036, 41037, 41038, 41039, 41040, 41041, 41042, 41043, 41046, 41047, 41049]);
    expect(tcpFieldRows(CAPTURES.nflog(), ['tcp.srcport']).size).toBe(5);
    const wifiPorts = new Set([...tcpFieldRows(CAPTURES.wifi(), ['tcp.srcport']).values()].map((v) => Number(v[0])).filter((p) => p !== 80));
    expect([...wifiPorts].sort()).toEqual([43001, 43002, 43003, 43004, 43005]);
    const nullPorts = new Set([...tcpFieldRows(CAPTURES.bsdNull(), ['tcp.srcport']).values()].map((v) => Number(v[0])).filter((p) => p !== 80));
    expect([...nullPorts].sort()).toEqual([44001, 44002, 44003, 44004, 44005, 44006]);
    expect(tcpFieldRows(CAPTURES.ipoib(), ['tcp.srcport']).size).toBe(5);
    expect(tcpFieldRows(CAPTURES.juniper(), ['tcp.srcport']).size).toBe(10);
    expect(tcpFieldRows(CAPTURES.ciscoHdlc(), ['tcp.srcport']).size).toBe(5);
    expect(tcpFieldRows(CAPTURES.pppCiscoHdlc(), ['tcp.srcport']).size).toBe(10);
  });

  it.skipIf(!requireTool('tshark')).each(Object.keys(CAPTURES))('%s: every -T fields field and -z conv,tcp agree with tshark', (name) => {
    expectSameAsTshark(CAPTURES[name as keyof typeof CAPTURES](), name);
  });
});
